import type { InventoryResponse, OrdersResponse } from '../../../shared/api/data-contract';
import type { Caller } from '../../../shared/auth/caller';
import { json } from '../../../shared/http/responses';
import { PacedCaller } from '../../../shared/pacing/paced-caller';
import type { AccessTokenProvider } from '../../../shared/store-data/access-token-provider';
import { emptyHistory, type OrderHistory } from '../../../shared/store-data/order-history-state';
import { KeptAnswers } from '../../../shared/store-data/kept-answers';
import { createStoreScope, StoreScopeViolation } from '../../../shared/store-access/store-scope';
import { StoreDataService } from '../../../shared/store-data/store-data-service';
import type { StoreDataDependencies } from '../../../shared/store-data/store-data-context';
import type { InventoryItemRecord } from '../../../shared/stores/datasets';
import type { StoreProfile } from '../../../shared/stores/store';
import {
  defaultRestockSettings,
  type StoredRestockSettings,
} from '../../../shared/summaries/restock-settings';
import { InMemoryStoreRepository } from '../../support/in-memory-store-repository';
import { inventoryItem } from '../summaries/fixtures/records';

// Issue 15: a warm view whose stored versions name an answer this environment made already is served from it —
// no snapshot read, decoded or summarized again — and is exactly what making it again would give, freshness
// aside. Anything that changes what the answer is made from (a snapshot's content or read time, the settings, the
// marketplace day, the open orders' age) makes it again.
const STORE = 'A2LUMENCRAFT7Q-NA';
const US = 'ATVPDKIKX0DER';
const T0 = Date.parse('2026-12-02T15:00:00.000Z');
const caller: Caller = { userId: 'user-lin', email: 'lin@example.com', groups: [] } as unknown as Caller;
const profile: StoreProfile = {
  storeId: STORE,
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceIds: [US],
  displayName: 'Lumen Craft',
  status: 'ACTIVE',
  connectedAt: '2026-01-01T00:00:00.000Z',
  reauthorizeBy: '2027-01-01T00:00:00.000Z',
} as StoreProfile;

const item = (sellerSku: string, fulfillable: number) => inventoryItem({ sellerSku, fulfillable });

/** A settled 90-day history with no sales and no open orders: complete, so the views answer from storage. */
function settledHistory(now: Date): OrderHistory {
  const from = new Date(now.getTime() - 91 * 86_400_000).toISOString();
  return {
    ...emptyHistory('America/Los_Angeles', now),
    from,
    syncedThrough: now.toISOString(),
    source: 'orders-api',
    openOrders: { orders: [], readAt: now.toISOString() },
  };
}

const never = () => {
  throw new Error('Amazon must not be asked: the views are served from storage');
};

function setUp(startMs = T0) {
  let nowMs = startMs;
  let settings: StoredRestockSettings | undefined;
  const repository = new InMemoryStoreRepository();
  const reads: string[] = [];
  const snapshots: StoreDataDependencies['snapshots'] = {
    versions: (storeId) => repository.versions(storeId),
    get: (storeId, dataset, marketplaceId, known) => {
      reads.push(dataset);
      return repository.get(storeId, dataset, marketplaceId, known);
    },
    put: (...args) => repository.put(...args),
  };
  const audit: unknown[] = [];
  const deps: StoreDataDependencies = {
    stores: {
      getMembership: async (storeId, userId) => ({ storeId, userId, role: 'owner' }),
      getProfile: async () => profile,
    },
    snapshots,
    tokens: { accessTokenFor: never } as unknown as AccessTokenProvider,
    pacing: new PacedCaller({ now: () => nowMs, sleep: async () => undefined, random: () => 0.5 }),
    inventory: { fetchInventoryPage: never },
    orders: {
      operation: 'searchOrders',
      fetchOrdersPage: never,
    } as unknown as StoreDataDependencies['orders'],
    sales: { getOrderMetrics: never } as unknown as StoreDataDependencies['sales'],
    reports: {} as StoreDataDependencies['reports'],
    audit: { write: async (record) => void audit.push(record) },
    clock: { now: () => new Date(nowMs) },
    snapshotSeconds: { inventory: 300, orders: 900 },
    restockSettings: async () => settings,
  };
  const service = new StoreDataService(deps);
  const args = { storeId: STORE, marketplaceId: US, requestId: 'request-1', deadlineMs: Date.now() + 20_000 };
  return {
    repository,
    reads,
    audit,
    advance: (ms: number) => (nowMs += ms),
    saveSettings: (saved: StoredRestockSettings) => (settings = saved),
    now: () => new Date(nowMs),
    inventory: () => service.inventory(caller, { ...args, reason: 'inventory-replenishment' }),
    orders: (days = '30') =>
      service.orders(caller, { ...args, days, reason: 'order-fulfillment-monitoring' }),
  };
}

/** An inventory read from Amazon now, as a refresh stores it. */
const storeInventory = (t: ReturnType<typeof setUp>, items: InventoryItemRecord[]) =>
  t.repository.put(STORE, 'inventory', US, { fetchedAt: t.now().toISOString(), data: items }, 600);

