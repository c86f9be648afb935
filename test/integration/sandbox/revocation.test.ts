import type { AmazonSandbox } from '../../../local/sandbox';
import {
  DRAFT_APP,
  INVENTORY_PATH,
  NA_SELLER,
  NA_SELLER_2,
  TEST_APP,
  US,
  authorizeSeller,
  exchangeCode,
  get,
  inventoryQuery,
  locationOf,
  postForm,
  refreshAccessToken,
  sellerCounters,
  spapi,
  startTestSandbox,
  submitConsent,
} from './sandbox-test-kit';

const REVOKED_GRANT = {
  error_description:
    "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.",
  error: 'invalid_grant',
};

const REVOKED_ACCESS = {
  errors: [
    {
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
      details: 'The access token you provided is revoked, malformed or invalid.',
    },
  ],
};

describe('Revocation ("Manage Your Apps")', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ rateScale: 50 });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('turns every refresh token into invalid_grant and every access token into a 403', async () => {
    const first = await authorizeSeller(sandbox, NA_SELLER);
    const second = await authorizeSeller(sandbox, NA_SELLER);
    const minted = await refreshAccessToken(sandbox, first.refreshToken);

    sandbox.revoke(NA_SELLER, 'NA');

    for (const refreshToken of [first.refreshToken, second.refreshToken]) {
      const refreshed = await refreshAccessToken(sandbox, refreshToken);
      expect(refreshed.status).toBe(400);
      expect(refreshed.body).toEqual(REVOKED_GRANT);
    }
    for (const accessToken of [first.accessToken, second.accessToken, String(minted.body.access_token)]) {
      const call = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), accessToken);
      expect(call.status).toBe(403);
      expect(call.body).toEqual(REVOKED_ACCESS);
    }
  });

  it('leaves other sellers and other apps of the same seller untouched', async () => {
    const revokedApp = await authorizeSeller(sandbox, NA_SELLER);
    const otherApp = await authorizeSeller(sandbox, NA_SELLER, DRAFT_APP);
    const otherSeller = await authorizeSeller(sandbox, NA_SELLER_2);

    sandbox.revoke(NA_SELLER, 'NA', TEST_APP.applicationId);

    expect((await refreshAccessToken(sandbox, revokedApp.refreshToken)).status).toBe(400);
    expect((await refreshAccessToken(sandbox, otherApp.refreshToken, DRAFT_APP)).status).toBe(200);
    expect((await refreshAccessToken(sandbox, otherSeller.refreshToken)).status).toBe(200);
  });

  it('issues a working refresh token on re-authorization while the revoked ones stay dead', async () => {
    const before = await authorizeSeller(sandbox, NA_SELLER);
    sandbox.revoke(NA_SELLER, 'NA');

    const after = await authorizeSeller(sandbox, NA_SELLER);

    expect((await refreshAccessToken(sandbox, after.refreshToken)).status).toBe(200);
    expect((await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), after.accessToken)).status).toBe(
      200,
    );
    expect((await refreshAccessToken(sandbox, before.refreshToken)).body).toEqual(REVOKED_GRANT);
  });

  it('refuses to exchange a code issued before the revocation', async () => {
    const redirect = locationOf(await submitConsent(sandbox, { sellingPartnerId: NA_SELLER }));
    sandbox.revoke(NA_SELLER, 'NA');

    const exchanged = await exchangeCode(
      sandbox,
      redirect.searchParams.get('spapi_oauth_code') ?? '',
      TEST_APP.redirectUris[0] ?? '',
    );

    expect(exchanged.body.error).toBe('invalid_grant');
  });

  it('counts calls with revoked credentials against the seller, so "no call after revoke" can be asserted', async () => {
    const tokens = await authorizeSeller(sandbox, NA_SELLER);
    sandbox.revoke(NA_SELLER, 'NA');
    sandbox.resetCounters();

    await refreshAccessToken(sandbox, tokens.refreshToken);
    await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), tokens.accessToken);

    const counters = sellerCounters(sandbox, NA_SELLER, 'NA');
    expect(counters.lwa.refresh_token).toBe(1);
    expect(counters.spapi.getInventorySummaries).toBe(1);
  });

  it('lists authorizations on the Manage Your Apps page and revokes from its button', async () => {
    const tokens = await authorizeSeller(sandbox, NA_SELLER_2);
    const listing = await (await get(`${sandbox.url}/apps/manage`)).text();

    const revoke = await postForm(`${sandbox.url}/apps/manage/revoke`, {
      application_id: TEST_APP.applicationId,
      selling_partner_id: NA_SELLER_2,
      region: 'NA',
    });
    const afterwards = await (await get(`${sandbox.url}/apps/manage`)).text();

    expect(listing).toContain('Harbor &amp; Pine Home');
    expect(listing).toContain(TEST_APP.applicationId);
    expect(listing).toContain('class="revoke"');
    expect(revoke.status).toBe(303);
    expect(revoke.headers.get('location')).toBe('/apps/manage');
    expect(afterwards).toContain('Revoked 20');
    expect((await refreshAccessToken(sandbox, tokens.refreshToken)).body).toEqual(REVOKED_GRANT);
  });
});
