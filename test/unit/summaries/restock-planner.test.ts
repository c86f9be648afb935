import type { RestockPlanSettings } from '../../../shared/api/restock-contract';
import { summarizeInventory, type InventorySummaryItem } from '../../../shared/summaries/inventory-summary';
import {
  roundOrderQuantity,
  velocityFromOrders,
  velocityWeights,
} from '../../../shared/summaries/restock-planner';
import { REGION_DEFAULTS, type RestockSettingsDocument } from '../../../shared/summaries/restock-settings';
import type { SalesVelocity, SkuUnitsSold } from '../../../shared/summaries/sales-velocity';
import { AS_OF, JP, STORE_ID, US, ago, inventoryItem, order } from './fixtures/records';

// Worked examples a reviewer can check with a pencil. Every example uses the North American defaults:
//   production 20 + inspection 5 + receiving 10 days, safety 14, cover 60, order soon within 14 days;
//   lead time by sea (30 days transit) 65 days, by air (10) 45 days, by express (5) 40 days; no rail.
// AS_OF is 2026-03-10 15:00 UTC, 08:00 in Los Angeles: today is 2026-03-10 on amazon.com.
// A SKU that sold 70 units in 7 days, 300 in 30 and 600 in 60 sells 10 a day in every window, so its blended
// rate is 0.25 × 10 + 0.5 × 10 + 0.25 × 10 = 10 units a day.

const NA = REGION_DEFAULTS.NA;
const TEN_A_DAY: SkuUnitsSold = { d7: 70, d30: 300, d60: 600 };

function velocity(units: Record<string, SkuUnitsSold>, extra: Partial<SalesVelocity> = {}): SalesVelocity {
  return {
    source: 'order-history',
    coveredDays: 60,
    complete: true,
    unitsBySku: new Map(Object.entries(units)),
    asOf: AS_OF.toISOString(),
    ...extra,
  };
}

function planOf(
  stock: Parameters<typeof inventoryItem>[0],
  options: {
    units?: SkuUnitsSold;
    velocity?: SalesVelocity;
    settings?: Partial<RestockPlanSettings>;
    overrides?: RestockSettingsDocument['overrides'];
    marketplaceId?: string;
    asOf?: Date;
  } = {},
): InventorySummaryItem {
  const summary = summarizeInventory({
    storeId: STORE_ID,
    marketplaceId: options.marketplaceId ?? US,
    asOf: options.asOf ?? AS_OF,
    source: 'amazon',
    items: [inventoryItem(stock)],
    velocity: options.velocity ?? velocity({ [stock.sellerSku]: options.units ?? TEN_A_DAY }),
    settings: { settings: { ...NA, ...options.settings }, overrides: options.overrides ?? [] },
  });
  const item = summary.items[0];
  if (item === undefined) throw new Error('no item');
  return item;
}

const mode = (item: InventorySummaryItem, name: string) => item.plan.modes.find((m) => m.mode === name);

