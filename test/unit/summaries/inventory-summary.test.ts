import type { OrderRecord } from '../../../shared/stores/datasets';
import {
  summarizeInventory,
  type InventorySummary,
  type SummarizeInventoryInput,
} from '../../../shared/summaries/inventory-summary';
import type { RestockSettings } from '../../../shared/summaries/restock-settings';
import {
  AS_OF,
  ago,
  inventoryItem,
  order,
  sale,
  SETTINGS,
  steadySales,
  STORE_ID,
  US,
} from './fixtures/records';

function summarize(overrides: Partial<SummarizeInventoryInput> = {}): InventorySummary {
  return summarizeInventory({
    storeId: STORE_ID,
    marketplaceId: US,
    asOf: AS_OF,
    source: 'amazon',
    items: [],
    orders: [],
    settings: SETTINGS,
    ...overrides,
  });
}

/** The one item of a summary of one SKU. */
function only(summary: InventorySummary) {
  expect(summary.items).toHaveLength(1);
  return summary.items[0]!;
}

describe('summarizeInventory', () => {
  it('summarizes an empty inventory with zero totals and echoes the settings and clock', () => {
    expect(summarize({ source: 'snapshot' })).toEqual({
      storeId: STORE_ID,
      marketplaceId: US,
      asOf: '2026-03-10T15:00:00.000Z',
      source: 'snapshot',
      settings: { leadTimeDays: 30, safetyDays: 14, coverDays: 30, lowStockDays: 44, overstockDays: 180 },
      velocity: { weights: { d7: 0.25, d30: 0.5, d60: 0.25 }, historyDays: null },
      totals: {
        skus: 0,
        fulfillable: 0,
        inbound: 0,
        reserved: 0,
        unfulfillable: 0,
        researching: 0,
        outOfStock: 0,
        lowStock: 0,
        overstock: 0,
        noSales: 0,
        restockSkus: 0,
        restockUnits: 0,
      },
      items: [],
    });
  });

  it('fills every item field: stock positions, units sold, velocity, cover, restock and flags', () => {
    const summary = summarize({
      items: [
        inventoryItem({
          sellerSku: 'MUG-RED',
          asin: 'B0MUGRED01',
          fnSku: 'X0MUGRED01',
          productName: 'Enamel mug, red',
          fulfillable: 40,
          inboundWorking: 5,
          inboundShipped: 10,
          inboundReceiving: 3,
          reserved: 7,
          unfulfillable: 2,
          researching: 1,
          lastUpdatedTime: '2026-03-10T09:30:00Z',
        }),
      ],
      orders: steadySales('MUG-RED', 2),
    });

    expect(only(summary)).toEqual({
      sellerSku: 'MUG-RED',
      asin: 'B0MUGRED01',
      fnSku: 'X0MUGRED01',
      productName: 'Enamel mug, red',
      fulfillable: 40,
      inbound: 18,
      inboundWorking: 5,
      inboundShipped: 10,
      inboundReceiving: 3,
      reserved: 7,
      unfulfillable: 2,
      researching: 1,
      unitsSold: { d7: 14, d30: 60, d60: 120 },
      unitsSoldPerDay: 2,
      daysOfCover: 20,
      daysOfCoverWithInbound: 29,
      // 2/day over 30 + 14 + 30 = 74 days is 148 units, less 40 fulfillable and 18 inbound.
      restockQuantity: 90,
      flags: ['low-stock', 'inbound', 'unfulfillable'],
      lastUpdatedTime: '2026-03-10T09:30:00Z',
    });
    expect(summary.totals).toEqual({
      skus: 1,
      fulfillable: 40,
      inbound: 18,
      reserved: 7,
      unfulfillable: 2,
      researching: 1,
      outOfStock: 0,
      lowStock: 1,
      overstock: 0,
      noSales: 0,
      restockSkus: 1,
      restockUnits: 90,
    });
  });

  it('gives a SKU without sales null cover, no restock and the no-sales flag, and stays valid JSON', () => {
    const summary = summarize({
      items: [inventoryItem({ sellerSku: 'IDLE', fulfillable: 25, lastUpdatedTime: undefined })],
      orders: [sale('OTHER-SKU', 3, 1)],
    });

    const item = only(summary);
    expect(item.unitsSold).toEqual({ d7: 0, d30: 0, d60: 0 });
    expect(item.unitsSoldPerDay).toBe(0);
    expect(item.daysOfCover).toBeNull();
    expect(item.daysOfCoverWithInbound).toBeNull();
    expect(item.restockQuantity).toBe(0);
    expect(item.flags).toEqual(['no-sales']);
    expect(item.lastUpdatedTime).toBeNull();
    expect(summary.totals.noSales).toBe(1);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('flags out of stock with inbound on the way, restocking only what the inbound does not cover', () => {
    const item = only(
      summarize({
        items: [inventoryItem({ sellerSku: 'LAMP', fulfillable: 0, inboundShipped: 50 })],
        orders: steadySales('LAMP', 1),
      }),
    );

    expect(item.daysOfCover).toBe(0);
    expect(item.daysOfCoverWithInbound).toBe(50);
    expect(item.restockQuantity).toBe(24);
    // Out of stock already says it; low-stock is for SKUs that still have some.
    expect(item.flags).toEqual(['out-of-stock', 'inbound']);
  });

  it('flags out of stock even without sales, and counts it', () => {
    const summary = summarize({ items: [inventoryItem({ sellerSku: 'GONE', fulfillable: 0 })] });

    expect(only(summary).flags).toEqual(['out-of-stock', 'no-sales']);
    expect(summary.totals.outOfStock).toBe(1);
    expect(summary.totals.lowStock).toBe(0);
  });

  it('keeps reserved, unfulfillable and researching units out of cover and restock, but totals them', () => {
    const summary = summarize({
      items: [
        inventoryItem({ sellerSku: 'A', fulfillable: 10, reserved: 500, unfulfillable: 300, researching: 4 }),
        inventoryItem({ sellerSku: 'B', fulfillable: 0, reserved: 6, unfulfillable: 0, researching: 0 }),
      ],
      orders: steadySales('A', 1),
    });

    const a = summary.items.find((item) => item.sellerSku === 'A')!;
    expect(a.daysOfCover).toBe(10);
    expect(a.restockQuantity).toBe(64);
    expect(a.flags).toEqual(['low-stock', 'unfulfillable']);
    expect(summary.totals).toMatchObject({
      reserved: 506,
      unfulfillable: 300,
      researching: 4,
      fulfillable: 10,
    });
  });

  describe('restockQuantity', () => {
    // One unit sold yesterday: 1/7 × 0.25 + 1/30 × 0.5 + 1/60 × 0.25 = 0.056547… a day, 4.18 units over 74 days.
    const oneSale = [sale('SLOW', 1, 1)];

    it('rounds up to whole units', () => {
      const summary = summarize({
        items: [
          inventoryItem({ sellerSku: 'SLOW', fulfillable: 0 }),
          inventoryItem({ sellerSku: 'SLOW', fulfillable: 4 }),
        ],
        orders: oneSale,
      });
      expect(summary.items.map((item) => item.restockQuantity)).toEqual([5, 1]);
      expect(summary.items[0]!.unitsSoldPerDay).toBe(0.06);
    });

    it('is never negative', () => {
      const item = only(
        summarize({ items: [inventoryItem({ sellerSku: 'SLOW', fulfillable: 5 })], orders: oneSale }),
      );
      expect(item.restockQuantity).toBe(0);
    });

    it('is exact when demand minus stock is a whole number', () => {
      const item = only(
        summarize({
          items: [inventoryItem({ sellerSku: 'ONE', fulfillable: 30 })],
          orders: steadySales('ONE', 1),
        }),
      );
      expect(item.restockQuantity).toBe(44);
    });

    it('does not round float noise up to an extra unit', () => {
      // 6 units 7–30 days ago and 50 units 30–60 days ago: 6/30 × 0.5 + 56/60 × 0.25 = 1/3 a day, so 15 days
      // need exactly 5 units, though 1/3 × 15 is 5.000000000000001 in binary floats.
      const item = only(
        summarize({
          items: [inventoryItem({ sellerSku: 'THIRD', fulfillable: 0 })],
          orders: [sale('THIRD', 6, 10), sale('THIRD', 50, 45)],
          settings: { leadTimeDays: 10, safetyDays: 0, coverDays: 5, lowStockDays: 10, overstockDays: 20 },
        }),
      );
      expect(item.unitsSold).toEqual({ d7: 0, d30: 6, d60: 56 });
      expect(item.unitsSoldPerDay).toBe(0.33);
      expect(item.restockQuantity).toBe(5);
    });

    it('follows the lead, safety and cover days of the settings', () => {
      const settings: RestockSettings = {
        leadTimeDays: 10,
        safetyDays: 0,
        coverDays: 5,
        lowStockDays: 10,
        overstockDays: 20,
      };
      const item = only(
        summarize({
          items: [inventoryItem({ sellerSku: 'ONE', fulfillable: 3, inboundWorking: 2 })],
          orders: steadySales('ONE', 1),
          settings,
        }),
      );
      expect(item.restockQuantity).toBe(10);
    });
  });

  describe('flag thresholds (1 unit a day, so cover = units)', () => {
    const flagsFor = (fulfillable: number, inbound = 0, settings: RestockSettings = SETTINGS) =>
      only(
        summarize({
          items: [inventoryItem({ sellerSku: 'ONE', fulfillable, inboundReceiving: inbound })],
          orders: steadySales('ONE', 1),
          settings,
        }),
      ).flags;

    it('is low-stock below lowStockDays, not at it, counting inbound', () => {
      expect(flagsFor(43)).toEqual(['low-stock']);
      expect(flagsFor(44)).toEqual([]);
      expect(flagsFor(43, 1)).toEqual(['inbound']);
    });

    it('is overstock above overstockDays, not at it, counting inbound', () => {
      expect(flagsFor(180)).toEqual([]);
      expect(flagsFor(181)).toEqual(['overstock']);
      expect(flagsFor(180, 1)).toEqual(['overstock', 'inbound']);
    });

    it('reads the thresholds from the settings', () => {
      const settings = { ...SETTINGS, lowStockDays: 10, overstockDays: 20 };
      expect(flagsFor(9, 0, settings)).toEqual(['low-stock']);
      expect(flagsFor(10, 0, settings)).toEqual([]);
      expect(flagsFor(20, 0, settings)).toEqual([]);
      expect(flagsFor(21, 0, settings)).toEqual(['overstock']);
    });

    it('counts low-stock and overstock SKUs in the totals', () => {
      const summary = summarize({
        items: [
          inventoryItem({ sellerSku: 'LOW', fulfillable: 1 }),
          inventoryItem({ sellerSku: 'OK', fulfillable: 60 }),
          inventoryItem({ sellerSku: 'OVER', fulfillable: 400 }),
        ],
        orders: [...steadySales('LOW', 1), ...steadySales('OK', 1), ...steadySales('OVER', 1)],
      });
      expect(summary.totals).toMatchObject({ skus: 3, outOfStock: 0, lowStock: 1, overstock: 1, noSales: 0 });
      expect(summary.totals.restockSkus).toBe(2);
      expect(summary.totals.restockUnits).toBe(73 + 14);
    });
  });

  describe('velocity', () => {
    it('blends the 7-, 30- and 60-day rates 1:2:1', () => {
      // 7 units yesterday: 7/7 × 0.25 + 7/30 × 0.5 + 7/60 × 0.25 = 0.3958…
      const item = only(
        summarize({
          items: [inventoryItem({ sellerSku: 'NEW', fulfillable: 10 })],
          orders: [sale('NEW', 7, 1)],
        }),
      );
      expect(item.unitsSold).toEqual({ d7: 7, d30: 7, d60: 7 });
      expect(item.unitsSoldPerDay).toBe(0.4);
      expect(item.daysOfCover).toBe(25.3);
    });

    it('counts pending, unshipped, partially shipped and shipped orders of any channel, nothing else', () => {
      const orders: OrderRecord[] = [
        sale('SKU', 1, 1, { status: 'PENDING' }),
        sale('SKU', 2, 1, { status: 'UNSHIPPED', channel: 'MFN' }),
        sale('SKU', 4, 1, { status: 'PARTIALLY_SHIPPED' }),
        sale('SKU', 8, 1, { status: 'SHIPPED' }),
        sale('SKU', 100, 1, { status: 'CANCELLED' }),
        sale('SKU', 100, 1, { status: 'PENDING_AVAILABILITY' }),
        sale('SKU', 100, 1, { status: 'UNFULFILLABLE' }),
      ];
      const item = only(summarize({ items: [inventoryItem({ sellerSku: 'SKU' })], orders }));
      expect(item.unitsSold).toEqual({ d7: 15, d30: 15, d60: 15 });
    });

    it('puts each order in the windows it falls in, starts included, nothing after asOf', () => {
      const orders: OrderRecord[] = [
        sale('SKU', 1, 7),
        sale('SKU', 10, 7, { createdTime: ago(7, 0.001) }),
        sale('SKU', 100, 30),
        sale('SKU', 1000, 60),
        sale('SKU', 10000, 60, { createdTime: ago(60, 0.001) }),
        sale('SKU', 100000, 0, { createdTime: ago(0, -1) }),
        order({ createdTime: ago(2), items: [] }),
      ];
      const item = only(summarize({ items: [inventoryItem({ sellerSku: 'SKU' })], orders }));
      expect(item.unitsSold).toEqual({ d7: 1, d30: 111, d60: 1111 });
    });

    it('adds up several lines of one SKU and several SKUs in one order', () => {
      const orders = [
        order({
          createdTime: ago(3),
          items: [
            { sellerSku: 'A', quantity: 2 },
            { sellerSku: 'B', quantity: 5 },
            { sellerSku: 'A', quantity: 1 },
          ],
        }),
      ];
      const summary = summarize({
        items: [inventoryItem({ sellerSku: 'A' }), inventoryItem({ sellerSku: 'B' })],
        orders,
      });
      const sold = Object.fromEntries(summary.items.map((item) => [item.sellerSku, item.unitsSold.d7]));
      expect(sold).toEqual({ A: 3, B: 5 });
    });

    it('leaves windows the order history does not cover out of the blend', () => {
      const items = [inventoryItem({ sellerSku: 'SKU', fulfillable: 10 })];
      const orders = Array.from({ length: 30 }, (_, day) => sale('SKU', 1, day + 0.5));

      const covered = summarize({ items, orders, ordersFrom: new Date(ago(30)) });
      expect(covered.items[0]!.unitsSoldPerDay).toBe(1);
      expect(covered.velocity.historyDays).toBe(30);
      expect(covered.velocity.weights.d7).toBeCloseTo(1 / 3, 12);
      expect(covered.velocity.weights.d30).toBeCloseTo(2 / 3, 12);
      expect(covered.velocity.weights.d60).toBe(0);

      // Without ordersFrom the same orders read as half a 60-day window: 0.25 + 0.5 + 0.25 × 30/60.
      expect(summarize({ items, orders }).items[0]!.unitsSoldPerDay).toBe(0.88);
    });

    it('uses the plain average of a history shorter than a week', () => {
      const summary = summarize({
        items: [inventoryItem({ sellerSku: 'SKU', fulfillable: 10 })],
        orders: [sale('SKU', 4, 1)],
        ordersFrom: new Date(ago(2)),
      });
      expect(summary.velocity).toEqual({ weights: { d7: 0, d30: 0, d60: 0 }, historyDays: 2 });
      expect(summary.items[0]!.unitsSoldPerDay).toBe(2);
      expect(summary.items[0]!.daysOfCover).toBe(5);
    });
  });

  it('does not call SKUs unsold when there is no order history yet', () => {
    const summary = summarize({
      items: [inventoryItem({ sellerSku: 'SKU', fulfillable: 0 })],
      orders: [],
      ordersFrom: AS_OF,
    });
    expect(summary.velocity).toEqual({ weights: { d7: 0, d30: 0, d60: 0 }, historyDays: 0 });
    expect(only(summary)).toMatchObject({ unitsSoldPerDay: 0, daysOfCover: null, restockQuantity: 0 });
    expect(only(summary).flags).toEqual(['out-of-stock']);
    expect(summary.totals.noSales).toBe(0);
  });

  it('sorts by urgency: out of stock with sales (fastest first), lowest cover, then SKUs without sales', () => {
    const summary = summarize({
      items: [
        inventoryItem({ sellerSku: 'F-IDLE', fulfillable: 5 }),
        inventoryItem({ sellerSku: 'E-COVER-25', fulfillable: 50 }),
        inventoryItem({ sellerSku: 'A-GONE-IDLE', fulfillable: 0 }),
        inventoryItem({ sellerSku: 'D-COVER-10', fulfillable: 10 }),
        inventoryItem({ sellerSku: 'B-OOS-SLOW', fulfillable: 0 }),
        inventoryItem({ sellerSku: 'C-OOS-FAST', fulfillable: 0 }),
      ],
      orders: [
        ...steadySales('E-COVER-25', 2),
        ...steadySales('D-COVER-10', 1),
        ...steadySales('B-OOS-SLOW', 1),
        ...steadySales('C-OOS-FAST', 3),
      ],
    });

    expect(summary.items.map((item) => item.sellerSku)).toEqual([
      'C-OOS-FAST',
      'B-OOS-SLOW',
      'D-COVER-10',
      'E-COVER-25',
      'A-GONE-IDLE',
      'F-IDLE',
    ]);
    expect(summary.totals.outOfStock).toBe(3);
  });

  it('summarizes 10,000 SKUs with 60 days of orders', () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      inventoryItem({ sellerSku: `SKU-${String(i).padStart(5, '0')}`, fulfillable: i % 100 }),
    );
    const orders = Array.from({ length: 20_000 }, (_, i) =>
      sale(`SKU-${String(i % 10_000).padStart(5, '0')}`, 1, (i % 60) + 0.5),
    );

    const summary = summarize({ items, orders });

    expect(summary.totals.skus).toBe(10_000);
    expect(summary.totals.fulfillable).toBe(100 * 4950);
    expect(summary.totals.outOfStock).toBe(100);
    expect(summary.items[0]!.fulfillable).toBe(0);
    expect(summary.items).toHaveLength(10_000);
  });
});
