import type { AdsSummary } from '../../../shared/api/ads-contract';
import { useI18n } from '../app-context';
import { KpiList, type Kpi } from '../components/kpi-list';
import { ratioText } from '../data/ads';
import { formatCurrency, formatNumber } from '../format/format';

/** The ads view's headline figures: spend, attributed sales and orders, the ratios, traffic, campaigns out of budget. */
export function AdsKpis({ data }: { data: AdsSummary }) {
  const { t, locale } = useI18n();
  const money = (value: number | null) =>
    value === null ? t('common.noValue') : formatCurrency(locale, value, data.currency);
  const n = (value: number) => formatNumber(locale, value);
  const outOfBudget = data.campaigns.filter((campaign) => campaign.outOfBudget).length;
  const { totals } = data;
  const kpis: Kpi[] = [
    { id: 'spend', label: t('ads.kpi.spend'), value: money(totals.cost) },
    { id: 'sales', label: t('ads.kpi.sales'), value: money(totals.attributedSales) },
    { id: 'orders', label: t('ads.kpi.orders'), value: n(totals.attributedOrders) },
    { id: 'acos', label: t('ads.kpi.acos'), value: ratioText(locale, totals.acos, 'percent') },
    { id: 'roas', label: t('ads.kpi.roas'), value: ratioText(locale, totals.roas, 'multiple') },
    { id: 'tacos', label: t('ads.kpi.tacos'), value: ratioText(locale, totals.tacos, 'percent') },
    { id: 'impressions', label: t('ads.kpi.impressions'), value: n(totals.impressions) },
    { id: 'clicks', label: t('ads.kpi.clicks'), value: n(totals.clicks) },
    {
      id: 'out-of-budget',
      label: t('ads.kpi.outOfBudget'),
      value: n(outOfBudget),
      ...(outOfBudget > 0 ? { tone: 'danger' as const } : {}),
    },
  ];
  return <KpiList label={t('ads.kpis')} items={kpis} />;
}