describe('restock planner: worked examples', () => {
  it('sea still makes it: order soon, by sea, with the quantity an order placed today needs', () => {
    // 900 units at 10 a day last 90 days: out on 2026-06-08. Sea must be ordered 14 + 65 = 79 days before that,
    // by 2026-03-21 (11 days from now, within 14: order soon), and leave by 2026-03-21 + 25 = 2026-04-15.
    // Ordered today it arrives after 65 days with 900 − 650 = 250 left; it must then cover 14 + 60 = 74 days
    // (740 units): 740 − 250 = 490 units.
    const item = planOf({ sellerSku: 'SEA', fulfillable: 900 });
    expect(item.plan).toMatchObject({
      status: 'order-soon',
      today: '2026-03-10',
      unitsPerDay: 10,
      stockOutDate: '2026-06-08',
      stockOutDateWithInbound: '2026-06-08',
      recommendedMode: 'sea',
      arrivesBeforeStockOut: true,
      orderBy: '2026-03-21',
      shipBy: '2026-04-15',
      quantity: 490,
    });
    expect(mode(item, 'sea')).toMatchObject({
      leadTimeDays: 65,
      arrivalIfOrderedToday: '2026-05-14',
      quantity: 490,
    });
    // Air: 45 days lead, order by 2026-06-08 − 59 = 2026-04-10; 900 − 450 = 450 left on arrival → 740 − 450 = 290.
    expect(mode(item, 'air')).toMatchObject({ leadTimeDays: 45, orderBy: '2026-04-10', quantity: 290 });
    expect(item.plan.modes.map((m) => m.mode)).toEqual(['sea', 'air', 'express']);
    expect(item).toMatchObject({
      unitsSoldPerDay: 10,
      daysOfCover: 90,
      restockQuantity: 490,
      flags: ['low-stock'],
    });
  });

  it('sea is too late but air makes it: order now, by air', () => {
    // 600 units last 60 days: out on 2026-05-09. Sea: order by 2026-05-09 − 79 = 2026-02-19, past: order now.
    // Air: order by 2026-05-09 − 59 = 2026-03-11 (tomorrow), leave by 2026-04-05; 600 − 450 = 150 left on
    // arrival, 740 − 150 = 590 units.
    const item = planOf({ sellerSku: 'AIR', fulfillable: 600 });
    expect(mode(item, 'sea')?.orderBy).toBe('2026-02-19');
    expect(item.plan).toMatchObject({
      status: 'order-now',
      recommendedMode: 'air',
      arrivesBeforeStockOut: true,
      stockOutGapDays: 0,
      orderBy: '2026-03-11',
      shipBy: '2026-04-05',
      quantity: 590,
    });
    expect(item.restockQuantity).toBe(590);
    expect(item.flags).toEqual(['low-stock']);
  });

  it('a SKU already out of stock: out of stock, the fastest mode, and the gap it still leaves', () => {
    // Nothing left: out today. No mode arrives in time; express is fastest (40 days, fulfillable 2026-04-19):
    // 40 days out of stock. Nothing will be left on arrival: 10 × 74 = 740 units.
    const item = planOf({ sellerSku: 'OUT', fulfillable: 0 });
    expect(item.plan).toMatchObject({
      status: 'out-of-stock',
      stockOutDate: '2026-03-10',
      recommendedMode: 'express',
      arrivesBeforeStockOut: false,
      stockOutGapDays: 40,
      quantity: 740,
    });
    expect(mode(item, 'express')?.arrivalIfOrderedToday).toBe('2026-04-19');
    expect(item).toMatchObject({ daysOfCover: 0, restockQuantity: 740, flags: ['out-of-stock'] });
  });

  it('inbound that arrives in time: no order due, although the shelf alone lasts 10 days', () => {
    // 100 fulfillable + 700 shipped + 200 receiving = 1,000 units: 100 days, out on 2026-06-18. Sea can be
    // ordered until 2026-06-18 − 79 = 2026-03-31, 21 days away: healthy, nothing to order today.
    const covered = planOf({ sellerSku: 'IN', fulfillable: 100, inboundShipped: 700, inboundReceiving: 200 });
    expect(covered).toMatchObject({
      inbound: 900,
      inboundShipped: 700,
      inboundReceiving: 200,
      daysOfCover: 10,
      daysOfCoverWithInbound: 100,
      status: 'healthy',
      restockQuantity: 0,
      flags: ['inbound'],
    });
    expect(covered.plan).toMatchObject({
      stockOutDate: '2026-03-20',
      stockOutDateWithInbound: '2026-06-18',
      orderBy: '2026-03-31',
      recommendedMode: 'sea',
    });
    // The same shelf without the inbound: out on 2026-03-20, even express (2026-04-19) arrives 30 days late.
    const bare = planOf({ sellerSku: 'IN', fulfillable: 100 });
    expect(bare.plan).toMatchObject({ status: 'order-now', recommendedMode: 'express', stockOutGapDays: 30 });
  });

  it('rounds the quantity up to the MOQ, then to whole cartons', () => {
    // The air example needs 590 units. Cartons of 24: 25 cartons = 600. With an MOQ of 1,000: 1,000 → 42 cartons
    // = 1,008.
    const cartons = planOf({ sellerSku: 'AIR', fulfillable: 600 }, { settings: { casePack: 24 } });
    expect(mode(cartons, 'air')).toMatchObject({ unroundedQuantity: 590, quantity: 600 });
    expect(cartons.restockQuantity).toBe(600);
    const moq = planOf(
      { sellerSku: 'AIR', fulfillable: 600 },
      { settings: { casePack: 24, minimumOrderQuantity: 1000 } },
    );
    expect(moq.restockQuantity).toBe(1008);
    expect(roundOrderQuantity(0, 24, 1000)).toBe(0);
    expect(roundOrderQuantity(24.0000000001, 24, 0)).toBe(24);
  });

  it('a SKU without sales: no sales, no cover, nothing to order, never overstock', () => {
    const item = planOf({ sellerSku: 'IDLE', fulfillable: 500 }, { velocity: velocity({}) });
    expect(item).toMatchObject({
      status: 'no-sales',
      unitsSoldPerDay: 0,
      unitsSold: { d7: 0, d30: 0, d60: 0 },
      daysOfCover: null,
      restockQuantity: 0,
      flags: ['no-sales'],
    });
    const gone = planOf({ sellerSku: 'IDLE', fulfillable: 0 }, { velocity: velocity({}) });
    expect(gone).toMatchObject({ status: 'no-sales', flags: ['out-of-stock', 'no-sales'] });
  });

  it('velocity unknown: "sales history loading", never "no sales"; out of stock is still a fact', () => {
    const unknown: SalesVelocity = { ...velocity({}), source: 'unknown', coveredDays: 0, complete: false };
    const item = planOf({ sellerSku: 'NEW', fulfillable: 500 }, { velocity: unknown });
    expect(item).toMatchObject({
      status: 'sales-history-loading',
      unitsSoldPerDay: null,
      unitsSold: null,
      daysOfCover: null,
      restockQuantity: 0,
      flags: [],
    });
    expect(planOf({ sellerSku: 'NEW', fulfillable: 0 }, { velocity: unknown }).status).toBe('out-of-stock');
    // Five days of history is not a velocity either.
    expect(
      planOf({ sellerSku: 'NEW', fulfillable: 5 }, { velocity: velocity({}, { coveredDays: 5 }) }).status,
    ).toBe('sales-history-loading');
  });

  it('a history still loading: urgent plans stay (provisional), an all-clear waits for the history', () => {
    // 30 days covered: the 7- and 30-day rates weigh 0.25 and 0.5, scaled to 1/3 and 2/3. 70 in 7 days and 300 in
    // 30 days: (10 × 1/3) + (10 × 2/3) = 10 a day.
    expect(velocityWeights(30)).toEqual({ d7: 1 / 3, d30: 2 / 3, d60: 0 });
    const loading = { coveredDays: 30, complete: false } as const;
    const urgent = planOf(
      { sellerSku: 'AIR', fulfillable: 600 },
      { velocity: velocity({ AIR: { d7: 70, d30: 300, d60: 300 } }, loading) },
    );
    expect(urgent.plan).toMatchObject({ status: 'order-now', provisional: true, unitsPerDay: 10 });
    const calm = planOf(
      { sellerSku: 'CALM', fulfillable: 5000 },
      { velocity: velocity({ CALM: { d7: 70, d30: 300, d60: 300 } }, loading) },
    );
    expect(calm.status).toBe('sales-history-loading');
    const quiet = planOf({ sellerSku: 'QUIET', fulfillable: 10 }, { velocity: velocity({}, loading) });
    expect(quiet.status).toBe('sales-history-loading');
  });

  it('overstock only for SKUs in stock, beyond 180 days of cover', () => {
    // 1 a day: 200 units last 200 days (> 180): overstock; 170 units: healthy.
    const slow = { d7: 7, d30: 30, d60: 60 };
    expect(planOf({ sellerSku: 'SLOW', fulfillable: 200 }, { units: slow })).toMatchObject({
      status: 'overstock',
      flags: ['overstock'],
      restockQuantity: 0,
    });
    expect(planOf({ sellerSku: 'SLOW', fulfillable: 170 }, { units: slow }).status).toBe('healthy');
    // Out of stock with a year of inbound on the way is out of stock, not overstock.
    expect(planOf({ sellerSku: 'SLOW', fulfillable: 0, inboundShipped: 365 }, { units: slow })).toMatchObject(
      {
        status: 'out-of-stock',
        flags: ['out-of-stock', 'inbound'],
        restockQuantity: 0,
      },
    );
  });

  it('via an overseas warehouse: its days join the lead time', () => {
    // Sea via a US warehouse with 10 more days: lead 75. 900 units, out 2026-06-08: order by 2026-06-08 − 89
    // = 2026-03-11.
    const item = planOf(
      { sellerSku: 'OWH', fulfillable: 900 },
      {
        settings: {
          modes: {
            ...NA.modes,
            sea: { ...NA.modes.sea, viaOverseasWarehouse: true, overseasWarehouseDays: 10 },
          },
        },
      },
    );
    expect(mode(item, 'sea')).toMatchObject({
      leadTimeDays: 75,
      overseasWarehouseDays: 10,
      orderBy: '2026-03-11',
    });
  });

  it('per-SKU and per-ASIN overrides: the SKU wins over its ASIN, which wins over the store', () => {
    const overrides = [
      { asin: 'B0SHAREDXX', productionDays: 40, casePack: 12 },
      { sellerSku: 'ONE', casePack: 50 },
    ];
    const one = planOf({ sellerSku: 'ONE', asin: 'B0SHAREDXX', fulfillable: 600 }, { overrides });
    expect(one.plan.settings).toMatchObject({ source: 'sku', productionDays: 40, casePack: 50 });
    // Production 40: air lead 65, order by 2026-05-09 − 79 = 2026-02-19 (past); no mode keeps the safety margin,
    // express (lead 60) arrives 2026-05-09, the stock-out day itself.
    expect(one.plan).toMatchObject({ recommendedMode: 'express', arrivesBeforeStockOut: true });
    const two = planOf({ sellerSku: 'TWO', asin: 'B0SHAREDXX', fulfillable: 600 }, { overrides });
    expect(two.plan.settings).toMatchObject({ source: 'asin', productionDays: 40, casePack: 12 });
    const other = planOf({ sellerSku: 'THREE', fulfillable: 600 }, { overrides });
    expect(other.plan.settings).toMatchObject({ source: 'store', productionDays: 20, casePack: 1 });
  });

  it('an urgent mode set per SKU is tried before the others', () => {
    // Sea is late for the 600-unit SKU; with express as its urgent mode, express (still in time) is chosen over air.
    const item = planOf(
      { sellerSku: 'AIR', fulfillable: 600 },
      { overrides: [{ sellerSku: 'AIR', urgentMode: 'express' }] },
    );
    expect(item.plan).toMatchObject({ status: 'order-now', recommendedMode: 'express' });
  });

  it('dates are the marketplace calendar: a US evening is still yesterday, a Tokyo night already tomorrow', () => {
    const usEvening = new Date('2026-03-10T05:00:00Z'); // 21:00 on 9 March in Los Angeles
    expect(planOf({ sellerSku: 'SEA', fulfillable: 900 }, { asOf: usEvening }).plan.today).toBe('2026-03-09');
    const tokyoNight = new Date('2026-03-10T16:00:00Z'); // 01:00 on 11 March in Tokyo
    expect(
      planOf({ sellerSku: 'SEA', fulfillable: 900 }, { asOf: tokyoNight, marketplaceId: JP }).plan.today,
    ).toBe('2026-03-11');
  });
});

