import type { OverviewResponse, OverviewStore } from '../../../shared/api/overview-contract';
import { sandbox, type StartedWorkspace } from './workspace-client';
import { ADA_ID, apiCaller, LIN_ID, readAuditLines, SOFIA_ID, startWithStores } from './workspace-kit';

// Issue 18, GET /api/overview against the local workspace (real handlers, DynamoDB Local, the Amazon sandbox):
// two teams (lin: Lumen Craft NA and Harbor & Pine NA; sofia: Brightfield EU) and an admin who is a member of
// nothing. The overview counts only what the views stored, never asks Amazon, says "not loaded" where nothing is
// stored, agrees with the views it links to, and is audited once per store whose data it read.
const LIN_SELLER = 'A2LUMENCRAFT7Q';
const HARBOR_SELLER = 'A1HARBORPINE3K';
const SOFIA_SELLER = 'A3BRIGHTFIELD9E';
const LIN_STORE = `${LIN_SELLER}-NA`;
const HARBOR_STORE = `${HARBOR_SELLER}-NA`;
const SOFIA_STORE = `${SOFIA_SELLER}-EU`;
const US = 'ATVPDKIKX0DER';
const OVERVIEW = '/api/overview?reason=order-fulfillment-monitoring';

let started: StartedWorkspace;
const ws = () => started.workspace;
let lin: string;
let sofia: string;
let ada: string;

const auditLines = () => readAuditLines(started);
const overviewRecords = (actorId: string) =>
  auditLines().filter(
    (r) => r['operation'] === 'getOverview' && (r['actor'] as { id: string }).id === actorId,
  );

const api = apiCaller(ws);

async function overview(token: string): Promise<OverviewResponse> {
  const answer = await api(token, 'GET', OVERVIEW);
  expect(answer.status).toBe(200);
  return answer.body as OverviewResponse;
}
const storeIn = (answer: OverviewResponse, storeId: string): OverviewStore | undefined =>
  answer.stores.find((store) => store.storeId === storeId);
const amazonCalls = async () => JSON.stringify(await sandbox(ws(), '/__sandbox/counters'));

