import type { AmazonSandbox } from '../../../local/sandbox';
import {
  DRAFT_APP,
  EU_SELLER,
  NA_SELLER,
  TEST_APP,
  exchangeCode,
  get,
  locationOf,
  startTestSandbox,
  submitConsent,
} from './sandbox-test-kit';

describe('Seller Central consent, website workflow', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const consentUrl = (params: Record<string, string>): string =>
    `${sandbox.endpoints.sellerCentral}/apps/authorize/consent?${new URLSearchParams(params)}`;

  it('renders a consent page with every seeded seller, Confirm and Cancel, escaping what it echoes', async () => {
    const response = await get(
      consentUrl({ application_id: TEST_APP.applicationId, state: '"><script>alert(1)</script>' }),
    );
    const page = await response.text();

    expect(response.status).toBe(200);
    for (const seller of sandbox.sellers) expect(page).toContain(`value="${seller.sellingPartnerId}"`);
    expect(page).toContain('id="approve"');
    expect(page).toContain('id="deny"');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('sends Confirm to the first redirect URI with exactly state, selling_partner_id and spapi_oauth_code', async () => {
    const response = await submitConsent(sandbox, { sellingPartnerId: EU_SELLER, state: 'st-1' });
    const redirect = locationOf(response);

    expect(response.status).toBe(302);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(TEST_APP.redirectUris[0]);
    expect([...redirect.searchParams.keys()]).toEqual(['state', 'selling_partner_id', 'spapi_oauth_code']);
    expect(redirect.searchParams.get('state')).toBe('st-1');
    expect(redirect.searchParams.get('selling_partner_id')).toBe(EU_SELLER);
    expect(redirect.searchParams.get('spapi_oauth_code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('sends Cancel to the redirect URI with state and error=access_denied only', async () => {
    const response = await submitConsent(sandbox, { decision: 'deny', state: 'st-2' });
    const redirect = locationOf(response);

    expect(response.status).toBe(302);
    expect([...redirect.searchParams]).toEqual([
      ['state', 'st-2'],
      ['error', 'access_denied'],
    ]);
  });

  it('honours a registered redirect_uri and rejects others with MD5101 / MD5110', async () => {
    const alternate = TEST_APP.redirectUris[1] ?? '';
    const accepted = await submitConsent(sandbox, { redirectUri: alternate });
    const unregistered = await get(
      consentUrl({
        application_id: TEST_APP.applicationId,
        state: 's',
        redirect_uri: 'https://evil.example/cb',
      }),
    );
    const withFragment = await get(
      consentUrl({ application_id: TEST_APP.applicationId, state: 's', redirect_uri: `${alternate}#x` }),
    );

    expect(`${locationOf(accepted).origin}${locationOf(accepted).pathname}`).toBe(alternate);
    expect(unregistered.status).toBe(400);
    expect(await unregistered.text()).toContain('MD5101');
    expect(withFragment.status).toBe(400);
    expect(await withFragment.text()).toContain('MD5110');
  });

  it('answers an unknown application_id or a missing state with an error page', async () => {
    const unknownApp = await get(consentUrl({ application_id: 'amzn1.sellerapps.app.nope', state: 's' }));
    const noState = await get(consentUrl({ application_id: TEST_APP.applicationId }));

    expect(unknownApp.status).toBe(400);
    expect(await unknownApp.text()).toContain('We could not find this application');
    expect(noState.status).toBe(400);
  });

  it('accepts version=beta only for draft apps, and draft apps only with it (MD1000)', async () => {
    const draftWithBeta = await get(
      consentUrl({ application_id: DRAFT_APP.applicationId, state: 's', version: 'beta' }),
    );
    const draftWithoutBeta = await get(consentUrl({ application_id: DRAFT_APP.applicationId, state: 's' }));
    const publishedWithBeta = await get(
      consentUrl({ application_id: TEST_APP.applicationId, state: 's', version: 'beta' }),
    );
    const draftApproval = await submitConsent(sandbox, { app: DRAFT_APP, version: 'beta' });

    expect(draftWithBeta.status).toBe(200);
    expect(draftWithoutBeta.status).toBe(400);
    expect(await draftWithoutBeta.text()).toContain('MD1000');
    expect(publishedWithBeta.status).toBe(400);
    expect(locationOf(draftApproval).searchParams.get('spapi_oauth_code')).toBeTruthy();
  });

  it('makes codes single-use', async () => {
    const code = locationOf(await submitConsent(sandbox)).searchParams.get('spapi_oauth_code') ?? '';
    const redirectUri = TEST_APP.redirectUris[0] ?? '';

    const first = await exchangeCode(sandbox, code, redirectUri);
    const second = await exchangeCode(sandbox, code, redirectUri);

    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({
      error_description: 'The request has an invalid grant parameter : code',
      error: 'invalid_grant',
    });
  });

  it('expires codes after five minutes on the sandbox clock', async () => {
    const redirectUri = TEST_APP.redirectUris[0] ?? '';
    const freshCode = locationOf(await submitConsent(sandbox)).searchParams.get('spapi_oauth_code') ?? '';
    const staleCode = locationOf(await submitConsent(sandbox)).searchParams.get('spapi_oauth_code') ?? '';

    sandbox.clock.advance(4 * 60 * 1000 + 50 * 1000);
    const beforeExpiry = await exchangeCode(sandbox, freshCode, redirectUri);
    sandbox.clock.advance(15 * 1000);
    const afterExpiry = await exchangeCode(sandbox, staleCode, redirectUri);

    expect(beforeExpiry.status).toBe(200);
    expect(afterExpiry.status).toBe(400);
    expect(afterExpiry.body.error).toBe('invalid_grant');
  });

  it('binds the code to its redirect_uri and to the app it was issued for', async () => {
    const code = locationOf(await submitConsent(sandbox)).searchParams.get('spapi_oauth_code') ?? '';

    const mismatch = await exchangeCode(sandbox, code, TEST_APP.redirectUris[1] ?? '');
    const otherApp = await exchangeCode(sandbox, code, TEST_APP.redirectUris[0] ?? '', DRAFT_APP);
    const stillUsable = await exchangeCode(sandbox, code, TEST_APP.redirectUris[0] ?? '');

    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual({
      error_description: 'The request has an invalid grant parameter : redirect_uri',
      error: 'invalid_grant',
    });
    expect(otherApp.body.error).toBe('invalid_grant');
    expect(stillUsable.status).toBe(200);
  });

  it('answers a successful exchange with LWA tokens for the consenting seller', async () => {
    const redirect = locationOf(await submitConsent(sandbox, { sellingPartnerId: NA_SELLER }));
    const exchanged = await exchangeCode(
      sandbox,
      redirect.searchParams.get('spapi_oauth_code') ?? '',
      TEST_APP.redirectUris[0] ?? '',
    );

    expect(exchanged.status).toBe(200);
    expect(Object.keys(exchanged.body)).toEqual([
      'access_token',
      'refresh_token',
      'token_type',
      'expires_in',
    ]);
    expect(exchanged.body.access_token).toMatch(/^Atza\|/);
    expect(exchanged.body.refresh_token).toMatch(/^Atzr\|/);
    expect(exchanged.body.token_type).toBe('bearer');
    expect(exchanged.body.expires_in).toBe(3600);
  });
});
