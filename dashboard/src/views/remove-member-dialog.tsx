import type { Store, StoreMember } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { memberLabel } from '../data/members';

/** Removing a member, confirmed first (yourself included, with a warning). */
export function RemoveMemberDialog(props: {
  store: Store;
  member: StoreMember | undefined;
  self: boolean;
  onClose: () => void;
  onDone: (member: StoreMember) => void;
}) {
  const { t } = useI18n();
  const { api } = useServices();
  const { member } = props;
  const name = member === undefined ? '' : memberLabel(member);

  return (
    <ConfirmDialog
      subject={member}
      title={t('members.remove.title', { name })}
      confirmLabel={t('members.remove.confirm')}
      workingLabel={t('members.remove.working')}
      onClose={props.onClose}
      onConfirm={async (removed) => {
        await api.removeMember(props.store.storeId, removed.userId);
        props.onDone(removed);
      }}
    >
      <p>
        {t('members.remove.body', {
          name: member?.email === null || member?.email === undefined ? name : `${name} (${member.email})`,
        })}
      </p>
      {props.self ? <p class="dialog-warning">{t('members.remove.self')}</p> : null}
    </ConfirmDialog>
  );
}
