import { useState } from 'preact/hooks';
import { DISPLAY_NAME_MAX_LENGTH, type DisplayNameResponse } from '../../../shared/api/display-name-contract';
import { ApiError } from '../api/api-error';
import type { Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { storeName } from '../data/store-status';
import type { MessageKey } from '../i18n/en';
import { useStores } from '../stores-context';

/** Which rule a 400 from `PUT …/display-name` names, in the words of the catalogs (the API's text is English). */
function problemKey(error: ApiError): MessageKey {
  if (/empty/i.test(error.message)) return 'displayName.error.empty';
  if (/at most/i.test(error.message)) return 'displayName.error.tooLong';
  if (/control|invisible/i.test(error.message)) return 'displayName.error.hidden';
  return 'displayName.error.invalid';
}

/**
 * An owner names the store as the team knows it (`PUT /api/stores/{storeId}/display-name`), or goes back to
 * Amazon's name. A 400 is shown at the field and changes nothing; the list shows the new name at once.
 */
export function DisplayNameForm({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const { update } = useStores();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<MessageKey | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<DisplayNameResponse | undefined>(undefined);
  const name = storeName(store);
  const inputId = `display-name-${store.storeId}`;
  const errorId = `${inputId}-error`;

  const save = async (displayName: string | null) => {
    setBusy(true);
    setInvalid(undefined);
    setError(undefined);
    try {
      const answer = await api.putDisplayName(store.storeId, { displayName });
      update((data) => ({
        ...data,
        stores: data.stores.map((candidate) =>
          candidate.storeId === answer.storeId
            ? { ...candidate, displayName: answer.displayName }
            : candidate,
        ),
      }));
      setSaved(answer);
      setOpen(false);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 400) setInvalid(problemKey(caught));
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const amazonNote =
    saved !== undefined && saved.displayNameOverride !== null && saved.amazonName !== saved.displayName ? (
      <span class="store-meta" data-testid="amazon-name">
        {t('displayName.amazonName', { name: saved.amazonName })}
      </span>
    ) : null;

  if (!open)
    return (
      <>
        {amazonNote}
        <button
          type="button"
          class="button button-small button-quiet"
          aria-label={t('displayName.renameFor', { name })}
          onClick={() => {
            setValue(name);
            setInvalid(undefined);
            setOpen(true);
          }}
        >
          {t('displayName.rename')}
        </button>
      </>
    );

  return (
    <form
      class="display-name-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save(value);
      }}
    >
      <label class="field">
        <span class="field-label">{t('displayName.label')}</span>
        <input
          id={inputId}
          type="text"
          value={value}
          aria-invalid={invalid !== undefined}
          aria-describedby={invalid === undefined ? undefined : errorId}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </label>
      {invalid === undefined ? null : (
        <p id={errorId} class="field-error" role="alert">
          {t(invalid, { max: DISPLAY_NAME_MAX_LENGTH })}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button button-small button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('displayName.saving') : t('displayName.save')}
        </button>
        <button type="button" class="button button-small" disabled={busy} onClick={() => void save(null)}>
          {t('displayName.useAmazon')}
        </button>
        <button type="button" class="button button-small button-quiet" onClick={() => setOpen(false)}>
          {t('displayName.cancel')}
        </button>
      </div>
      {error === undefined ? null : <ErrorNotice error={error} />}
    </form>
  );
}
