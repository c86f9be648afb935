import { webcrypto } from 'node:crypto';
import { Auth, STORAGE_KEYS, type BrowserSeams } from '../../../dashboard/src/auth/session';
import { codeChallengeS256 } from '../../../dashboard/src/auth/pkce';

const crypto = webcrypto as unknown as Crypto;
const config = { signInUrl: 'https://ops.auth.us-east-1.amazoncognito.com', clientId: 'dash-client' };

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

/** The browser, faked at the seams Auth declares: storage, location, history, fetch, crypto, clock. */
function fakeBrowser(url: string, tokenResponse?: () => Promise<Response>) {
  const store = new Map<string, string>();
  const current = new URL(url);
  const events: string[] = [];
  const fetchCalls: { url: string; body: string }[] = [];
  let now = Date.parse('2026-11-23T08:00:00Z');
  const browser: BrowserSeams = {
    storage: {
      getItem: (key) => store.get(key) ?? null,
      setItem: (key, value) => void store.set(key, value),
      removeItem: (key) => void store.delete(key),
    },
    location: {
      get origin() {
        return current.origin;
      },
      get pathname() {
        return current.pathname;
      },
      get search() {
        return current.search;
      },
      get hash() {
        return current.hash;
      },
      assign: (target) => {
        events.push(`assign ${target}`);
      },
    },
    history: {
      replaceState: (_data, _unused, target) => {
        events.push(`replaceState ${String(target)}`);
        const next = new URL(String(target), current);
        current.pathname = next.pathname;
        current.search = next.search;
      },
    },
    fetch: async (input, init) => {
      events.push('fetch');
      fetchCalls.push({ url: String(input), body: String(init?.body) });
      return tokenResponse ? tokenResponse() : new Response('{}', { status: 500 });
    },
    crypto,
    now: () => now,
  };
  return {
    browser,
    store,
    events,
    fetchCalls,
    current,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function startSignIn(returnPath: string) {
  const first = fakeBrowser('https://ops.example.com/appstore?amazon_state=a');
  await new Auth(config, first.browser).beginSignIn(returnPath, 'zh-CN');
  const authorize = new URL((first.events[0] ?? '').replace(/^assign /, ''));
  return { first, authorize };
}

describe('sign-in (authorization code + PKCE)', () => {
  it('keeps state, verifier and return path in sessionStorage and sends only the S256 challenge', async () => {
    const { first, authorize } = await startSignIn('/appstore?amazon_state=a&selling_partner_id=S');
    const pending = JSON.parse(first.store.get(STORAGE_KEYS.pendingSignIn) ?? '{}');
    expect(pending.returnPath).toBe('/appstore?amazon_state=a&selling_partner_id=S');
    expect(authorize.pathname).toBe('/oauth2/authorize');
    expect(authorize.searchParams.get('state')).toBe(pending.state);
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://ops.example.com/');
    expect(authorize.searchParams.get('code_challenge')).toBe(
      await codeChallengeS256(pending.verifier, crypto),
    );
    expect(authorize.toString()).not.toContain(pending.verifier);
  });

  it('strips code and state from the URL before exchanging, then keeps only the access token', async () => {
    const { first, authorize } = await startSignIn('/stores/S-NA/inventory');
    const state = authorize.searchParams.get('state');
    const accessToken = jwt({ sub: 'u1', 'cognito:groups': ['admin'], exp: 2_000_000_000 });
    const back = fakeBrowser(`https://ops.example.com/?code=the-code&state=${state}`, async () =>
      Response.json({
        access_token: accessToken,
        id_token: jwt({ email: 'ops@example.com' }),
        refresh_token: 'refresh-secret',
        expires_in: 3600,
        token_type: 'Bearer',
      }),
    );
    for (const [key, value] of first.store) back.store.set(key, value);

    const auth = new Auth(config, back.browser);
    const result = await auth.completeSignIn();

    expect(result).toEqual({ kind: 'signed-in', returnPath: '/stores/S-NA/inventory' });
    expect(back.events.slice(0, 2)).toEqual(['replaceState /', 'fetch']);
    expect(back.current.search).toBe('');
    expect(back.fetchCalls[0]?.url).toBe(`${config.signInUrl}/oauth2/token`);
    const body = new URLSearchParams(back.fetchCalls[0]?.body);
    expect(body.get('code_verifier')).toBe(
      JSON.parse(first.store.get(STORAGE_KEYS.pendingSignIn) ?? '{}').verifier,
    );
    expect(body.get('grant_type')).toBe('authorization_code');
    expect(back.store.has(STORAGE_KEYS.pendingSignIn)).toBe(false);
    expect(auth.accessToken()).toBe(accessToken);
    expect(auth.current()).toMatchObject({ displayName: 'ops@example.com', groups: ['admin'] });
    const stored = [...back.store.values()].join();
    expect(stored).not.toContain('refresh-secret');
    expect(stored).not.toContain('the-code');
  });

  it('refuses a callback whose state is not the one this tab started', async () => {
    const { first } = await startSignIn('/stores');
    const back = fakeBrowser('https://ops.example.com/?code=c&state=forged');
    for (const [key, value] of first.store) back.store.set(key, value);
    const result = await new Auth(config, back.browser).completeSignIn();
    expect(result).toMatchObject({ kind: 'failed', reason: 'state' });
    expect(back.fetchCalls).toHaveLength(0);
    expect(back.current.search).toBe('');
  });

  it('reports a refused sign-in without exchanging anything', async () => {
    const { first, authorize } = await startSignIn('/stores');
    const back = fakeBrowser(
      `https://ops.example.com/?error=access_denied&state=${authorize.searchParams.get('state')}`,
    );
    for (const [key, value] of first.store) back.store.set(key, value);
    await expect(new Auth(config, back.browser).completeSignIn()).resolves.toMatchObject({
      kind: 'failed',
      reason: 'denied',
    });
    expect(back.fetchCalls).toHaveLength(0);
  });

  it('reports a failed token exchange', async () => {
    const { first, authorize } = await startSignIn('/stores');
    const back = fakeBrowser(
      `https://ops.example.com/?code=c&state=${authorize.searchParams.get('state')}`,
      async () => Response.json({ error: 'invalid_grant' }, { status: 400 }),
    );
    for (const [key, value] of first.store) back.store.set(key, value);
    const auth = new Auth(config, back.browser);
    await expect(auth.completeSignIn()).resolves.toMatchObject({ kind: 'failed', reason: 'exchange' });
    expect(auth.current()).toBeUndefined();
  });

  it('ignores URLs that carry no OAuth response', async () => {
    const page = fakeBrowser('https://ops.example.com/stores?connected=S-NA');
    await expect(new Auth(config, page.browser).completeSignIn()).resolves.toEqual({ kind: 'none' });
    expect(page.events).toEqual([]);
  });

  it('forgets an expired session', () => {
    const page = fakeBrowser('https://ops.example.com/stores');
    page.store.set(
      STORAGE_KEYS.session,
      JSON.stringify({ accessToken: 't', expiresAt: page.browser.now() + 30 * 60_000, groups: [] }),
    );
    const auth = new Auth(config, page.browser);
    expect(auth.accessToken()).toBe('t');
    page.advance(30 * 60_000);
    expect(auth.accessToken()).toBeUndefined();
    expect(page.store.has(STORAGE_KEYS.session)).toBe(false);
  });

  it('signs out: clears the tokens, then ends the hosted session', () => {
    const page = fakeBrowser('https://ops.example.com/stores');
    page.store.set(
      STORAGE_KEYS.session,
      JSON.stringify({ accessToken: 't', expiresAt: Infinity, groups: [] }),
    );
    const auth = new Auth(config, page.browser);
    auth.signOut();
    expect(page.store.has(STORAGE_KEYS.session)).toBe(false);
    expect(auth.justSignedOut()).toBe(true);
    expect(page.events).toEqual([
      `assign ${config.signInUrl}/logout?client_id=dash-client&logout_uri=https%3A%2F%2Fops.example.com%2F`,
    ]);
  });
});
