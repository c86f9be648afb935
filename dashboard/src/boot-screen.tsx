import { useI18n } from './app-context';
import { Loading, Notice } from './components/notice';
import { isAppstorePath } from './data/appstore-handoff';
import { usePageTitle } from './hooks/use-page-title';
import { LanguageSelect } from './language-select';
import { publicText } from './public/public-text';
import type { Boot } from './session-bootstrap';
import { AppstoreSignIn } from './views/appstore-view';
import { PUBLIC_PATHS } from './views/public-site';

/** Everything before the signed-in shell: starting, a config error, leaving for sign-in, signed out. */
export function BootScreen({ boot }: { boot: Exclude<Boot, { phase: 'ready' }> }) {
  const { t } = useI18n();
  usePageTitle(t('app.title'), t('app.title'));
  return (
    <div class="boot">
      <div class="boot-card">
        <div class="boot-head">
          <p class="brand brand-dark">{t('app.title')}</p>
          <LanguageSelect />
        </div>
        <main id="main">
          {boot.phase === 'starting' ? <Loading label={t('app.starting')} /> : null}
          {boot.phase === 'redirecting' ? <Loading label={t('signIn.redirecting')} /> : null}
          {boot.phase === 'config-error' ? (
            <Notice tone="error">
              <p>{t('app.configError', { field: boot.field })}</p>
            </Notice>
          ) : null}
          {boot.phase === 'signed-out' ? <SignedOut boot={boot} /> : null}
        </main>
      </div>
    </div>
  );
}

function SignedOut({ boot }: { boot: Extract<Boot, { phase: 'signed-out' }> }) {
  const { t, locale } = useI18n();
  const signIn = () => void boot.auth.beginSignIn(boot.returnPath, locale);
  const outcome =
    boot.reason === 'required' ? null : boot.reason === 'signed-out' ? (
      <Notice tone="info">
        <p>{t('signIn.signedOut')}</p>
      </Notice>
    ) : (
      <Notice tone="error">
        <p>{t(`signIn.failed.${boot.reason}`)}</p>
      </Notice>
    );
  // A seller waiting on the Appstore page: the operator reads which one before signing in.
  if (isAppstorePath(new URL(boot.returnPath, window.location.origin).pathname)) {
    return <AppstoreSignIn outcome={outcome} onSignIn={signIn} />;
  }
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p class="lead">{t('signIn.intro')}</p>
      {outcome}
      <button type="button" class="button button-primary button-large" onClick={signIn}>
        {t('signIn.button')}
      </button>
      <p class="boot-links">
        {/* Full page loads: the public pages start without this sign-in state. */}
        <a href={PUBLIC_PATHS.spApi}>{publicText(locale).nav.spApi}</a>
        <a href={PUBLIC_PATHS.privacy}>{publicText(locale).nav.privacy}</a>
      </p>
    </>
  );
}