describe('velocityFromOrders', () => {
  it('counts demand units per SKU in 7, 30 and 60 days of a 60-day history', () => {
    const orders = [
      order({ createdTime: ago(1), items: [{ sellerSku: 'A', quantity: 2 }] }),
      order({ createdTime: ago(10), items: [{ sellerSku: 'A', quantity: 3 }] }),
      order({ createdTime: ago(45), items: [{ sellerSku: 'A', quantity: 5 }] }),
      order({ createdTime: ago(70), items: [{ sellerSku: 'A', quantity: 100 }] }),
      order({ createdTime: ago(2), status: 'CANCELLED', items: [{ sellerSku: 'A', quantity: 100 }] }),
    ];
    const counted = velocityFromOrders(orders, new Date(ago(60)), AS_OF);
    expect(counted).toMatchObject({ source: 'order-history', coveredDays: 60, complete: true });
    expect(counted.unitsBySku.get('A')).toEqual({ d7: 2, d30: 5, d60: 10 });
  });

  it('says unknown without a history, and incomplete while it is shorter than 60 days', () => {
    expect(velocityFromOrders([], undefined, AS_OF)).toMatchObject({ source: 'unknown', complete: false });
    expect(velocityFromOrders([], new Date(ago(30)), AS_OF)).toMatchObject({
      coveredDays: 30,
      complete: false,
    });
  });
});
