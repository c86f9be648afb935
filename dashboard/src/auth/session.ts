import type { DashboardConfig } from '../config';
import {
  authorizeUrl,
  logoutUrl,
  redirectUriFor,
  safeReturnPath,
  stripOAuthParams,
  tokenRequestBody,
  tokenUrl,
} from './oauth-urls';
import { codeChallengeS256, createCodeVerifier, randomUrlSafe } from './pkce';
import { readTokenClaims } from './token-claims';

/**
 * The operator's session: authorization code + PKCE against the hosted sign-in (Cognito or the local OAuth
 * server, same endpoints).
 *
 * Storage: sessionStorage only (tab-scoped, gone when the tab closes), never localStorage. The access token is
 * kept there, not only in memory, so a reload and the Amazon consent round-trip (same tab, away and back) do
 * not force a new sign-in. The refresh token is dropped: when the access token expires (1 h) the operator
 * passes through the hosted sign-in again, which remembers them for its own session. Other tabs of the dashboard
 * get the session in memory from the tab that signed in (tab-sync.ts) and keep it in their own sessionStorage.
 */
export interface Session {
  readonly accessToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly displayName?: string;
  /** The access token's `sub` (the API's userId): marks "you" in a store's members. A UI hint only. */
  readonly userId?: string;
  readonly groups: readonly string[];
}

interface PendingSignIn {
  readonly state: string;
  readonly verifier: string;
  readonly returnPath: string;
  readonly createdAt: number;
}

export type CallbackResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'signed-in'; readonly returnPath: string }
  | {
      readonly kind: 'failed';
      readonly reason: 'denied' | 'state' | 'exchange';
      readonly returnPath: string;
    };

export interface BrowserSeams {
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly location: Pick<Location, 'origin' | 'pathname' | 'search' | 'hash'> & {
    assign(url: string): void;
  };
  readonly history: Pick<History, 'replaceState'>;
  readonly fetch: typeof fetch;
  readonly crypto: Crypto;
  readonly now: () => number;
}

export const STORAGE_KEYS = {
  session: 'mintHub.session',
  pendingSignIn: 'mintHub.signIn',
  signedOut: 'mintHub.signedOut',
} as const;

/** A sign-in round-trip older than this is abandoned (Cognito codes live 5 minutes; states ours 10). */
const PENDING_TTL_MS = 10 * 60 * 1000;
/** Treat the token as expired a little early so a request does not fly with a token about to die. */
const EXPIRY_MARGIN_MS = 60 * 1000;

/** A session's shape (from this tab's storage or another tab), live for at least the expiry margin. */
export function isLiveSession(value: unknown, now: number): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const session = value as Record<string, unknown>;
  const optionalText = (name: string) => session[name] === undefined || typeof session[name] === 'string';
  return (
    typeof session['accessToken'] === 'string' &&
    session['accessToken'] !== '' &&
    typeof session['expiresAt'] === 'number' &&
    session['expiresAt'] - EXPIRY_MARGIN_MS > now &&
    Array.isArray(session['groups']) &&
    session['groups'].every((group) => typeof group === 'string') &&
    optionalText('displayName') &&
    optionalText('userId')
  );
}

function readJson<T>(storage: BrowserSeams['storage'], key: string): T | undefined {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    storage.removeItem(key);
    return undefined;
  }
}

export class Auth {
  constructor(
    private readonly config: Pick<DashboardConfig, 'signInUrl' | 'clientId'>,
    private readonly browser: BrowserSeams,
  ) {}

  private get redirectUri(): string {
    return redirectUriFor(this.browser.location.origin);
  }

  /** The live session, or undefined when there is none or it has expired. */
  current(): Session | undefined {
    const session = readJson<unknown>(this.browser.storage, STORAGE_KEYS.session);
    if (session === undefined) return undefined;
    if (!isLiveSession(session, this.browser.now())) {
      this.browser.storage.removeItem(STORAGE_KEYS.session);
      return undefined;
    }
    return session;
  }

  accessToken(): string | undefined {
    return this.current()?.accessToken;
  }

  /** True right after the operator signed out in this tab: show the sign-in page instead of redirecting. */
  justSignedOut(): boolean {
    return this.browser.storage.getItem(STORAGE_KEYS.signedOut) !== null;
  }

  /** Starts the round-trip: remembers state, verifier and where to come back, then leaves for the sign-in page. */
  async beginSignIn(returnPath: string, lang?: string): Promise<void> {
    const verifier = createCodeVerifier(this.browser.crypto);
    const pending: PendingSignIn = {
      state: randomUrlSafe(32, this.browser.crypto),
      verifier,
      returnPath: safeReturnPath(returnPath),
      createdAt: this.browser.now(),
    };
    this.browser.storage.setItem(STORAGE_KEYS.pendingSignIn, JSON.stringify(pending));
    this.browser.storage.removeItem(STORAGE_KEYS.signedOut);
    this.browser.storage.removeItem(STORAGE_KEYS.session);
    const codeChallenge = await codeChallengeS256(verifier, this.browser.crypto);
    this.browser.location.assign(
      authorizeUrl({
        signInUrl: this.config.signInUrl,
        clientId: this.config.clientId,
        redirectUri: this.redirectUri,
        state: pending.state,
        codeChallenge,
        ...(lang === undefined ? {} : { lang }),
      }),
    );
  }

