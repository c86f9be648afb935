import { SpApiError } from '../../../shared/amazon/amazon-errors';
import { AccessDenied } from '../../../shared/errors';
import { PacedCaller } from '../../../shared/pacing/paced-caller';
import type { OrderMetricsQuery, SalesSource, Snapshot, SnapshotStore } from '../../../shared/ports';
import type { AccessTokenProvider } from '../../../shared/store-data/access-token-provider';
import {
  advanceSalesApiVelocity,
  SALES_VELOCITY_DATASET,
} from '../../../shared/store-data/sales-api-velocity-sync';
import { createSpApiCaller } from '../../../shared/store-data/token-retry';
import type { SalesApiVelocityCheckpoint } from '../../../shared/summaries/sales-api-velocity';
import type { SalesVelocity } from '../../../shared/summaries/sales-velocity';
import type { StoreProfile } from '../../../shared/stores/store';
import { inventoryItem } from '../summaries/fixtures/records';

// One round of Sales API velocity: the SKUs asked, what is kept as the checkpoint, and what Amazon's failures do.
// The Sales API and the snapshot store are in-memory fakes here so each failure can be aimed at one SKU (the real
// adapters against the sandbox: test/integration/workspace/inventory-velocity.test.ts); pacing is the real one.

const US = 'ATVPDKIKX0DER';
const LA = 'America/Los_Angeles';
const NOW = new Date();
const STORE = {
  storeId: 'A1SELLER-NA',
  sellingPartnerId: 'A1SELLER',
  region: 'NA',
  marketplaceIds: [US],
  displayName: 'Test store',
  status: 'ACTIVE',
  connectedAt: NOW.toISOString(),
  reauthorizeBy: NOW.toISOString(),
} as StoreProfile;
const NOTHING: SalesVelocity = {
  source: 'unknown',
  coveredDays: 0,
  complete: false,
  unitsBySku: new Map(),
  asOf: NOW.toISOString(),
};
const ITEMS = ['A', 'B', 'C', 'D', 'E'].map((sku, index) =>
  inventoryItem({ sellerSku: sku, fulfillable: 10 * (index + 1) }),
);

function memorySnapshots() {
  const data = new Map<string, Snapshot<unknown>>();
  const store: SnapshotStore = {
    async get<T>(storeId: string, dataset: string, marketplaceId: string) {
      return data.get(`${storeId}|${dataset}|${marketplaceId}`) as Snapshot<T> | undefined;
    },
    async put(storeId, dataset, marketplaceId, snapshot) {
      data.set(`${storeId}|${dataset}|${marketplaceId}`, snapshot);
    },
    versions: async () => new Map(),
  };
  const checkpoint = () =>
    data.get(`${STORE.storeId}|${SALES_VELOCITY_DATASET}|${US}`)?.data as
      SalesApiVelocityCheckpoint | undefined;
  return { store, checkpoint };
}

/** A Sales API answering `answer(sku)`: a number of units sold today, or an error to throw. */
function fakeSales(answer: (sku: string) => number | Error) {
  const asked: string[] = [];
  const sales: SalesSource = {
    async getOrderMetrics(query: OrderMetricsQuery) {
      asked.push(query.sku ?? '');
      const units = answer(query.sku ?? '');
      if (units instanceof Error) throw units;
      const today = query.interval.end.slice(0, 10);
      return {
        metrics: [
          {
            interval: `${today}T00:00:00-08:00--x`,
            orderCount: 1,
            unitCount: units,
            totalSales: { currency: 'USD', amount: 1 },
          },
        ],
        rateLimit: 0.5,
      };
    },
  };
  return { sales, asked };
}

function setUp(answer: (sku: string) => number | Error) {
  // Simulated time: the pacing's waits pass on this clock, as they would in real time.
  let clock = 1_000_000;
  const pacing = new PacedCaller({
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    random: () => 0,
  });
  const tokens = {
    accessTokenFor: async () => 'access-token',
    drop: () => undefined,
  } as unknown as AccessTokenProvider;
  const snapshots = memorySnapshots();
  const fake = fakeSales(answer);
  const deps = {
    sales: fake.sales,
    snapshots: snapshots.store,
    pacing,
    callSpApi: createSpApiCaller({ pacing, tokens }),
  };
  const round = () =>
    advanceSalesApiVelocity(deps, STORE, US, ITEMS, NOTHING, {
      timeZone: LA,
      deadline: clock + 10_000,
      now: NOW,
      clockMs: () => clock,
    });
  const advance = (ms: number) => {
    clock += ms;
  };
  return {
    round,
    advance,
    deps,
    pacing,
    clockMs: () => clock,
    asked: fake.asked,
    checkpoint: snapshots.checkpoint,
  };
}

