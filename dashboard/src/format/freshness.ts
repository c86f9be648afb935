import type { Freshness } from '../api/types';
import { translate, type Locale } from '../i18n/i18n';
import { formatRelativeTime } from './format';

/** "Live from Amazon, as of 2 min ago" or "As of 3 min ago, from cache", from a response's asOf and source. */
export function freshnessText(locale: Locale, data: Freshness, now: number): string {
  const relative = formatRelativeTime(locale, data.asOf, now);
  return translate(locale, data.source === 'amazon' ? 'freshness.live' : 'freshness.cached', { relative });
}
