import type {
  OverviewInventoryLine,
  OverviewMarketplace,
  OverviewOrdersLine,
  OverviewResponse,
  OverviewStore,
} from '../../../shared/api/overview-contract';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { KpiList, type Kpi } from '../components/kpi-list';
import { Link } from '../components/link';
import { Loading } from '../components/notice';
import {
  anyLoaded,
  authorizationAttention,
  incompleteHref,
  inventoryStatusHref,
  lineAgeSeconds,
  lineCount,
  ordersAtRiskHref,
  storeAllClear,
  type OverviewCount,
} from '../data/overview';
import { revokedBadgeKey, revokedCause } from '../data/store-status';
import { formatDateTime, formatNumber } from '../format/format';
import { formatAge } from '../format/freshness';
import { marketplaceLabel } from '../format/marketplaces';
import { useNow } from '../hooks/use-now';
import { usePageTitle } from '../hooks/use-page-title';
import { useResource } from '../hooks/use-resource';
import type { MessageKey } from '../i18n/en';

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

function OverviewStoreCard({ store, generatedAt }: { store: OverviewStore; generatedAt: string }) {
  const { t, locale } = useI18n();
  const headingId = `overview-store-${store.storeId}`;
  const attention = authorizationAttention(store.authorization);
  return (
    <section class="panel overview-store" aria-labelledby={headingId} data-store-id={store.storeId}>
      <div class="overview-store-head">
        <h2 id={headingId} class="store-name">
          {store.displayName}
        </h2>
        <span class="store-meta">
          {store.sellingPartnerId} · {t(`region.${store.region}`)}
          <span class="badge badge-muted">{t(`stores.role.${store.role}`)}</span>
          <StatusBadge store={store} />
          {store.dataIncomplete ? (
            <span class="badge badge-warning" data-testid="overview-incomplete">
              {t('overview.dataIncomplete')}
            </span>
          ) : null}
          {storeAllClear(store) ? <span class="badge badge-ok">{t('overview.allClear')}</span> : null}
        </span>
      </div>
      <p class={attention === 'ok' ? 'store-meta' : 'overview-auth'} data-testid="overview-authorization">
        {attention === 'lost' ? (
          <>
            {t('overview.auth.lost')}
            {store.authorization.revokedReason === undefined
              ? null
              : ` ${t(`stores.cause.${revokedCause(store.authorization.revokedReason)}`)}.`}{' '}
            <Link href="/stores">{t('overview.auth.toStores')}</Link>
          </>
        ) : (
          <>
            {t(attention === 'due' ? 'overview.auth.due' : 'overview.auth.ok', {
              date: formatDateTime(locale, store.authorization.reauthorizeBy),
              days: formatNumber(locale, store.authorization.reauthorizeInDays),
            })}
            {attention === 'due' ? (
              <>
                {' '}
                <Link href="/stores">{t('overview.auth.toStores')}</Link>
              </>
            ) : null}
          </>
        )}
      </p>
      {store.marketplaces.length === 0 ? null : (
        <ul class="overview-marketplaces plain-list">
          {store.marketplaces.map((marketplace) => (
            <li
              key={marketplace.marketplaceId}
              class="overview-marketplace"
              data-marketplace-id={marketplace.marketplaceId}
            >
              <h3>{marketplaceLabel(locale, marketplace.marketplaceId)}</h3>
              <MarketplaceLines store={store} marketplace={marketplace} generatedAt={generatedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusBadge({ store }: { store: OverviewStore }) {
  const { t } = useI18n();
  switch (store.status) {
    case 'ACTIVE':
      return store.authorization.due ? (
        <span class="badge badge-warning">{t('overview.auth.dueBadge')}</span>
      ) : (
        <span class="badge badge-ok">{t('stores.status.active')}</span>
      );
    case 'REAUTH_REQUIRED':
      return <span class="badge badge-danger">{t('stores.status.reauthRequired')}</span>;
    case 'SUSPENDED':
      return <span class="badge badge-danger">{t('stores.status.suspended')}</span>;
    default:
      return (
        <span class="badge badge-danger">
          {t(revokedBadgeKey(revokedCause(store.authorization.revokedReason)))}
        </span>
      );
  }
}

function MarketplaceLines(props: {
  store: OverviewStore;
  marketplace: OverviewMarketplace;
  generatedAt: string;
}) {
  const { store, marketplace, generatedAt } = props;
  const { storeId } = store;
  const { marketplaceId, orders, inventory } = marketplace;
  const atRisk = ordersAtRiskHref(storeId, marketplaceId);
  const { t } = useI18n();
  const incomplete = [marketplace.orders, marketplace.inventory].some(
    (line) => line !== null && (line.state === 'not-loaded' || !line.complete),
  );
  return (
    <dl class="overview-lines">
      {orders === null ? null : (
        <CountsLine
          dataset="orders"
          line={orders}
          counts={[
            { label: 'overview.count.late', value: orders.late, href: atRisk, testId: 'late' },
            { label: 'overview.count.due24h', value: orders.dueWithin24h, href: atRisk, testId: 'due24h' },
          ]}
          generatedAt={generatedAt}
        />
      )}
      {inventory === null ? null : (
        <CountsLine
          dataset="inventory"
          line={inventory}
          counts={[
            {
              label: 'overview.count.outOfStock',
              value: inventory.outOfStock,
              href: inventoryStatusHref(storeId, marketplaceId, 'out-of-stock'),
              testId: 'outOfStock',
            },
            {
              label: 'overview.count.orderNow',
              value: inventory.orderNow,
              href: inventoryStatusHref(storeId, marketplaceId, 'order-now'),
              testId: 'orderNow',
            },
          ]}
          generatedAt={generatedAt}
        />
      )}
      {incomplete ? (
        <div class="overview-line">
          <dt>{t('overview.dataIncomplete')}</dt>
          <dd>
            <Link href={incompleteHref(storeId, marketplace)}>{t('overview.openToLoad')}</Link>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

interface LineCount {
  readonly label: MessageKey;
  readonly value: number | null;
  readonly href: string;
  readonly testId: string;
}

/** One dataset's line of a marketplace: its two counts, each a link to the filtered view, and its age. */
function CountsLine(props: {
  dataset: 'orders' | 'inventory';
  line: OverviewOrdersLine | OverviewInventoryLine;
  counts: readonly LineCount[];
  generatedAt: string;
}) {
  const { t } = useI18n();
  const { line } = props;
  return (
    <div class="overview-line" data-line={props.dataset}>
      <dt>{t(props.dataset === 'orders' ? 'overview.line.orders' : 'overview.line.inventory')}</dt>
      <dd>
        {props.counts.map((count) => (
          <CountLink
            key={count.testId}
            count={lineCount(line, count.value)}
            label={count.label}
            href={count.href}
            testId={count.testId}
          />
        ))}
        <LineAge line={line} generatedAt={props.generatedAt} />
      </dd>
    </div>
  );
}

function CountLink(props: { count: OverviewCount; label: MessageKey; href: string; testId: string }) {
  const { t, locale } = useI18n();
  const { count } = props;
  const text =
    count.kind === 'not-loaded'
      ? t(props.label, { count: t('overview.notLoaded') })
      : t(props.label, { count: formatNumber(locale, count.value) });
  const urgent = count.kind === 'count' && count.value > 0;
  return (
    <span class={`overview-count${urgent ? ' overview-count-urgent' : ''}`} data-testid={props.testId}>
      <Link href={props.href} class="overview-link">
        {text}
      </Link>
    </span>
  );
}

function LineAge({
  line,
  generatedAt,
}: {
  line: OverviewOrdersLine | OverviewInventoryLine;
  generatedAt: string;
}) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  const age = lineAgeSeconds(line, generatedAt, now);
  return (
    <span
      class="store-meta"
      data-testid="line-age"
      title={line.asOf === null ? undefined : formatDateTime(locale, line.asOf)}
    >
      {age === undefined
        ? t('overview.notLoadedExplain')
        : `${t('freshness.storedCopy', { age: formatAge(locale, age) })}${line.complete ? '' : ` · ${t('overview.partial')}`}`}
    </span>
  );
}
