import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  approveWebsiteConsent,
  connectStore,
  followCallback,
  newBrowser,
  request,
  sandbox,
  startWorkspaceForTest,
  tableItems,
  tokenFor,
  type StartedWorkspace,
} from './workspace-client';

// Issue 4 end to end: the real handlers behind the local gateway, DynamoDB Local, the KMS stand-in and the
// Amazon sandbox; browsers and the seller driven over HTTP.
const NA_SELLER = 'A2LUMENCRAFT7Q';
const NA_SELLER_2 = 'A1HARBORPINE3K';
const EU_SELLER = 'A3BRIGHTFIELD9E';
const FE_SELLER = 'A4SAKURALOOM2J';

let started: StartedWorkspace;
const ws = () => started.workspace;

beforeAll(async () => {
  started = await startWorkspaceForTest();
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

const result = (url: URL) => Object.fromEntries(url.searchParams);

describe('website flow', () => {
  it('connects a store: encrypted token, profile with marketplaces, owner membership, audit record', async () => {
    const landed = await connectStore(ws(), 'lin@minthub.local', NA_SELLER, 'NA');
    expect(landed.pathname).toBe('/stores');
    expect(result(landed)).toEqual({ connected: `${NA_SELLER}-NA`, result: 'connected' });

    const items = await tableItems(ws()).store(`${NA_SELLER}-NA`);
    const profile = items.find((i) => i['sk'] === 'PROFILE');
    expect(profile).toMatchObject({ status: 'ACTIVE', region: 'NA', sellingPartnerId: NA_SELLER });
    expect((profile?.['marketplaceIds'] as string[]).length).toBeGreaterThan(0);
    const token = items.find((i) => i['sk'] === 'TOKEN#SPAPI');
    expect(String(token?.['ciphertext'])).not.toMatch(/Atz/);
    expect(items.filter((i) => String(i['sk']).startsWith('MEMBER#'))).toEqual([
      expect.objectContaining({ role: 'owner' }),
    ]);

    const audit = fs.readFileSync(path.join(started.dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain(`"kind":"store-connected"`);
    expect(audit).toContain(`"storeId":"${NA_SELLER}-NA"`);
  });

  it('re-authorization of a known store by its owner replaces the token, renews reauthorizeBy and keeps members', async () => {
    const before = await tableItems(ws()).store(`${NA_SELLER}-NA`);
    const landed = await connectStore(ws(), 'lin@minthub.local', NA_SELLER, 'NA');
    expect(result(landed)).toEqual({ connected: `${NA_SELLER}-NA`, result: 'reauthorized' });
    const after = await tableItems(ws()).store(`${NA_SELLER}-NA`);
    const cipher = (items: Record<string, unknown>[]) =>
      items.find((i) => i['sk'] === 'TOKEN#SPAPI')?.['ciphertext'];
    expect(cipher(after)).not.toEqual(cipher(before));
    const members = (items: Record<string, unknown>[]) =>
      items.filter((i) => String(i['sk']).startsWith('MEMBER#')).map((i) => [i['sk'], i['role']]);
    expect(members(after)).toEqual(members(before));
    const profile = (items: Record<string, unknown>[]) => items.find((i) => i['sk'] === 'PROFILE');
    expect(profile(after)?.['connectedAt']).toBe(profile(before)?.['connectedAt']);
    expect(String(profile(after)?.['reauthorizeBy']) >= String(profile(before)?.['reauthorizeBy'])).toBe(
      true,
    );
  });

  it('learns the region from the consent and refuses a store of another region', async () => {
    const browser = newBrowser();
    const token = await tokenFor(ws(), 'lin@minthub.local');
    const consent = await approveWebsiteConsent(ws(), browser, token, {
      region: 'EU',
      sellingPartnerId: FE_SELLER,
    });
    expect(result(await followCallback(browser, consent.callbackUrl))).toEqual({ authError: 'wrong_region' });
    expect(await tableItems(ws()).store(`${FE_SELLER}-EU`)).toEqual([]);
    expect(await tableItems(ws()).store(`${FE_SELLER}-FE`)).toEqual([]);
  });

  it('shows a denied consent as consent_denied and stores nothing', async () => {
    const browser = newBrowser();
    const token = await tokenFor(ws(), 'lin@minthub.local');
    const consent = await approveWebsiteConsent(ws(), browser, token, {
      region: 'EU',
      sellingPartnerId: EU_SELLER,
      decision: 'deny',
    });
    expect(result(await followCallback(browser, consent.callbackUrl))).toEqual({
      authError: 'consent_denied',
    });
    expect(await tableItems(ws()).store(`${EU_SELLER}-EU`)).toEqual([]);
  });
});

describe('Appstore flow', () => {
  it('Login URI → dashboard Appstore page → POST /api/authorizations → Amazon → callback connects the store', async () => {
    // The seller clicks "Authorize now" on the Appstore listing in the sandbox, which calls our Login URI.
    const seller = newBrowser();
    const appId = (
      JSON.parse(fs.readFileSync(path.join(started.dataDir, 'local-app.json'), 'utf8')) as {
        applicationId: string;
      }
    ).applicationId;
    const listing = await request(seller, `${ws().sandboxUrl}/appstore/authorize`, {
      form: { application_id: appId, selling_partner_id: NA_SELLER_2, decision: 'approve' },
    });
    expect(listing.status).toBe(302);
    const loginUri = new URL(listing.headers.get('location') ?? '');
    expect(loginUri.pathname).toBe('/auth/amazon/login');

    const browser = newBrowser();
    const toDashboard = await request(browser, loginUri.toString());
    const appstorePage = new URL(toDashboard.headers.get('location') ?? '');
    expect(appstorePage.pathname).toBe('/appstore');
    expect(appstorePage.searchParams.get('selling_partner_id')).toBe(NA_SELLER_2);

    const token = await tokenFor(ws(), 'lin@minthub.local');
    const continued = await request(browser, `${ws().url}/api/authorizations`, {
      token,
      json: {
        amazonCallbackUri: appstorePage.searchParams.get('amazon_callback_uri'),
        amazonState: appstorePage.searchParams.get('amazon_state'),
        sellingPartnerId: NA_SELLER_2,
      },
    });
    expect(continued.status).toBe(200);
    const amazon = new URL(((await continued.json()) as { redirectUrl: string }).redirectUrl);
    expect(amazon.searchParams.get('amazon_state')).toBe(appstorePage.searchParams.get('amazon_state'));

    const back = await request(seller, amazon.toString());
    const callback = new URL(back.headers.get('location') ?? '');
    expect(result(await followCallback(browser, callback))).toEqual({
      connected: `${NA_SELLER_2}-NA`,
      result: 'connected',
    });
  });

  it('refuses an amazon_callback_uri that is not Amazon (no open redirect), at the Login URI and at the API', async () => {
    const browser = newBrowser();
    const evil = encodeURIComponent('https://evil.example.com/apps/authorize/confirm/x');
    const login = await request(
      browser,
      `${ws().url}/auth/amazon/login?amazon_callback_uri=${evil}&amazon_state=s&selling_partner_id=${NA_SELLER}`,
    );
    expect(login.status).toBe(302);
    expect(result(new URL(login.headers.get('location') ?? ''))).toEqual({ authError: 'invalid_request' });

    const token = await tokenFor(ws(), 'lin@minthub.local');
    const refused = await request(browser, `${ws().url}/api/authorizations`, {
      token,
      json: {
        amazonCallbackUri: 'https://evil.example.com/apps/authorize/confirm/x',
        amazonState: 's',
        sellingPartnerId: NA_SELLER,
      },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });
});

describe('attacks on the callback: each refused, nothing written', () => {
  async function storeItemsSnapshot() {
    return JSON.stringify(
      (await tableItems(ws()).stores())
        .map((i) => [i['pk'], i['sk'], i['ciphertext'] ?? i['updatedAt'] ?? null])
        .sort(),
    );
  }

  it('forged state (CSRF)', async () => {
    const before = await storeItemsSnapshot();
    const browser = newBrowser();
    const forged = new URL(`${ws().url}/auth/amazon/callback`);
    forged.searchParams.set('state', 'A'.repeat(43));
    forged.searchParams.set('selling_partner_id', EU_SELLER);
    forged.searchParams.set('spapi_oauth_code', 'ANforged');
    // Without the binding cookie the state is not even looked up; with a (foreign) one it is unknown.
    expect(result(await followCallback(browser, forged))).toEqual({ authError: 'session_mismatch' });
    browser.cookies.set('__Host-mint-hub-oauth', 'C'.repeat(43));
    expect(result(await followCallback(browser, forged))).toEqual({ authError: 'state_invalid' });
    expect(await storeItemsSnapshot()).toBe(before);
  });

  it('replayed state and replayed code', async () => {
    const browser = newBrowser();
    const token = await tokenFor(ws(), 'lin@minthub.local');
    const first = await approveWebsiteConsent(ws(), browser, token, {
      region: 'EU',
      sellingPartnerId: EU_SELLER,
    });
    expect(result(await followCallback(browser, first.callbackUrl)).result).toBe('connected');
    const before = await storeItemsSnapshot();

    expect(result(await followCallback(browser, first.callbackUrl))).toEqual({ authError: 'state_invalid' });

    // A fresh, valid state carrying the already-used code.
    const second = await approveWebsiteConsent(ws(), browser, token, {
      region: 'EU',
      sellingPartnerId: EU_SELLER,
    });
    const replayed = new URL(second.callbackUrl);
    replayed.searchParams.set(
      'spapi_oauth_code',
      first.callbackUrl.searchParams.get('spapi_oauth_code') ?? '',
    );
    expect(result(await followCallback(browser, replayed))).toEqual({ authError: 'code_invalid' });
    expect(await storeItemsSnapshot()).toBe(before);
  });

  it('expired code (the sandbox clock moves past its 5 minutes)', async () => {
    const before = await storeItemsSnapshot();
    const browser = newBrowser();
    const token = await tokenFor(ws(), 'lin@minthub.local');
    const consent = await approveWebsiteConsent(ws(), browser, token, {
      region: 'FE',
      sellingPartnerId: FE_SELLER,
    });
    await sandbox(ws(), '/__sandbox/clock', { advanceMs: 6 * 60_000 });
    expect(result(await followCallback(browser, consent.callbackUrl))).toEqual({ authError: 'code_invalid' });
    expect(await storeItemsSnapshot()).toBe(before);
  });

  it("a state from another operator's browser", async () => {
    const before = await storeItemsSnapshot();
    const linBrowser = newBrowser();
    const consent = await approveWebsiteConsent(ws(), linBrowser, await tokenFor(ws(), 'lin@minthub.local'), {
      region: 'FE',
      sellingPartnerId: FE_SELLER,
    });
    const sofiaBrowser = newBrowser();
    await request(sofiaBrowser, `${ws().url}/api/authorizations`, {
      token: await tokenFor(ws(), 'sofia@minthub.local'),
      json: { region: 'FE' },
    });
    expect(result(await followCallback(sofiaBrowser, consent.callbackUrl))).toEqual({
      authError: 'session_mismatch',
    });
    expect(await storeItemsSnapshot()).toBe(before);
  });

  it.each([
    ['an oversized state', { state: 'A'.repeat(5000) }],
    ['a malformed state', { state: '<script>alert(1)</script>' }],
    ['no parameters at all', {}],
  ])('%s', async (_label, params: Record<string, string>) => {
    const before = await storeItemsSnapshot();
    const url = new URL(`${ws().url}/auth/amazon/callback`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const landed = await followCallback(newBrowser(), url);
    expect(landed.searchParams.get('authError')).toMatch(/^(state_invalid|invalid_request)$/);
    expect(await storeItemsSnapshot()).toBe(before);
  });

  it('refuses malformed and oversized start requests with a 400 and writes no state', async () => {
    const token = await tokenFor(ws(), 'lin@minthub.local');
    const statesBefore = (await tableItems(ws()).all()).filter((i) =>
      String(i['pk']).startsWith('STATE#'),
    ).length;
    for (const json of [
      { region: 'MOON' },
      { region: 'NA', marketplace: 'DE' },
      { region: 'NA', padding: 'x'.repeat(10_000) },
      ['NA'],
    ]) {
      const response = await request(newBrowser(), `${ws().url}/api/authorizations`, { token, json });
      expect(response.status).toBe(400);
    }
    const statesAfter = (await tableItems(ws()).all()).filter((i) =>
      String(i['pk']).startsWith('STATE#'),
    ).length;
    expect(statesAfter).toBe(statesBefore);
  });
});

describe('secrets', () => {
  it('never shows the code, state, tokens or client secret in logs, audit records, URLs we redirect to or the table', async () => {
    const browser = newBrowser();
    const token = await tokenFor(ws(), 'sofia@minthub.local');
    const consent = await approveWebsiteConsent(ws(), browser, token, {
      region: 'NA',
      sellingPartnerId: NA_SELLER,
    });
    const landed = await followCallback(browser, consent.callbackUrl);
    const code = consent.callbackUrl.searchParams.get('spapi_oauth_code') ?? '';
    const app = JSON.parse(fs.readFileSync(path.join(started.dataDir, 'local-app.json'), 'utf8')) as {
      clientSecret: string;
    };
    const secrets = [
      code,
      consent.state,
      app.clientSecret,
      browser.cookies.get('__Host-mint-hub-oauth') ?? 'no-cookie',
    ];
    expect(secrets.every((s) => s.length > 8)).toBe(true);

    const places = {
      output: started.output(),
      audit: fs.readFileSync(path.join(started.dataDir, 'audit.jsonl'), 'utf8'),
      redirect: landed.toString(),
      table: JSON.stringify(await tableItems(ws()).all()),
    };
    // The scan can only fail if something was captured: the handlers log each request.
    expect(places.output).toContain('store connected');
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets)
        expect({ place, leaked: text.includes(secret) }).toEqual({ place, leaked: false });
      expect({ place, tokenShaped: /Atz[ar]\|/.test(text) }).toEqual({ place, tokenShaped: false });
    }
  });
});
