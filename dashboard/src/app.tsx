import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient } from './api/client';
import { I18nContext, ServicesContext, useI18n, useServices, type I18n, type Services } from './app-context';
import { Auth, type Session } from './auth/session';
import { Link } from './components/link';
import { Loading, Notice } from './components/notice';
import { ConfigError, loadConfig, type DashboardConfig } from './config';
import { useResource } from './hooks/use-resource';
import { usePageTitle } from './hooks/use-page-title';
import {
  LANGUAGE_STORAGE_KEY,
  LOCALES,
  detectLocale,
  isLocale,
  translate,
  translateKnown,
  type Locale,
} from './i18n/i18n';
import { currentPath, navigate, useLocation } from './router/navigation';
import { parseRoute } from './router/routes';
import { StoresContext, type StoresContextValue } from './stores-context';
import { AppstoreView } from './views/appstore-view';
import { PublicAuthorizeView } from './views/public-authorize-view';
import { PublicSite, PUBLIC_PATHS, isPublicPath } from './views/public-site';
import { publicText } from './public/public-text';
import { StorePage } from './views/store-page';
import { StoresView } from './views/stores-view';
import { OverviewView } from './views/overview-view';

type Boot =
  | { readonly phase: 'starting' }
  | { readonly phase: 'config-error'; readonly field: string }
  | {
      readonly phase: 'signed-out';
      readonly auth: Auth;
      readonly reason: 'denied' | 'state' | 'exchange' | 'signed-out';
      readonly returnPath: string;
    }
  | { readonly phase: 'redirecting' }
  | {
      readonly phase: 'ready';
      readonly config: DashboardConfig;
      readonly auth: Auth;
      readonly session: Session;
    };

/**
 * A language picked on the local sign-in page (which runs no script) arrives in a cookie of the same name as the
 * storage key: it is the newest choice, so it is saved and the cookie cleared. Otherwise the saved choice.
 */
function readSavedLanguage(): string | null {
  const prefix = `${LANGUAGE_STORAGE_KEY}=`;
  const handedOver = document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(prefix))
    ?.slice(prefix.length);
  try {
    if (isLocale(handedOver)) {
      document.cookie = `${prefix}; Path=/; Max-Age=0; SameSite=Lax`;
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, handedOver);
      return handedOver;
    }
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return isLocale(handedOver) ? handedOver : null;
  }
}

function browserAuth(config: DashboardConfig): Auth {
  return new Auth(config, {
    storage: window.sessionStorage,
    location: {
      get origin() {
        return window.location.origin;
      },
      get pathname() {
        return window.location.pathname;
      },
      get search() {
        return window.location.search;
      },
      get hash() {
        return window.location.hash;
      },
      assign: (url) => window.location.assign(url),
    },
    history: window.history,
    fetch: (input, init) => window.fetch(input, init),
    crypto: window.crypto,
    now: () => Date.now(),
  });
}

