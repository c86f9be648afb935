import type { Snapshot } from '../../../shared/ports';
import {
  buildOverview,
  inventoryLine,
  ordersLine,
  overviewStore,
} from '../../../shared/overview/overview-counts';
import { emptyHistory, type OrderHistory } from '../../../shared/store-data/order-history-state';
import type { InventoryItemRecord, OrderRecord, OrderStatus } from '../../../shared/stores/datasets';
import type { StoreProfile } from '../../../shared/stores/store';

// The overview's counting, pure: what each line says from the stored snapshots, at a fixed clock.
const US = 'ATVPDKIKX0DER';
const NOW = new Date('2026-11-20T18:00:00Z');
const HOUR = 3_600_000;
const at = (offsetHours: number) => new Date(NOW.getTime() + offsetHours * HOUR).toISOString();
const BOTH = { inventory: true, orders: true };

const order = (id: string, status: OrderStatus, shipByOffsetHours: number | undefined): OrderRecord => ({
  orderId: id,
  marketplaceId: US,
  status,
  channel: 'MFN',
  createdTime: at(-48),
  lastUpdatedTime: at(-48),
  latestShipDate: shipByOffsetHours === undefined ? undefined : at(shipByOffsetHours),
  total: { currency: 'USD', amount: 10 },
  items: [{ sellerSku: 'SKU-1', quantity: 1 }],
});

const historyWith = (patch: Partial<OrderHistory>): Snapshot<unknown> => ({
  fetchedAt: at(-1),
  data: { ...emptyHistory('America/Los_Angeles', NOW), ...patch },
});

const item = (sku: string, fulfillable: number): InventoryItemRecord => ({
  sellerSku: sku,
  asin: `B0${sku.replace(/\W/g, '').padEnd(8, '0')}`,
  fnSku: `X0${sku}`,
  productName: `Product ${sku}`,
  fulfillable,
  inboundWorking: 0,
  inboundShipped: 0,
  inboundReceiving: 0,
  reserved: 0,
  unfulfillable: 0,
  researching: 0,
  lastUpdatedTime: at(-2),
});

const profile = (patch: Partial<StoreProfile> = {}): StoreProfile => ({
  storeId: 'A2LUMENCRAFT7Q-NA',
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceIds: [US],
  displayName: 'Lumen Craft Co.',
  status: 'ACTIVE',
  connectedAt: at(-24 * 100),
  reauthorizeBy: at(24 * 200),
  ...patch,
});

describe('orders line', () => {
  it('says not loaded, with null counts, when nothing is stored', () => {
    expect(ordersLine(undefined, US, NOW)).toEqual({
      state: 'not-loaded',
      asOf: null,
      ageSeconds: null,
      complete: false,
      late: null,
      dueWithin24h: null,
    });
  });

  it('says not loaded when the stored history holds no open-orders listing (never a reassuring 0)', () => {
    expect(ordersLine(historyWith({}), US, NOW)).toMatchObject({ state: 'not-loaded', late: null });
  });

  it('counts late and due-within-24h orders at now, from the listing, with the listing as its age', () => {
    const listing = {
      readAt: at(-2),
      orders: [
        order('late-unshipped', 'UNSHIPPED', -1),
        order('late-partial', 'PARTIALLY_SHIPPED', -30),
        // Due after the listing was read but before now: late now.
        order('late-since-listing', 'UNSHIPPED', -0.5),
        order('due-soon', 'UNSHIPPED', 5),
        order('due-in-23h', 'UNSHIPPED', 23),
        order('due-later', 'UNSHIPPED', 30),
        // PENDING counts only once late (Amazon may still cancel it).
        order('pending-late', 'PENDING', -3),
        order('pending-due', 'PENDING', 3),
        order('no-ship-by', 'UNSHIPPED', undefined),
      ],
    };
    expect(ordersLine(historyWith({ openOrders: listing }), US, NOW)).toEqual({
      state: 'loaded',
      asOf: listing.readAt,
      ageSeconds: 7200,
      complete: true,
      late: 4,
      dueWithin24h: 2,
    });
  });

  it('ignores a history kept in another zone or shape (the view reads those again)', () => {
    const foreign: Snapshot<unknown> = {
      fetchedAt: at(-1),
      data: { ...emptyHistory('Europe/London', NOW), openOrders: { readAt: at(-1), orders: [] } },
    };
    expect(ordersLine(foreign, US, NOW).state).toBe('not-loaded');
    expect(ordersLine({ fetchedAt: at(-1), data: { version: 1 } }, US, NOW).state).toBe('not-loaded');
  });
});

