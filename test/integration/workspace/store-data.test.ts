import {
  newBrowser,
  request,
  sandbox,
  tableItems,
  tokenFor,
  type StartedWorkspace,
} from './workspace-client';
import { readAuditLines, startWithStores } from './workspace-kit';

// Issue 5 end to end through the local gateway: real handlers, DynamoDB Local, KMS stand-in, Amazon sandbox.
const NA_SELLER = 'A2LUMENCRAFT7Q';
const EU_SELLER = 'A3BRIGHTFIELD9E';
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const IT = 'APJ6JRA9NG5V4';
const ES = 'A1RKKUPIHCS9HS';
const UK = 'A1F83G8C2ARO7P';
const LIN_STORE = `${NA_SELLER}-NA`;
const SOFIA_STORE = `${EU_SELLER}-EU`;

jest.setTimeout(60_000);

type Counters = {
  sellers: Record<string, { lwa: Record<string, number>; spapi: Record<string, number>; throttled: number }>;
};

let started: StartedWorkspace;
let lin: string;
let sofia: string;
const ws = () => started.workspace;
const get = (token: string, pathAndQuery: string) =>
  request(newBrowser(), `${ws().url}${pathAndQuery}`, { token });
const counters = async (key: string) => (await sandbox<Counters>(ws(), '/__sandbox/counters')).sellers[key];
const auditLines = () => readAuditLines(started);