/** Loads the config, finishes or starts sign-in, and holds the language for every screen. */
export function Root() {
  const [locale, setLocaleState] = useState<Locale>(() =>
    detectLocale(readSavedLanguage(), navigator.languages),
  );
  const [boot, setBoot] = useState<Boot>({ phase: 'starting' });
  // The public pages (/amazon-sp-api, /privacy) need no sign-in: they never start the boot below.
  const [publicPage] = useState(() => isPublicPath(window.location.pathname));

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

  useEffect(() => {
    if (publicPage) return;
    let cancelled = false;
    (async () => {
      let config: DashboardConfig;
      try {
        config = await loadConfig();
      } catch (error) {
        if (!cancelled)
          setBoot({ phase: 'config-error', field: error instanceof ConfigError ? error.field : '(file)' });
        return;
      }
      const auth = browserAuth(config);
      const result = await auth.completeSignIn();
      if (cancelled) return;
      if (result.kind === 'failed') {
        setBoot({ phase: 'signed-out', auth, reason: result.reason, returnPath: result.returnPath });
        return;
      }
      if (result.kind === 'signed-in') navigate(result.returnPath, { replace: true });
      const session = auth.current();
      if (session !== undefined) {
        setBoot({ phase: 'ready', config, auth, session });
      } else if (auth.justSignedOut()) {
        setBoot({ phase: 'signed-out', auth, reason: 'signed-out', returnPath: currentPath() });
      } else {
        setBoot({ phase: 'redirecting' });
        await auth.beginSignIn(currentPath(), locale);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Boot runs once; the language at that moment is passed to the sign-in page.
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      {publicPage ? (
        <PublicSite makeAuth={browserAuth} />
      ) : boot.phase === 'ready' ? (
        <Shell config={boot.config} auth={boot.auth} session={boot.session} />
      ) : (
        <BootScreen boot={boot} />
      )}
    </I18nContext.Provider>
  );
}

function BootScreen({ boot }: { boot: Exclude<Boot, { phase: 'ready' }> }) {
  const { t, locale } = useI18n();
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
          {boot.phase === 'signed-out' ? (
            <>
              <h1>{t('signIn.title')}</h1>
              <p class="lead">{t('signIn.intro')}</p>
              {boot.reason === 'signed-out' ? (
                <Notice tone="info">
                  <p>{t('signIn.signedOut')}</p>
                </Notice>
              ) : (
                <Notice tone="error">
                  <p>{t(`signIn.failed.${boot.reason}`)}</p>
                </Notice>
              )}
              <button
                type="button"
                class="button button-primary button-large"
                onClick={() => void boot.auth.beginSignIn(boot.returnPath, locale)}
              >
                {t('signIn.button')}
              </button>
              <p class="boot-links">
                {/* Full page loads: the public pages start without this sign-in state. */}
                <a href={PUBLIC_PATHS.spApi}>{publicText(locale).nav.spApi}</a>
                <a href={PUBLIC_PATHS.privacy}>{publicText(locale).nav.privacy}</a>
              </p>
            </>
          ) : null}
        </main>
      </div>
    </div>
  );
}

function LanguageSelect() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label class="language">
      <span class="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(event) => setLocale(event.currentTarget.value as Locale)}>
        {LOCALES.map((option) => (
          <option key={option.id} value={option.id} lang={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The signed-in app: header, the stores every view shares, and the routed view. */
function Shell({ config, auth, session }: { config: DashboardConfig; auth: Auth; session: Session }) {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const services = useMemo<Services>(() => {
    let leaving = false;
    const signIn = () => {
      if (leaving) return;
      leaving = true;
      auth.forget();
      void auth.beginSignIn(currentPath(), localeRef.current);
    };
    const api = new ApiClient({
      baseUrl: config.apiUrl,
      accessToken: () => auth.accessToken(),
      onUnauthorized: signIn,
    });
    return { config, auth, session, api, signIn };
  }, [config, auth, session]);

  const { state, reload, update } = useResource((signal) => services.api.listStores({ signal }), [services]);
  const stores = useMemo<StoresContextValue>(
    () => ({
      state,
      reload,
      update,
      isAdmin:
        (state.status === 'ready' ? state.data.isAdmin : undefined) ?? session.groups.includes('admin'),
    }),
    [state, reload, update, session],
  );

  return (
    <ServicesContext.Provider value={services}>
      <StoresContext.Provider value={stores}>
        <Layout />
      </StoresContext.Provider>
    </ServicesContext.Provider>
  );
}

function Layout() {
  const { t } = useI18n();
  const { session, auth } = useServices();
  const location = useLocation();
  const route = parseRoute(location.pathname, location.search);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-app navigation, move focus to the new page's heading so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [location.pathname]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="app-header">
        <Link href="/" class="brand">
          {t('app.title')}
        </Link>
        <nav aria-label={t('nav.main')} class="main-nav">
          <ul>
            <li>
              <Link href="/" aria-current={route.name === 'overview' ? 'page' : undefined}>
                {t('nav.overview')}
              </Link>
            </li>
            <li>
              <Link href="/stores" aria-current={route.name === 'stores' ? 'page' : undefined}>
                {t('nav.stores')}
              </Link>
            </li>
          </ul>
        </nav>
        <div class="header-tools">
          {session.displayName === undefined ? null : (
            <span class="user" title={t('nav.signedInAs', { name: session.displayName })}>
              {session.displayName}
            </span>
          )}
          <LanguageSelect />
          <button type="button" class="button button-header" onClick={() => auth.signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="content">
        <RouteView route={route} />
      </main>
    </>
  );
}

function RouteView({ route }: { route: ReturnType<typeof parseRoute> }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'overview':
      return <OverviewView />;
    case 'stores':
      return <StoresView />;
    case 'appstore':
      return <AppstoreView />;
    case 'authorize':
      return <PublicAuthorizeView />;
    case 'inventory':
    case 'orders':
    case 'ads':
    case 'audit':
    case 'members':
    case 'restock-settings':
      return <StorePage route={route} />;
    default:
      return <NotFound title={t('notFound.title')} body={t('notFound.body')} back={t('store.back')} />;
  }
}

function NotFound(props: { title: string; body: string; back: string }) {
  const { t } = useI18n();
  usePageTitle(props.title, t('app.title'));
  return (
    <>
      <h1 tabIndex={-1}>{props.title}</h1>
      <p>{props.body}</p>
      <p>
        <Link href="/stores">{props.back}</Link>
      </p>
    </>
  );
}
