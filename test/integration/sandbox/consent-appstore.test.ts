import type { AmazonSandbox, SandboxApp } from '../../../local/sandbox';
import {
  DRAFT_APP,
  FE_SELLER,
  TEST_APP,
  exchangeCode,
  get,
  locationOf,
  postForm,
  startTestSandbox,
} from './sandbox-test-kit';

describe('Selling Partner Appstore workflow', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  /** "Authorize now" on the listing, then consent: returns where Amazon sends the browser (the Login URI). */
  async function authorizeNow(app: SandboxApp = TEST_APP, version?: string): Promise<URL> {
    const response = await postForm(`${sandbox.url}/appstore/authorize`, {
      application_id: app.applicationId,
      version,
      selling_partner_id: FE_SELLER,
      decision: 'approve',
    });
    expect(response.status).toBe(302);
    return locationOf(response);
  }

  /** What the app does after its user signed in: load amazon_callback_uri with amazon_state and state. */
  function confirm(loginCall: URL, extra: Record<string, string> = {}): Promise<Response> {
    const callback = new URL(loginCall.searchParams.get('amazon_callback_uri') ?? '');
    callback.searchParams.set('amazon_state', loginCall.searchParams.get('amazon_state') ?? '');
    callback.searchParams.set('state', 'app-state-42');
    for (const [name, value] of Object.entries(extra)) callback.searchParams.set(name, value);
    return get(callback.toString());
  }

  it('shows the Appstore consent with the seller picker', async () => {
    const response = await get(`${sandbox.url}/appstore/authorize?application_id=${TEST_APP.applicationId}`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(page).toContain(`value="${FE_SELLER}"`);
    expect(page).toContain('id="approve"');
  });

  it('calls the Login URI with amazon_callback_uri, amazon_state and selling_partner_id', async () => {
    const loginCall = await authorizeNow();

    expect(`${loginCall.origin}${loginCall.pathname}`).toBe(TEST_APP.loginUri);
    expect([...loginCall.searchParams.keys()]).toEqual([
      'amazon_callback_uri',
      'amazon_state',
      'selling_partner_id',
    ]);
    expect(loginCall.searchParams.get('amazon_callback_uri')).toBe(
      `${sandbox.url}/apps/authorize/confirm/${TEST_APP.applicationId}`,
    );
    expect(loginCall.searchParams.get('selling_partner_id')).toBe(FE_SELLER);
  });

  it('completes at the callback: redirect URI with state, selling_partner_id and a working code', async () => {
    const loginCall = await authorizeNow();
    const response = await confirm(loginCall);
    const redirect = locationOf(response);
    const exchanged = await exchangeCode(
      sandbox,
      redirect.searchParams.get('spapi_oauth_code') ?? '',
      TEST_APP.redirectUris[0] ?? '',
    );

    expect(response.status).toBe(302);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(TEST_APP.redirectUris[0]);
    expect([...redirect.searchParams.keys()]).toEqual(['state', 'selling_partner_id', 'spapi_oauth_code']);
    expect(redirect.searchParams.get('state')).toBe('app-state-42');
    expect(redirect.searchParams.get('selling_partner_id')).toBe(FE_SELLER);
    expect(exchanged.status).toBe(200);
  });

  it('refuses a replayed, unknown or expired amazon_state', async () => {
    const loginCall = await authorizeNow();
    const first = await confirm(loginCall);
    const replayed = await confirm(loginCall);
    const unknown = await confirm(loginCall, { amazon_state: 'made-up' });
    const stale = await authorizeNow();
    sandbox.clock.advance(11 * 60 * 1000);
    const expired = await confirm(stale);

    expect(first.status).toBe(302);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('amazon_state');
    expect(unknown.status).toBe(400);
    expect(expired.status).toBe(400);
  });

  it('carries version=beta for draft apps, and insists on it at the callback', async () => {
    const loginCall = await authorizeNow(DRAFT_APP, 'beta');
    const withoutBeta = await confirm(loginCall);
    const withBeta = await confirm(loginCall, { version: 'beta' });

    expect(loginCall.searchParams.get('version')).toBe('beta');
    expect(withoutBeta.status).toBe(400);
    expect(await withoutBeta.text()).toContain('MD1000');
    expect(withBeta.status).toBe(302);
    expect(locationOf(withBeta).searchParams.get('spapi_oauth_code')).toBeTruthy();
  });

  it('refuses a draft app without version=beta before the seller consents', async () => {
    const response = await get(`${sandbox.url}/appstore/authorize?application_id=${DRAFT_APP.applicationId}`);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('MD1000');
  });

  it('answers Cancel with a cancellation page and no redirect', async () => {
    const response = await postForm(`${sandbox.url}/appstore/authorize`, {
      application_id: TEST_APP.applicationId,
      selling_partner_id: FE_SELLER,
      decision: 'deny',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Authorization cancelled');
  });

  it('answers an unknown application id with an error page at both steps', async () => {
    const start = await get(`${sandbox.url}/appstore/authorize?application_id=amzn1.sellerapps.app.nope`);
    const callback = await get(
      `${sandbox.url}/apps/authorize/confirm/amzn1.sellerapps.app.nope?amazon_state=x&state=y`,
    );

    expect(start.status).toBe(400);
    expect(callback.status).toBe(400);
  });

  it('refuses an amazon_state at another app callback without burning it', async () => {
    const loginCall = await authorizeNow();
    const otherApp = await get(
      `${sandbox.url}/apps/authorize/confirm/${DRAFT_APP.applicationId}?version=beta&state=s&amazon_state=${encodeURIComponent(
        loginCall.searchParams.get('amazon_state') ?? '',
      )}`,
    );
    const rightApp = await confirm(loginCall);

    expect(otherApp.status).toBe(400);
    expect(rightApp.status).toBe(302);
  });
});
