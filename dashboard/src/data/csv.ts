/**
 * CSV for Excel and every other reader: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte-order mark so Excel
 * opens Chinese product names as text instead of mojibake. Text cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) get a leading apostrophe (OWASP "CSV injection"); numbers are left as numbers.
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
