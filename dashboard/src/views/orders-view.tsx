import type { OrdersResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { BreakdownTable } from '../components/breakdown-table';
import { DailyChart } from '../components/daily-chart';
import { ErrorNotice } from '../components/error-notice';
import { FreshnessNote, IncompleteNotice, TimeZoneNote } from '../components/freshness-note';
import { KpiList, type Kpi } from '../components/kpi-list';
import { Loading } from '../components/notice';
import {
  ORDER_WINDOWS,
  breakdown,
  chartGeometry,
  dailyRevenue,
  orderedStatuses,
  primaryCurrency,
  rankAtRisk,
} from '../data/orders';
import {
  formatCurrency,
  formatDateTime,
  formatDay,
  formatNumber,
  formatRelativeTime,
} from '../format/format';
import { findMarketplace, marketplaceLabel } from '../format/marketplaces';
import { useNow } from '../hooks/use-now';
import { useResource } from '../hooks/use-resource';
import { routeHref, type Route } from '../router/routes';
import { MarketplacePicker, PeriodPicker, Toolbar, chosenMarketplace, go } from './store-page';

type OrdersRoute = Extract<Route, { name: 'orders' }>;

export function OrdersView({ store, route }: { store: Store; route: OrdersRoute }) {
  const { t } = useI18n();
  const { api } = useServices();
  const marketplaceId = chosenMarketplace(store, route.marketplaceId);
  const { state, reload } = useResource(
    (signal) =>
      marketplaceId === undefined
        ? Promise.reject(new Error('no marketplace'))
        : api.getOrders(store.storeId, marketplaceId, route.days, 'order-fulfillment-monitoring', { signal }),
    [store.storeId, marketplaceId, route.days],
  );
  const href = (changes: { marketplaceId?: string; days?: number }) =>
    routeHref({
      name: 'orders',
      storeId: store.storeId,
      days: changes.days ?? route.days,
      ...((changes.marketplaceId ?? marketplaceId)
        ? { marketplaceId: changes.marketplaceId ?? marketplaceId }
        : {}),
    });

  return (
    <>
      <Toolbar>
        {marketplaceId === undefined ? null : (
          <MarketplacePicker
            store={store}
            value={marketplaceId}
            onChange={(id) => go(href({ marketplaceId: id }))}
          />
        )}
        <PeriodPicker
          label={t('orders.period')}
          windows={ORDER_WINDOWS}
          value={route.days}
          optionLabel={(days) => t('orders.periodOption', { days })}
          onChange={(days) => go(href({ days }))}
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

      <section class="panel" aria-labelledby="orders-at-risk">
        <h2 id="orders-at-risk">{t('orders.atRisk.title')}</h2>
        {atRisk.length === 0 ? (
          <p class={atRiskKnown ? 'empty' : 'empty notice-warning'} data-testid="at-risk-empty">
            {atRiskKnown ? t('orders.atRisk.none') : t('orders.atRisk.unknown')}
          </p>
        ) : (
          <div
            class="table-scroll table-scroll-short"
            tabIndex={0}
            role="region"
            aria-labelledby="orders-at-risk"
          >
            <table class="simple-table">
              <caption class="visually-hidden">{t('orders.atRisk.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('orders.atRisk.col.order')}</th>
                  <th scope="col">{t('orders.atRisk.col.risk')}</th>
                  <th scope="col">{t('orders.atRisk.col.status')}</th>
                  <th scope="col">{t('orders.atRisk.col.shipBy')}</th>
                </tr>
              </thead>
              <tbody>
                {atRisk.map((order) => (
                  <tr key={order.orderId} class={order.bucket === 'late' ? 'row-alert' : undefined}>
                    <th scope="row" class="mono">
                      {order.orderId}
                    </th>
                    <td>
                      <span
                        class={`badge ${order.bucket === 'late' ? 'badge-danger' : order.bucket === 'due-soon' ? 'badge-warning' : 'badge-muted'}`}
                      >
                        {t(`orders.risk.${order.bucket}`)}
                      </span>
                    </td>
                    <td>{tv('status', order.status)}</td>
                    <td>
                      <time dateTime={order.latestShipDate}>
                        {formatDateTime(locale, order.latestShipDate, data.timeZone)}
                      </time>{' '}
                      <span class="muted">({formatRelativeTime(locale, order.latestShipDate, now)})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
