import type { SeededOrder } from '../../../local/sandbox/data/orders';
import { SeedData } from '../../../local/sandbox/data/seed-data';
import { findSeller } from '../../../local/sandbox/data/sellers';
import type { InventoryResponse } from '../../../shared/api/data-contract';
import { calendarDate } from '../../../shared/summaries/calendar-days';
import { addDays, startOfDay } from '../../../shared/summaries/marketplace-time-zones';
import { blendedUnitsPerDay, VELOCITY_WEIGHTS } from '../../../shared/summaries/restock-planner';
import { newBrowser, request, sandbox, tableItems, type StartedWorkspace } from './workspace-client';
import { startWithStores } from './workspace-kit';

// Issue 12, "inventory stands alone": a freshly connected large store (its history comes from order reports,
// minutes of Amazon's processing) whose ONLY opened view is the inventory. That view starts the history load
// itself, gives the SKUs that matter their velocity from the Sales API (one paced request each, continued from a
// checkpoint on every view) with numbers equal to the sandbox's seeded orders, says "loading" for the rest (also
// when the Sales API is throttled), and switches to the history's velocity once the history is complete.
const TIDEWAY = 'A5TIDEWAYBULK4';
const STORE = `${TIDEWAY}-EU`;
const UK = 'A1F83G8C2ARO7P';
const LONDON = 'Europe/London';

jest.setTimeout(180_000);

