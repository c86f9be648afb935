import { auditRecordFields } from '../../../shared/audit/audit-csv';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import type { AuditRecord } from '../api/types';

// The access log's CSV: the same columns and writer as `npm run audit` (shared/audit/audit-csv.ts).
export {
  AUDIT_CSV_COLUMNS,
  auditCsvRow,
  auditRecordFields,
  auditRecordsToCsv,
} from '../../../shared/audit/audit-csv';

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

/** Newest first, narrowed by outcome, dataset and a free-text match on actor, reason, operation, request id. */
export function filterAudit(records: readonly AuditRecord[], filter: AuditFilter): AuditRecord[] {
  const query = filter.query.trim().toLocaleLowerCase();
  return records
    .map((record) => ({ record, fields: auditRecordFields(record) }))
    .filter(({ fields }) => filter.outcome === ALL || fields.outcome === filter.outcome)
    .filter(({ fields }) => filter.dataset === ALL || fields.dataset === filter.dataset)
    .filter(
      ({ fields }) =>
        query === '' ||
        [fields.actorId, fields.reason, fields.operation, fields.requestId, fields.marketplaceId, fields.kind]
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
  readonly records: readonly AuditRecord[];
  readonly nextCursor: string | undefined;
}

export function appendAuditPage(
  pages: AuditPages | undefined,
  page: { readonly records: readonly AuditRecord[]; readonly nextCursor?: string },
): AuditPages {
  return {
    records: [...(pages?.records ?? []), ...page.records],
    nextCursor: page.nextCursor,
  };
}
