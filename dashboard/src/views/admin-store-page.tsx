import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { Loading, Notice } from '../components/notice';
import { adminStoreAsStore, findAdminStore } from '../data/admin-stores';
import { storeName } from '../data/store-status';
import { usePageTitle } from '../hooks/use-page-title';
import { useResource } from '../hooks/use-resource';
import { routeHref, type StoreRoute } from '../router/routes';
import { AuditView } from './audit-view';
import { MembersView } from './members-view';

type AdminStoreRoute = Extract<StoreRoute, { name: 'audit' | 'members' }>;

/**
 * A store's members and access log for an admin who is not one of its members (the store is not in their own
 * list, GET /api/stores): the store comes from the admin list, and only those two views are offered, since the API
 * opens the store's data to members only. A deep link works too: the admin list is read until the store is found.
 */
export function AdminStorePage({ route }: { route: AdminStoreRoute }) {
  const { t } = useI18n();
  const { api } = useServices();
  const { state, reload } = useResource(
    (signal) => findAdminStore(route.storeId, (cursor) => api.listAdminStores(cursor, { signal })),
    [route.storeId, api],
  );
  const store =
    state.status === 'ready' && state.data !== undefined ? adminStoreAsStore(state.data) : undefined;
  const title = t(route.name === 'audit' ? 'audit.title' : 'members.title');
  usePageTitle(store === undefined ? title : `${title} · ${storeName(store)}`, t('app.title'));

  return (
    <>
      <div class="page-head">
        <p class="eyebrow">
          <Link href="/admin">{t('admin.back')}</Link>
          {store === undefined ? null : (
            <>
              <span aria-hidden="true"> / </span>
              <span>
                {t('store.heading', { name: storeName(store), region: t(`region.${store.region}`) })}
              </span>
            </>
          )}
        </p>
        <h1 tabIndex={-1}>{title}</h1>
      </div>
      {state.status === 'loading' ? <Loading label={t('admin.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && store === undefined ? (
        <Notice tone="error">
          <p>{t('admin.storeNotFound')}</p>
          <p>
            <Link href="/admin">{t('admin.back')}</Link>
          </p>
        </Notice>
      ) : null}
      {store === undefined ? null : <AdminStoreViews store={store} route={route} />}
    </>
  );
}

function AdminStoreViews({ store, route }: { store: Store; route: AdminStoreRoute }) {
  const { t } = useI18n();
  const tabs = [
    {
      name: 'audit' as const,
      href: routeHref({ name: 'audit', storeId: store.storeId }),
      label: t('audit.title'),
    },
    {
      name: 'members' as const,
      href: routeHref({ name: 'members', storeId: store.storeId }),
      label: t('members.title'),
    },
  ];
  return (
    <>
      <nav class="tabs" aria-label={t('store.views')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.name}>
              <Link href={tab.href} class="tab" aria-current={tab.name === route.name ? 'page' : undefined}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Notice tone="info">
        <p>{t('admin.notMember')}</p>
      </Notice>
      {route.name === 'audit' ? <AuditView store={store} route={route} /> : <MembersView store={store} />}
    </>
  );
}
