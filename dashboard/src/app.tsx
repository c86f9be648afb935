import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { I18nContext, type I18n } from './app-context';
import { BootScreen } from './boot-screen';
import {
  LANGUAGE_STORAGE_KEY,
  detectLocale,
  isLocale,
  translate,
  translateKnown,
  type Locale,
} from './i18n/i18n';
import { readSavedLanguage } from './language-select';
import { browserAuth, useSessionBootstrap } from './session-bootstrap';
import { Shell } from './shell';
import { PublicSite, isPublicPath } from './views/public-site';

/**
 * The dashboard's root: holds the language for every screen and shows the public pages, the boot screens
 * (session-bootstrap.ts, boot-screen.tsx) or the signed-in shell (shell.tsx, its routes in route-view.tsx).
 */
export function Root() {
  const [locale, setLocaleState] = useState<Locale>(() =>
    detectLocale(readSavedLanguage(), navigator.languages),
  );
  // The public pages (/amazon-sp-api, /privacy) need no sign-in: they never start the boot.
  const [publicPage] = useState(() => isPublicPath(window.location.pathname));
  const boot = useSessionBootstrap(locale, !publicPage);

  const setLocale = useCallback((next: Locale) => {
    if (!isLocale(next)) return;
    setLocaleState(next);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const i18n = useMemo<I18n>(
    () => ({
      locale,
      t: (key, params) => translate(locale, key, params),
      tv: (prefix, value) => translateKnown(locale, prefix, value),
      setLocale,
    }),
    [locale, setLocale],
  );

  return (
    <I18nContext.Provider value={i18n}>
      {publicPage ? (
        <PublicSite makeAuth={browserAuth} />
      ) : boot.phase === 'ready' ? (
        <Shell
          key={boot.generation}
          config={boot.config}
          auth={boot.auth}
          session={boot.session}
          sessionLost={boot.sessionLost}
          signOut={boot.signOut}
        />
      ) : (
        <BootScreen boot={boot} />
      )}
    </I18nContext.Provider>
  );
}
