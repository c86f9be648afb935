import { auditRecordFields } from '../../../shared/audit/audit-csv';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import type { AuditActorIdentity } from '../../../shared/api/audit-contract';
import type { AuditRecord } from '../api/types';

// Every field of a record side by side, as the table, the filters and the CSV read them (shared/audit/audit-csv.ts);
// the access log's CSV itself is in access-log-csv.ts.
export { auditRecordFields } from '../../../shared/audit/audit-csv';

/** `YYYY-MM-DD` of a moment in the viewer's time zone (what `<input type="date">` holds). */
export function localDay(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface DayRange {
  /** `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly to: string;
}

export function lastDays(days: number, now: number): DayRange {
  return { from: localDay(now - (days - 1) * MILLISECONDS_PER_DAY), to: localDay(now) };
}

export const DEFAULT_AUDIT_DAYS = 7;

function isDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** The range from the URL, or the last 7 days; a reversed range is put in order. */
export function auditRangeFrom(
  from: string | null | undefined,
  to: string | null | undefined,
  now: number,
): DayRange {
  const fallback = lastDays(DEFAULT_AUDIT_DAYS, now);
  const start = isDay(from) ? from : fallback.from;
  const end = isDay(to) ? to : fallback.to;
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}

/** The API's `from`/`to` (ISO-8601 instants): local midnight at the start of `from` to local midnight after `to`. */
export function auditQuery(range: DayRange): { from: string; to: string } {
  const start = new Date(`${range.from}T00:00:00`);
  const end = new Date(`${range.to}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export interface AuditFilter {
  readonly outcome: string;
  readonly dataset: string;
  readonly query: string;
}

export const ALL = 'all';

/**
 * Who a record names, as the access log shows it: an operator's name (else email) from the user pool, with the
 * email and id kept for the tooltip; `unknown` when the pool has no such user any more (the API sends both null);
 * the id alone when the API sent no names (the pool could not be asked). System actors are the caller's to name.
 */
export interface ActorView {
  readonly kind: 'system' | 'operator' | 'unknown' | 'id-only';
  /** What the cell shows first. */
  readonly primary: string;
  /** The email under a name, when both exist. */
  readonly secondary?: string;
  /** Everything known, for the title attribute (the cell may be cut short). */
  readonly full: string;
}

export function actorView(record: AuditRecord & AuditActorIdentity): ActorView {
  const id = record.actor.id;
  if (record.actor.type === 'system') return { kind: 'system', primary: id, full: `system: ${id}` };
  const { actorName, actorEmail } = record;
  if (actorName === undefined && actorEmail === undefined) return { kind: 'id-only', primary: id, full: id };
  if ((actorName ?? null) === null && (actorEmail ?? null) === null)
    return { kind: 'unknown', primary: id, full: id };
  const primary = actorName ?? actorEmail ?? id;
  const secondary = actorName != null && actorEmail != null ? actorEmail : undefined;
  return {
    kind: 'operator',
    primary,
    ...(secondary === undefined ? {} : { secondary }),
    full: [actorName, actorEmail, id].filter((part): part is string => typeof part === 'string').join(' · '),
  };
}

/**
 * Newest first, narrowed by outcome, dataset and a free-text match on who (id, name, email), reason, operation,
 * request id, marketplace and kind. The match runs over the records loaded so far (a page at a time).
 */
export function filterAudit<R extends AuditRecord & AuditActorIdentity>(
  records: readonly R[],
  filter: AuditFilter,
): R[] {
  const query = filter.query.trim().toLocaleLowerCase();
  return records
    .map((record) => ({
      record,
      fields: { ...auditRecordFields(record), actorName: record.actorName, actorEmail: record.actorEmail },
    }))
    .filter(({ fields }) => filter.outcome === ALL || fields.outcome === filter.outcome)
    .filter(({ fields }) => filter.dataset === ALL || fields.dataset === filter.dataset)
    .filter(
      ({ fields }) =>
        query === '' ||
        [
          fields.actorId,
          fields.actorName,
          fields.actorEmail,
          fields.reason,
          fields.operation,
          fields.requestId,
          fields.marketplaceId,
          fields.kind,
        ]
          .filter((value): value is string => typeof value === 'string')
          .some((value) => value.toLocaleLowerCase().includes(query)),
    )
    .sort((a, b) => (Date.parse(b.record.at) || 0) - (Date.parse(a.record.at) || 0))
    .map(({ record }) => record);
}

export function distinctValues(records: readonly AuditRecord[], field: 'dataset' | 'outcome'): string[] {
  return [
    ...new Set(
      records
        .map((record) => auditRecordFields(record)[field])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ].sort();
}

/**
 * The access log as loaded so far: pages appended in order (each newest first, older than the one before), and
 * where the next older page starts, if anywhere.
 */
export interface AuditPages {
  readonly records: readonly (AuditRecord & AuditActorIdentity)[];
  readonly nextCursor: string | undefined;
}

export function appendAuditPage(
  pages: AuditPages | undefined,
  page: { readonly records: readonly (AuditRecord & AuditActorIdentity)[]; readonly nextCursor?: string },
): AuditPages {
  return {
    records: [...(pages?.records ?? []), ...page.records],
    nextCursor: page.nextCursor,
  };
}
