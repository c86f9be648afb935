import type { AuditRecord } from './audit-record';

/** The columns of an exported access log, in order: what a reviewer reads first comes first. */
export const AUDIT_CSV_COLUMNS = [
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
] as const;

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote when needed, and defuse spreadsheet formulas (a value starting with = + - @).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function auditRecordsToCsv(records: readonly AuditRecord[]): string {
  const rows = records.map((record) => {
    const flat: Record<string, unknown> = {
      ...record,
      actorType: record.actor.type,
      actorId: record.actor.id,
    };
    return AUDIT_CSV_COLUMNS.map((column) => cell(flat[column])).join(',');
  });
  return `${[AUDIT_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
