import type { AuditRecord } from './audit-record';

/**
 * CSV for Excel and every other reader, one writer for the access-log export script and the dashboard: RFC 4180
 * quoting, CRLF line ends, and a UTF-8 byte-order mark so Excel opens Chinese names as text instead of mojibake.
 * Text cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe (OWASP "CSV
 * injection"); numbers are left as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(escapeCsvCell).join(',')];
  for (const row of rows) lines.push(row.map(escapeCsvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

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
  'detail',
] as const;
export type AuditCsvColumn = (typeof AUDIT_CSV_COLUMNS)[number];

const scalar = (value: unknown): CsvCell =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;

/**
 * Every field of any kind of record side by side, as a table or a CSV row shows them: absent ones are null, and
 * whatever has no column of its own (a store event's `detail`, a settings change's `before`/`after`, a refused
 * read's `storeStatus`) is kept as JSON in `detail`, so no field is lost.
 */
export function auditRecordFields(record: AuditRecord): Readonly<Record<AuditCsvColumn, CsvCell>> {
  const { actor, detail, ...rest } = record as unknown as Readonly<Record<string, unknown>> & {
    actor: AuditRecord['actor'];
    detail?: unknown;
  };
  const fields = { actorType: actor.type, actorId: actor.id } as Record<AuditCsvColumn, CsvCell>;
  const extra: Record<string, unknown> = typeof detail === 'object' && detail !== null ? { ...detail } : {};
  for (const [key, value] of Object.entries(rest)) {
    if ((AUDIT_CSV_COLUMNS as readonly string[]).includes(key)) fields[key as AuditCsvColumn] = scalar(value);
    else extra[key] = value;
  }
  for (const column of AUDIT_CSV_COLUMNS) fields[column] ??= null;
  fields.detail = Object.keys(extra).length === 0 ? null : JSON.stringify(extra);
  return fields;
}

export function auditCsvRow(record: AuditRecord): CsvCell[] {
  const fields = auditRecordFields(record);
  return AUDIT_CSV_COLUMNS.map((column) => fields[column]);
}

export function auditRecordsToCsv(records: Iterable<AuditRecord>): string {
  return toCsv(AUDIT_CSV_COLUMNS, [...records].map(auditCsvRow));
}
