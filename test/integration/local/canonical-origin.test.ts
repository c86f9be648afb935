import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConsentForm } from '../../../local/runtime/seed';
import { API_SCOPE } from '../../../shared/auth/api-scope';
import { rawRequest, startTestGateway, testRoute, type TestGateway } from './local-test-kit';

// Issue 18: people type `http://127.0.0.1:PORT/`. The local sign-in's issuer and redirect URI are on
// `localhost:PORT`, which the dashboard's CSP (`connect-src 'self'`) blocks from a 127.0.0.1 page, so the gateway
// sends every page request to the canonical origin before the dashboard (and with it the sign-in) starts there.
// Driven with plain HTTP, as a browser would, cookies kept across hops.
describe('the workspace at the address people type', () => {
  let root: string;
  let gateway: TestGateway;
  let loopback: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mint-hub-origin-'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>dashboard</title>');
    gateway = await startTestGateway({
      routes: [testRoute('Whoami', 'GET', '/api/whoami', 'jwt')],
      modules: { 'test/Whoami': { handler: async () => ({ statusCode: 204 }) } },
      staticRoots: [root],
    });
    loopback = `http://127.0.0.1:${gateway.port}`;
  });
  afterAll(async () => {
    await gateway.close();
    await rm(root, { recursive: true, force: true });
  });

  /** A browser's cookie jar and manual redirects, so each hop can be inspected. */
  const jar = new Map<string, string>();
  async function browse(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name.trim(), value.join('='));
    }
    return response;
  }

  it.each([
    ['/', '/'],
    [
      '/stores?connected=A2LUMENCRAFT7Q-NA&result=connected',
      '/stores?connected=A2LUMENCRAFT7Q-NA&result=connected',
    ],
    [
      '/appstore?amazon_state=s&selling_partner_id=A2LUMENCRAFT7Q',
      '/appstore?amazon_state=s&selling_partner_id=A2LUMENCRAFT7Q',
    ],
  ])('redirects the page %s at 127.0.0.1 to localhost, path and query intact', async (pathname, kept) => {
    const response = await browse(`${loopback}${pathname}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${gateway.url}${kept}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('redirects [::1] and HEAD requests too', async () => {
    const ipv6 = await rawRequest(gateway.port, {
      path: '/orders',
      headers: { host: `[::1]:${gateway.port}` },
    });
    expect(ipv6.status).toBe(302);
    expect(ipv6.headers['location']).toBe(`${gateway.url}/orders`);
    const head = await fetch(`${loopback}/`, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(302);
  });

  it('leaves API requests alone: a script calling 127.0.0.1 gets the API answer, not a redirect', async () => {
    expect((await fetch(`${loopback}/api/whoami`, { redirect: 'manual' })).status).toBe(401);
    const token = await fetch(`${loopback}/local/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope' }),
      redirect: 'manual',
    });
    expect(token.status).not.toBe(302);
  });

  it('signs in end to end after the redirect: every hop, the token request included, on one origin', async () => {
    const typed = await browse(`${loopback}/`);
    const landing = new URL(typed.headers.get('location') ?? '');
    const page = await browse(landing.toString());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('dashboard');
    const origin = landing.origin;
    // The dashboard's sign-in: authorization code with PKCE against the issuer, redirect back to the page's origin.
    expect(new URL(gateway.identity.issuer).origin).toBe(origin);
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = `${origin}/`;
    const authorize = await browse(
      `${gateway.identity.issuer}/oauth2/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        state: 'typed-address',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        scope: `openid email profile ${API_SCOPE}`,
      })}`,
    );
    expect(authorize.status).toBe(200);
    const form = parseConsentForm(await authorize.text(), new URL(authorize.url || gateway.identity.issuer));
    if (form === undefined) throw new Error('no sign-in form');
    form.fields.set('user', 'lin@minthub.local');
    expect(new URL(form.action).origin).toBe(origin);
    const submitted = await browse(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.fields,
    });
    expect(submitted.status).toBe(302);
    const back = new URL(submitted.headers.get('location') ?? '');
    expect(back.origin).toBe(origin);
    expect(back.searchParams.get('state')).toBe('typed-address');
    const tokenUrl = `${gateway.identity.issuer}/oauth2/token`;
    expect(new URL(tokenUrl).origin).toBe(origin);
    const exchanged = await browse(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'local-dashboard',
        redirect_uri: redirectUri,
        code: back.searchParams.get('code') ?? '',
        code_verifier: verifier,
      }),
    });
    expect(exchanged.status).toBe(200);
    const { access_token: accessToken } = (await exchanged.json()) as { access_token: string };
    const api = await browse(`${origin}/api/whoami`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(api.status).toBe(204);
  });
});
