import { useEffect, useState } from 'preact/hooks';
import { REGIONS, type DisconnectResponse, type Region, type Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { Loading, Notice } from '../components/notice';
import { parseOAuthResult, withoutOAuthResult, type OAuthResult } from '../data/oauth-result';
import {
  accountAtRisk,
  canDisconnect,
  canOpenData,
  canReadAudit,
  canReauthorize,
  canViewMembers,
  markDisconnected,
  needsAuthorization,
  revokedBadgeKey,
  sortStores,
  storeName,
  storeStatusView,
  type StoreStatusView,
} from '../data/store-status';
import { formatDateTime, formatRelativeTime } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import { useNow } from '../hooks/use-now';
import { usePageTitle } from '../hooks/use-page-title';
import { routeHref } from '../router/routes';
import { useStores } from '../stores-context';
import { DisplayNameForm } from './display-name-form';
import { startAuthorization } from './start-authorization';

export function StoresView() {
  const { t } = useI18n();
  const { state, reload, update } = useStores();
  const now = useNow(60_000);
  const [oauthResult, setOAuthResult] = useState<OAuthResult | undefined>(undefined);
  const [disconnectTarget, setDisconnectTarget] = useState<Store | undefined>(undefined);
  const [disconnected, setDisconnected] = useState<string | undefined>(undefined);
  usePageTitle(t('stores.title'), t('app.title'));

  // The OAuth callback's result arrives in the query once; keep it on screen, drop it from the URL.
  useEffect(() => {
    const result = parseOAuthResult(window.location.search);
    if (result === undefined) return;
    setOAuthResult(result);
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${withoutOAuthResult(window.location.search)}`,
    );
  }, []);

  const stores = state.status === 'ready' ? sortStores(state.data.stores) : [];

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('stores.title')}</h1>
        <p class="lead">{t('stores.intro')}</p>
      </div>
      {oauthResult === undefined ? null : (
        <OAuthResultNotice result={oauthResult} stores={stores} onDismiss={() => setOAuthResult(undefined)} />
      )}
      {disconnected === undefined ? null : (
        <Notice tone="success" onDismiss={() => setDisconnected(undefined)}>
          <p>{t('disconnect.done', { name: disconnected })}</p>
        </Notice>
      )}
      <AuthorizePanel />
      {state.status === 'loading' ? <Loading label={t('stores.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && stores.length === 0 ? <p class="empty">{t('stores.empty')}</p> : null}
      {stores.length > 0 ? (
        <StoresTable stores={stores} now={now} onDisconnect={setDisconnectTarget} />
      ) : null}
      <DisconnectDialog
        store={disconnectTarget}
        onClose={() => setDisconnectTarget(undefined)}
        onDone={(store, answer) => {
          // The store refuses reads from the 202 on: its row says so at once, without a reload.
          update((data) => markDisconnected(data, store.storeId, answer, new Date()));
          setDisconnectTarget(undefined);
          setDisconnected(storeName(store));
        }}
      />
    </>
  );
}

function OAuthResultNotice(props: { result: OAuthResult; stores: readonly Store[]; onDismiss: () => void }) {
  const { t } = useI18n();
  const { result } = props;
  if (result.kind === 'connected') {
    const store = props.stores.find((candidate) => candidate.storeId === result.storeId);
    return (
      <Notice tone="success" onDismiss={props.onDismiss}>
        <p>
          {t(result.reauthorized ? 'oauth.reauthorized' : 'oauth.connected', {
            name: store === undefined ? result.storeId : storeName(store),
          })}
        </p>
      </Notice>
    );
  }
  return (
    <Notice tone="error" onDismiss={props.onDismiss}>
      <p>{t(`oauth.error.${result.code}`)}</p>
    </Notice>
  );
}

function AuthorizePanel() {
  const { t } = useI18n();
  const { api } = useServices();
  const [region, setRegion] = useState<Region>('NA');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await startAuthorization(api, { region });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section class="panel authorize" aria-labelledby="authorize-title">
      <h2 id="authorize-title">{t('authorize.title')}</h2>
      <p class="hint">{t('authorize.help')}</p>
      <form class="inline-form" onSubmit={onSubmit}>
        <label class="field">
          <span class="field-label">{t('authorize.regionLabel')}</span>
          <select value={region} onChange={(event) => setRegion(event.currentTarget.value as Region)}>
            {REGIONS.map((id) => (
              <option key={id} value={id}>
                {t(`region.${id}`)} ({id})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('authorize.working') : t('authorize.button')}
        </button>
      </form>
      {error === undefined ? null : <ErrorNotice error={error} />}
    </section>
  );
}

function StatusBadge({ view }: { view: StoreStatusView }) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  switch (view.kind) {
    case 'active':
      return <span class="badge badge-ok">{t('stores.status.active')}</span>;
    case 'reauth-due':
      return (
        <span class="badge badge-warning">
          {t('stores.status.reauthDue', { relative: formatRelativeTime(locale, view.reauthorizeBy, now) })}
        </span>
      );
    case 'reauth-required':
      return <span class="badge badge-danger">{t('stores.status.reauthRequired')}</span>;
    case 'suspended':
      return <span class="badge badge-danger">{t('stores.status.suspended')}</span>;
    case 'revoked':
      return <span class="badge badge-muted">{t(revokedBadgeKey(view.cause))}</span>;
  }
}

function StoresTable(props: { stores: readonly Store[]; now: number; onDisconnect: (store: Store) => void }) {
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

function DisconnectDialog(props: {
  store: Store | undefined;
  onClose: () => void;
  onDone: (store: Store, answer: DisconnectResponse | undefined) => void;
}) {
  const { t } = useI18n();
  const { api } = useServices();
  const { store } = props;

  return (
    <ConfirmDialog
      subject={store}
      title={t('disconnect.title', { name: store === undefined ? '' : storeName(store) })}
      confirmLabel={t('disconnect.confirm')}
      workingLabel={t('disconnect.working')}
      onClose={props.onClose}
      onConfirm={async (disconnected) => {
        props.onDone(disconnected, await api.disconnectStore(disconnected.storeId));
      }}
    >
      <p>{t('disconnect.body')}</p>
      <div class="dialog-advice">
        <p class="dialog-advice-title">{t('disconnect.amazonTitle')}</p>
        <p>{t('disconnect.amazon')}</p>
      </div>
    </ConfirmDialog>
  );
}
