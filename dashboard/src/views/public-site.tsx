import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../app-context';
import type { Auth } from '../auth/session';
import { Link } from '../components/link';
import { Loading } from '../components/notice';
import { loadConfig, type DashboardConfig } from '../config';
import { LanguageSelect } from '../language-select';
import type { PublicPageFacts } from '../public/public-facts';
import { publicText } from '../public/public-text';
import { useLocation } from '../router/navigation';
import { PrivacyView } from './privacy-view';
import { PublicSpApiView } from './public-sp-api-view';

/** The pages anyone may read without signing in: what the SP-API integration does, and the privacy policy. */
export const PUBLIC_PATHS = { spApi: '/amazon-sp-api', privacy: '/privacy' } as const;

export function isPublicPath(pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '');
  return path === PUBLIC_PATHS.spApi || path === PUBLIC_PATHS.privacy;
}

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly config: DashboardConfig; readonly auth: Auth }
  | { readonly status: 'error' };

export interface PublicSiteProps {
  /** Builds the browser's sign-in (app.tsx), so "Authorize with Amazon" can go through it. */
  readonly makeAuth: (config: DashboardConfig) => Auth;
}

/**
 * The public site: no sign-in, nothing from another origin, the facts from `/config.json`. A config that cannot be
 * read still shows the text, without the facts (and with the authorize button disabled) rather than a guess.
 */
export function PublicSite({ makeAuth }: PublicSiteProps) {
  const { t, locale } = useI18n();
  const text = publicText(locale);
  const location = useLocation();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const page = location.pathname.replace(/\/+$/, '') === PUBLIC_PATHS.privacy ? 'privacy' : 'sp-api';

  useEffect(() => {
    let cancelled = false;
    loadConfig()
      .then((config) => {
        if (!cancelled) setLoaded({ status: 'ready', config, auth: makeAuth(config) });
      })
      .catch(() => {
        if (!cancelled) setLoaded({ status: 'error' });
      });
    return () => {
      cancelled = true;
    };
  }, [makeAuth]);

  // Between the two pages, start at the top with focus on the new heading, as the dashboard does.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    (main.current?.querySelector<HTMLElement>('h1') ?? main.current)?.focus();
  }, [page]);

  const facts: PublicPageFacts | undefined = loaded.status === 'ready' ? loaded.config.publicPage : undefined;
  const auth = loaded.status === 'ready' ? loaded.auth : undefined;
  const signedIn = auth?.current() !== undefined;

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="app-header public-header">
        <Link href={PUBLIC_PATHS.spApi} class="brand">
          {t('app.title')}
        </Link>
        <nav aria-label={text.nav.label} class="main-nav">
          <ul>
            <li>
              <Link href={PUBLIC_PATHS.spApi} aria-current={page === 'sp-api' ? 'page' : undefined}>
                {text.nav.spApi}
              </Link>
            </li>
            <li>
              <Link href={PUBLIC_PATHS.privacy} aria-current={page === 'privacy' ? 'page' : undefined}>
                {text.nav.privacy}
              </Link>
            </li>
          </ul>
        </nav>
        <div class="header-tools">
          <LanguageSelect />
          {/* A full page load: the dashboard starts (and signs in) from its own boot. */}
          <a class="button button-header" href="/stores">
            {signedIn ? text.nav.openDashboard : text.nav.signIn}
          </a>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="content public-content">
        {loaded.status === 'loading' ? (
          <Loading label={text.loading} />
        ) : page === 'privacy' ? (
          <PrivacyView facts={facts} />
        ) : (
          <PublicSpApiView facts={facts} auth={auth} />
        )}
      </main>
      <footer class="public-footer">
        <nav aria-label={text.nav.label}>
          <Link href={PUBLIC_PATHS.spApi}>{text.nav.spApi}</Link>
          <Link href={PUBLIC_PATHS.privacy}>{text.nav.privacy}</Link>
        </nav>
        <p>{t('app.title')}</p>
      </footer>
    </>
  );
}
