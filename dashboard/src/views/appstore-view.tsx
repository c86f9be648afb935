import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import { appstoreRequestFrom } from '../data/appstore-params';
import { usePageTitle } from '../hooks/use-page-title';
import { startAuthorization } from './start-authorization';

/**
 * The Appstore flow's landing page: the signed-in operator arrives here from our Login URI; the authorization
 * starts at once (state bound to this operator) and the browser goes back to Amazon to confirm.
 */
export function AppstoreView() {
  const { t } = useI18n();
  const { api } = useServices();
  usePageTitle(t('appstore.title'), t('app.title'));
  const [request] = useState(() => appstoreRequestFrom(window.location.search));
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);

  useEffect(() => {
    if (request === undefined || started.current === attempt) return;
    started.current = attempt;
    setError(undefined);
    startAuthorization(api, request).catch((caught: unknown) => setError(caught));
  }, [api, request, attempt]);

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('appstore.title')}</h1>
        {request === undefined ? null : (
          <p class="lead">{t('appstore.seller', { id: request.sellingPartnerId })}</p>
        )}
      </div>
      {request === undefined ? (
        <Notice tone="error">
          <p>{t('appstore.missing')}</p>
        </Notice>
      ) : error === undefined ? (
        <Loading label={t('appstore.working')} />
      ) : (
        <>
          <p class="notice-title">{t('appstore.refused')}</p>
          <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />
        </>
      )}
    </>
  );
}
