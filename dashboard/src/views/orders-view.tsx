import type { OrdersResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { BreakdownTable } from '../components/breakdown-table';
import { DailyChart } from '../components/daily-chart';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote, IncompleteNotice, TimeZoneNote } from '../components/freshness-note';
import { KpiList, type Kpi } from '../components/kpi-list';
import { Loading } from '../components/notice';
import {
  DEFAULT_ORDER_DAYS,
  ORDER_WINDOWS,
  breakdown,
  chartGeometry,
  dailyRevenue,
  orderedStatuses,
  primaryCurrency,
  rankAtRisk,
} from '../data/orders';
import { formatCurrency, formatDay, formatNumber } from '../format/format';
import { findMarketplace, marketplaceLabel } from '../format/marketplaces';
import { useNow } from '../hooks/use-now';
import { useResource } from '../hooks/use-resource';
import { ORDERS_AT_RISK_ANCHOR } from '../data/overview';
import { useScrollToFragment } from '../router/navigation';
import { AtRiskTable } from './orders-at-risk-table';
import { useStoreChoices, UrlCorrectionNotice } from './store-choices';
import { MarketplacePicker, PeriodPicker, Toolbar } from './store-page';

const PERIOD = { windows: ORDER_WINDOWS, fallback: DEFAULT_ORDER_DAYS };

export function OrdersView({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const choices = useStoreChoices(store, PERIOD);
  const { marketplaceId, days } = choices;
  const { state, reload } = useResource(
    (signal) =>
      marketplaceId === undefined
        ? Promise.reject(new Error('no marketplace'))
        : api.getOrders(store.storeId, marketplaceId, days, 'order-fulfillment-monitoring', { signal }),
    [store.storeId, marketplaceId, days],
  );
  // The overview links to `#orders-at-risk`: the section exists once the answer is shown.
  useScrollToFragment(ORDERS_AT_RISK_ANCHOR, state.status === 'ready');

  return (
    <>
      <UrlCorrectionNotice choices={choices} />
      <Toolbar>
        {marketplaceId === undefined ? null : (
          <MarketplacePicker
            store={store}
            value={marketplaceId}
            onChange={(id) => choices.choose({ marketplaceId: id })}
          />
        )}
        <PeriodPicker
          label={t('orders.period')}
          windows={ORDER_WINDOWS}
          value={days}
          optionLabel={(option) => t('orders.periodOption', { days: option })}
          onChange={(option) => choices.choose({ days: option })}
        />
        {state.status === 'ready' ? <FreshnessNote data={state.data} /> : null}
      </Toolbar>
      {state.status === 'loading' ? <Loading label={t('orders.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <IncompleteNotice data={state.data} onRefresh={reload} /> : null}
      {state.status === 'ready' ? <OrdersReport data={state.data} /> : null}
    </>
  );
}

function OrdersReport({ data }: { data: OrdersResponse }) {
  const { t, tv, locale } = useI18n();
  const now = useNow(60_000);
  const n = (value: number) => formatNumber(locale, value);
  const currency = primaryCurrency(data.totals, findMarketplace(data.marketplaceId)?.currency);
  const revenueText =
    data.totals.revenue.length === 0
      ? formatCurrency(locale, 0, currency ?? 'USD')
      : data.totals.revenue.map((money) => formatCurrency(locale, money.amount, money.currency)).join(' + ');

  const kpis: Kpi[] = [
    { id: 'orders', label: t('orders.kpi.orders'), value: n(data.totals.orders) },
    { id: 'revenue', label: t('orders.kpi.revenue'), value: revenueText },
  ];
  const statusKpis: Kpi[] = orderedStatuses(data.totals.byStatus).map(([status, count]) => ({
    id: status,
    label: tv('status', status),
    value: n(count),
  }));

  const atRisk = rankAtRisk(data.atRisk, now);
  const geometry = chartGeometry(data.daily, currency, {
    width: 1,
    height: 1,
    left: 0,
    right: 0,
    top: 0,
    bottom: 0,
  });
  const peak = [...geometry.bars].sort((a, b) => b.orders - a.orders)[0];
  const totalRevenue = data.daily.reduce((sum, day) => sum + dailyRevenue(day, currency), 0);
  const summary = t('orders.chart.summary', {
    days: n(data.daily.length),
    orders: n(data.daily.reduce((sum, day) => sum + day.orders, 0)),
    revenue:
      currency === undefined
        ? formatNumber(locale, totalRevenue, 2)
        : formatCurrency(locale, totalRevenue, currency),
    peak: n(peak?.orders ?? 0),
    peakDay: peak === undefined ? '—' : formatDay(locale, peak.date),
  });
  const byMarketplace = data.totals.byMarketplace;
  // An empty list is an all-clear only when the open orders were read completely.
  const atRiskKnown = data.openOrders.complete;

  return (
    <>
      <KpiList label={t('orders.kpis')} items={kpis} />
      {statusKpis.length === 0 ? null : (
        <section aria-labelledby="orders-status">
          <h2 id="orders-status" class="section-title">
            {t('orders.byStatus')}
          </h2>
          <KpiList label={t('orders.byStatus')} items={statusKpis} />
        </section>
      )}

      <section class="panel" aria-labelledby={ORDERS_AT_RISK_ANCHOR}>
        <h2 id={ORDERS_AT_RISK_ANCHOR} tabIndex={-1}>
          {t('orders.atRisk.title')}
        </h2>
        {atRisk.length === 0 ? (
          <p class={atRiskKnown ? 'empty' : 'empty notice-warning'} data-testid="at-risk-empty">
            {atRiskKnown ? t('orders.atRisk.none') : t('orders.atRisk.unknown')}
          </p>
        ) : (
          <AtRiskTable orders={atRisk} data={data} now={now} />
        )}
      </section>

      <section class="panel" aria-labelledby="orders-chart">
        <h2 id="orders-chart">{t('orders.chart.title')}</h2>
        <TimeZoneNote timeZone={data.timeZone} />
        {data.daily.length === 0 ? (
          <p class="empty">{data.freshness.complete ? t('orders.chart.empty') : t('freshness.incomplete')}</p>
        ) : (
          <DailyChart daily={data.daily} currency={currency} summary={summary} />
        )}
      </section>

      <div class="panel-grid">
        <BreakdownTable
          title={t('orders.channel.title')}
          keyHeader={t('orders.channel.column')}
          rows={breakdown(data.totals.byChannel)}
          label={(key) => tv('channel', key)}
        />
        {byMarketplace === undefined ? null : (
          <BreakdownTable
            title={t('orders.marketplace.title')}
            keyHeader={t('orders.marketplace.column')}
            rows={breakdown(byMarketplace)}
            label={(key) => marketplaceLabel(locale, key)}
          />
        )}
      </div>
    </>
  );
}
