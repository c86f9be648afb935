import type { AuditRecord } from '../api/types';
import type { CsvCell } from './csv';

const DAY_MS = 86_400_000;

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
  return { from: localDay(now - (days - 1) * DAY_MS), to: localDay(now) };
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
    .filter((record) => filter.outcome === ALL || record.outcome === filter.outcome)
    .filter((record) => filter.dataset === ALL || record.dataset === filter.dataset)
    .filter(
      (record) =>
        query === '' ||
        [
          record.actor.id,
          record.reason,
          record.operation,
          record.requestId,
          record.marketplaceId,
          record.kind,
        ]
          .filter((value): value is string => typeof value === 'string')
          .some((value) => value.toLocaleLowerCase().includes(query)),
    )
    .sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
}

export function distinctValues(records: readonly AuditRecord[], field: 'dataset' | 'outcome'): string[] {
  return [
    ...new Set(records.map((record) => record[field]).filter((v): v is string => typeof v === 'string')),
  ].sort();
}

export const AUDIT_CSV_FIELDS = [
  'at',
  'kind',
  'actorType',
  'actorId',
  'storeId',
  'sellingPartnerId',
  'region',
  'marketplaceId',
  'dataset',
  'operation',
  'reason',
  'outcome',
  'source',
  'itemCount',
  'requestId',
  'detail',
] as const;

export function auditCsvRow(record: AuditRecord): CsvCell[] {
  return [
    record.at,
    record.kind,
    record.actor.type,
    record.actor.id,
    record.storeId,
    record.sellingPartnerId,
    record.region,
    record.marketplaceId,
    record.dataset,
    record.operation,
    record.reason,
    record.outcome,
    record.source,
    record.itemCount,
    record.requestId,
    record.detail === undefined ? undefined : JSON.stringify(record.detail),
  ];
}
