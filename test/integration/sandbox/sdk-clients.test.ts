import { FbaInventoryApi } from '@sp-api-sdk/fba-inventory-api-v1';
import { OrdersApi as Orders2026Api } from '@sp-api-sdk/orders-api-2026-01-01';
import { OrdersApi as OrdersV0Api } from '@sp-api-sdk/orders-api-v0';
import axios from 'axios';
import type { AmazonSandbox } from '../../../local/sandbox';
import { DAY_MS, EU_SELLER, START_TIME, UK, authorizeSeller, startTestSandbox } from './sandbox-test-kit';

// The generated @sp-api-sdk clients hard-code Amazon's hosts; built with the sandbox endpoint as basePath and
// an axios instance that sends x-amz-access-token, they must work unchanged.
describe('Generated @sp-api-sdk clients against the sandbox', () => {
  let sandbox: AmazonSandbox;
  let accessToken: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ rateScale: 100 });
    ({ accessToken } = await authorizeSeller(sandbox, EU_SELLER));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const client = () =>
    axios.create({ headers: { 'x-amz-access-token': accessToken, 'user-agent': 'mint-hub-test' } });

  it('FbaInventoryApi.getInventorySummaries pages with nextToken', async () => {
    const api = new FbaInventoryApi(undefined, sandbox.endpoints.spapi.EU, client());

    const first = await api.getInventorySummaries({
      granularityType: 'Marketplace',
      granularityId: UK,
      marketplaceIds: [UK],
      details: true,
    });
    const second = await api.getInventorySummaries({
      granularityType: 'Marketplace',
      granularityId: UK,
      marketplaceIds: [UK],
      details: true,
      nextToken: first.data.pagination?.nextToken,
    });

    expect(first.headers['x-amzn-ratelimit-limit']).toBe('200.0');
    expect(first.data.payload?.inventorySummaries).toHaveLength(50);
    expect(second.data.payload?.inventorySummaries[0]?.inventoryDetails?.fulfillableQuantity).toEqual(
      expect.any(Number),
    );
    expect(second.data.payload?.inventorySummaries[0]?.sellerSku).not.toBe(
      first.data.payload?.inventorySummaries[0]?.sellerSku,
    );
  });

  it('Orders v0 getOrders and Orders 2026-01-01 searchOrders return the same orders', async () => {
    const createdAfter = new Date(START_TIME.getTime() - 3 * DAY_MS).toISOString();
    const v0 = new OrdersV0Api(undefined, sandbox.endpoints.spapi.EU, client());
    const v2026 = new Orders2026Api(undefined, sandbox.endpoints.spapi.EU, client());

    const legacy = await v0.getOrders({ marketplaceIds: [UK], createdAfter, maxResultsPerPage: 100 });
    const current = await v2026.searchOrders({
      marketplaceIds: [UK],
      createdAfter,
      maxResultsPerPage: 100,
      includedData: ['FULFILLMENT'],
    });

    expect(legacy.data.payload?.Orders.map((order) => order.AmazonOrderId)).toEqual(
      current.data.orders.map((order) => order.orderId),
    );
    expect(current.data.orders.some((order) => order.fulfillment?.fulfillmentStatus === 'SHIPPED')).toBe(
      true,
    );
  });
});
