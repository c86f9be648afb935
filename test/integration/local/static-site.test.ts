import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rawRequest, startTestGateway, type TestGateway } from './local-test-kit';

// The dashboard as CloudFront serves it: files, SPA fallback for navigations, the generated config.json, the
// security headers policy, and nothing outside the site's folder.
describe('local dashboard hosting', () => {
  let root: string;
  let gateway: TestGateway;
  const SECRET = 'TOP-SECRET-OUTSIDE-THE-SITE';
  const config = {
    apiUrl: '',
    region: 'local',
    userPoolId: 'local',
    clientId: 'local-dashboard',
    signInUrl: 'http://localhost:3000/local',
    auth: 'local',
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mint-hub-site-'));
    const dist = path.join(root, 'dist');
    const publicDir = path.join(root, 'public');
    await mkdir(path.join(dist, 'assets'), { recursive: true });
    await mkdir(publicDir, { recursive: true });
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>built dashboard</title>');
    await writeFile(path.join(dist, 'assets', 'app-3f2a1b.js'), 'console.log("app")');
    await writeFile(path.join(dist, 'assets', 'app-3f2a1b.css'), 'body{}');
    await writeFile(path.join(dist, '.env'), SECRET);
    await writeFile(path.join(publicDir, 'index.html'), '<!doctype html><title>unbuilt placeholder</title>');
    await writeFile(path.join(root, 'secret.txt'), SECRET);
    await symlink(path.join(root, 'secret.txt'), path.join(dist, 'linked.txt'));
    gateway = await startTestGateway({ staticRoots: [dist, publicDir], runtimeConfig: config });
  });
  afterAll(async () => {
    await gateway.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = (pathname: string, accept = 'text/html') =>
    fetch(`${gateway.url}${pathname}`, { headers: { accept } });

  it('serves index.html at / from the built site (dist before public) with the security headers', async () => {
    const response = await get('/');
    const csp = response.headers.get('content-security-policy') ?? '';

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('built dashboard');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content types', async () => {
    const script = await get('/assets/app-3f2a1b.js', '*/*');
    const style = await get('/assets/app-3f2a1b.css', 'text/css');

    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a navigation to an app route with index.html, but a missing asset with 404', async () => {
    const navigation = await get('/stores/A2LUMENCRAFT7Q-NA/inventory');
    const missingScript = await get('/assets/missing.js', '*/*');

    expect(navigation.status).toBe(200);
    expect(await navigation.text()).toContain('built dashboard');
    expect(missingScript.status).toBe(404);
  });

  it('generates /config.json in the deployed shape, pointing at the local sign-in', async () => {
    const response = await get('/config.json', 'application/json');

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(config);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '/.env',
    '/linked.txt',
  ])('never serves anything outside the site or hidden: %s', async (attempt) => {
    const response = await rawRequest(gateway.port, { path: attempt, headers: { accept: '*/*' } });

    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
  });

  it('keeps API paths to the gateway: an unknown /api path is a JSON 404, not the dashboard', async () => {
    const response = await get('/api/not-a-route');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });
});
