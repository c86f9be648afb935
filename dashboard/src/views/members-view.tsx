import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import { addResultKey, memberLabel, withMember, type MembersOutcome as Outcome } from '../data/members';
import { useResource } from '../hooks/use-resource';
import { AddMemberForm } from './add-member-form';
import { MembersTable } from './members-table';

/**
 * A store's members: everyone with access sees the list (who else can open this store); owners (`canManage`)
 * add by email, change roles and remove, each answer applied to the list at once. The API decides every
 * change (403, 404 OperatorNotFound, 409 LastOwner): what the page hides is only a hint.
 */
export function MembersView({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const { state, reload, update } = useResource(
    (signal) => api.listMembers(store.storeId, { signal }),
    [store.storeId],
  );
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  useEffect(() => setOutcome(undefined), [store.storeId]);

  return (
    <>
      {state.status === 'ready' ? (
        <p class="lead">{t(state.data.canManage ? 'members.intro.manage' : 'members.intro.readOnly')}</p>
      ) : null}
      {state.status === 'loading' ? <Loading label={t('members.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {outcome === undefined ? null : outcome.tone === 'success' ? (
        <Notice tone="success" onDismiss={() => setOutcome(undefined)}>
          <p>{outcome.text}</p>
        </Notice>
      ) : (
        <ErrorNotice error={outcome.error} />
      )}
      {state.status === 'ready' ? (
        <>
          {state.data.canManage ? (
            <AddMemberForm
              store={store}
              onAdded={(answer) => {
                update((data) => withMember(data, answer));
                setOutcome({
                  tone: 'success',
                  text: t(addResultKey(answer.result), {
                    name: memberLabel(answer.member),
                    role: t(`stores.role.${answer.member.role}`),
                  }),
                });
              }}
            />
          ) : null}
          <MembersTable
            store={store}
            response={state.data}
            onOutcome={setOutcome}
            onChanged={(change) => update(change)}
            onReload={reload}
          />
        </>
      ) : null}
    </>
  );
}
