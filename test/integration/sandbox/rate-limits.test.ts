import type { AmazonSandbox } from '../../../local/sandbox';
import {
  INVENTORY_PATH,
  NA_SELLER,
  NA_SELLER_2,
  ORDERS_V0_PATH,
  SELLERS_PATH,
  US,
  authorizeSeller,
  inventoryQuery,
  sellerCounters,
  sleep,
  spapi,
  startTestSandbox,
} from './sandbox-test-kit';

const QUOTA_EXCEEDED = {
  errors: [
    { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' },
  ],
};

/** Time until the bucket holds one more token, from the announced rate, plus a little slack. */
function refillDelayMs(rateHeader: string | null): number {
  return Math.ceil(1000 / Number(rateHeader)) + 50;
}

describe('Usage-plan token buckets', () => {
  let sandbox: AmazonSandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('allows the burst of getInventorySummaries, then answers 429 QuotaExceeded until a token refills', async () => {
    sandbox = await startTestSandbox();
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);
    const call = () => spapi(sandbox!, 'NA', INVENTORY_PATH, inventoryQuery(US), accessToken);

    // Sent together so no token can refill in between (the bucket refills every 500 ms).
    const responses = await Promise.all([call(), call(), call()]);
    const burst = responses.filter((response) => response.status === 200);
    const throttled = responses.find((response) => response.status === 429);
    await sleep(refillDelayMs(burst[0]?.headers.get('x-amzn-ratelimit-limit') ?? null));
    const refilled = await call();

    expect(burst).toHaveLength(2);
    expect(burst[0]?.headers.get('x-amzn-ratelimit-limit')).toBe('2.0');
    if (!throttled) throw new Error('expected one 429');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual(QUOTA_EXCEEDED);
    expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    expect(throttled.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(refilled.status).toBe(200);
    expect(sellerCounters(sandbox, NA_SELLER, 'NA').throttled).toBe(1);
    expect(sellerCounters(sandbox, NA_SELLER, 'NA').throttledByOperation).toEqual({
      getInventorySummaries: 1,
    });
  });

  it('keeps one bucket per seller and per operation', async () => {
    sandbox = await startTestSandbox();
    const first = await authorizeSeller(sandbox, NA_SELLER);
    const second = await authorizeSeller(sandbox, NA_SELLER_2);
    const inventory = (token: string) => spapi(sandbox!, 'NA', INVENTORY_PATH, inventoryQuery(US), token);

    const [a, b, c, otherSeller, otherOperation] = await Promise.all([
      inventory(first.accessToken),
      inventory(first.accessToken),
      inventory(first.accessToken),
      inventory(second.accessToken),
      spapi(sandbox, 'NA', SELLERS_PATH, {}, first.accessToken),
    ]);

    expect([a, b, c].map((response) => response.status).sort()).toEqual([200, 200, 429]);
    expect(otherSeller.status).toBe(200);
    expect(otherOperation.status).toBe(200);
    expect(otherOperation.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
  });

  it('runs on real time: advancing the sandbox clock refills nothing', async () => {
    sandbox = await startTestSandbox();
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);
    // getMarketplaceParticipations: burst 15, one token per minute of real time.
    const call = () => spapi(sandbox!, 'NA', SELLERS_PATH, {}, accessToken);

    const burst = await Promise.all(Array.from({ length: 15 }, () => call()));
    sandbox.clock.advance(59 * 60 * 1000); // the access token lives 60 minutes
    const afterAdvance = await call();

    expect(burst.every((response) => response.status === 200)).toBe(true);
    expect(afterAdvance.status).toBe(429);
  });

  it('scales the rate, not the burst, with rateScale and announces the scaled rate', async () => {
    sandbox = await startTestSandbox({ rateScale: 100 });
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);
    const call = () =>
      spapi(
        sandbox!,
        'NA',
        ORDERS_V0_PATH,
        { MarketplaceIds: [US], CreatedAfter: '2026-10-30T00:00:00Z' },
        accessToken,
      );

    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 25 }, () => call()));
    const elapsedSeconds = (performance.now() - started) / 1000;
    const rateHeader = responses
      .find((response) => response.status === 200)
      ?.headers.get('x-amzn-ratelimit-limit');
    await sleep(refillDelayMs(rateHeader ?? null));
    const refilled = await call();

    // The burst stays 20; at 1.67 rps another token may trickle in while the 25 calls are served.
    const allowed = responses.filter((response) => response.status === 200).length;
    expect(rateHeader).toBe('1.67');
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThanOrEqual(20 + Math.ceil(elapsedSeconds * 1.67));
    expect(responses.filter((response) => response.status === 429).length).toBe(25 - allowed);
    expect(refilled.status).toBe(200);
  });
});
