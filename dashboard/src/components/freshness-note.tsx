import type { Freshness } from '../api/types';
import { useI18n } from '../app-context';
import { formatDateTime } from '../format/format';
import { freshnessText } from '../format/freshness';
import { useNow } from '../hooks/use-now';

/** Where the numbers come from and how old they are; the exact time is in the tooltip and the markup. */
export function FreshnessNote({ data }: { readonly data: Freshness }) {
  const { locale } = useI18n();
  const now = useNow(30_000);
  return (
    <p class={`freshness ${data.source === 'amazon' ? 'freshness-live' : 'freshness-cached'}`}>
      <span class="freshness-dot" aria-hidden="true" />
      <time dateTime={data.asOf} title={formatDateTime(locale, data.asOf)}>
        {freshnessText(locale, data, now)}
      </time>
    </p>
  );
}