async function seed(t: ReturnType<typeof setUp>, items: InventoryItemRecord[]) {
  const fetchedAt = t.now().toISOString();
  await t.repository.put(STORE, 'inventory', US, { fetchedAt, data: items }, 600);
  await t.repository.put(STORE, 'orders', US, { fetchedAt, data: settledHistory(t.now()) }, 600);
}

describe('kept answers: warm views served from what this environment made already', () => {
  it('serves the inventory view again without reading a snapshot, the same answer with its age moved on', async () => {
    const t = setUp();
    await seed(t, [item('MUG-01', 12), item('LAMP-02', 0)]);
    const first = await t.inventory();
    expect(first).toMatchObject({ source: 'snapshot', freshness: { complete: true, ageSeconds: 0 } });
    const readsOfFirst = t.reads.length;
    expect(readsOfFirst).toBeGreaterThan(0);

    t.advance(42_000);
    const second = await t.inventory();
    expect(t.reads.length).toBe(readsOfFirst); // no snapshot read
    expect(second).toEqual({ ...first, freshness: { ageSeconds: 42, complete: true } });
    // What leaves is what serializing the answer would give.
    expect(json(200, second).body).toBe(JSON.stringify(second));
    // Audited like any read, from the snapshot.
    expect(t.audit).toHaveLength(2);
    expect(t.audit[1]).toMatchObject({ outcome: 'allowed', source: 'snapshot', itemCount: 2 });
  });

  it('makes the inventory answer again when its snapshot or the settings change', async () => {
    const t = setUp();
    await seed(t, [item('MUG-01', 12)]);
    await t.inventory();
    let reads = t.reads.length;

    // New content read from Amazon.
    t.advance(1_000);
    await storeInventory(t, [item('MUG-01', 3)]);
    const changed = (await t.inventory()) as InventoryResponse;
    expect(t.reads.length).toBeGreaterThan(reads);
    expect(changed.items[0]).toMatchObject({ sellerSku: 'MUG-01', fulfillable: 3 });

    // The same content read again: a new asOf, so made again, with the new read time.
    reads = t.reads.length;
    t.advance(1_000);
    await storeInventory(t, [item('MUG-01', 3)]);
    const reread = await t.inventory();
    expect(t.reads.length).toBeGreaterThan(reads);
    expect(reread.asOf).toBe(t.now().toISOString());

    // The settings saved (new version).
    reads = t.reads.length;
    t.saveSettings({
      ...defaultRestockSettings('NA'),
      version: 1,
      updatedAt: t.now().toISOString(),
      updatedBy: 'user-lin',
    } as StoredRestockSettings);
    await t.inventory();
    expect(t.reads.length).toBeGreaterThan(reads);
  });

  it('makes the inventory answer again when the marketplace day turns', async () => {
    // 23:59 in Los Angeles (amazon.com's day), then two minutes on: both snapshots still fresh.
    const t = setUp(Date.parse('2026-12-03T07:59:00.000Z'));
    await seed(t, [item('MUG-01', 12)]);
    await t.inventory();
    await t.inventory();
    const reads = t.reads.length;
    t.advance(120_000);
    await t.inventory();
    expect(t.reads.length).toBeGreaterThan(reads);
  });

  it('serves the orders view again per window, until its open orders are too old to answer from storage', async () => {
    const t = setUp();
    await seed(t, [item('MUG-01', 12)]);
    const first = (await t.orders('30')) as OrdersResponse;
    expect(first).toMatchObject({ source: 'snapshot', freshness: { complete: true } });
    const reads = t.reads.length;

    t.advance(5_000);
    expect(await t.orders('30')).toEqual({ ...first, freshness: { ageSeconds: 5, complete: true } });
    expect(t.reads.length).toBe(reads);
    // Another window is another answer.
    await t.orders('7');
    expect(t.reads.length).toBe(reads + 1);

    // Past the orders' freshness window the stored copy no longer answers: Amazon would be asked (here: never).
    t.advance(900_000);
    await expect(t.orders('30')).rejects.toThrow();
  });
});

describe('kept answers are store data held in memory', () => {
  it("are served only to their own store's scope", async () => {
    const kept = new KeptAnswers();
    const scope = createStoreScope(() => ({}));
    await scope.run({ storeId: STORE, purpose: 'SPAPI' }, async () =>
      kept.keep(STORE, 'inventory|v1', { items: [] }, Number.POSITIVE_INFINITY),
    );
    await expect(
      scope.run({ storeId: STORE, purpose: 'SPAPI' }, async () => kept.get(STORE, 'inventory|v1', T0)),
    ).resolves.toMatchObject({ text: '{"items":[]}' });
    await expect(
      scope.run({ storeId: 'A3BRIGHTFIELD9E-EU', purpose: 'SPAPI' }, async () =>
        kept.get(STORE, 'inventory|v1', T0),
      ),
    ).rejects.toBeInstanceOf(StoreScopeViolation);
  });
});