describe('inventory line', () => {
  const base = {
    storeId: 'A2LUMENCRAFT7Q-NA',
    region: 'NA' as const,
    marketplaceId: US,
    orders: undefined,
    restockSettings: undefined,
  };

  it('says not loaded when no SKU listing is stored', () => {
    expect(inventoryLine({ ...base, inventory: undefined }, NOW)).toEqual({
      state: 'not-loaded',
      asOf: null,
      ageSeconds: null,
      complete: false,
      outOfStock: null,
      orderNow: null,
    });
  });

  it('counts stock-outs, and is not complete while the sales history behind the plan is not loaded', () => {
    const inventory = {
      fetchedAt: at(-0.25),
      data: [item('A', 0), item('B', 0), item('C', 40), item('D', -1)],
    };
    expect(inventoryLine({ ...base, inventory }, NOW)).toEqual({
      state: 'loaded',
      asOf: inventory.fetchedAt,
      ageSeconds: 900,
      complete: false,
      outOfStock: 3,
      // No velocity yet: nothing is "order now", the plans say the history is loading.
      orderNow: 0,
    });
  });

  it('plans order-now from the stored order history, as the inventory view does', () => {
    // 60 days of sales of SKU-1, 5 a day, every day loaded and nothing left to read.
    const days = Array.from({ length: 62 }, (_, i) => {
      const date = new Date(NOW.getTime() - i * 24 * HOUR).toISOString().slice(0, 10);
      return {
        date,
        orders: 5,
        byStatus: { SHIPPED: 5 },
        byChannel: { AFN: 5 },
        revenueMinor: { USD: 5000 },
        units: { 'SKU-1': 5 },
      };
    });
    const orders = historyWith({
      settled: days as unknown as OrderHistory['settled'],
      from: at(-24 * 70),
      syncedThrough: at(-1),
      source: 'orders-api',
    });
    const inventory = { fetchedAt: at(-0.25), data: [item('SKU-1', 12), item('SKU-2', 0)] };
    const line = inventoryLine({ ...base, inventory, orders }, NOW);
    expect(line).toMatchObject({ state: 'loaded', complete: true, outOfStock: 1 });
    // 12 units at 5 a day cannot wait for a sea shipment: order now.
    expect(line.orderNow).toBe(1);
  });

  it('while the history loads, plans from the stored Sales API checkpoint, as the inventory view does', () => {
    const inventory = { fetchedAt: at(-0.25), data: [item('SKU-1', 12), item('SKU-2', 500)] };
    const checkpoint = {
      version: 1,
      timeZone: 'America/Los_Angeles',
      skus: { 'SKU-1': { d7: 35, d30: 150, d60: 300, readAt: at(-2) } },
      failed: {},
    };
    const salesVelocity = { fetchedAt: at(-2), data: checkpoint };
    const withoutCheckpoint = inventoryLine({ ...base, inventory }, NOW);
    const withCheckpoint = inventoryLine({ ...base, inventory, salesVelocity }, NOW);
    // Without it nothing is known ("sales history loading"); with it SKU-1's 5 a day makes it order-now.
    expect(withoutCheckpoint.orderNow).toBe(0);
    expect(withCheckpoint.orderNow).toBe(1);
    // A checkpoint older than a day (or of another zone) is not used.
    const stale = { ...checkpoint, skus: { 'SKU-1': { d7: 35, d30: 150, d60: 300, readAt: at(-25) } } };
    expect(
      inventoryLine({ ...base, inventory, salesVelocity: { fetchedAt: at(-25), data: stale } }, NOW).orderNow,
    ).toBe(0);
    const otherZone = { ...checkpoint, timeZone: 'Europe/London' };
    expect(
      inventoryLine({ ...base, inventory, salesVelocity: { fetchedAt: at(-2), data: otherZone } }, NOW)
        .orderNow,
    ).toBe(0);
  });
});

