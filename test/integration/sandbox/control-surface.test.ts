import type { AmazonSandbox } from '../../../local/sandbox';
import {
  NA_SELLER,
  SELLERS_PATH,
  authorizeSeller,
  refreshAccessToken,
  spapi,
  startTestSandbox,
} from './sandbox-test-kit';

/** The HTTP control surface, as a test in another process (browser tests, the benchmark) uses it. */
describe('Sandbox control surface', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ rateScale: 50 });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('advances the clock', async () => {
    const before = sandbox.clock.now().getTime();

    const advanced = await control('POST', '/clock', { advanceMs: 3_600_000 });

    expect(advanced.status).toBe(200);
    expect(Date.parse(String(advanced.body.now)) - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await control('POST', '/clock', { advanceMs: -1 })).status).toBe(400);
  });

  it('sets and clears faults', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);

    const set = await control('POST', '/faults', { spapi5xx: 1 });
    const failed = await spapi(sandbox, 'NA', SELLERS_PATH, {}, accessToken);
    await control('POST', '/faults', { spapi5xx: 3 });
    const cleared = await control('DELETE', '/faults');
    const ok = await spapi(sandbox, 'NA', SELLERS_PATH, {}, accessToken);

    expect(set.body.faults).toEqual({
      lwa5xx: 0,
      spapi5xx: 1,
      throttleStorm: 0,
      latencyMs: 0,
      operations: [],
    });
    expect(failed.status).toBe(500);
    expect(cleared.body.faults).toEqual({
      lwa5xx: 0,
      spapi5xx: 0,
      throttleStorm: 0,
      latencyMs: 0,
      operations: [],
    });
    expect(ok.status).toBe(200);
    expect((await control('POST', '/faults', { spapi5xx: 'many' })).status).toBe(400);
  });

  it('reports and resets counters', async () => {
    await authorizeSeller(sandbox, NA_SELLER);

    const counted = await control('GET', '/counters');
    const reset = await control('DELETE', '/counters');

    expect(counted.body).toMatchObject({
      sellers: { [`${NA_SELLER}/NA`]: { lwa: { authorization_code: 1 } } },
      totals: { lwa: { authorization_code: 1 } },
    });
    expect(reset.body).toMatchObject({ totals: { lwa: { authorization_code: 0 } } });
  });

  it('revokes like Manage Your Apps', async () => {
    const { refreshToken } = await authorizeSeller(sandbox, NA_SELLER);

    const revoked = await control('POST', '/revoke', { sellingPartnerId: NA_SELLER, region: 'NA' });
    const refreshed = await refreshAccessToken(sandbox, refreshToken);

    expect(revoked.body).toEqual({ revoked: 1 });
    expect(refreshed.body.error).toBe('invalid_grant');
    expect((await control('POST', '/revoke', { sellingPartnerId: NA_SELLER, region: 'XX' })).status).toBe(
      400,
    );
  });

  it('lists the seeded sellers', async () => {
    const listed = await control('GET', '/sellers');

    expect(listed.body.sellers).toEqual(sandbox.sellers);
    expect(sandbox.sellers.map((seller) => seller.region).sort()).toEqual(['EU', 'EU', 'FE', 'NA', 'NA']);
  });
});
