import type { AuditActorIdentity } from '../../../shared/api/audit-contract';
import { AUDIT_CSV_COLUMNS, auditRecordFields, type AuditCsvColumn } from '../../../shared/audit/audit-csv';
import type { AuditRecord } from '../api/types';
import type { Locale, MessageKey } from '../i18n/i18n';
import { localizedCsv, type CsvCell } from './csv';

/**
 * The access log as the dashboard downloads it: the columns, cells and writer of `npm run audit`
 * (shared/audit/audit-csv.ts) plus the operator's name and email the API adds to each record, under a header row
 * people read, in the chosen language (`audit.csv.*`). The cells stay what the records hold (ISO times, codes such
 * as `data-access` or `allowed`, the user id), so a file from the dashboard and one from the export script can be
 * compared or filtered the same way; the script keeps the field names as its header, for the tools that read it.
 */
export type AccessLogCsvColumn = AuditCsvColumn | 'actorName' | 'actorEmail';

/** Who comes right after the actor's id: name, then email. */
export const ACCESS_LOG_CSV_COLUMNS: readonly AccessLogCsvColumn[] = AUDIT_CSV_COLUMNS.flatMap(
  (column): AccessLogCsvColumn[] => (column === 'actorId' ? [column, 'actorName', 'actorEmail'] : [column]),
);

export const accessLogCsvHeaderKey = (column: AccessLogCsvColumn): MessageKey => `audit.csv.${column}`;

/** One row; the name and email get their own cells (never folded into `detail` as unknown fields). */
export function accessLogCsvRow(entry: AuditRecord & AuditActorIdentity): CsvCell[] {
  const { actorName, actorEmail, ...record } = entry;
  const fields: Readonly<Record<AccessLogCsvColumn, CsvCell>> = {
    ...auditRecordFields(record as AuditRecord),
    actorName: actorName ?? null,
    actorEmail: actorEmail ?? null,
  };
  return ACCESS_LOG_CSV_COLUMNS.map((column) => fields[column]);
}

export function accessLogCsv(entries: Iterable<AuditRecord & AuditActorIdentity>, locale: Locale): string {
  return localizedCsv(
    locale,
    ACCESS_LOG_CSV_COLUMNS,
    accessLogCsvHeaderKey,
    [...entries].map(accessLogCsvRow),
  );
}
