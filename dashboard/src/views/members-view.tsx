import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AddMemberResponse, MemberRole, MembersResponse, Store, StoreMember } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import {
  ROLES,
  addResultKey,
  checkEmail,
  isMemberRole,
  memberLabel,
  memberPermissions,
  sortMembers,
  withMember,
  withoutMember,
} from '../data/members';
import { storeName } from '../data/store-status';
import { formatDateTime, formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import { navigate } from '../router/navigation';
import { useStores } from '../stores-context';

/** What the last change said: shown above the list until the next change or a dismissal. */
type Outcome =
  { readonly tone: 'success'; readonly text: string } | { readonly tone: 'error'; readonly error: unknown };

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

function AddMemberForm(props: { store: Store; onAdded: (answer: AddMemberResponse) => void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('operator');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const checked = checkEmail(email);
    setError(undefined);
    if (!checked.ok) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    try {
      const answer = await api.addMember(props.store.storeId, { email: checked.email, role });
      setEmail('');
      setRole('operator');
      props.onAdded(answer);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="add-member-title">
      <h2 id="add-member-title">{t('members.add.title')}</h2>
      <p class="hint">{t('members.add.help')}</p>
      <form class="inline-form" onSubmit={onSubmit} noValidate>
        <label class="field field-grow">
          <span class="field-label">{t('members.add.email')}</span>
          <input
            type="email"
            autocomplete="off"
            spellcheck={false}
            value={email}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'add-member-invalid' : undefined}
            onInput={(event) => {
              setEmail(event.currentTarget.value);
              setInvalid(false);
            }}
          />
        </label>
        <label class="field">
          <span class="field-label">{t('members.add.role')}</span>
          <select
            value={role}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isMemberRole(value)) setRole(value);
            }}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`stores.role.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('members.add.working') : t('members.add.button')}
        </button>
      </form>
      {invalid ? (
        <p id="add-member-invalid" class="field-error" role="alert">
          {t('members.add.invalidEmail')}
        </p>
      ) : null}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </section>
  );
}

function MembersTable(props: {
  store: Store;
  response: MembersResponse;
  onOutcome: (outcome: Outcome | undefined) => void;
  onChanged: (change: (data: MembersResponse) => MembersResponse) => void;
  onReload: () => void;
}) {
  const { t, locale } = useI18n();
  const { api, session } = useServices();
  const stores = useStores();
  const { response } = props;
  const [removeTarget, setRemoveTarget] = useState<StoreMember | undefined>(undefined);
  const [saving, setSaving] = useState<string | undefined>(undefined);
  const members = useMemo(() => sortMembers(response.members, locale), [response.members, locale]);
  const names = useMemo(
    () => new Map(response.members.map((member) => [member.userId, memberLabel(member)])),
    [response.members],
  );
  const manage = response.canManage;
  const dash = t('common.noValue');

  const changeRole = async (member: StoreMember, role: MemberRole) => {
    if (member.email === null || role === member.role) return;
    setSaving(member.userId);
    props.onOutcome(undefined);
    try {
      const answer = await api.addMember(props.store.storeId, { email: member.email, role });
      props.onChanged((data) => withMember(data, answer));
      props.onOutcome({
        tone: 'success',
        text: t(addResultKey(answer.result), {
          name: memberLabel(answer.member),
          role: t(`stores.role.${answer.member.role}`),
        }),
      });
      // Your own role changed: what you may do here changed with it.
      if (member.userId === session.userId) {
        stores.reload();
        props.onReload();
      }
    } catch (caught) {
      props.onOutcome({ tone: 'error', error: caught });
    } finally {
      setSaving(undefined);
    }
  };

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title" class="section-title">
        {t('members.listTitle', { count: formatNumber(locale, members.length) })}
      </h2>
      <div class="table-scroll">
        <table class="simple-table members-table">
          <caption class="visually-hidden">
            {t('members.tableLabel', { name: storeName(props.store) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('members.col.name')}</th>
              <th scope="col">{t('members.col.email')}</th>
              <th scope="col">{t('members.col.role')}</th>
              <th scope="col">{t('members.col.added')}</th>
              {manage ? <th scope="col">{t('members.col.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const label = memberLabel(member);
              const may = memberPermissions(member, response);
              const addedBy = member.addedBy === null ? undefined : names.get(member.addedBy);
              const you = member.userId === session.userId;
              return (
                <tr key={member.userId}>
                  <th scope="row">
                    <span class="member-name">
                      {member.name ?? (member.email === null ? t('members.notInDirectory') : dash)}
                      {you ? <span class="badge badge-ok">{t('members.you')}</span> : null}
                    </span>
                  </th>
                  <td>{member.email ?? dash}</td>
                  <td>
                    {manage && may.changeRole && member.email !== null ? (
                      <select
                        class="select-small"
                        aria-label={t('members.roleOf', { name: label })}
                        value={member.role}
                        disabled={saving !== undefined}
                        aria-busy={saving === member.userId}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          if (isMemberRole(value)) void changeRole(member, value);
                        }}
                      >
                        {ROLES.map((option) => (
                          <option key={option} value={option}>
                            {t(`stores.role.${option}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span class={`badge ${member.role === 'owner' ? 'badge-ok' : 'badge-muted'}`}>
                        {t(`stores.role.${member.role}`)}
                      </span>
                    )}
                    {saving === member.userId ? <span class="store-meta">{t('members.saving')}</span> : null}
                    {manage && !may.changeRole && member.role === 'owner' ? (
                      <span class="store-meta">{t('members.lastOwner')}</span>
                    ) : null}
                  </td>
                  <td>
                    <time dateTime={member.addedAt}>{formatDateTime(locale, member.addedAt)}</time>
                    {addedBy === undefined || member.addedBy === member.userId ? null : (
                      <span class="store-meta">{t('members.addedBy', { name: addedBy })}</span>
                    )}
                  </td>
                  {manage ? (
                    <td>
                      {may.remove ? (
                        <button
                          type="button"
                          class="button button-small button-danger"
                          aria-label={t('members.removeLabel', { name: label })}
                          onClick={() => setRemoveTarget(member)}
                        >
                          {t('members.remove')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <RemoveMemberDialog
        store={props.store}
        member={removeTarget}
        self={removeTarget !== undefined && removeTarget.userId === session.userId}
        onClose={() => setRemoveTarget(undefined)}
        onDone={(member) => {
          setRemoveTarget(undefined);
          if (member.userId === session.userId) {
            // You removed yourself: this store is no longer yours to see.
            stores.reload();
            navigate('/stores');
            return;
          }
          props.onChanged((data) => withoutMember(data, member.userId));
          props.onOutcome({ tone: 'success', text: t('members.removed', { name: memberLabel(member) }) });
        }}
      />
    </section>
  );
}

function RemoveMemberDialog(props: {
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
