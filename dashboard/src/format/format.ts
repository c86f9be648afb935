/**
 * Locale-aware formatting on Intl only. Formatters are cached per locale and options: building an Intl object
 * costs far more than using one, and tables format thousands of cells.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  create: () => T,
): T {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter as T;
}

export function formatNumber(locale: string, value: number, maximumFractionDigits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return cached(
    `n|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

/** Amounts in the record's own currency; an unknown code falls back to "1,234.50 XYZ" rather than failing. */
export function formatCurrency(locale: string, amount: number | string, currency: string): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return '—';
  try {
    return cached(
      `c|${locale}|${currency}`,
      () => new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'symbol' }),
    ).format(value);
  } catch {
    return `${formatNumber(locale, value, 2)} ${currency}`;
  }
}

/** Compact form for chart axes: 12K / 1.2万. */
export function formatCompact(locale: string, value: number): string {
  return cached(
    `k|${locale}`,
    () => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }),
  ).format(value);
}

function toDate(value: string | number | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatDateTime(locale: string, value: string | number | Date, timeZone?: string): string {
  const date = toDate(value);
  if (date === undefined) return '—';
  return cached(
    `dt|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone === undefined ? {} : { timeZone }),
      }),
  ).format(date);
}

/**
 * A calendar day `YYYY-MM-DD` (as in `daily[].date`) is formatted in UTC so it never shifts by a day in the
 * viewer's time zone.
 */
export function formatDay(locale: string, day: string, style: 'short' | 'medium' = 'medium'): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : toDate(day);
  if (date === undefined || Number.isNaN(date.getTime())) return day;
  return cached(
    `d|${locale}|${style}`,
    () =>
      new Intl.DateTimeFormat(
        locale,
        style === 'short'
          ? { month: 'numeric', day: 'numeric', timeZone: 'UTC' }
          : { dateStyle: 'medium', timeZone: 'UTC' },
      ),
  ).format(date);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 min ago", "in 5 days", "刚刚"… relative to `now` (epoch ms). */
export function formatRelativeTime(locale: string, value: string | number | Date, now: number): string {
  const date = toDate(value);
  if (date === undefined) return '—';
  let amount = (date.getTime() - now) / 1000;
  const formatter = cached(
    `r|${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
  );
  if (Math.abs(amount) < 10) return formatter.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(amount) < size) return formatter.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatter.format(Math.round(amount), 'year');
}
