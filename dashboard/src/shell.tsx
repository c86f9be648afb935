import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ApiClient } from './api/client';
import { ServicesContext, useI18n, useServices, type Services } from './app-context';
import type { Auth, Session } from './auth/session';
import { Link } from './components/link';
import type { DashboardConfig } from './config';
import { useResource } from './hooks/use-resource';
import { LanguageSelect } from './language-select';
import { RouteView } from './route-view';
import { useLocation } from './router/navigation';
import { parseRoute } from './router/routes';
import { StoresContext, useStores, type StoresContextValue } from './stores-context';

export interface ShellProps {
  readonly config: DashboardConfig;
  readonly auth: Auth;
  readonly session: Session;
  /** The session ended (a 401, an expired token): another tab's session, or sign-in again (session-bootstrap.ts). */
  readonly sessionLost: () => void;
  /** Signs out here and in every other tab. */
  readonly signOut: () => void;
}

/** The signed-in app: header, the stores every view shares, and the routed view. */
export function Shell({ config, auth, session, sessionLost, signOut }: ShellProps) {
  const services = useMemo<Services>(() => {
    let leaving = false;
    const signIn = () => {
      if (leaving) return;
      leaving = true;
      sessionLost();
    };
    const api = new ApiClient({
      baseUrl: config.apiUrl,
      accessToken: () => auth.accessToken(),
      onUnauthorized: signIn,
    });
    return { config, auth, session, api, signIn, signOut };
  }, [config, auth, session, sessionLost, signOut]);

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

/** The header (brand, main navigation, who is signed in, language, sign-out) around the routed view. */
function Layout() {
  const { t } = useI18n();
  const { session, signOut } = useServices();
  const { isAdmin } = useStores();
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
            {isAdmin ? (
              <li>
                <Link href="/admin" aria-current={route.name === 'admin' ? 'page' : undefined}>
                  {t('nav.admin')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <div class="header-tools">
          {session.displayName === undefined ? null : (
            <span class="user" title={t('nav.signedInAs', { name: session.displayName })}>
              {session.displayName}
            </span>
          )}
          <LanguageSelect />
          <button type="button" class="button button-header" onClick={signOut}>
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