let started: StartedWorkspace;
let token: string;
const ws = () => started.workspace;
const inventoryView = async () => {
  const response = await request(
    newBrowser(),
    `${ws().url}/api/stores/${STORE}/inventory?marketplaceId=${UK}&reason=inventory-replenishment`,
    { token },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as InventoryResponse;
};
const fromSalesApi = (view: InventoryResponse) =>
  view.items.filter((item) => item.velocitySource === 'sales-api');
const loading = (view: InventoryResponse) => view.items.filter((item) => item.velocitySource === 'unknown');

/** What the sandbox's seeded orders imply for one SKU over the 60 marketplace days ending at `asOf`. */
let seeded: SeededOrder[] | undefined;
async function seededUnits(sellerSku: string, asOf: string) {
  if (seeded === undefined) {
    const clock = await sandbox<{ seed: number; anchor: string }>(ws(), '/__sandbox/clock');
    seeded = new SeedData(clock.seed, new Date(clock.anchor)).orders(findSeller(TIDEWAY)!, UK);
  }
  const orders = seeded;
  const endMs = Math.floor(Date.parse(asOf) / 1000) * 1000; // the interval's end is to the second
  const today = calendarDate(endMs, LONDON);
  const [from7, from30, from60] = [7, 30, 60].map((days) =>
    startOfDay(addDays(today, -(days - 1)), LONDON),
  ) as [number, number, number];
  const units = { d7: 0, d30: 0, d60: 0 };
  for (const order of orders) {
    const at = order.purchaseDate.getTime();
    if (order.status === 'CANCELLED' || at < from60 || at >= endMs) continue;
    for (const item of order.items) {
      if (item.sellerSku !== sellerSku) continue;
      units.d60 += item.quantity;
      if (at >= from30) units.d30 += item.quantity;
      if (at >= from7) units.d7 += item.quantity;
    }
  }
  return units;
}

const checkNeverNoSalesWhileLoading = (view: InventoryResponse) => {
  for (const item of loading(view)) {
    expect(item.unitsSoldPerDay).toBeNull();
    expect(item.flags).not.toContain('no-sales');
    expect(['sales-history-loading', 'out-of-stock']).toContain(item.status);
  }
  // "No sales" only where Amazon counted 60 days of none.
  for (const item of view.items.filter((i) => i.status === 'no-sales'))
    expect(item).toMatchObject({ velocityDays: 60, unitsSold: { d60: 0 } });
};

beforeAll(async () => {
  ({ started, sofia: token } = await startWithStores([
    { user: 'sofia', sellingPartnerId: TIDEWAY, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('a new store whose only opened view is the inventory', () => {
  let first: InventoryResponse;
  let second: InventoryResponse;

  it('starts the history load itself and gives the riskiest SKUs Sales API velocity on the first view', async () => {
    first = await inventoryView();

    // The history load started: its checkpoint (order reports requested) is stored, no orders view opened.
    const stored = await tableItems(ws()).store(STORE);
    expect(stored.map((item) => item['sk'])).toEqual(
      expect.arrayContaining([`SNAPSHOT#orders#${UK}`, `SNAPSHOT#sales-velocity#${UK}`]),
    );

    const read = fromSalesApi(first);
    expect(read.length).toBeGreaterThanOrEqual(10); // the burst of 15, less the history's source choice and reserve
    expect(loading(first).length).toBeGreaterThan(0);
    expect(first.velocity).toMatchObject({ source: 'sales-api', complete: false });
    expect(first.velocityLoadingSkus).toBe(loading(first).length);
    expect(first.freshness.complete).toBe(false);
    expect(first.freshness.retryAfterSeconds).toBeGreaterThan(0);
    // The SKUs read first are ones with stock or inbound.
    for (const item of read) expect(item.fulfillable + item.inbound).toBeGreaterThan(0);
    checkNeverNoSalesWhileLoading(first);
  });

  it('the next view continues from the checkpoint: more SKUs, none asked again', async () => {
    // The next view comes when the usage plan has refilled (the dashboard asks after `retryAfterSeconds`); a few
    // seconds are enough for a few more SKUs at 0.5 rps.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const before = await sandbox<{
      sellers: Record<string, { spapi: Record<string, number>; throttled: number }>;
    }>(ws(), '/__sandbox/counters');
    second = await inventoryView();
    const after = await sandbox<{
      sellers: Record<string, { spapi: Record<string, number>; throttled: number }>;
    }>(ws(), '/__sandbox/counters');
    const firstSkus = new Set(fromSalesApi(first).map((item) => item.sellerSku));
    const secondSkus = new Set(fromSalesApi(second).map((item) => item.sellerSku));
    for (const sku of firstSkus) expect(secondSkus.has(sku)).toBe(true);
    expect(secondSkus.size).toBeGreaterThan(firstSkus.size);
    const calls = (counters: typeof before) =>
      counters.sellers[`${TIDEWAY}/EU`]?.spapi['getOrderMetrics'] ?? 0;
    const throttled = (counters: typeof before) => counters.sellers[`${TIDEWAY}/EU`]?.throttled ?? 0;
    // One request per newly read SKU (the history asks no more once its source is chosen), none for the SKUs
    // read before. Not counted against it: a request the sandbox's own bucket answered 429 (the two buckets are
    // a few ms apart; it is retried) and at most one the view's time budget cut short on a loaded machine.
    const newSkus = secondSkus.size - firstSkus.size;
    const answered = calls(after) - calls(before) - (throttled(after) - throttled(before));
    expect(calls(after) - calls(before)).toBeGreaterThanOrEqual(newSkus);
    expect(answered).toBeLessThanOrEqual(newSkus + 1);
    checkNeverNoSalesWhileLoading(second);
  });

  it('a throttled Sales API leaves the rest "loading", never 0, and the answer incomplete', async () => {
    await sandbox(ws(), '/__sandbox/faults', { throttleStorm: 1000 });
    let view: InventoryResponse;
    try {
      view = await inventoryView();
    } finally {
      await fetch(`${ws().sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
    }
    const known = new Set(fromSalesApi(second).map((item) => item.sellerSku));
    expect(new Set(fromSalesApi(view).map((item) => item.sellerSku))).toEqual(known);
    expect(loading(view).length).toBe(view.items.length - known.size);
    expect(view.freshness.complete).toBe(false);
    expect(view.freshness.retryAfterSeconds).toBeGreaterThan(0);
    checkNeverNoSalesWhileLoading(view);
  });

  it('the Sales API numbers equal what the sandbox’s orders imply, and restock quantities follow from them', async () => {
    const read = fromSalesApi(first);
    for (const item of read) {
      const units = await seededUnits(item.sellerSku, first.velocity.asOf);
      expect({ sku: item.sellerSku, units: item.unitsSold }).toEqual({ sku: item.sellerSku, units });
      expect(item.velocityDays).toBe(60);
      expect(item.unitsSoldPerDay).toBeCloseTo(blendedUnitsPerDay(units, VELOCITY_WEIGHTS), 2);
      expect(item.plan.provisional).toBe(false);
    }
    const selling = read.filter((item) => (item.unitsSoldPerDay ?? 0) > 0);
    expect(selling.length).toBeGreaterThan(0);
    // The riskiest SKUs (least supply first) are the ones with an order due: never a silent 0.
    expect(selling.some((item) => item.restockQuantity > 0)).toBe(true);
    const due = selling.filter((item) => ['order-now', 'order-soon', 'out-of-stock'].includes(item.status));
    expect(due.length).toBeGreaterThan(0);
    expect(due.filter((item) => item.restockQuantity === 0)).toEqual([]);
  });

  it('switches every SKU to the history’s velocity once the history is complete', async () => {
    await sandbox(ws(), '/__sandbox/clock', { advanceMs: 5 * 60_000 });
    let view = await inventoryView();
    for (let attempt = 0; attempt < 4 && view.velocity.source !== 'order-history'; attempt++)
      view = await inventoryView();

    expect(view.velocity).toMatchObject({ source: 'order-history', complete: true, coveredDays: 60 });
    expect(view.freshness.complete).toBe(true);
    expect(view.velocityLoadingSkus).toBe(0);
    expect(view.items.every((item) => item.velocitySource === 'order-history')).toBe(true);
    expect(view.items.every((item) => item.velocityDays === 60)).toBe(true);
    expect(view.items.some((item) => (item.unitsSoldPerDay ?? 0) > 0)).toBe(true);
  });
});
