import { useState } from 'preact/hooks';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import {
  accountAtRisk,
  canDisconnect,
  canOpenData,
  canReadAudit,
  canReauthorize,
  canViewMembers,
  needsAuthorization,
  storeName,
  storeStatusView,
} from '../data/store-status';
import { formatDateTime } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { routeHref } from '../router/routes';
import { useStores } from '../stores-context';
import { DisplayNameForm } from './display-name-form';
import { startAuthorization } from './start-authorization';
import { StatusBadge } from './store-status-badge';

/** The caller's stores, one row each: name, region, marketplaces, status, and what the caller may do there. */
export function StoresTable(props: {
  stores: readonly Store[];
  now: number;
  onDisconnect: (store: Store) => void;
}) {
  const { t, locale } = useI18n();
  const { isAdmin } = useStores();
  return (
    <div class="table-scroll">
      <table class="simple-table stores-table">
        <caption class="visually-hidden">{t('stores.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stores.col.store')}</th>
            <th scope="col">{t('stores.col.region')}</th>
            <th scope="col">{t('stores.col.marketplaces')}</th>
            <th scope="col">{t('stores.col.status')}</th>
            <th scope="col">{t('stores.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.stores.map((store) => {
            const view = storeStatusView(store);
            const name = storeName(store);
            return (
              <tr key={store.storeId}>
                <th scope="row">
                  <span class="store-name">{name}</span>
                  <span class="store-meta">
                    {store.sellingPartnerId}
                    {store.role === undefined ? null : (
                      <span class="badge badge-muted">{t(`stores.role.${store.role}`)}</span>
                    )}
                  </span>
                  {store.role === 'owner' ? <DisplayNameForm store={store} /> : null}
                </th>
                <td>{t(`region.${store.region}`)}</td>
                <td>
                  <ul class="plain-list">
                    {store.marketplaceIds.map((id) => (
                      <li key={id}>{marketplaceLabel(locale, id)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <StatusBadge view={view} />
                  {accountAtRisk(store) ? (
                    <>
                      <span class="badge badge-warning" title={t('store.atRisk.explain')}>
                        {t('stores.status.atRisk')}
                      </span>
                      <span class="store-meta">{t('stores.atRisk.meta')}</span>
                    </>
                  ) : null}
                  {view.kind === 'suspended' ? (
                    <span class="store-meta">{t('error.StoreNotActive.suspended')}</span>
                  ) : null}
                  {view.kind === 'revoked' ? (
                    <span class="store-meta">{t(`stores.cause.${view.cause}`)}</span>
                  ) : null}
                  {view.kind === 'revoked' && store.revokedAt !== undefined ? (
                    <span class="store-meta">
                      {t('stores.since', { date: formatDateTime(locale, store.revokedAt) })}
                    </span>
                  ) : null}
                  {store.status !== 'REVOKED' && store.reauthorizeBy !== undefined ? (
                    <span class="store-meta">
                      {t('stores.reauthorizeBy', { date: formatDateTime(locale, store.reauthorizeBy) })}
                    </span>
                  ) : null}
                </td>
                <td>
                  <div class="actions" role="group" aria-label={t('stores.actionsFor', { name })}>
                    {canOpenData(store) ? (
                      <>
                        <Link
                          class="button button-small"
                          href={routeHref({ name: 'inventory', storeId: store.storeId })}
                        >
                          {t('stores.action.inventory')}
                        </Link>
                        <Link
                          class="button button-small"
                          href={routeHref({ name: 'orders', storeId: store.storeId, days: 30 })}
                        >
                          {t('stores.action.orders')}
                        </Link>
                      </>
                    ) : null}
                    {canReadAudit(store, isAdmin) ? (
                      <Link
                        class="button button-small"
                        href={routeHref({ name: 'audit', storeId: store.storeId })}
                      >
                        {t('stores.action.audit')}
                      </Link>
                    ) : null}
                    {canViewMembers(store, isAdmin) ? (
                      <Link
                        class="button button-small"
                        href={routeHref({ name: 'members', storeId: store.storeId })}
                      >
                        {t('stores.action.members')}
                      </Link>
                    ) : null}
                    {canReauthorize(store) && (needsAuthorization(view) || store.status === 'REVOKED') ? (
                      <ReauthorizeButton store={store} />
                    ) : null}
                    {canDisconnect(store) ? (
                      <button
                        type="button"
                        class="button button-small button-danger"
                        onClick={() => props.onDisconnect(store)}
                      >
                        {t('stores.action.disconnect')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ReauthorizeButton({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  return (
    <>
      <button
        type="button"
        class="button button-small button-primary"
        disabled={busy}
        aria-busy={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            await startAuthorization(api, { region: store.region });
          } catch (caught) {
            setError(caught);
            setBusy(false);
          }
        }}
      >
        {busy ? t('authorize.working') : t('stores.action.reauthorize')}
      </button>
      {error === undefined ? null : <ErrorNotice error={error} />}
    </>
  );
}
