import type { AmazonSandbox } from '../../../local/sandbox';
import {
  EU_SELLER,
  INVENTORY_PATH,
  MX,
  NA_SELLER,
  NA_SELLER_2,
  ORDERS_2026_PATH,
  ORDERS_V0_PATH,
  SELLERS_PATH,
  UK,
  US,
  authorizeSeller,
  inventoryQuery,
  spapi,
  startTestSandbox,
} from './sandbox-test-kit';

const denied = (details: string) => ({
  errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }],
});

describe('SP-API access checks', () => {
  let sandbox: AmazonSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox({ rateScale: 50 });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('answers a missing or unknown access token with 403 Unauthorized', async () => {
    const missing = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), undefined);
    const unknown = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), 'Atza|not-a-real-token');

    expect(missing.status).toBe(403);
    expect(missing.body).toEqual(denied('Access token is missing in the request header.'));
    expect(unknown.status).toBe(403);
    expect(unknown.body).toEqual(denied('The access token you provided is revoked, malformed or invalid.'));
  });

  it('expires access tokens 3600 seconds after issue on the sandbox clock', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);

    sandbox.clock.advance(3590 * 1000);
    const justBefore = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), accessToken);
    sandbox.clock.advance(11 * 1000);
    const after = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), accessToken);

    expect(justBefore.status).toBe(200);
    expect(after.status).toBe(403);
    expect(after.body).toEqual(denied('The access token you provided has expired.'));
  });

  it('refuses a token of another region with an empty-details Unauthorized', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);

    const response = await spapi(sandbox, 'EU', SELLERS_PATH, {}, accessToken);

    expect(response.status).toBe(403);
    expect(response.body).toEqual(denied(''));
  });

  it('puts x-amzn-RequestId on every response and x-amzn-RateLimit-Limit on successes', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);

    const ok = await spapi(sandbox, 'NA', SELLERS_PATH, {}, accessToken);
    const forbidden = await spapi(sandbox, 'NA', SELLERS_PATH, {}, undefined);
    const notFound = await spapi(sandbox, 'NA', '/catalog/2022-04-01/items', {}, accessToken);

    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('x-amzn-ratelimit-limit')).toBe('0.8');
    expect(forbidden.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(forbidden.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('lists the seller marketplace participations', async () => {
    const { accessToken } = await authorizeSeller(sandbox, EU_SELLER);

    const response = await spapi<{
      payload: Array<{ marketplace: { id: string; defaultCurrencyCode: string } }>;
    }>(sandbox, 'EU', SELLERS_PATH, {}, accessToken);

    expect(response.body.payload.map((entry) => entry.marketplace.id)).toEqual(
      sandbox.sellers.find((seller) => seller.sellingPartnerId === EU_SELLER)?.marketplaceIds,
    );
    expect(response.body.payload[0]?.marketplace.defaultCurrencyCode).toBe('GBP');
  });

  it('answers 400 InvalidInput for a marketplace the seller does not sell in', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER_2);

    const inventory = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(MX), accessToken);
    const ordersV0 = await spapi(
      sandbox,
      'NA',
      ORDERS_V0_PATH,
      { MarketplaceIds: [US, UK], CreatedAfter: '2026-10-01T00:00:00Z' },
      accessToken,
    );
    const orders2026 = await spapi(
      sandbox,
      'NA',
      ORDERS_2026_PATH,
      { marketplaceIds: [MX], createdAfter: '2026-10-01T00:00:00Z' },
      accessToken,
    );

    for (const response of [inventory, ordersV0, orders2026]) {
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errors: [expect.objectContaining({ code: 'InvalidInput', message: 'Invalid Input' })],
      });
    }
  });
});