beforeAll(async () => {
  ({ started, lin, sofia, ada } = await startWithStores([
    { user: 'lin', sellingPartnerId: LIN_SELLER, region: 'NA' },
    { user: 'lin', sellingPartnerId: HARBOR_SELLER, region: 'NA' },
    { user: 'sofia', sellingPartnerId: SOFIA_SELLER, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('GET /api/overview', () => {
  it('says "not loaded" for every marketplace before any view, never 0, and asks Amazon nothing', async () => {
    const calls = await amazonCalls();
    const answer = await overview(lin);
    expect(answer.stores.map((store) => store.storeId).sort()).toEqual([HARBOR_STORE, LIN_STORE].sort());
    const lumen = storeIn(answer, LIN_STORE);
    expect(lumen).toMatchObject({
      displayName: 'Lumen Craft Co.',
      role: 'owner',
      status: 'ACTIVE',
      dataIncomplete: true,
      authorization: { due: false, lost: false },
    });
    expect(lumen?.marketplaces.map((m) => m.marketplaceId)).toEqual([
      'ATVPDKIKX0DER',
      'A2EUQ1WTGCTBG2',
      'A1AM78C64UM0Y8',
    ]);
    for (const marketplace of lumen?.marketplaces ?? []) {
      expect(marketplace.orders).toEqual({
        state: 'not-loaded',
        asOf: null,
        ageSeconds: null,
        complete: false,
        late: null,
        dueWithin24h: null,
      });
      expect(marketplace.inventory).toMatchObject({ state: 'not-loaded', outOfStock: null, orderNow: null });
    }
    expect(answer.totals).toMatchObject({
      stores: 2,
      lateShipments: 0,
      linesNotLoaded: 10,
      dataIncomplete: 2,
    });
    expect(await amazonCalls()).toBe(calls);
  });

  it('counts what the views stored, as the views count it, with the age of each line', async () => {
    const orders = await api(
      lin,
      'GET',
      `/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=30&reason=order-fulfillment-monitoring`,
    );
    expect(orders.status).toBe(200);
    const inventory = await api(
      lin,
      'GET',
      `/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
    );
    expect(inventory.status).toBe(200);

    const calls = await amazonCalls();
    const answer = await overview(lin);
    expect(await amazonCalls()).toBe(calls);
    const us = storeIn(answer, LIN_STORE)?.marketplaces.find((m) => m.marketplaceId === US);
    const atRisk = orders.body['atRisk'] as Array<{ late: boolean }>;
    expect(us?.orders).toMatchObject({
      state: 'loaded',
      complete: true,
      late: atRisk.filter((order) => order.late).length,
      dueWithin24h: atRisk.filter((order) => !order.late).length,
    });
    expect(us?.orders?.asOf).toBe(orders.body['openOrders'].readAt);
    expect(us?.orders?.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(us?.inventory).toMatchObject({
      state: 'loaded',
      asOf: inventory.body['asOf'],
      complete: inventory.body['velocity'].complete,
      outOfStock: inventory.body['totals'].outOfStock,
      orderNow: inventory.body['totals'].byStatus['order-now'],
    });
    // The seeded store has stock-outs and late orders: the counts are real, not zeros.
    expect((us?.inventory?.outOfStock ?? 0) + (us?.orders?.late ?? 0)).toBeGreaterThan(0);
    expect(answer.totals.lateShipments).toBe(us?.orders?.late);
    expect(answer.totals.outOfStock).toBe(us?.inventory?.outOfStock);
    expect(answer.totals.linesNotLoaded).toBe(8);
    // The first views read months of orders from the sandbox.
  }, 90_000);

  it('audits one data-access record per store whose data it read, before answering', async () => {
    const before = overviewRecords(LIN_ID).length;
    const answer = await api(lin, 'GET', OVERVIEW);
    expect(answer.status).toBe(200);
    const records = overviewRecords(LIN_ID).slice(before);
    expect(records.map((r) => r['storeId']).sort()).toEqual([HARBOR_STORE, LIN_STORE].sort());
    const lumen = records.find((r) => r['storeId'] === LIN_STORE);
    expect(lumen).toMatchObject({
      kind: 'data-access',
      actor: { type: 'operator', id: LIN_ID },
      sellingPartnerId: LIN_SELLER,
      region: 'NA',
      marketplaceId: null,
      dataset: 'orders',
      operation: 'getOverview',
      reason: 'order-fulfillment-monitoring',
      outcome: 'allowed',
      source: 'snapshot',
      itemCount: 2,
    });
    expect(new Set(records.map((r) => r['requestId'])).size).toBe(1);
  });

  it("shows a hostile second team none of the first team's stores, names or counts", async () => {
    const answer = await overview(sofia);
    expect(answer.stores.map((store) => store.storeId)).toEqual([SOFIA_STORE]);
    const text = JSON.stringify(answer);
    for (const foreign of [LIN_STORE, HARBOR_STORE, LIN_SELLER, 'Lumen Craft', 'Harbor & Pine'])
      expect(text).not.toContain(foreign);
    expect(overviewRecords(SOFIA_ID).map((r) => r['storeId'])).toEqual([SOFIA_STORE]);
  });

  it('shows an admin who is a member of no store none of the data, and writes no data-access record', async () => {
    const answer = await overview(ada);
    expect(answer.stores).toEqual([]);
    expect(answer.totals).toMatchObject({ stores: 0, lateShipments: 0, outOfStock: 0 });
    expect(overviewRecords(ADA_ID)).toEqual([]);
  });

  it('lists a disconnected store as lost without reading its data or auditing a read of it', async () => {
    expect((await api(lin, 'DELETE', `/api/stores/${HARBOR_STORE}`)).status).toBe(202);
    const before = overviewRecords(LIN_ID).length;
    const answer = await overview(lin);
    expect(answer.stores[0]).toMatchObject({
      storeId: HARBOR_STORE,
      status: 'REVOKED',
      marketplaces: [],
      authorization: { lost: true, due: false, revokedReason: 'disconnect' },
    });
    expect(answer.totals.authorizationLost).toBe(1);
    expect(
      overviewRecords(LIN_ID)
        .slice(before)
        .map((r) => r['storeId']),
    ).toEqual([LIN_STORE]);
  });

  it('answers the contract route without a reason, audited with the overview reason', async () => {
    const before = auditLines().length;
    const response = await api(lin, 'GET', '/api/overview');
    expect(response.status).toBe(200);
    const added = auditLines()
      .slice(before)
      .filter((line) => line['kind'] === 'data-access' && line['operation'] === 'getOverview');
    expect(added.length).toBeGreaterThan(0);
    expect(added.map((line) => line['reason'])).toEqual(added.map(() => 'order-fulfillment-monitoring'));
  });

  it.each([
    ['an unknown reason', '/api/overview?reason=curiosity'],
    ['an empty reason', '/api/overview?reason='],
  ])('refuses %s with a 400 and audits nothing', async (_label, pathname) => {
    const before = auditLines().length;
    const refused = await api(lin, 'GET', pathname);
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({ code: 'BadRequest' });
    expect(auditLines()).toHaveLength(before);
  });

  it('refuses a caller without a token', async () => {
    const response = await fetch(`${ws().url}${OVERVIEW}`);
    expect(response.status).toBe(401);
  });
});
