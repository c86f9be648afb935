import type { ComponentChildren } from 'preact';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { Loading, Notice } from '../components/notice';
import { adsEnabled } from '../data/ads';
import {
  accountAtRisk,
  canOpenData,
  canReadAudit,
  canReauthorize,
  canViewMembers,
  revokedMessageKey,
  storeName,
  storeStatusView,
} from '../data/store-status';
import { formatRelativeTime } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { useNow } from '../hooks/use-now';
import { usePageTitle } from '../hooks/use-page-title';
import { navigate } from '../router/navigation';
import { routeHref, type StoreRoute } from '../router/routes';
import { findStore, useStores } from '../stores-context';
import { AdminStorePage } from './admin-store-page';
import { AdsView } from './ads-view';
import { AuditView } from './audit-view';
import { InventoryView } from './inventory-view';
import { MembersView } from './members-view';
import { OrdersView } from './orders-view';
import { RestockSettingsView } from './restock-settings-view';

const VIEW_TITLES = {
  inventory: 'inventory.title',
  orders: 'orders.title',
  ads: 'ads.title',
  audit: 'audit.title',
  members: 'members.title',
  'restock-settings': 'restock.title',
} as const;

/** A store's page: which store, its views as tabs, and the chosen view. */
export function StorePage({ route }: { route: StoreRoute }) {
  const { t } = useI18n();
  const { state, reload, isAdmin } = useStores();
  const store = findStore(state, route.storeId);
  const title = t(VIEW_TITLES[route.name]);
  usePageTitle(store === undefined ? title : `${title} · ${storeName(store)}`, t('app.title'));

  if (state.status === 'loading') return <Loading label={t('stores.loading')} />;
  if (state.status === 'error') {
    return (
      <>
        <div class="page-head">
          <p class="eyebrow">
            <Link href="/stores">{t('store.back')}</Link>
          </p>
          <h1 tabIndex={-1}>{title}</h1>
        </div>
        <ErrorNotice error={state.error} onRetry={reload} />
      </>
    );
  }
  // An admin may read any store's members and access log, member or not (the API decides; docs/contracts.md).
  if (store === undefined && isAdmin && (route.name === 'members' || route.name === 'audit'))
    return <AdminStorePage route={route} />;
  if (store === undefined) {
    return (
      <>
        <h1 tabIndex={-1}>{title}</h1>
        <Notice tone="error">
          <p>{t('store.notFound')}</p>
          <p>
            <Link href="/stores">{t('store.back')}</Link>
          </p>
        </Notice>
      </>
    );
  }

  return (
    <>
      <div class="page-head">
        <p class="eyebrow">
          <Link href="/stores">{t('store.back')}</Link>
          <span aria-hidden="true"> / </span>
          <span>{t('store.heading', { name: storeName(store), region: t(`region.${store.region}`) })}</span>
        </p>
        <h1 tabIndex={-1}>{title}</h1>
      </div>
      <StoreTabs store={store} route={route} isAdmin={isAdmin} />
      <StoreStatusNotice store={store} />
      {/* A suspended store refuses every read: its notice says why, and no request is made to be refused. */}
      {route.name === 'inventory' && store.status !== 'SUSPENDED' ? <InventoryView store={store} /> : null}
      {route.name === 'orders' && store.status !== 'SUSPENDED' ? <OrdersView store={store} /> : null}
      {route.name === 'ads' && store.status !== 'SUSPENDED' ? <AdsView store={store} /> : null}
      {route.name === 'audit' ? (
        canReadAudit(store, isAdmin) ? (
          <AuditView store={store} route={route} />
        ) : (
          <Notice tone="info">
            <p>{t('audit.notAllowed')}</p>
          </Notice>
        )
      ) : null}
      {route.name === 'members' ? <MembersView store={store} /> : null}
      {route.name === 'restock-settings' ? <RestockSettingsView store={store} /> : null}
    </>
  );
}

