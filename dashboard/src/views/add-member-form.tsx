import { useState } from 'preact/hooks';
import type { AddMemberResponse, MemberRole, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { ROLES, checkEmail, isMemberRole } from '../data/members';

/** An owner adds an existing operator by email, as operator or owner. */
export function AddMemberForm(props: { store: Store; onAdded: (answer: AddMemberResponse) => void }) {
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
