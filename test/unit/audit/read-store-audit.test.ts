import type { StoreAuditRecord } from '../../../shared/api/audit-contract';
import { decodeAuditCursor, encodeAuditCursor } from '../../../shared/audit/audit-cursor';
import type { Caller } from '../../../shared/auth/caller';
import { BadRequest } from '../../../shared/errors';
import type { AuditQuery, AuditReader } from '../../../shared/ports';
import { readStoreAudit } from '../../../shared/stores/store-admin';

// The route's own logic with a recording reader: the adapters' paging is proven by the port contract suite.
const STORE = 'A2LUMENCRAFT7Q-NA';
const ADMIN: Caller = { userId: 'admin-1', email: undefined, isAdmin: true };
const NOW = new Date('2026-11-23T12:00:00.000Z');

function setup(answer: Awaited<ReturnType<AuditReader['readStoreRecords']>> = { records: [] }) {
  const queries: AuditQuery[] = [];
  const deps = {
    stores: { getMembership: () => Promise.resolve(undefined) },
    reader: {
      readStoreRecords: (query: AuditQuery) => {
        queries.push(query);
        return Promise.resolve(answer);
      },
    },
    audit: { write: () => Promise.resolve() },
    clock: { now: () => NOW },
  };
  const read = (cursor: string | undefined) =>
    readStoreAudit(deps, ADMIN, {
      storeId: STORE,
      from: undefined,
      to: undefined,
      cursor,
      requestId: 'req-1',
    });
  return { queries, read };
}

describe('the access log route', () => {
  it('answers nextCursor when the reader has more, and passes it back as the next position', async () => {
    const next = { atMs: NOW.getTime() - 5, key: '000000000042' };
    const { queries, read } = setup({ records: [] as StoreAuditRecord[], next });

    const first = await read(undefined);
    await read(first.nextCursor);

    expect(first).toMatchObject({ storeId: STORE, to: NOW.toISOString(), records: [] });
    expect(typeof first.nextCursor).toBe('string');
    expect(queries[0]?.after).toBeUndefined();
    expect(queries[1]?.after).toEqual(next);
  });

  it('answers no nextCursor on the last page', async () => {
    const { read } = setup({ records: [] });
    expect(await read(undefined)).not.toHaveProperty('nextCursor');
  });

  it.each([
    ['not base64url', 'a b'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['the wrong shape', Buffer.from(JSON.stringify({ t: 'x', k: 1 })).toString('base64url')],
    ['extra fields', Buffer.from(JSON.stringify({ t: 1, k: '', x: 1 })).toString('base64url')],
    ['a negative time', Buffer.from(JSON.stringify({ t: -1, k: '' })).toString('base64url')],
    ['empty', ''],
  ])('refuses a cursor that is %s with a 400, before reading anything', async (_what, cursor) => {
    const { queries, read } = setup();
    await expect(read(cursor)).rejects.toBeInstanceOf(BadRequest);
    expect(queries).toHaveLength(0);
  });

  it('round-trips a position through the opaque cursor', () => {
    const position = { atMs: 1_790_000_000_123, key: 'event/41' };
    const cursor = encodeAuditCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(cursor)).toEqual(position);
  });
});