  /**
   * Finishes the round-trip when the URL carries an OAuth response. The code and state leave the address bar
   * first (replaceState), then the code is exchanged; state and verifier are deleted whatever the outcome.
   */
  async completeSignIn(): Promise<CallbackResult> {
    const params = new URLSearchParams(this.browser.location.search);
    const state = params.get('state');
    const code = params.get('code');
    const error = params.get('error');
    if (state === null || (code === null && error === null)) return { kind: 'none' };

    const { pathname, hash } = this.browser.location;
    this.browser.history.replaceState(
      null,
      '',
      `${pathname}${stripOAuthParams(this.browser.location.search)}${hash}`,
    );

    const pending = readJson<PendingSignIn>(this.browser.storage, STORAGE_KEYS.pendingSignIn);
    this.browser.storage.removeItem(STORAGE_KEYS.pendingSignIn);
    const returnPath = safeReturnPath(pending?.returnPath);
    if (
      pending === undefined ||
      pending.state !== state ||
      this.browser.now() - pending.createdAt > PENDING_TTL_MS
    ) {
      return { kind: 'failed', reason: 'state', returnPath };
    }
    if (error !== null || code === null) return { kind: 'failed', reason: 'denied', returnPath };

    try {
      const response = await this.browser.fetch(tokenUrl(this.config.signInUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: tokenRequestBody({
          clientId: this.config.clientId,
          code,
          redirectUri: this.redirectUri,
          codeVerifier: pending.verifier,
        }),
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!response.ok) return { kind: 'failed', reason: 'exchange', returnPath };
      const tokens = (await response.json()) as Record<string, unknown>;
      const accessToken = tokens['access_token'];
      if (typeof accessToken !== 'string' || accessToken === '') {
        return { kind: 'failed', reason: 'exchange', returnPath };
      }
      this.storeSession(accessToken, tokens['expires_in'], tokens['id_token']);
      return { kind: 'signed-in', returnPath };
    } catch {
      return { kind: 'failed', reason: 'exchange', returnPath };
    }
  }

  private storeSession(accessToken: string, expiresIn: unknown, idToken: unknown): void {
    const access = readTokenClaims(accessToken);
    const id = readTokenClaims(typeof idToken === 'string' ? idToken : undefined);
    const now = this.browser.now();
    const expiresAt =
      typeof expiresIn === 'number' && expiresIn > 0
        ? now + expiresIn * 1000
        : access.exp !== undefined
          ? access.exp * 1000
          : now + 3600 * 1000;
    const displayName = id.email ?? access.email ?? access.username;
    // Only the access token and display hints are kept; the ID and refresh tokens are not stored.
    const session: Session = {
      accessToken,
      expiresAt,
      groups: access.groups.length > 0 ? access.groups : id.groups,
      ...(displayName === undefined ? {} : { displayName }),
      ...(access.sub === undefined ? {} : { userId: access.sub }),
    };
    this.browser.storage.setItem(STORAGE_KEYS.session, JSON.stringify(session));
  }

  /** Keeps a session another tab of this dashboard signed in with (tab-sync.ts), as if signed in here. */
  adopt(session: Session): void {
    if (!isLiveSession(session, this.browser.now())) return;
    const { accessToken, expiresAt, groups, displayName, userId } = session;
    const kept: Session = {
      accessToken,
      expiresAt,
      groups,
      ...(displayName === undefined ? {} : { displayName }),
      ...(userId === undefined ? {} : { userId }),
    };
    this.browser.storage.setItem(STORAGE_KEYS.session, JSON.stringify(kept));
    this.browser.storage.removeItem(STORAGE_KEYS.signedOut);
  }

  /** Another tab signed out: the session goes here too, and this tab shows "signed out" instead of redirecting. */
  endedElsewhere(): void {
    this.browser.storage.removeItem(STORAGE_KEYS.session);
    this.browser.storage.removeItem(STORAGE_KEYS.pendingSignIn);
    this.browser.storage.setItem(STORAGE_KEYS.signedOut, '1');
  }

  /** Forgets the session in this tab (e.g. after a 401) without leaving the page. */
  forget(): void {
    this.browser.storage.removeItem(STORAGE_KEYS.session);
  }

  /** Clears every token, then ends the hosted sign-in session too. */
  signOut(): void {
    this.browser.storage.removeItem(STORAGE_KEYS.session);
    this.browser.storage.removeItem(STORAGE_KEYS.pendingSignIn);
    this.browser.storage.setItem(STORAGE_KEYS.signedOut, '1');
    this.browser.location.assign(logoutUrl(this.config.signInUrl, this.config.clientId, this.redirectUri));
  }
}
