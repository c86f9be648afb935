import * as z from 'zod';

/**
 * A place in one store's access log read newest first: the record's time (epoch ms) and a key that orders records
 * sharing that millisecond (a line number in the file, CloudWatch's event id). Records sort by time, then key,
 * both descending; a page continues with the records strictly after the last one it returned.
 */
export interface AuditPosition {
  readonly atMs: number;
  readonly key: string;
}

/** Newest first: later time first, then the greater key. */
export function newestFirst(a: AuditPosition, b: AuditPosition): number {
  return b.atMs - a.atMs || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

/** Whether `position` comes after `cursor` in newest-first order (is older, or as old with a smaller key). */
export function isAfter(position: AuditPosition, cursor: AuditPosition | undefined): boolean {
  return cursor === undefined || newestFirst(cursor, position) < 0;
}

/** The wire form: base64url JSON. Opaque to clients; only its shape is checked when it comes back. */
const CursorJson = z.strictObject({
  t: z.number().int().nonnegative().max(8.64e15),
  k: z.string().max(100),
});

export const AUDIT_CURSOR_MAX_LENGTH = 200;

export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify({ t: position.atMs, k: position.key }), 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is not one this API wrote. */
export function decodeAuditCursor(cursor: string): AuditPosition | undefined {
  if (cursor.length === 0 || cursor.length > AUDIT_CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = CursorJson.safeParse(json);
  return parsed.success ? { atMs: parsed.data.t, key: parsed.data.k } : undefined;
}
