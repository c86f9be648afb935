import { summarizeInventory } from '../../../shared/summaries/inventory-summary';
import type { SalesVelocity, SkuUnitsSold } from '../../../shared/summaries/sales-velocity';
import { AS_OF, SETTINGS, STORE_ID, US, inventoryItem } from './fixtures/records';

// The inventory contract (docs/contracts.md), with the restock plan behind it (worked examples: restock-planner.test.ts).

const velocity = (units: Record<string, SkuUnitsSold>): SalesVelocity => ({
  source: 'order-history',
  coveredDays: 60,
  complete: true,
  unitsBySku: new Map(Object.entries(units)),
  asOf: AS_OF.toISOString(),
});
const TEN_A_DAY = { d7: 70, d30: 300, d60: 600 };

function summarize(items: Parameters<typeof inventoryItem>[0][], units: Record<string, SkuUnitsSold>) {
  return summarizeInventory({
    storeId: STORE_ID,
    marketplaceId: US,
    asOf: AS_OF,
    source: 'amazon',
    items: items.map(inventoryItem),
    velocity: velocity(units),
    settings: SETTINGS,
  });
}

describe('summarizeInventory', () => {
  it('answers the contract: every item field, the totals, the settings, the velocity and the calendar', () => {
    const summary = summarize(
      [
        {
          sellerSku: 'A',
          fulfillable: 600,
          inboundWorking: 1,
          inboundShipped: 2,
          inboundReceiving: 3,
          reserved: 4,
          unfulfillable: 5,
        },
      ],
      { A: TEN_A_DAY },
    );
    expect(summary).toMatchObject({
      storeId: STORE_ID,
      marketplaceId: US,
      asOf: AS_OF.toISOString(),
      source: 'amazon',
      timeZone: 'America/Los_Angeles',
      today: '2026-03-10',
      settings: { defaultMode: 'sea', urgentMode: 'air', overrides: 0 },
      velocity: {
        source: 'order-history',
        coveredDays: 60,
        complete: true,
        weights: { d7: 0.25, d30: 0.5, d60: 0.25 },
      },
    });
    const item = summary.items[0]!;
    expect(item).toMatchObject({
      sellerSku: 'A',
      fulfillable: 600,
      inbound: 6,
      inboundWorking: 1,
      inboundShipped: 2,
      inboundReceiving: 3,
      reserved: 4,
      unfulfillable: 5,
      unitsSold: TEN_A_DAY,
      unitsSoldPerDay: 10,
      daysOfCover: 60,
      daysOfCoverWithInbound: 60.6,
      status: 'order-now',
      flags: ['low-stock', 'inbound', 'unfulfillable'],
    });
    expect(item.restockQuantity).toBe(item.plan.quantity);
    expect(summary.totals).toMatchObject({
      skus: 1,
      fulfillable: 600,
      inbound: 6,
      reserved: 4,
      unfulfillable: 5,
      outOfStock: 0,
      lowStock: 1,
      restockSkus: 1,
      restockUnits: item.restockQuantity,
    });
    expect(summary.totals.byStatus['order-now']).toBe(1);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('never contradicts itself: one status per SKU, flags that restate it, restock only when an order is due', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      sellerSku: `S${i}`,
      fulfillable: (i * 37) % 2500,
      inboundShipped: (i * 13) % 400,
    }));
    const units = Object.fromEntries(
      many.map((item, i) => [
        item.sellerSku,
        i % 7 === 0 ? { d7: 0, d30: 0, d60: 0 } : { d7: i % 20, d30: i % 60, d60: i % 90 },
      ]),
    );
    const summary = summarize(many, units);
    const contradictions = summary.items.flatMap((item) => {
      const found: string[] = [];
      if (item.flags.includes('out-of-stock') && item.flags.includes('overstock'))
        found.push('out and overstock');
      if (item.flags.includes('overstock') !== (item.status === 'overstock')) found.push('overstock flag');
      if (item.status === 'overstock' && item.fulfillable <= 0) found.push('overstock without stock');
      if (item.flags.includes('no-sales') && item.unitsSoldPerDay !== 0) found.push('no-sales with sales');
      if (item.flags.includes('low-stock') && !['order-now', 'order-soon'].includes(item.status))
        found.push('low-stock without an order due');
      if (!['out-of-stock', 'order-now', 'order-soon'].includes(item.status) && item.restockQuantity !== 0)
        found.push('restock without an order due');
      return found.map((what) => `${item.sellerSku}: ${what}`);
    });
    expect(contradictions).toEqual([]);
    const counted = Object.values(summary.totals.byStatus).reduce((a, b) => a + b, 0);
    expect(counted).toBe(summary.items.length);
  });

  it('puts the most urgent first: out of stock, order now, order soon…, then by the earliest order-by date', () => {
    const summary = summarize(
      [
        { sellerSku: 'IDLE', fulfillable: 50 },
        { sellerSku: 'SOON', fulfillable: 900 },
        { sellerSku: 'OUT', fulfillable: 0 },
        { sellerSku: 'NOW-LATER', fulfillable: 600 },
        { sellerSku: 'NOW-FIRST', fulfillable: 300 },
        { sellerSku: 'FINE', fulfillable: 1500 },
      ],
      { SOON: TEN_A_DAY, OUT: TEN_A_DAY, 'NOW-LATER': TEN_A_DAY, 'NOW-FIRST': TEN_A_DAY, FINE: TEN_A_DAY },
    );
    expect(summary.items.map((item) => `${item.sellerSku}:${item.status}`)).toEqual([
      'OUT:out-of-stock',
      'NOW-FIRST:order-now',
      'NOW-LATER:order-now',
      'SOON:order-soon',
      'FINE:healthy',
      'IDLE:no-sales',
    ]);
  });
});