function StoreTabs({ store, route, isAdmin }: { store: Store; route: StoreRoute; isAdmin: boolean }) {
  const { t } = useI18n();
  const { config } = useServices();
  const marketplaceId = 'marketplaceId' in route ? route.marketplaceId : undefined;
  const tabs = [
    ...(canOpenData(store)
      ? [
          {
            name: 'inventory' as const,
            href: routeHref({
              name: 'inventory',
              storeId: store.storeId,
              ...(marketplaceId ? { marketplaceId } : {}),
            }),
          },
          {
            name: 'orders' as const,
            href: routeHref({
              name: 'orders',
              storeId: store.storeId,
              days: 30,
              ...(marketplaceId ? { marketplaceId } : {}),
            }),
          },
        ]
      : []),
    // Hidden unless the `ads` dataset is live (config.json): its consent is then never offered.
    ...(canOpenData(store) && adsEnabled(config)
      ? [
          {
            name: 'ads' as const,
            href: routeHref({
              name: 'ads',
              storeId: store.storeId,
              days: 30,
              ...(marketplaceId ? { marketplaceId } : {}),
            }),
          },
        ]
      : []),
    ...(store.role === undefined
      ? []
      : [
          {
            name: 'restock-settings' as const,
            href: routeHref({ name: 'restock-settings', storeId: store.storeId }),
          },
        ]),
    ...(canReadAudit(store, isAdmin)
      ? [{ name: 'audit' as const, href: routeHref({ name: 'audit', storeId: store.storeId }) }]
      : []),
    ...(canViewMembers(store, isAdmin)
      ? [{ name: 'members' as const, href: routeHref({ name: 'members', storeId: store.storeId }) }]
      : []),
  ];
  return (
    <nav class="tabs" aria-label={t('store.views')}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.name}>
            <Link href={tab.href} class="tab" aria-current={tab.name === route.name ? 'page' : undefined}>
              {t(VIEW_TITLES[tab.name])}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function StoreStatusNotice({ store }: { store: Store }) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  const view = storeStatusView(store);
  const next = canReauthorize(store) ? (
    <Link href="/stores">{t('error.action.reauthorize')}</Link>
  ) : (
    t('store.askOwner')
  );
  switch (view.kind) {
    case 'reauth-due':
      return (
        <Notice tone="warning">
          <p>
            {t('stores.status.reauthDue', { relative: formatRelativeTime(locale, view.reauthorizeBy, now) })}{' '}
            {next}
          </p>
        </Notice>
      );
    case 'reauth-required':
      return (
        <Notice tone="warning">
          <p>
            {t('stores.status.reauthRequired')} {next}
          </p>
        </Notice>
      );
    case 'suspended':
      // Amazon deactivated the account: re-authorizing would not help, so no link to it.
      return (
        <Notice tone="warning">
          <p>
            <strong>{t('stores.status.suspended')}</strong> {t('store.suspended.explain')}
          </p>
        </Notice>
      );
    case 'revoked':
      return (
        <Notice tone="warning">
          <p>
            {t(revokedMessageKey(view.cause))} {view.cause === 'account-deactivated' ? null : next}
          </p>
        </Notice>
      );
    default:
      return accountAtRisk(store) ? (
        <Notice tone="warning">
          <p>
            <strong>{t('stores.status.atRisk')}</strong> {t('store.atRisk.explain')}
          </p>
        </Notice>
      ) : null;
  }
}

/** The store's marketplaces as a select; the choice goes into the URL. */
export function MarketplacePicker(props: {
  store: Store;
  value: string;
  onChange: (marketplaceId: string) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <label class="field">
      <span class="field-label">{t('store.marketplace')}</span>
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.store.marketplaceIds.map((id) => (
          <option key={id} value={id}>
            {marketplaceLabel(locale, id)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A view's period ("Last 30 days") as a select; the choice goes into the URL. */
export function PeriodPicker(props: {
  label: string;
  windows: readonly number[];
  value: number;
  optionLabel: (days: number) => string;
  onChange: (days: number) => void;
}) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      <select
        value={String(props.value)}
        onChange={(event) => props.onChange(Number(event.currentTarget.value))}
      >
        {props.windows.map((days) => (
          <option key={days} value={String(days)}>
            {props.optionLabel(days)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Toolbar({ children }: { children: ComponentChildren }) {
  return <div class="toolbar">{children}</div>;
}

export function go(href: string): void {
  navigate(href, { replace: true });
}
