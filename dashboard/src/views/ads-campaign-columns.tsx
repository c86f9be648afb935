import type { AdsCampaign } from '../../../shared/api/ads-contract';
import { useI18n } from '../app-context';
import type { Column } from '../components/data-table';
import { attributionDays, pacingBar, ratioText, usageText, type AdsSortKey } from '../data/ads';
import { formatCurrency, formatNumber } from '../format/format';

/**
 * The campaign table's columns: name with its ad product and id, status, budget, today's pacing, spend, sales (with
 * their attribution window), orders, ACoS, ROAS and traffic. A ratio Amazon cannot define (no sales) reads "—".
 */
export function useAdsCampaignColumns(currency: string): Column<AdsCampaign, AdsSortKey>[] {
  const { t, tv, locale } = useI18n();
  const money = (value: number | null) =>
    value === null ? t('common.noValue') : formatCurrency(locale, value, currency);
  const n = (value: number) => formatNumber(locale, value);
  return [
    {
      id: 'name',
      header: t('ads.col.campaign'),
      sortKey: 'name',
      cell: (c) => (
        <span class="ads-campaign">
          <span class="ads-campaign-name">{c.name}</span>
          <span class="muted ads-campaign-meta">
            {c.outOfBudget ? (
              <>
                <span class="badge badge-danger" data-testid="out-of-budget">
                  {t('ads.outOfBudget')}
                </span>{' '}
              </>
            ) : null}
            {tv('ads.product', c.adProduct)} · {t('ads.campaignId', { id: c.campaignId })}
          </span>
        </span>
      ),
      title: (c) => `${c.name} · ${tv('ads.product', c.adProduct)} · ${c.campaignId}`,
    },
    { id: 'status', header: t('ads.col.status'), width: 's', cell: (c) => tv('ads.status', c.status) },
    {
      id: 'budget',
      header: t('ads.col.budget'),
      align: 'end',
      width: 's',
      cell: (c) => money(c.dailyBudget),
    },
    {
      id: 'pacing',
      header: t('ads.col.pacing'),
      sortKey: 'budgetUsagePercent',
      width: 'l',
      cell: (c) => <PacingCell campaign={c} />,
    },
    {
      id: 'spend',
      header: t('ads.col.spend'),
      sortKey: 'cost',
      align: 'end',
      width: 'm',
      cell: (c) => money(c.cost),
    },
    {
      id: 'sales',
      header: t('ads.col.sales'),
      sortKey: 'attributedSales',
      align: 'end',
      width: 'm',
      cell: (c) => money(c.attributedSales),
      title: (c) => t('ads.attributionOf', { days: attributionDays(c.adProduct) }),
    },
    {
      id: 'orders',
      header: t('ads.col.orders'),
      align: 'end',
      width: 's',
      cell: (c) => n(c.attributedOrders),
    },
    {
      id: 'acos',
      header: t('ads.col.acos'),
      sortKey: 'acos',
      align: 'end',
      width: 's',
      cell: (c) => ratioText(locale, c.acos, 'percent'),
    },
    {
      id: 'roas',
      header: t('ads.col.roas'),
      sortKey: 'roas',
      align: 'end',
      width: 's',
      cell: (c) => ratioText(locale, c.roas, 'multiple'),
    },
    {
      id: 'traffic',
      header: t('ads.col.traffic'),
      align: 'end',
      width: 'm',
      cell: (c) => t('ads.traffic', { clicks: n(c.clicks), impressions: n(c.impressions) }),
    },
  ];
}

/** Today's budget usage as a bar (SVG width attribute, no inline style) with the exact figure beside it. */
function PacingCell({ campaign }: { campaign: AdsCampaign }) {
  const { t, locale } = useI18n();
  const bar = pacingBar(campaign);
  if (bar.percent === null)
    return <span class="muted">{campaign.outOfBudget ? t('ads.outOfBudget') : t('ads.noUsage')}</span>;
  return (
    <span class={`pacing pacing-${bar.level}`} data-usage={String(bar.percent)}>
      <svg class="pacing-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect class="pacing-track" x="0" y="0" width="100" height="8" />
        <rect class="pacing-fill" x="0" y="0" width={bar.width} height="8" />
      </svg>
      <span class="pacing-text">{usageText(locale, bar.percent)}</span>
    </span>
  );
}
