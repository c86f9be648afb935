import { translate, type Locale, type MessageKey } from '../i18n/i18n';
import { toCsv, type CsvCell } from '../../../shared/audit/audit-csv';

// One CSV writer for the API's export script and the dashboard: RFC 4180, a UTF-8 BOM, spreadsheet formulas
// defused (shared/audit/audit-csv.ts).
export { UTF8_BOM, escapeCsvCell, toCsv, type CsvCell } from '../../../shared/audit/audit-csv';

/**
 * A downloaded CSV: the header row in the dashboard's language, the words people read (`headerKey` names each
 * column's catalogue entry), then the rows through the one escaper. Cells stay machine-friendly (ISO dates, plain
 * numbers); only the header and the labels a builder chooses to translate follow the language.
 */
export function localizedCsv<Column extends string>(
  locale: Locale,
  columns: readonly Column[],
  headerKey: (column: Column) => MessageKey,
  rows: Iterable<readonly CsvCell[]>,
): string {
  return toCsv(
    columns.map((column) => translate(locale, headerKey(column))),
    rows,
  );
}

/** `inventory-A2LUMENCRAFT7Q-NA-ATVPDKIKX0DER-2026-11-23.csv`: safe characters only. */
export function csvFileName(parts: readonly string[], now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `${[...parts, day].map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '_')).join('-')}.csv`;
}

/** Saves the text as a file through a Blob URL (no server round-trip, allowed by the CSP). */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
