import { useEffect } from 'preact/hooks';
import type { DataAnswer } from '../api/types';
import { useI18n } from '../app-context';
import { formatDateTime } from '../format/format';
import { freshnessText, historyText, refreshText } from '../format/freshness';
import { useCountdown, useNow } from '../hooks/use-now';

/** Where the numbers come from and how old they are; the exact time is in the tooltip and the markup. */
export function FreshnessNote({ data }: { readonly data: DataAnswer }) {
  const { locale } = useI18n();
  const now = useNow(30_000);
  const complete = data.freshness.complete;
  return (
    <p
      class={`freshness ${complete && data.source === 'amazon' ? 'freshness-live' : 'freshness-cached'}`}
      data-complete={String(complete)}
    >
      <span class="freshness-dot" aria-hidden="true" />
      <time dateTime={data.asOf} title={formatDateTime(locale, data.asOf)}>
        {freshnessText(locale, data, now)}
      </time>
    </p>
  );
}

/**
 * The visible notice of an incomplete answer ("history loaded from 12 Nov; 18 of 90 days still to read —
 * refreshing in 2 min"), in the reader's language, and the refresh itself once Amazon's usage plans or its
 * report processing allow more to be read. Renders nothing for a complete answer. Advertising says its own
 * cause: Amazon Ads prepares reports asynchronously, in minutes and sometimes hours.
 */
export function IncompleteNotice({
  data,
  onRefresh,
  dataset,
}: {
  readonly data: DataAnswer;
  readonly onRefresh: () => void;
  /** `ads`: the wording of reports Amazon is still preparing; otherwise orders' and inventory's. */
  readonly dataset?: 'ads';
}) {
  const { t, locale } = useI18n();
  const retryAfter = data.freshness.complete
    ? undefined
    : Math.max(5, data.freshness.retryAfterSeconds ?? 60);
  const left = useCountdown(retryAfter, data.asOf);
  useEffect(() => {
    if (retryAfter === undefined) return undefined;
    const timer = window.setTimeout(onRefresh, retryAfter * 1000);
    return () => window.clearTimeout(timer);
  }, [retryAfter, data.asOf]);
  if (retryAfter === undefined) return null;
  const parts =
    dataset === 'ads'
      ? [t('ads.incomplete')]
      : [
          data.openOrders?.complete === false ? t('freshness.openOrdersUnknown') : undefined,
          historyText(locale, data) ??
            (data.openOrders?.complete === false ? undefined : t('freshness.incomplete')),
        ].filter((part): part is string => part !== undefined);
  return (
    <div class="notice notice-warning incomplete-notice" role="status" data-testid="incomplete-notice">
      <p>
        {parts.join(' ')} — {refreshText(locale, left)}
      </p>
    </div>
  );
}

/** The zone every date and day of the view is in. */
export function TimeZoneNote({ timeZone }: { readonly timeZone: string | undefined }) {
  const { t } = useI18n();
  if (timeZone === undefined) return null;
  return (
    <p class="muted time-zone-note" data-testid="time-zone-note">
      {t('freshness.timeZone', { zone: timeZone })}
    </p>
  );
}
