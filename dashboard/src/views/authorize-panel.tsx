import { useState } from 'preact/hooks';
import { REGIONS, type Region } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { startAuthorization } from './start-authorization';

/** Connecting a store: the region, then Seller Central's consent (the website flow). */
export function AuthorizePanel() {
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
