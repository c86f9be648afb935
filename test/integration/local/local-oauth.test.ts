import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { HttpApiEvent } from '../../../local/gateway/api-gateway-event';
import { parseConsentForm } from '../../../local/runtime/seed';
import { API_SCOPE } from '../../../shared/auth/api-scope';
import { startTestGateway, testRoute, type TestGateway } from './local-test-kit';

// The local sign-in mirrors Cognito's hosted UI endpoints, so the dashboard signs in with one code path
// (authorization code + PKCE) in AWS and locally. Driven over HTTP as a browser and the dashboard would.
describe('local sign-in (OAuth 2.0 authorization code with PKCE)', () => {
  const LIN = '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02';
  const seen: HttpApiEvent[] = [];
  let gateway: TestGateway;
  let redirectUri: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      routes: [testRoute('Whoami', 'GET', '/api/whoami', 'jwt')],
      modules: {
        'test/Whoami': {
          handler: async (event: HttpApiEvent) => {
            seen.push(event);
            return { statusCode: 204 };
          },
        },
      },
    });
    redirectUri = `${gateway.url}/`;
  });
  afterAll(() => gateway.close());

  function pkce() {
    const verifier = randomBytes(48).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  function authorizeUrl(params: Record<string, string>): string {
    return `${gateway.url}/local/oauth2/authorize?${new URLSearchParams(params)}`;
  }

  /** Opens the sign-in page and picks an operator, as a person would; answers the redirect back to the app. */
  async function signIn(challenge: string, extra: Record<string, string> = {}, user = LIN): Promise<URL> {
    const page = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: 'state-123',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        scope: `openid email profile ${API_SCOPE}`,
        ...extra,
      }),
    );
    expect(page.status).toBe(200);
    const form = parseConsentForm(await page.text(), new URL(page.url));
    if (form === undefined) throw new Error('no sign-in form');
    form.fields.set('user', user);
    const submitted = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.fields,
      redirect: 'manual',
    });
    expect(submitted.status).toBe(302);
    return new URL(submitted.headers.get('location') ?? '');
  }

  function exchange(fields: Record<string, string>): Promise<Response> {
    return fetch(`${gateway.url}/local/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        ...fields,
      }),
    });
  }

  it('signs in end to end: page, code, token exchange with PKCE, and a bearer the gateway accepts', async () => {
    const { verifier, challenge } = pkce();

    const back = await signIn(challenge, { nonce: 'n-1' });
    const tokenResponse = await exchange({
      code: back.searchParams.get('code') ?? '',
      code_verifier: verifier,
    });
    const tokens = (await tokenResponse.json()) as Record<string, unknown>;
    const api = await fetch(`${gateway.url}/api/whoami`, {
      headers: { authorization: `Bearer ${String(tokens.access_token)}` },
    });

    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(tokenResponse.status).toBe(200);
    expect(tokenResponse.headers.get('cache-control')).toBe('no-store');
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(decodeJwt(String(tokens.access_token))).toMatchObject({
      sub: LIN,
      client_id: 'local-dashboard',
      token_use: 'access',
      scope: `openid email profile ${API_SCOPE}`,
      iss: `${gateway.url}/local`,
      email: 'lin@minthub.local',
    });
    expect(decodeJwt(String(tokens.id_token))).toMatchObject({
      sub: LIN,
      aud: 'local-dashboard',
      token_use: 'id',
      email: 'lin@minthub.local',
      nonce: 'n-1',
    });
    expect(decodeJwt(String(tokens.id_token))).not.toHaveProperty('scope');
    expect(api.status).toBe(204);
    expect(seen.at(-1)?.requestContext.authorizer?.jwt.claims['sub']).toBe(LIN);
  });

  it('issues access tokens the API refuses (403) when sign-in did not ask for the API scope, as Cognito does', async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn(challenge, { scope: 'openid email profile' });
    const tokens = (await (
      await exchange({ code: back.searchParams.get('code') ?? '', code_verifier: verifier })
    ).json()) as { access_token: string; id_token: string };
    const call = (token: string) =>
      fetch(`${gateway.url}/api/whoami`, { headers: { authorization: `Bearer ${token}` } });

    const withAccessToken = await call(tokens.access_token);
    const withIdToken = await call(tokens.id_token);

    expect(decodeJwt(tokens.access_token).scope).toBe('openid email profile');
    expect(withAccessToken.status).toBe(403);
    expect(withAccessToken.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(withIdToken.status).toBe(403);
  });

  it('grants every scope of the client, the API scope among them, when sign-in names none', async () => {
    const { verifier, challenge } = pkce();
    const page = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    const form = parseConsentForm(await page.text(), new URL(page.url));
    expect(form?.fields.get('scope')).toBe(`openid email profile ${API_SCOPE}`);
    form?.fields.set('user', LIN);
    const submitted = await fetch(form?.action ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form?.fields,
      redirect: 'manual',
    });
    const code = new URL(submitted.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = (await (await exchange({ code, code_verifier: verifier })).json()) as {
      access_token: string;
    };

    expect(decodeJwt(tokens.access_token).scope).toBe(`openid email profile ${API_SCOPE}`);
  });

  it('refuses a scope the dashboard client is not allowed, as Cognito does (invalid_scope)', async () => {
    const response = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: 's3',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
        scope: 'openid aws.cognito.signin.user.admin',
      }),
      { redirect: 'manual' },
    );

    expect(new URL(response.headers.get('location') ?? '').search).toBe('?error=invalid_scope&state=s3');
  });

  it('refuses a code with the wrong verifier, and the code is spent by the attempt', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge)).searchParams.get('code') ?? '';

    const wrong = await exchange({ code, code_verifier: pkce().verifier });
    const thenRight = await exchange({ code, code_verifier: verifier });

    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant' });
    expect(thenRight.status).toBe(400);
  });

  it('refuses a replayed code', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge)).searchParams.get('code') ?? '';

    const first = await exchange({ code, code_verifier: verifier });
    const replay = await exchange({ code, code_verifier: verifier });

    expect(first.status).toBe(200);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a redirect_uri on another origin without redirecting there, and a mismatched one at the token endpoint', async () => {
    const { verifier, challenge } = pkce();
    const foreign = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: 'https://evil.example/callback',
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    const code = (await signIn(challenge)).searchParams.get('code') ?? '';
    const mismatched = await exchange({
      code,
      code_verifier: verifier,
      redirect_uri: `${gateway.url}/other`,
    });

    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
    expect(mismatched.status).toBe(400);
  });

  it('sends errors it can deliver back to the app: no PKCE, and Cancel', async () => {
    const noPkce = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: 's1',
      }),
      { redirect: 'manual' },
    );
    const page = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: 's2',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    const form = parseConsentForm(await page.text(), new URL(page.url));
    form?.fields.set('cancel', '1');
    const cancelled = await fetch(form?.action ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form?.fields,
      redirect: 'manual',
    });

    expect(new URL(noPkce.headers.get('location') ?? '').search).toBe('?error=invalid_request&state=s1');
    expect(new URL(cancelled.headers.get('location') ?? '').search).toBe('?error=access_denied&state=s2');
  });

  it('renders the sign-in page with everything escaped, no script and a strict CSP', async () => {
    const response = await fetch(
      authorizeUrl({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: '"><script>alert(1)</script>',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';

    expect(html).not.toContain('<script');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    for (const email of ['ada@minthub.local', 'lin@minthub.local', 'sofia@minthub.local'])
      expect(html).toContain(email);
  });

  it('refreshes tokens with the refresh token, and logs out only to a page of this origin', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge)).searchParams.get('code') ?? '';
    const { refresh_token: refreshToken } = (await (
      await exchange({ code, code_verifier: verifier })
    ).json()) as {
      refresh_token: string;
    };

    const refreshed = await fetch(`${gateway.url}/local/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'local-dashboard',
        refresh_token: refreshToken,
      }),
    });
    const logout = await fetch(
      `${gateway.url}/local/logout?${new URLSearchParams({ client_id: 'local-dashboard', logout_uri: redirectUri })}`,
      { redirect: 'manual' },
    );
    const foreignLogout = await fetch(
      `${gateway.url}/local/logout?${new URLSearchParams({ client_id: 'local-dashboard', logout_uri: 'https://evil.example/' })}`,
      { redirect: 'manual' },
    );

    expect(refreshed.status).toBe(200);
    expect(decodeJwt(((await refreshed.json()) as { access_token: string }).access_token).sub).toBe(LIN);
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(redirectUri);
    expect(foreignLogout.status).toBe(400);
    expect(foreignLogout.headers.get('location')).toBeNull();
  });

  it('lists the seeded operators without secrets, and issues script tokens by email, id or short name', async () => {
    const users = (await (await fetch(`${gateway.url}/local/users`)).json()) as {
      users: Array<Record<string, unknown>>;
    };
    // curl -d sends JSON with a form content type: accepted as it is.
    const byEmail = await fetch(`${gateway.url}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"user":"lin@minthub.local"}',
    });
    const byId = await fetch(`${gateway.url}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ user: LIN }),
    });
    const unknown = await fetch(`${gateway.url}/local/token`, { method: 'POST', body: '{"user":"mallory"}' });
    const token = ((await byEmail.json()) as { access_token: string }).access_token;

    expect(users.users.map((user) => Object.keys(user).sort())).toEqual(
      Array(3).fill(['email', 'groups', 'id', 'name']),
    );
    expect(users.users.find((user) => user.email === 'ada@minthub.local')?.groups).toEqual(['admin']);
    expect(decodeJwt(token)).toMatchObject({
      sub: LIN,
      token_use: 'access',
      client_id: 'local-dashboard',
      scope: `openid email profile ${API_SCOPE}`,
    });
    expect(byId.status).toBe(200);
    expect(unknown.status).toBe(404);
  });

  it('publishes its key set and discovery document like a Cognito issuer', async () => {
    const jwks = (await (await fetch(`${gateway.url}/local/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    const discovery = (await (
      await fetch(`${gateway.url}/local/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;

    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      kid: gateway.signingKey.kid,
    });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(discovery).toMatchObject({
      issuer: `${gateway.url}/local`,
      authorization_endpoint: `${gateway.url}/local/oauth2/authorize`,
      token_endpoint: `${gateway.url}/local/oauth2/token`,
    });
  });
});
