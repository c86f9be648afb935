import {
  getInventorySummariesResponseSchema,
  getOrdersResponseSchema,
  searchOrdersResponseSchema,
} from '../../../shared/adapters/spapi/spapi-schemas';

// Pages shaped like Amazon's examples in the official models, with fields we do not read left in.
const inventoryPage = {
  pagination: { nextToken: 'seed+token/=' },
  payload: {
    granularity: { granularityType: 'Marketplace', granularityId: 'ATVPDKIKX0DER' },
    inventorySummaries: [
      {
        asin: 'B0TEST0001',
        fnSku: 'X00TEST001',
        sellerSku: 'SKU-1',
        condition: 'NewItem',
        inventoryDetails: {
          fulfillableQuantity: 12,
          inboundWorkingQuantity: 0,
          inboundShippedQuantity: 4,
          inboundReceivingQuantity: 0,
          reservedQuantity: { totalReservedQuantity: 1, fcProcessingQuantity: 1 },
          researchingQuantity: { totalResearchingQuantity: 0, researchingQuantityBreakdown: [] },
          unfulfillableQuantity: { totalUnfulfillableQuantity: 2, defectiveQuantity: 2 },
        },
        lastUpdatedTime: '2026-11-01T10:00:00Z',
        productName: 'Test lamp',
        totalQuantity: 19,
        stores: [],
      },
    ],
  },
};

const ordersV0Page = {
  payload: {
    Orders: [
      {
        AmazonOrderId: '113-0000000-0000001',
        PurchaseDate: '2026-10-30T08:00:00Z',
        LastUpdateDate: '2026-10-30T09:00:00Z',
        OrderStatus: 'Shipped',
        FulfillmentChannel: 'AFN',
        MarketplaceId: 'ATVPDKIKX0DER',
        OrderTotal: { CurrencyCode: 'USD', Amount: '19.99' },
        IsPrime: true,
      },
    ],
    NextToken: 'v0+token',
    CreatedBefore: '2026-11-01T00:00:00Z',
  },
};

const searchOrdersPage = {
  orders: [
    {
      orderId: '113-0000000-0000002',
      createdTime: '2026-10-30T08:00:00Z',
      lastUpdatedTime: '2026-10-30T09:00:00Z',
      programs: ['PRIME'],
      salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
      fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'AMAZON' },
      proceeds: { grandTotal: { amount: '19.99', currencyCode: 'USD' } },
      orderItems: [{ orderItemId: '1', quantityOrdered: 2, product: { sellerSku: 'SKU-1', asin: 'B0' } }],
    },
  ],
  pagination: { nextToken: '2026+token' },
  createdBefore: '2026-11-01T00:00:00Z',
};

const without = (value: object, ...path: string[]): unknown => {
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  delete parent[path[path.length - 1] ?? ''];
  return copy;
};

describe.each([
  [
    'getInventorySummaries',
    getInventorySummariesResponseSchema,
    inventoryPage,
    ['payload', 'inventorySummaries'],
  ],
  ['getOrders', getOrdersResponseSchema, ordersV0Page, ['payload', 'Orders']],
  ['searchOrders', searchOrdersResponseSchema, searchOrdersPage, ['orders']],
] as const)('%s answer schema', (_operation, schema, page, listPath) => {
  it('accepts a page as the model describes it, extra fields included', () => {
    expect(schema.safeParse(page).success).toBe(true);
    expect(schema.safeParse({ ...page, addedByAmazonLater: { anything: 1 } }).success).toBe(true);
  });

  it('refuses a page without its list: it is not an empty page', () => {
    expect(schema.safeParse(without(page, ...listPath)).success).toBe(false);
  });

  it.each([
    ['a truncated body (axios hands it over as a string)', JSON.stringify(page).slice(0, 80)],
    ['an HTML page', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['an empty body', ''],
    ['null', null],
    ['an array', []],
  ])('refuses %s', (_label, body) => {
    expect(schema.safeParse(body).success).toBe(false);
  });
});

describe('field types the adapters rely on', () => {
  it('refuses a quantity that is not an integer and an empty next token', () => {
    const page = structuredClone(inventoryPage);
    (page.payload.inventorySummaries[0]!.inventoryDetails as Record<string, unknown>)['fulfillableQuantity'] =
      '12';
    expect(getInventorySummariesResponseSchema.safeParse(page).success).toBe(false);
    expect(
      getInventorySummariesResponseSchema.safeParse({ ...inventoryPage, pagination: { nextToken: '' } })
        .success,
    ).toBe(false);
  });

  it('refuses orders without an id or with a date that cannot be read', () => {
    const noId = structuredClone(searchOrdersPage);
    noId.orders[0]!.orderId = '';
    const badDate = structuredClone(ordersV0Page);
    badDate.payload.Orders[0]!.PurchaseDate = 'yesterday';
    expect(searchOrdersResponseSchema.safeParse(noId).success).toBe(false);
    expect(getOrdersResponseSchema.safeParse(badDate).success).toBe(false);
  });

  it('keeps unknown order statuses (they are mapped, not refused) and a page with no next token', () => {
    const page = structuredClone(ordersV0Page) as { payload: Record<string, unknown> & { Orders: object[] } };
    (page.payload.Orders[0] as Record<string, unknown>)['OrderStatus'] = 'SomethingNew';
    delete page.payload['NextToken'];
    const parsed = getOrdersResponseSchema.parse(page);
    expect(parsed.payload.NextToken).toBeUndefined();
    expect(parsed.payload.Orders[0]?.OrderStatus).toBe('SomethingNew');
  });
});
