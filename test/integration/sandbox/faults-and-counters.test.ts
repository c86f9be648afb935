import type { AmazonSandbox } from '../../../local/sandbox';
import {
  EU_SELLER,
  INVENTORY_PATH,
  NA_SELLER,
  SELLERS_PATH,
  TEST_APP,
  US,
  authorizeSeller,
  inventoryQuery,
  lwaToken,
  refreshAccessToken,
  sellerCounters,
  spapi,
  startTestSandbox,
} from './sandbox-test-kit';

describe('Faults and counters', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ rateScale: 50 });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('answers the next N LWA requests with 500 then 503, then recovers', async () => {
    const { refreshToken } = await authorizeSeller(sandbox, NA_SELLER);
    sandbox.faults.set({ lwa5xx: 2 });

    const statuses = [
      (await refreshAccessToken(sandbox, refreshToken)).status,
      (await refreshAccessToken(sandbox, refreshToken)).status,
      (await refreshAccessToken(sandbox, refreshToken)).status,
    ];

    expect(statuses).toEqual([500, 503, 200]);
  });

  it('answers the next N SP-API calls with 5xx, and a throttle storm with 429 whatever the buckets hold', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);
    const call = () => spapi(sandbox, 'NA', SELLERS_PATH, {}, accessToken);

    sandbox.faults.set({ spapi5xx: 1, throttleStorm: 2 });
    const failed = await call();
    const stormed = [await call(), await call()];
    const recovered = await call();

    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      errors: [{ code: 'InternalFailure', message: expect.any(String), details: '' }],
    });
    expect(stormed.map((response) => response.status)).toEqual([429, 429]);
    expect(stormed[0]?.body).toEqual({
      errors: [
        {
          code: 'QuotaExceeded',
          message: 'You exceeded your quota for the requested resource.',
          details: '',
        },
      ],
    });
    expect(recovered.status).toBe(200);
    expect(sellerCounters(sandbox, NA_SELLER, 'NA').throttled).toBe(2);
  });

  it('adds latency to Amazon responses but not to the control surface', async () => {
    sandbox.faults.set({ latencyMs: 400 });

    const slowStart = performance.now();
    await lwaToken(sandbox, { grant_type: 'refresh_token' });
    const slow = performance.now() - slowStart;
    const controlStart = performance.now();
    await fetch(`${sandbox.url}/__sandbox/counters`);
    const control = performance.now() - controlStart;
    sandbox.faults.clear();
    const fastStart = performance.now();
    await lwaToken(sandbox, { grant_type: 'refresh_token' });
    const fast = performance.now() - fastStart;

    expect(slow).toBeGreaterThanOrEqual(395);
    expect(control).toBeLessThan(300);
    expect(fast).toBeLessThan(300);
  });

  it('counts one LWA exchange for many SP-API requests, per store', async () => {
    const { refreshToken } = await authorizeSeller(sandbox, NA_SELLER);
    await authorizeSeller(sandbox, EU_SELLER);
    sandbox.resetCounters();

    const refreshed = await refreshAccessToken(sandbox, refreshToken);
    for (let i = 0; i < 5; i += 1) {
      await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), String(refreshed.body.access_token));
    }
    await spapi(sandbox, 'NA', SELLERS_PATH, {}, String(refreshed.body.access_token));

    const na = sellerCounters(sandbox, NA_SELLER, 'NA');
    const eu = sellerCounters(sandbox, EU_SELLER, 'EU');
    expect(na.lwa).toEqual({ authorization_code: 0, refresh_token: 1, client_credentials: 0 });
    expect(na.spapi).toEqual({ getInventorySummaries: 5, getMarketplaceParticipations: 1 });
    expect(eu).toEqual({
      lwa: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
      spapi: {},
      throttled: 0,
      throttledByOperation: {},
    });
    expect(sandbox.counters().totals.spapi.getInventorySummaries).toBe(5);
  });

  it('counts calls that name no seller in the totals only', async () => {
    sandbox.resetCounters();

    await lwaToken(sandbox, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
    });
    await spapi(sandbox, 'NA', SELLERS_PATH, {}, 'Atza|unknown');

    const counters = sandbox.counters();
    expect(counters.totals.lwa.client_credentials).toBe(1);
    expect(counters.totals.spapi.getMarketplaceParticipations).toBe(1);
    expect(Object.values(counters.sellers).every((seller) => Object.keys(seller.spapi).length === 0)).toBe(
      true,
    );
  });

  it('rejects unknown or negative faults', () => {
    expect(() => sandbox.faults.set({ lwa5xx: -1 })).toThrow('non-negative integer');
    expect(() => sandbox.faults.set({ nope: 1 } as never)).toThrow('Unknown fault');
  });
});
