import { useState } from 'preact/hooks';
import { ApiError } from '../api/api-error';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { Notice } from '../components/notice';
import type { AdsAuthResult } from '../data/oauth-result';
import { storeName } from '../data/store-status';
import { isNavigableUrl } from './start-authorization';

/**
 * The Amazon Ads link of a store: the consent's result as it comes back, the call to connect (owners) or who can
 * (members), and the confirmation before an owner removes the link.
 */

export function ConsentResultNotice(props: { result: AdsAuthResult | undefined; onDismiss: () => void }) {
  const { t } = useI18n();
  const { result } = props;
  if (result === undefined) return null;
  if (result.kind === 'ads-connected')
    return (
      <Notice tone="success" onDismiss={props.onDismiss}>
        <p data-testid="ads-connected">{t('ads.connected', { count: result.marketplaces })}</p>
      </Notice>
    );
  return (
    <Notice tone="error" onDismiss={props.onDismiss}>
      <p data-testid="ads-consent-error">{t(`oauth.error.${result.code}`)}</p>
    </Notice>
  );
}

/** Not connected yet: owners start the Amazon Ads consent; everyone else learns who can. */
export function ConnectAds({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const isOwner = store.role === 'owner';

  const connect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { redirectUrl } = await api.startAdsAuthorization(store.storeId);
      if (!isNavigableUrl(redirectUrl))
        throw new ApiError('Unexpected', 200, 'The redirect URL is not valid.');
      window.location.assign(redirectUrl);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section class="panel ads-connect" aria-labelledby="ads-connect-title" data-testid="ads-connect">
      <h2 id="ads-connect-title">{t('ads.connect.title')}</h2>
      <p>{t('ads.connect.notConnected')}</p>
      {isOwner ? (
        <>
          <p class="hint">{t('ads.connect.owner')}</p>
          <button
            type="button"
            class="button button-primary"
            onClick={() => void connect()}
            disabled={busy}
            aria-label={busy ? undefined : t('ads.connect.buttonLabel', { store: storeName(store) })}
          >
            {busy ? t('ads.connect.working') : t('ads.connect.button')}
          </button>
          {error === undefined ? null : <ErrorNotice error={error} />}
        </>
      ) : (
        <p class="hint" data-testid="ads-connect-member">
          {t('ads.connect.member')}
        </p>
      )}
    </section>
  );
}

/** The owner confirms once more; the dialog stays open with the error when the removal fails. */
export function DisconnectAdsDialog(props: {
  storeId: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { api } = useServices();
  return (
    <ConfirmDialog
      subject={props.storeId}
      title={t('ads.disconnect.title')}
      confirmLabel={t('ads.disconnect.confirm')}
      workingLabel={t('ads.disconnect.working')}
      onClose={props.onClose}
      onConfirm={async (storeId) => {
        await api.removeAdsAuthorization(storeId);
        props.onDone();
      }}
    >
      <p>{t('ads.disconnect.body')}</p>
      <p class="dialog-advice">{t('ads.disconnect.amazon')}</p>
    </ConfirmDialog>
  );
}
