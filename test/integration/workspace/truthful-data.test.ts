import { gunzipSync } from 'node:zlib';
import { SeedData } from '../../../local/sandbox/data/seed-data';
import { findSeller } from '../../../local/sandbox/data/sellers';
import type { InventoryResponse, OrdersResponse } from '../../../shared/api/data-contract';
import { marketplaceWindow } from '../../../shared/summaries/marketplace-time-zones';
import { newBrowser, request, sandbox, tableItems, type StartedWorkspace } from './workspace-client';
import { startWithStores } from './workspace-kit';

// Issue 12 end to end: a newly connected large store (about 10,000 orders a month on amazon.co.uk) with late
// orders and a long history. What ships late is listed on the first view; the view says it is incomplete (and
// when to ask again) until the order reports are read; then its totals equal the sandbox's seeded orders.
const TIDEWAY = 'A5TIDEWAYBULK4';
const STORE = `${TIDEWAY}-EU`;
const UK = 'A1F83G8C2ARO7P';

jest.setTimeout(120_000);

let started: StartedWorkspace;
let token: string;
const ws = () => started.workspace;
const get = async <T>(pathAndQuery: string) => {
  const response = await request(newBrowser(), `${ws().url}${pathAndQuery}`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};
const ordersView = (days: number) =>
  get<OrdersResponse>(
    `/api/stores/${STORE}/orders?marketplaceId=${UK}&days=${days}&reason=order-fulfillment-monitoring`,
  );

beforeAll(async () => {
  ({ started, sofia: token } = await startWithStores([
    { user: 'sofia', sellingPartnerId: TIDEWAY, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('a new large store', () => {
  let first: OrdersResponse;

  it('lists every late shipment on the first view, and says the history is still loading', async () => {
    first = await ordersView(90);

    expect(first.openOrders).toMatchObject({ complete: true, source: 'orders-api' });
    expect(first.atRisk.filter((order) => order.late).length).toBeGreaterThanOrEqual(2);
    expect(first.atRisk.some((order) => !order.late)).toBe(true);
    expect(first.freshness.complete).toBe(false);
    expect(first.freshness.retryAfterSeconds).toBeGreaterThan(0);
    expect(first.history).toMatchObject({ daysRequested: 90, source: 'reports-api' });
    expect(first.history.daysLoaded).toBeLessThan(90);
    expect(first.timeZone).toBe('Europe/London');
  });

  it('inventory stands alone: velocity is "loading", never "no sales", while the history is read', async () => {
    const inventory = await get<InventoryResponse>(
      `/api/stores/${STORE}/inventory?marketplaceId=${UK}&reason=inventory-replenishment`,
    );
    expect(inventory.velocity.complete).toBe(false);
    expect(inventory.freshness.complete).toBe(false);
    expect(inventory.items.some((item) => item.flags.includes('no-sales'))).toBe(false);
  });

  it('is complete once Amazon has processed the reports, with the sandbox’s totals, and no buyer data stored', async () => {
    await sandbox(ws(), '/__sandbox/clock', { advanceMs: 5 * 60_000 });
    let view = await ordersView(90);
    for (let attempt = 0; attempt < 3 && !view.freshness.complete; attempt++) view = await ordersView(90);

    expect(view.freshness.complete).toBe(true);
    expect(view.freshness.retryAfterSeconds).toBeUndefined();
    expect(view.history).toMatchObject({ daysRequested: 90, daysLoaded: 90 });
    expect(view.daily).toHaveLength(90);

    const clock = await sandbox<{ seed: number; anchor: string }>(ws(), '/__sandbox/clock');
    const seeded = new SeedData(clock.seed, new Date(clock.anchor)).orders(findSeller(TIDEWAY)!, UK);
    const window = marketplaceWindow(Date.parse(view.asOf), 90, 'Europe/London');
    const inWindow = seeded.filter(
      (order) =>
        order.purchaseDate.getTime() >= window.startMs &&
        order.purchaseDate.getTime() <= Date.parse(view.asOf),
    );
    expect(inWindow.length).toBeGreaterThan(25_000);
    expect(view.totals.orders).toBe(inWindow.length);
    expect(view.totals.byStatus['CANCELLED']).toBe(inWindow.filter((o) => o.status === 'CANCELLED').length);
    expect(view.totals.byChannel['MFN']).toBe(inWindow.filter((o) => o.channel === 'MFN').length);
    const revenueMinor = inWindow
      .filter((o) => o.status !== 'PENDING' && o.status !== 'CANCELLED')
      .reduce(
        (sum, o) => sum + o.shippingCharge + o.items.reduce((s, i) => s + i.unitPrice * i.quantity, 0),
        0,
      );
    expect(view.totals.revenue).toEqual([{ currency: 'GBP', amount: revenueMinor / 100 }]);

    const items = await tableItems(ws()).store(STORE);
    const text = items
      .map((item) =>
        item['data'] instanceof Uint8Array ? gunzipSync(item['data']).toString('utf8') : JSON.stringify(item),
      )
      .join('\n');
    expect(text).toContain('TWL-'); // the stored history was read: it holds the store's SKUs

    expect(text).not.toMatch(/ship-city|LONDON|E1 6AN|PO-\d/);

    const inventory = await get<InventoryResponse>(
      `/api/stores/${STORE}/inventory?marketplaceId=${UK}&reason=inventory-replenishment`,
    );
    expect(inventory.velocity).toMatchObject({ source: 'order-history', complete: true, coveredDays: 60 });
    expect(inventory.items.some((item) => (item.unitsSoldPerDay ?? 0) > 0)).toBe(true);
  });
});
