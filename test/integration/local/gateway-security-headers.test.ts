import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROUTES } from '../../../shared/api/routes';
import { API_SCOPE } from '../../../shared/auth/api-scope';
import { rawRequest, signToken, startTestGateway, testRoute, type TestGateway } from './local-test-kit';

// CloudFront's API response headers policy adds Cache-Control: no-store and nosniff to every answer on the API
// paths, over whatever the origin sent (lib/dashboard-site.ts). The local gateway does the same for every answer
// that is not a dashboard file, including the ones it produces itself.
const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

describe('local gateway security headers', () => {
  let gateway: TestGateway;
  let site: string;

  beforeAll(async () => {
    site = await mkdtemp(path.join(tmpdir(), 'mint-hub-site-'));
    await mkdir(path.join(site, 'assets'));
    await writeFile(path.join(site, 'index.html'), '<!doctype html><title>Mint Hub</title>');
    await writeFile(path.join(site, 'assets', 'app-1a2b3c.js'), 'console.log(1);');
    gateway = await startTestGateway({
      routes: [
        testRoute('Cacheable', 'GET', '/api/cacheable', 'jwt'),
        testRoute('Throws', 'GET', '/api/throws', 'public'),
        testRoute('Callback', 'GET', '/auth/callback', 'public'),
        ...ROUTES.filter((route) => route.id === 'Healthz'),
      ],
      modules: {
        // A handler that asks for caching and sniffing: the gateway's headers win, as CloudFront's override does.
        'test/Cacheable': {
          handler: async () => ({
            statusCode: 200,
            headers: {
              'content-type': 'application/json',
              'cache-control': 'public, max-age=600',
              'X-Content-Type-Options': 'sniff-away',
            },
            body: '{"ok":true}',
          }),
        },
        'test/Throws': {
          handler: async () => {
            throw new Error('boom');
          },
        },
        'test/Callback': { handler: async () => ({ statusCode: 302, headers: { location: '/stores' } }) },
      },
      staticRoots: [site],
    });
  });
  afterAll(async () => {
    await gateway.close();
    await rm(site, { recursive: true, force: true });
  });

  const expectNoStore = (headers: Headers | Record<string, string | string[] | undefined>) => {
    const get = (name: string) =>
      headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined);
    for (const [name, value] of Object.entries(NO_STORE)) expect(get(name)).toBe(value);
  };

  it.each([
    ['401 from the authorizer (no token)', () => fetch(`${gateway.url}/api/cacheable`), 401],
    [
      '403 from the authorizer (no API scope)',
      async () =>
        fetch(`${gateway.url}/api/cacheable`, {
          headers: { authorization: `Bearer ${await signToken(gateway, { scope: 'openid' })}` },
        }),
      403,
    ],
    ['404 for an unknown API route', () => fetch(`${gateway.url}/api/nothing-here`), 404],
    [
      '404 for a known path with another method',
      () => fetch(`${gateway.url}/healthz`, { method: 'POST' }),
      404,
    ],
    [
      '404 for a non-GET request outside the API',
      () => fetch(`${gateway.url}/stores`, { method: 'POST' }),
      404,
    ],
    ['500 for a handler that throws', () => fetch(`${gateway.url}/api/throws`), 500],
    ['a public route', () => fetch(`${gateway.url}/healthz`), 200],
    [
      'a redirect from an /auth route',
      () => fetch(`${gateway.url}/auth/callback`, { redirect: 'manual' }),
      302,
    ],
    ['a local endpoint', () => fetch(`${gateway.url}/local/users`), 200],
    ['a local endpoint that does not exist', () => fetch(`${gateway.url}/local/nope`), 404],
  ])('adds no-store and nosniff to %s', async (_, send, status) => {
    const response = await send();

    expect(response.status).toBe(status);
    expectNoStore(response.headers);
  });

  it("overrides a handler's own Cache-Control and X-Content-Type-Options", async () => {
    const token = await signToken(gateway, { scope: `openid ${API_SCOPE}` });
    const response = await fetch(`${gateway.url}/api/cacheable`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
    expectNoStore(response.headers);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it.each([
    ['an API route', '/healthz'],
    ['an unknown API route', '/api/nothing-here'],
  ])('answers HEAD on %s with the headers and no body', async (_, requestPath) => {
    const response = await rawRequest(gateway.port, { method: 'HEAD', path: requestPath });

    expect(response.body).toBe('');
    expectNoStore(response.headers);
  });

  it('adds them to 413 (body over 10 MB) and 403 (another host name)', async () => {
    const tooLarge = await rawRequest(gateway.port, {
      method: 'POST',
      path: '/auth/callback',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    const rebound = await rawRequest(gateway.port, {
      path: '/api/cacheable',
      headers: { host: 'evil.example:80' },
    });

    expect(tooLarge.status).toBe(413);
    expectNoStore(tooLarge.headers);
    expect(rebound.status).toBe(403);
    expectNoStore(rebound.headers);
  });

  it('answers headers over the limit with 431 and the headers, not Node’s bare default', async () => {
    const response = await rawRequest(gateway.port, {
      path: '/api/cacheable',
      headers: { 'x-padding': 'a'.repeat(20 * 1024) },
    });

    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toEqual({ message: 'Request Header Fields Too Large' });
    expectNoStore(response.headers);
  });

  it('answers a malformed request with 400 and the headers', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(gateway.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });
    const [head = '', body] = raw.split('\r\n\r\n');

    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head.toLowerCase()).toContain('cache-control: no-store');
    expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(body ?? '')).toEqual({ message: 'Bad Request' });
  });

  it('leaves dashboard files their own caching headers', async () => {
    const script = await fetch(`${gateway.url}/assets/app-1a2b3c.js`);
    const page = await fetch(`${gateway.url}/stores`, { headers: { accept: 'text/html' } });

    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