beforeAll(async () => {
  ({ started, lin, sofia } = await startWithStores([
    { user: 'lin', sellingPartnerId: NA_SELLER, region: 'NA' },
    { user: 'sofia', sellingPartnerId: EU_SELLER, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('inventory', () => {
  it('answers the contract from Amazon, then from the snapshot, auditing each access before the data leaves', async () => {
    const first = await get(
      lin,
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
    );
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, unknown> & {
      totals: Record<string, number>;
      items: Record<string, unknown>[];
    };
    expect(body).toMatchObject({ storeId: LIN_STORE, marketplaceId: US, source: 'amazon' });
    for (const field of [
      'skus',
      'fulfillable',
      'inbound',
      'reserved',
      'unfulfillable',
      'outOfStock',
      'lowStock',
    ])
      expect(typeof body.totals[field]).toBe('number');
    expect(body.items.length).toBe(body.totals['skus']);
    expect(body.items.length).toBeGreaterThan(100); // several pages of 50
    for (const field of [
      'sellerSku',
      'asin',
      'fnSku',
      'productName',
      'fulfillable',
      'inbound',
      'reserved',
      'unfulfillable',
      'unitsSoldPerDay',
      'daysOfCover',
      'restockQuantity',
      'flags',
    ]) {
      expect(body.items[0]).toHaveProperty(field);
    }
    expect(JSON.stringify(body)).not.toMatch(/buyer|BuyerEmail|recipient/i);
    // Even on the first view, before anyone opened orders, velocity comes from recent orders read for it.
    expect(body.items.some((item) => Number(item['unitsSoldPerDay']) > 0)).toBe(true);

    const second = (await (
      await get(lin, `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`)
    ).json()) as Record<string, unknown>;
    expect(second['source']).toBe('snapshot');
    expect(second['asOf']).toBe(body['asOf']);

    const records = auditLines().filter(
      (r) => r['storeId'] === LIN_STORE && r['dataset'] === 'inventory' && r['outcome'] === 'allowed',
    );
    expect(records.map((r) => r['source'])).toEqual(['amazon', 'snapshot']);
    expect(records[0]).toMatchObject({
      kind: 'data-access',
      actor: { type: 'operator' },
      sellingPartnerId: NA_SELLER,
      region: 'NA',
      marketplaceId: US,
      operation: 'getInventorySummaries',
      reason: 'inventory-replenishment',
      itemCount: body.items.length,
    });
  });

  it.each([
    ['no reason', `marketplaceId=${US}`],
    ['an unknown reason', `marketplaceId=${US}&reason=curiosity`],
    ['no marketplace', 'reason=inventory-replenishment'],
    ['a marketplace the store does not sell in', `marketplaceId=${DE}&reason=inventory-replenishment`],
  ])('answers 400 for %s and reads nothing', async (_label, query) => {
    const before = await counters(`${NA_SELLER}/NA`);
    const response = await get(lin, `/api/stores/${LIN_STORE}/inventory?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
    expect(await counters(`${NA_SELLER}/NA`)).toEqual(before);
  });
});

describe('orders', () => {
  it('summarizes orders by status, channel and currency with late shipments first, and feeds inventory velocity', async () => {
    const response = await get(
      lin,
      `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=30&reason=order-fulfillment-monitoring`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      days: number;
      totals: {
        orders: number;
        byStatus: Record<string, number>;
        byChannel: Record<string, number>;
        revenue: { currency: string; amount: number }[];
      };
      atRisk: { orderId: string; late: boolean }[];
      daily: unknown[];
    };
    expect(body.days).toBe(30);
    expect((body as unknown as { freshness: { complete: boolean } }).freshness.complete).toBe(true);
    expect(body.totals.orders).toBeGreaterThan(0);
    expect(Object.keys(body.totals.byChannel).sort()).toEqual(['AFN', 'MFN']);
    expect(body.totals.revenue.map((r) => r.currency)).toContain('USD');
    expect(body.atRisk.some((o) => o.late)).toBe(true);
    expect(body.atRisk[0]?.late).toBe(true);
    expect(body.daily.length).toBeGreaterThanOrEqual(30);

    // Velocity now comes from the stored order history: some SKUs sell.
    const inventory = (await (
      await get(lin, `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`)
    ).json()) as {
      items: { unitsSoldPerDay: number }[];
    };
    expect(inventory.items.some((item) => item.unitsSoldPerDay > 0)).toBe(true);
  });

  it('refuses days outside 1–90', async () => {
    expect(
      (
        await get(
          lin,
          `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=365&reason=order-fulfillment-monitoring`,
        )
      ).status,
    ).toBe(400);
  });
});

describe('isolation: two operators, two stores, every route, both directions', () => {
  const routes = (storeId: string, marketplaceId: string) => [
    ['GET', `/api/stores/${storeId}/inventory?marketplaceId=${marketplaceId}&reason=inventory-replenishment`],
    [
      'GET',
      `/api/stores/${storeId}/orders?marketplaceId=${marketplaceId}&days=7&reason=order-fulfillment-monitoring`,
    ],
    ['GET', `/api/stores/${storeId}/audit`],
    ['DELETE', `/api/stores/${storeId}`],
  ];

  it.each([
    ['sofia → lin', () => sofia, LIN_STORE, US],
    ['lin → sofia', () => lin, SOFIA_STORE, DE],
  ])(
    '%s: refused with 403, no data, a denied record for data routes',
    async (_label, token, storeId, marketplaceId) => {
      for (const [method, route] of routes(storeId, marketplaceId)) {
        const response = await request(newBrowser(), `${ws().url}${route}`, { token: token(), method });
        expect({ route, status: response.status }).toEqual({ route, status: 403 });
        const text = await response.text();
        expect(text).not.toContain('items');
        expect(text).not.toContain(NA_SELLER === storeId.split('-')[0] ? 'Lumen' : 'Brightfield');
      }
      const denied = auditLines().filter((r) => r['storeId'] === storeId && r['outcome'] === 'denied');
      expect(denied.map((r) => r['dataset']).sort()).toEqual(['inventory', 'orders']);
      expect(denied.every((r) => r['sellingPartnerId'] === null)).toBe(true);
    },
  );

  it('lists each operator only the stores they were given', async () => {
    const list = async (token: string) =>
      (
        (await (await get(token, '/api/stores')).json()) as { stores: { storeId: string; role: string }[] }
      ).stores.map((s) => `${s.storeId}:${s.role}`);
    expect(await list(lin)).toEqual([`${LIN_STORE}:owner`]);
    expect(await list(sofia)).toEqual([`${SOFIA_STORE}:owner`]);
    expect(await list(await tokenFor(ws(), 'ada@minthub.local'))).toEqual([]);
  });

  it('lets owners and admins read the access log, newest first', async () => {
    const own = (await (await get(lin, `/api/stores/${LIN_STORE}/audit`)).json()) as {
      records: { at: string; storeId: string }[];
    };
    expect(own.records.length).toBeGreaterThan(0);
    expect(own.records.every((r) => r.storeId === LIN_STORE)).toBe(true);
    expect([...own.records].sort((a, b) => b.at.localeCompare(a.at))).toEqual(own.records);
    const admin = await get(await tokenFor(ws(), 'ada@minthub.local'), `/api/stores/${LIN_STORE}/audit`);
    expect(admin.status).toBe(200);
  });
});

describe('access tokens', () => {
  it('mints one access token per function for many requests, concurrent ones sharing one exchange', async () => {
    const exchanges = async () => (await counters(`${EU_SELLER}/EU`))?.lwa['refresh_token'] ?? 0;
    const before = await exchanges();
    const inventory = () =>
      get(sofia, `/api/stores/${SOFIA_STORE}/inventory?marketplaceId=${DE}&reason=inventory-replenishment`);
    expect(
      (await Promise.all([inventory(), inventory(), inventory(), inventory()])).map((r) => r.status),
    ).toEqual([200, 200, 200, 200]);
    expect((await inventory()).status).toBe(200);
    expect(await exchanges()).toBe(before + 1);
    // The orders route is another Lambda function, so another execution environment with its own token; tokens
    // are never shared through storage.
    const orders = () =>
      get(
        sofia,
        `/api/stores/${SOFIA_STORE}/orders?marketplaceId=${FR}&days=7&reason=order-fulfillment-monitoring`,
      );
    expect((await orders()).status).toBe(200);
    expect((await orders()).status).toBe(200);
    expect(await exchanges()).toBe(before + 2);
  });
});

describe('Amazon failures', () => {
  const inventory = (marketplaceId: string) =>
    get(
      sofia,
      `/api/stores/${SOFIA_STORE}/inventory?marketplaceId=${marketplaceId}&reason=inventory-replenishment`,
    );
  afterEach(async () => {
    await fetch(`${ws().sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('rides out a short throttling storm: the 429s are absorbed, the caller gets data', async () => {
    const throttledBefore = (await counters(`${EU_SELLER}/EU`))?.throttled ?? 0;
    await sandbox(ws(), '/__sandbox/faults', { throttleStorm: 2 });
    expect((await inventory(FR)).status).toBe(200);
    expect((await counters(`${EU_SELLER}/EU`))?.throttled).toBe(throttledBefore + 2);
  });

  it('answers 429 with Retry-After when the storm outlasts the bounded retries, and stops calling', async () => {
    await sandbox(ws(), '/__sandbox/faults', { throttleStorm: 50 });
    const before = (await counters(`${EU_SELLER}/EU`))?.spapi['getInventorySummaries'] ?? 0;
    const response = await inventory(IT);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('Throttled');
    // The first try and three retries: bounded, never a blind loop.
    expect(((await counters(`${EU_SELLER}/EU`))?.spapi['getInventorySummaries'] ?? 0) - before).toBe(4);
  });

  it('answers 503 with Retry-After when Amazon keeps failing, after two retries', async () => {
    await sandbox(ws(), '/__sandbox/faults', { spapi5xx: 10 });
    const response = await inventory(ES);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect(JSON.stringify(await response.json())).not.toMatch(/InternalFailure|errors/);
  });

  it('mints a new access token when Amazon says the cached one expired', async () => {
    const exchanges = async () => (await counters(`${EU_SELLER}/EU`))?.lwa['refresh_token'] ?? 0;
    const before = await exchanges();
    await sandbox(ws(), '/__sandbox/clock', { advanceMs: 61 * 60_000 });
    const refreshed = await inventory(UK);
    expect({
      status: refreshed.status,
      body: refreshed.status === 200 ? null : await refreshed.text(),
    }).toEqual({ status: 200, body: null });
    expect(await exchanges()).toBe(before + 1);
  });
});

describe('revocation', () => {
  it('a seller who revokes in Manage Your Apps is detected on the next read: revocation queued, 409, no data', async () => {
    // A live access token is cached; then the seller revokes.
    expect(
      (
        await get(
          lin,
          `/api/stores/${LIN_STORE}/inventory?marketplaceId=${CA}&reason=inventory-replenishment`,
        )
      ).status,
    ).toBe(200);
    await sandbox(ws(), '/__sandbox/revoke', { sellingPartnerId: NA_SELLER, region: 'NA' });

    const refused = await get(
      lin,
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${MX}&reason=inventory-replenishment`,
    );
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string } };
    expect(body.error.code).toBe('AuthorizationRevoked');
    expect(JSON.stringify(body)).not.toContain('items');
    const denied = auditLines().filter((r) => r['storeId'] === LIN_STORE && r['marketplaceId'] === MX);
    expect(denied.map((r) => r['outcome'])).toEqual(['denied']);
  });

  it('the worker makes it final: REVOKED, ciphertext gone, and no further call reaches Amazon', async () => {
    // The queued revocation is delivered by the local SQS poller to the real worker; wait for its effect.
    const items = tableItems(ws());
    const deadline = Date.now() + 20_000;
    let profile: Record<string, unknown> | undefined;
    while (Date.now() < deadline) {
      profile = (await items.store(LIN_STORE)).find((i) => i['sk'] === 'PROFILE');
      if (profile?.['status'] === 'REVOKED') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(profile).toMatchObject({ status: 'REVOKED', revokedReason: 'invalid_grant' });
    const remaining = await items.store(LIN_STORE);
    expect(remaining.filter((i) => String(i['sk']).startsWith('TOKEN#'))).toEqual([]);
    expect(remaining.filter((i) => String(i['sk']).startsWith('SNAPSHOT#'))).toEqual([]);
    expect(remaining.filter((i) => String(i['sk']).startsWith('MEMBER#'))).toHaveLength(1);

    const before = await counters(`${NA_SELLER}/NA`);
    for (const route of [
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
      `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=7&reason=order-fulfillment-monitoring`,
    ]) {
      const response = await get(lin, route);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: 'StoreNotActive', status: 'REVOKED' } });
    }
    expect(await counters(`${NA_SELLER}/NA`)).toEqual(before);
    expect(
      auditLines().filter((r) => r['kind'] === 'store-revoked' && r['storeId'] === LIN_STORE),
    ).toHaveLength(1);
  });
});