const throttled = () => new SpApiError('throttled', 429, 'getOrderMetrics');
const unavailable = () => new SpApiError('unavailable', 503, 'getOrderMetrics', undefined, 'status');

describe('advanceSalesApiVelocity', () => {
  it('asks each SKU once, least stock first, keeps the checkpoint, and the next round asks nothing again', async () => {
    const { round, asked, checkpoint } = setUp((sku) => sku.charCodeAt(0));
    const first = await round();
    expect(asked).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(first.remaining).toBe(0);
    expect(first.retryAfterSeconds).toBeUndefined();
    expect(first.velocity).toMatchObject({ source: 'sales-api', coveredDays: 60, complete: true });
    expect(first.velocity.unitsBySku.get('A')).toEqual({ d7: 65, d30: 65, d60: 65 });
    expect(Object.keys(checkpoint()?.skus ?? {})).toEqual(['A', 'B', 'C', 'D', 'E']);

    const second = await round();
    expect(asked).toHaveLength(5);
    expect(second.velocity.unitsBySku.size).toBe(5);
  });

  it('spends the burst without waiting, leaving two tokens for the history’s own source choice', async () => {
    const many = Array.from({ length: 20 }, (_, index) =>
      inventoryItem({ sellerSku: `SKU-${String(index).padStart(2, '0')}`, fulfillable: index + 1 }),
    );
    const { deps, pacing, clockMs } = setUp(() => 1);
    const started = clockMs();
    const result = await advanceSalesApiVelocity(deps, STORE, US, many, NOTHING, {
      timeZone: LA,
      deadline: started + 10_000,
      now: NOW,
      clockMs,
    });
    expect(result.velocity.unitsBySku.size).toBe(13);
    expect(clockMs()).toBe(started); // no wait
    expect(pacing.bucket(STORE.storeId, 'getOrderMetrics').available(clockMs())).toBeGreaterThanOrEqual(2);
    expect(result.remaining).toBe(7);
    expect(result.retryAfterSeconds).toBe(14); // (7 + 2 − 2 tokens) / 0.5 rps
  });

  it('throttled from the start: nothing read, nothing set aside, unknown (never 0), and when to ask again', async () => {
    const { round, checkpoint } = setUp(() => throttled());
    const result = await round();
    expect(result.velocity.source).toBe('unknown');
    expect(result.velocity.unitsBySku.size).toBe(0);
    expect(result.remaining).toBe(5);
    expect(result.retryAfterSeconds).toBeGreaterThan(0);
    expect(checkpoint()).toBeUndefined();
  });

  it('throttled midway: what was read is kept, the rest waits for the next round', async () => {
    let calls = 0;
    const { round, advance, asked, checkpoint } = setUp(() => (++calls <= 2 ? 3 : throttled()));
    const result = await round();
    expect(result.velocity.unitsBySku.size).toBe(2);
    expect(result.remaining).toBe(3);
    expect(Object.keys(checkpoint()?.skus ?? {})).toHaveLength(2);
    expect(checkpoint()?.failed).toEqual({});

    // The next view comes when the answer said; Amazon answers again.
    calls = -100;
    advance((result.retryAfterSeconds ?? 0) * 1000);
    const next = await round();
    expect(next.remaining).toBe(0);
    const notReadYet = ITEMS.map((item) => item.sellerSku).filter(
      (sku) => !result.velocity.unitsBySku.has(sku),
    );
    expect(asked.slice(-3).sort()).toEqual(notReadYet);
  });

  it('a SKU Amazon keeps failing on is set aside, so it never blocks the others', async () => {
    const { round, checkpoint } = setUp((sku) => (sku === 'A' ? unavailable() : 1));
    const first = await round();
    expect(first.velocity.unitsBySku.has('A')).toBe(false);
    expect(Object.keys(checkpoint()?.failed ?? {})).toEqual(['A']);
    const second = await round();
    expect([...second.velocity.unitsBySku.keys()].sort()).toEqual(['B', 'C', 'D', 'E']);
    expect(second.remaining).toBe(0); // A waits its hour
  });

  it('refused access fails the view (it is not "loading")', async () => {
    const { round } = setUp(() => new SpApiError('unauthorized', 403, 'getOrderMetrics'));
    await expect(round()).rejects.toBeInstanceOf(AccessDenied);
  });
});
