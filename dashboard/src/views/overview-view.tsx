import type { OverviewResponse } from '../../../shared/api/overview-contract';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { KpiList, type Kpi } from '../components/kpi-list';
import { Link } from '../components/link';
import { Loading } from '../components/notice';
import { anyLoaded } from '../data/overview';
import { formatDateTime, formatNumber } from '../format/format';
import { usePageTitle } from '../hooks/use-page-title';
import { useResource } from '../hooks/use-resource';
import { OverviewStoreCard } from './overview-store-card';

/** The home page: what needs attention today across every store and marketplace the caller may see. */
export function OverviewView() {
  const { t } = useI18n();
  const { api } = useServices();
  const { state, reload } = useResource(
    (signal) => api.getOverview('order-fulfillment-monitoring', { signal }),
    [api],
  );
  usePageTitle(t('overview.title'), t('app.title'));

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('overview.title')}</h1>
        <p class="lead">{t('overview.intro')}</p>
      </div>
      {state.status === 'loading' ? <Loading label={t('overview.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <OverviewReport data={state.data} /> : null}
    </>
  );
}

function OverviewReport({ data }: { data: OverviewResponse }) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(locale, value);
  const totals = data.totals;
  const tone = (value: number, kind: 'warning' | 'danger') => (value > 0 ? kind : undefined);
  // With no line of a dataset loaded anywhere, its totals are unknown, not 0.
  const ordersLoaded = anyLoaded(data.stores, 'orders');
  const inventoryLoaded = anyLoaded(data.stores, 'inventory');
  const count = (value: number, loaded: boolean) => (loaded ? n(value) : t('overview.notLoaded'));
  const kpis: Kpi[] = [
    { id: 'stores', label: t('overview.total.stores'), value: n(totals.stores) },
    {
      id: 'late',
      label: t('overview.total.late'),
      value: count(totals.lateShipments, ordersLoaded),
      tone: tone(totals.lateShipments, 'danger'),
    },
    {
      id: 'due24h',
      label: t('overview.total.due24h'),
      value: count(totals.dueWithin24h, ordersLoaded),
      tone: tone(totals.dueWithin24h, 'warning'),
    },
    {
      id: 'outOfStock',
      label: t('overview.total.outOfStock'),
      value: count(totals.outOfStock, inventoryLoaded),
      tone: tone(totals.outOfStock, 'danger'),
    },
    {
      id: 'orderNow',
      label: t('overview.total.orderNow'),
      value: count(totals.orderNow, inventoryLoaded),
      tone: tone(totals.orderNow, 'warning'),
    },
    {
      id: 'authDue',
      label: t('overview.total.authorizationDue'),
      value: n(totals.authorizationDue),
      tone: tone(totals.authorizationDue, 'warning'),
    },
    {
      id: 'authLost',
      label: t('overview.total.authorizationLost'),
      value: n(totals.authorizationLost),
      tone: tone(totals.authorizationLost, 'danger'),
    },
    {
      id: 'incomplete',
      label: t('overview.total.dataIncomplete'),
      value: n(totals.dataIncomplete),
      tone: tone(totals.dataIncomplete, 'warning'),
    },
    {
      id: 'notLoaded',
      label: t('overview.total.linesNotLoaded'),
      value: n(totals.linesNotLoaded),
      tone: tone(totals.linesNotLoaded, 'warning'),
    },
  ];
  return (
    <>
      <p class="hint" data-testid="overview-generated">
        {t('overview.generatedAt', { date: formatDateTime(locale, data.generatedAt) })}
      </p>
      <KpiList label={t('overview.totalsLabel')} items={kpis} />
      {totals.linesNotLoaded > 0 ? (
        <p class="hint">{t('overview.notLoadedHint', { count: n(totals.linesNotLoaded) })}</p>
      ) : null}
      {data.stores.length === 0 ? (
        <p class="empty">
          {t('overview.empty')} <Link href="/stores">{t('overview.toStores')}</Link>
        </p>
      ) : (
        <ol class="overview-stores plain-list" aria-label={t('overview.storesLabel')}>
          {data.stores.map((store) => (
            <li key={store.storeId}>
              <OverviewStoreCard store={store} generatedAt={data.generatedAt} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
