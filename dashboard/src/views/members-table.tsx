import { useMemo, useState } from 'preact/hooks';
import type { MemberRole, MembersResponse, Store, StoreMember } from '../api/types';
import { useI18n, useServices } from '../app-context';
import {
  ROLES,
  addResultKey,
  isMemberRole,
  memberLabel,
  memberPermissions,
  sortMembers,
  withMember,
  withoutMember,
  type MembersOutcome as Outcome,
} from '../data/members';
import { storeName } from '../data/store-status';
import { formatDateTime, formatNumber } from '../format/format';
import { navigate } from '../router/navigation';
import { useStores } from '../stores-context';
import { RemoveMemberDialog } from './remove-member-dialog';

/** The members, one row each; owners change roles and remove here (never the last owner). */
export function MembersTable(props: {
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
