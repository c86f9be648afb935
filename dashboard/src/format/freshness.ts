import type { DataAnswer } from '../api/types';
import { translate, type Locale } from '../i18n/i18n';
import { formatDay, formatRelativeTime } from './format';
import { SECONDS_PER_DAY } from '../../../shared/time';

type Answer = Pick<DataAnswer, 'asOf' | 'source'> & Partial<Pick<DataAnswer, 'freshness' | 'history'>>;

/** "12 min", "2 h", "3 days" (short units, the locale's way). */
export function formatAge(locale: Locale, seconds: number): string {
  const [value, unit] =
    seconds < 3600
      ? [Math.max(1, Math.round(seconds / 60)), 'minute']
      : seconds < SECONDS_PER_DAY
        ? [Math.round(seconds / 3600), 'hour']
        : [Math.round(seconds / SECONDS_PER_DAY), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/**
 * Source and age of an answer: "From Amazon 3 min ago" / "Stored copy, 12 min old". An answer without the
 * `freshness` block (older API) keeps the plain "as of" wording; nothing here ever says "live" for data that
 * is not complete.
 */
export function freshnessText(locale: Locale, data: Answer, now: number): string {
  const relative = formatRelativeTime(locale, data.asOf, now);
  if (data.freshness === undefined)
    return translate(locale, data.source === 'amazon' ? 'freshness.live' : 'freshness.cached', { relative });
  if (data.source === 'amazon') return translate(locale, 'freshness.fromAmazon', { relative });
  const age = Math.max(data.freshness.ageSeconds, Math.round((now - Date.parse(data.asOf)) / 1000));
  return translate(locale, 'freshness.storedCopy', { age: formatAge(locale, age) });
}

/** "history loaded from 12 Nov; 18 of 90 days still to read", or undefined when nothing is missing. */
export function historyText(locale: Locale, data: Answer): string | undefined {
  const history = data.history;
  if (history === undefined || history.daysLoaded >= history.daysRequested) return undefined;
  const days = String(history.daysRequested);
  if (history.historyFrom === null) return translate(locale, 'freshness.historyNone', { days });
  return translate(locale, 'freshness.historyFrom', {
    from: formatDay(locale, history.historyFrom),
    missing: String(history.daysRequested - history.daysLoaded),
    days,
  });
}

/** "refreshing in 2 min" / "refreshing in 20 s". */
export function refreshText(locale: Locale, seconds: number): string {
  if (seconds <= 0) return translate(locale, 'freshness.refreshing');
  const wait =
    seconds >= 90
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(
          Math.round(seconds / 60),
        )
      : new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(
          seconds,
        );
  return translate(locale, 'freshness.refreshingIn', { wait });
}
