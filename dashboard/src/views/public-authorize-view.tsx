import { useEffect, useState } from 'preact/hooks';
import { REGIONS, type Region } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/notice';
import { usePageTitle } from '../hooks/use-page-title';
import { takeAuthorizeIntent } from '../public/authorize-intent';
import { startAuthorization } from './start-authorization';

/**
 * `/authorize`, where "Authorize with Amazon" on the public page lands after sign-in: with the region chosen there
 * (a fresh intent of this tab), straight on to Amazon's consent; otherwise the region choice and one click.
 */
export function PublicAuthorizeView() {
  const { t } = useI18n();
  const { api } = useServices();
  const [intent] = useState(() => takeAuthorizeIntent(window.sessionStorage, Date.now()));
  const [region, setRegion] = useState<Region>(intent ?? 'NA');
  const [busy, setBusy] = useState(intent !== undefined);
  const [error, setError] = useState<unknown>(undefined);
  usePageTitle(t('authorize.title'), t('app.title'));

  const start = async (chosen: Region) => {
    setBusy(true);
    setError(undefined);
    try {
      await startAuthorization(api, { region: chosen });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  useEffect(() => {
    if (intent !== undefined) void start(intent);
    // Once, with the intent taken at first render.
  }, []);

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('authorize.title')}</h1>
        <p class="lead">{t('authorize.help')}</p>
      </div>
      {busy ? <Loading label={t('authorize.working')} /> : null}
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void start(region);
        }}
      >
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
    </>
  );
}
