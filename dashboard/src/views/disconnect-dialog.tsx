import type { DisconnectResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { storeName } from '../data/store-status';

/** An owner disconnects a store: what it does here, and what to do at Amazon. */
export function DisconnectDialog(props: {
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
