import type { AmazonSandbox } from '../../../local/sandbox';
import {
  DAY_MS,
  EU_SELLER,
  INVENTORY_PATH,
  NA_SELLER,
  ORDERS_2026_PATH,
  ORDERS_V0_PATH,
  START_TIME,
  UK,
  US,
  authorizeSeller,
  inventoryQuery,
  spapi,
  startTestSandbox,
} from './sandbox-test-kit';

interface InventoryPage {
  payload: { inventorySummaries: Array<{ sellerSku: string; inventoryDetails?: unknown }> };
  pagination?: { nextToken: string };
}

interface OrdersV0Page {
  payload: {
    Orders: Array<{
      AmazonOrderId: string;
      PurchaseDate: string;
      OrderStatus: string;
      FulfillmentChannel: string;
    }>;
    NextToken?: string;
    CreatedBefore?: string;
  };
}

interface Order2026 {
  orderId: string;
  createdTime: string;
  fulfillment?: {
    fulfillmentStatus: string;
    fulfilledBy: string;
    shipByWindow?: { latestDateTime: string };
  };
}

interface SearchOrdersPage {
  orders: Order2026[];
  pagination?: { nextToken: string };
  createdBefore?: string;
}

const MAX_PAGES = 200;

describe('Pagination', () => {
  let sandbox: AmazonSandbox;
  let accessToken: string;

  beforeEach(async () => {
    // rateScale keeps the walk fast; pacing itself is covered in rate-limits.test.ts.
    sandbox = await startTestSandbox({ rateScale: 1_000_000 });
    ({ accessToken } = await authorizeSeller(sandbox, NA_SELLER));
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('walks getInventorySummaries to the end in pages of 50', async () => {
    const skus: string[] = [];
    const pageSizes: number[] = [];
    let nextToken: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await spapi<InventoryPage>(
        sandbox,
        'NA',
        INVENTORY_PATH,
        inventoryQuery(US, { details: true, ...(nextToken ? { nextToken } : {}) }),
        accessToken,
      );
      expect(page.status).toBe(200);
      skus.push(...page.body.payload.inventorySummaries.map((summary) => summary.sellerSku));
      pageSizes.push(page.body.payload.inventorySummaries.length);
      nextToken = page.body.pagination?.nextToken;
      if (!nextToken) break;
    }

    expect(nextToken).toBeUndefined();
    expect(skus.length).toBeGreaterThanOrEqual(300);
    expect(new Set(skus).size).toBe(skus.length);
    expect(pageSizes.slice(0, -1).every((size) => size === 50)).toBe(true);
  });

  it('expires an inventory nextToken 30 seconds after it was issued', async () => {
    const first = await spapi<InventoryPage>(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), accessToken);
    const nextToken = first.body.pagination?.nextToken ?? '';

    sandbox.clock.advance(25 * 1000);
    const inTime = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US, { nextToken }), accessToken);
    sandbox.clock.advance(6 * 1000);
    const late = await spapi(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US, { nextToken }), accessToken);

    expect(nextToken).not.toBe('');
    expect(inTime.status).toBe(200);
    expect(late.status).toBe(400);
    expect(late.body).toEqual({
      errors: [{ code: 'InvalidInput', message: 'Next token is invalid or expired', details: '' }],
    });
  });

  it('filters inventory by sellerSkus and by startDateTime', async () => {
    const wanted = ['LCC-LAMP-0001-MAT', 'does-not-exist'];
    const first = await spapi<InventoryPage>(sandbox, 'NA', INVENTORY_PATH, inventoryQuery(US), accessToken);
    const someSku = first.body.payload.inventorySummaries[3]?.sellerSku ?? '';

    const bySku = await spapi<InventoryPage>(
      sandbox,
      'NA',
      INVENTORY_PATH,
      inventoryQuery(US, { sellerSkus: [someSku, ...wanted] }),
      accessToken,
    );
    const recent = await spapi<InventoryPage>(
      sandbox,
      'NA',
      INVENTORY_PATH,
      inventoryQuery(US, { startDateTime: new Date(START_TIME.getTime() - 2 * DAY_MS).toISOString() }),
      accessToken,
    );
    const badDate = await spapi(
      sandbox,
      'NA',
      INVENTORY_PATH,
      inventoryQuery(US, { startDateTime: 'yesterday' }),
      accessToken,
    );

    expect(bySku.body.payload.inventorySummaries.map((summary) => summary.sellerSku)).toContain(someSku);
    expect(bySku.body.payload.inventorySummaries.length).toBeLessThanOrEqual(2);
    expect(recent.body.payload.inventorySummaries.length).toBeLessThan(50);
    expect(badDate.status).toBe(400);
  });

  it('walks getOrders with NextToken, keeping the filters, oldest first', async () => {
    const createdAfter = new Date(START_TIME.getTime() - 30 * DAY_MS).toISOString();
    const ids: string[] = [];
    const purchaseDates: string[] = [];
    let nextToken: string | undefined;
    let createdBefore: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await spapi<OrdersV0Page>(
        sandbox,
        'NA',
        ORDERS_V0_PATH,
        nextToken
          ? { MarketplaceIds: [US], NextToken: nextToken }
          : {
              MarketplaceIds: [US],
              CreatedAfter: createdAfter,
              FulfillmentChannels: ['MFN'],
              MaxResultsPerPage: 40,
            },
        accessToken,
      );
      expect(page.status).toBe(200);
      expect(page.body.payload.Orders.length).toBeLessThanOrEqual(40);
      for (const order of page.body.payload.Orders) {
        ids.push(order.AmazonOrderId);
        purchaseDates.push(order.PurchaseDate);
        expect(order.FulfillmentChannel).toBe('MFN');
      }
      createdBefore = page.body.payload.CreatedBefore;
      nextToken = page.body.payload.NextToken;
      if (!nextToken) break;
    }

    expect(nextToken).toBeUndefined();
    expect(ids.length).toBeGreaterThan(80);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...purchaseDates].sort()).toEqual(purchaseDates);
    expect(purchaseDates[0]! >= createdAfter.replace(/\.\d{3}Z$/, 'Z')).toBe(true);
    expect(createdBefore).toBe(
      new Date(Date.parse(createdBefore ?? '')).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
  });

  it('answers the documented getOrders 400s', async () => {
    const call = (query: Record<string, string | string[] | number>) =>
      spapi(sandbox, 'NA', ORDERS_V0_PATH, query, accessToken);
    const recent = new Date(sandbox.clock.now().getTime() - 60 * 1000).toISOString();

    const noDates = await call({ MarketplaceIds: [US] });
    const bothDates = await call({
      MarketplaceIds: [US],
      CreatedAfter: '2026-10-01',
      LastUpdatedAfter: '2026-10-01',
    });
    const createdAndUpdatedBefore = await call({
      MarketplaceIds: [US],
      CreatedAfter: '2026-10-01',
      LastUpdatedBefore: '2026-10-05',
    });
    const beforeTooRecent = await call({
      MarketplaceIds: [US],
      CreatedAfter: '2026-10-01',
      CreatedBefore: recent,
    });
    const badDate = await call({ MarketplaceIds: [US], CreatedAfter: 'last week' });
    const pageTooBig = await call({
      MarketplaceIds: [US],
      CreatedAfter: '2026-10-01',
      MaxResultsPerPage: 101,
    });
    const noMarketplace = await call({ CreatedAfter: '2026-10-01' });
    const badToken = await call({ MarketplaceIds: [US], NextToken: 'garbage' });

    for (const response of [
      noDates,
      bothDates,
      createdAndUpdatedBefore,
      beforeTooRecent,
      pageTooBig,
      noMarketplace,
    ]) {
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errors: [
          {
            code: 'InvalidInput',
            message: 'The input you have submitted is not valid. Please check your input and try again.',
            details: expect.any(String),
          },
        ],
      });
    }
    expect(badDate.body).toEqual({
      errors: [
        {
          code: 'InvalidInput',
          message: 'This is an invalid input',
          details: 'Invalid date-time field(s) [CreatedAfter].',
        },
      ],
    });
    expect(badToken.body).toEqual({
      errors: [
        {
          code: 'InvalidInput',
          message:
            'We could not decode your NextToken. Possible reasons include: a transmission error, improper quoting or a truncation problem.',
          details: '',
        },
      ],
    });
  });

  it('walks searchOrders with paginationToken and names statuses as Orders 2026-01-01 does', async () => {
    const createdAfter = new Date(START_TIME.getTime() - 95 * DAY_MS).toISOString();
    const orders: Order2026[] = [];
    let nextToken: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await spapi<SearchOrdersPage>(
        sandbox,
        'NA',
        ORDERS_2026_PATH,
        nextToken
          ? { paginationToken: nextToken }
          : { createdAfter, marketplaceIds: [US], includedData: ['FULFILLMENT', 'PROCEEDS'] },
        accessToken,
      );
      expect(page.status).toBe(200);
      orders.push(...page.body.orders);
      nextToken = page.body.pagination?.nextToken;
      if (!nextToken) break;
    }
    const now = sandbox.clock.now().getTime();
    const waiting = orders.filter(
      (order) =>
        order.fulfillment?.fulfilledBy === 'MERCHANT' &&
        ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(order.fulfillment.fulfillmentStatus),
    );
    const latestShip = (order: Order2026) =>
      Date.parse(order.fulfillment?.shipByWindow?.latestDateTime ?? '');

    expect(nextToken).toBeUndefined();
    expect(orders.length).toBeGreaterThan(2000);
    expect(Date.parse(orders[0]?.createdTime ?? '')).toBeLessThan(START_TIME.getTime() - 90 * DAY_MS);
    expect(new Set(orders.map((order) => order.fulfillment?.fulfillmentStatus))).toEqual(
      new Set(['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED']),
    );
    expect(waiting.some((order) => latestShip(order) < now)).toBe(true);
    expect(waiting.some((order) => latestShip(order) > now && latestShip(order) < now + DAY_MS)).toBe(true);
  });

  it('searches every marketplace of the seller when marketplaceIds is omitted, and rejects bad input', async () => {
    const eu = await authorizeSeller(sandbox, EU_SELLER);
    const createdAfter = new Date(START_TIME.getTime() - 2 * DAY_MS).toISOString();

    const all = await spapi<{ orders: Array<{ salesChannel: { marketplaceId: string } }> }>(
      sandbox,
      'EU',
      ORDERS_2026_PATH,
      { createdAfter, maxResultsPerPage: 100 },
      eu.accessToken,
    );
    const noDate = await spapi(sandbox, 'EU', ORDERS_2026_PATH, { marketplaceIds: [UK] }, eu.accessToken);
    const badStatus = await spapi(
      sandbox,
      'EU',
      ORDERS_2026_PATH,
      { createdAfter, fulfillmentStatuses: ['Shipped'] },
      eu.accessToken,
    );
    const badToken = await spapi(
      sandbox,
      'EU',
      ORDERS_2026_PATH,
      { paginationToken: 'nope' },
      eu.accessToken,
    );

    expect(new Set(all.body.orders.map((order) => order.salesChannel.marketplaceId)).size).toBeGreaterThan(2);
    expect(noDate.status).toBe(400);
    expect(badStatus.status).toBe(400);
    expect(badToken.status).toBe(400);
  });

  it('expires a searchOrders paginationToken after 24 hours', async () => {
    const first = await spapi<SearchOrdersPage>(
      sandbox,
      'NA',
      ORDERS_2026_PATH,
      { createdAfter: new Date(START_TIME.getTime() - 30 * DAY_MS).toISOString() },
      accessToken,
    );
    const token = first.body.pagination?.nextToken ?? '';

    sandbox.clock.advance(DAY_MS + 1000);
    const { accessToken: fresh } = await authorizeSeller(sandbox, NA_SELLER);
    const expired = await spapi(sandbox, 'NA', ORDERS_2026_PATH, { paginationToken: token }, fresh);

    expect(token).not.toBe('');
    expect(expired.status).toBe(400);
  });
});
