import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../api/types';
import { useI18n } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/link';
import { Loading, Notice } from '../components/notice';
import { parseOAuthResult, withoutOAuthResult, type OAuthResult } from '../data/oauth-result';
import { markDisconnected, sortStores, storeName } from '../data/store-status';
import { useNow } from '../hooks/use-now';
import { usePageTitle } from '../hooks/use-page-title';
import { useStores } from '../stores-context';
import { AuthorizePanel } from './authorize-panel';
import { DisconnectDialog } from './disconnect-dialog';
import { StoresTable } from './stores-table';

/**
 * The stores page: the OAuth result that brought the operator here, connecting a store, and the caller's stores
 * (stores-table.tsx) with their disconnect (disconnect-dialog.tsx).
 */
export function StoresView() {
  const { t } = useI18n();
  const { state, reload, update, isAdmin } = useStores();
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
      {isAdmin ? (
        <p class="hint">
          <Link href="/admin">{t('stores.adminHint')}</Link>
        </p>
      ) : null}
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
