import { useEffect, useRef, useState } from 'preact/hooks';
import { Auth, type Session } from './auth/session';
import { randomUrlSafe } from './auth/pkce';
import { TAB_CHANNEL_NAME, TabSync, type TabChannel } from './auth/tab-sync';
import { ConfigError, loadConfig, type DashboardConfig } from './config';
import { isAppstorePath, keepAppstoreHandOff } from './data/appstore-handoff';
import type { Locale } from './i18n/i18n';
import { currentPath, navigate } from './router/navigation';

/**
 * Session bootstrap: loads the config, finishes or starts sign-in, and keeps this tab's session in step with the
 * dashboard's other tabs (auth/tab-sync.ts).
 *
 * Without a session of its own a tab first asks the others; only when none answers does it start sign-in. The
 * Appstore page (`/appstore`) never leaves on its own: a signed-out operator first reads which seller is waiting
 * and signs in from there.
 */
export type Boot =
  | { readonly phase: 'starting' }
  | { readonly phase: 'config-error'; readonly field: string }
  | {
      readonly phase: 'signed-out';
      readonly auth: Auth;
      /** `required`: nobody is signed in yet and this page asks first (the Appstore page). */
      readonly reason: 'denied' | 'state' | 'exchange' | 'signed-out' | 'required';
      readonly returnPath: string;
    }
  | { readonly phase: 'redirecting' }
  | {
      readonly phase: 'ready';
      readonly config: DashboardConfig;
      readonly auth: Auth;
      readonly session: Session;
      /** A new value when the shell must start again (another operator, or a session taken after a 401). */
      readonly generation: number;
      readonly sessionLost: () => void;
      readonly signOut: () => void;
    };

/** How long a tab without a session waits for another tab's answer before it starts sign-in. */
const PEER_ANSWER_MS = 300;

export function browserAuth(config: DashboardConfig): Auth {
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

function openTabChannel(): TabChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(TAB_CHANNEL_NAME);
}

/** The boot of a dashboard page (not of the public pages, which need no sign-in: `enabled` false). */
export function useSessionBootstrap(locale: Locale, enabled: boolean): Boot {
  const [boot, setBoot] = useState<Boot>({ phase: 'starting' });
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let tabs: TabSync | undefined;
    (async () => {
      let config: DashboardConfig;
      try {
        config = await loadConfig();
      } catch (error) {
        if (!cancelled)
          setBoot({ phase: 'config-error', field: error instanceof ConfigError ? error.field : '(file)' });
        return;
      }
      if (cancelled) return;
      const auth = browserAuth(config);
      const sync = new TabSync({ channel: openTabChannel(), tabId: randomUrlSafe(12), auth, now: Date.now });
      tabs = sync;
      let generation = 0;
      let recovering = false;

      const signOut = () => {
        sync.announceSignOut();
        auth.signOut();
      };
      const leaveForSignIn = () => {
        setBoot({ phase: 'redirecting' });
        void auth.beginSignIn(currentPath(), localeRef.current);
      };
      const sessionLost = () => {
        if (recovering) return;
        recovering = true;
        const lost = auth.accessToken();
        auth.forget();
        void sync.requestSession(PEER_ANSWER_MS, lost).then((session) => {
          recovering = false;
          // A session another tab answered with is applied by the subscription below.
          if (session === undefined && !cancelled) leaveForSignIn();
        });
      };
      const ready = (session: Session): Boot => ({
        phase: 'ready',
        config,
        auth,
        session,
        generation: ++generation,
        sessionLost,
        signOut,
      });

      sync.subscribe((change) => {
        if (cancelled) return;
        setBoot((previous) => {
          if (previous.phase === 'redirecting' || previous.phase === 'config-error') return previous;
          if (change.kind === 'signed-out') {
            return { phase: 'signed-out', auth, reason: 'signed-out', returnPath: currentPath() };
          }
          // The same operator with a newer token: the storage already holds it, the shell goes on.
          if (previous.phase === 'ready' && change.sameOperator) return previous;
          return ready(change.session);
        });
      });

      // The Appstore's parameters move from the address bar into this tab before anything else reads the URL.
      keepAppstoreHandOff(window.location, window.history, window.sessionStorage, Date.now());
      const result = await auth.completeSignIn();
      if (cancelled) return;
      if (result.kind === 'failed') {
        setBoot({ phase: 'signed-out', auth, reason: result.reason, returnPath: result.returnPath });
        return;
      }
      if (result.kind === 'signed-in') {
        sync.announceSignIn();
        navigate(result.returnPath, { replace: true });
      }
      const own = auth.current();
      if (own !== undefined) {
        setBoot(ready(own));
        return;
      }
      await sync.requestSession(PEER_ANSWER_MS);
      if (cancelled) return;
      const answered = auth.current();
      if (answered !== undefined) {
        setBoot((previous) => (previous.phase === 'ready' ? previous : ready(answered)));
      } else if (auth.justSignedOut()) {
        setBoot({ phase: 'signed-out', auth, reason: 'signed-out', returnPath: currentPath() });
      } else if (isAppstorePath(window.location.pathname)) {
        setBoot({ phase: 'signed-out', auth, reason: 'required', returnPath: currentPath() });
      } else {
        leaveForSignIn();
      }
    })();
    return () => {
      cancelled = true;
      tabs?.close();
    };
    // Boot runs once; the language at sign-in time is read from the ref.
  }, [enabled]);

  return boot;
}