describe('store and totals', () => {
  it('reads no marketplace of a lost store and says why access is lost', () => {
    const store = overviewStore(
      {
        profile: profile({ status: 'REVOKED', revokedReason: 'disconnect' }),
        role: 'owner',
        marketplaces: [{ marketplaceId: US, inventory: undefined, orders: undefined }],
        restockSettings: undefined,
      },
      NOW,
      BOTH,
    );
    expect(store).toMatchObject({
      marketplaces: [],
      dataIncomplete: false,
      authorization: { lost: true, due: false, revokedReason: 'disconnect' },
    });
  });

  it('flags an authorization due within 30 days, not one due in 31', () => {
    const due = (days: number) =>
      overviewStore(
        {
          profile: profile({ reauthorizeBy: at(24 * days + 1) }),
          role: 'operator',
          marketplaces: [],
          restockSettings: undefined,
        },
        NOW,
        BOTH,
      ).authorization;
    expect(due(30)).toMatchObject({ due: true, reauthorizeInDays: 30 });
    expect(due(31)).toMatchObject({ due: false, reauthorizeInDays: 31 });
  });

  it('leaves out datasets that are not enabled instead of calling them not loaded', () => {
    const store = overviewStore(
      {
        profile: profile(),
        role: 'owner',
        marketplaces: [{ marketplaceId: US, inventory: undefined, orders: undefined }],
        restockSettings: undefined,
      },
      NOW,
      { inventory: false, orders: true },
    );
    expect(store.marketplaces[0]?.inventory).toBeNull();
    expect(store.marketplaces[0]?.orders?.state).toBe('not-loaded');
  });

  it('sums loaded lines only, counts not-loaded ones, and puts the most urgent store first', () => {
    const listing = (late: number) => ({
      readAt: at(-1),
      orders: Array.from({ length: late }, (_, i) => order(`late-${i}`, 'UNSHIPPED', -2)),
    });
    const quiet = overviewStore(
      {
        profile: profile({ storeId: 'AQUIET0001-NA', reauthorizeBy: at(24 * 10) }),
        role: 'owner',
        marketplaces: [
          { marketplaceId: US, inventory: undefined, orders: historyWith({ openOrders: listing(0) }) },
        ],
        restockSettings: undefined,
      },
      NOW,
      BOTH,
    );
    const busy = overviewStore(
      {
        profile: profile({ storeId: 'ABUSY00001-NA' }),
        role: 'owner',
        marketplaces: [
          { marketplaceId: US, inventory: undefined, orders: historyWith({ openOrders: listing(3) }) },
        ],
        restockSettings: undefined,
      },
      NOW,
      BOTH,
    );
    const lost = overviewStore(
      {
        profile: profile({ storeId: 'ALOST00001-NA', status: 'SUSPENDED' }),
        role: 'operator',
        marketplaces: [],
        restockSettings: undefined,
      },
      NOW,
      BOTH,
    );
    const overview = buildOverview([quiet, busy, lost], NOW);
    expect(overview.stores.map((s) => s.storeId)).toEqual([
      'ALOST00001-NA',
      'ABUSY00001-NA',
      'AQUIET0001-NA',
    ]);
    expect(overview.totals).toEqual({
      stores: 3,
      lateShipments: 3,
      dueWithin24h: 0,
      outOfStock: 0,
      orderNow: 0,
      authorizationDue: 1,
      authorizationLost: 1,
      dataIncomplete: 2,
      linesNotLoaded: 2,
    });
    expect(overview.generatedAt).toBe(NOW.toISOString());
  });
});
