import { summarizeInventory } from '../../../shared/summaries/inventory-summary';
import {
  emptyCheckpoint,
  inventoryVelocity,
  salesApiInterval,
  SALES_API_ENTRY_MAX_AGE_MS,
  SALES_API_ENTRY_REFRESH_MS,
  skusToRead,
  storedCheckpoint,
  unitsFromDailyMetrics,
  velocityFromSalesApi,
  withReadings,
  withVelocityOrigins,
  type SalesApiSkuEntry,
  type SalesApiVelocityCheckpoint,
} from '../../../shared/summaries/sales-api-velocity';
import type { SalesVelocity, SkuUnitsSold } from '../../../shared/summaries/sales-velocity';
import { AS_OF, SETTINGS, STORE_ID, US, inventoryItem } from './fixtures/records';

// The inventory view's own velocity while the order history loads: which SKUs are asked first, how one day-by-day
// answer becomes the 7/30/60-day counts, the checkpoint the next view continues from, and the switch to the
// history's velocity once it is complete.

const LA = 'America/Los_Angeles';
const NOTHING: SalesVelocity = {
  source: 'unknown',
  coveredDays: 0,
  complete: false,
  unitsBySku: new Map(),
  asOf: AS_OF.toISOString(),
};
const partialHistory = (coveredDays: number, d60: Record<string, number>): SalesVelocity => ({
  source: 'order-history',
  coveredDays,
  complete: false,
  unitsBySku: new Map(Object.entries(d60).map(([sku, units]) => [sku, { d7: 0, d30: 0, d60: units }])),
  asOf: AS_OF.toISOString(),
});
const hoursAgo = (hours: number) => new Date(AS_OF.getTime() - hours * 3_600_000).toISOString();
const entry = (units: SkuUnitsSold, readAt = AS_OF.toISOString()): SalesApiSkuEntry => ({ ...units, readAt });
const checkpointWith = (skus: Record<string, SalesApiSkuEntry>, failed: Record<string, string> = {}) => ({
  ...emptyCheckpoint(LA),
  skus,
  failed,
});

describe('salesApiInterval', () => {
  it('asks for the 60 marketplace days ending now, with the zone’s offsets (across the DST change)', () => {
    // 2026-03-10 in Los Angeles is PDT (-07:00); 60 days back, 2026-01-10, is PST (-08:00).
    expect(salesApiInterval(AS_OF, LA)).toEqual({
      start: '2026-01-10T00:00:00-08:00',
      end: '2026-03-10T08:00:00-07:00',
    });
  });
});

describe('unitsFromDailyMetrics', () => {
  it('counts the 7, 30 and 60 marketplace days, today included, as the history does', () => {
    const day = (date: string, unitCount: number) => ({
      interval: `${date}T00:00:00-07:00--${date}T23:59:59-07:00`,
      unitCount,
    });
    const units = unitsFromDailyMetrics(
      [
        day('2026-03-10', 1), // today
        day('2026-03-04', 2), // the 7th day back
        day('2026-03-03', 4), // the 8th: in 30, not in 7
        day('2026-02-09', 8), // the 30th day back
        day('2026-02-08', 16), // the 31st
        day('2026-01-10', 32), // the 60th
        day('2026-01-09', 64), // the 61st: outside
      ],
      AS_OF,
      LA,
    );
    expect(units).toEqual({ d7: 3, d30: 15, d60: 63 });
  });

  it('ignores an interval it cannot read and a negative count', () => {
    expect(
      unitsFromDailyMetrics(
        [
          { interval: 'garbage', unitCount: 5 },
          { interval: '2026-03-10T00:00:00-07:00--2026-03-11T00:00:00-07:00', unitCount: -2 },
        ],
        AS_OF,
        LA,
      ),
    ).toEqual({ d7: 0, d30: 0, d60: 0 });
  });
});

describe('skusToRead: the SKUs that matter first', () => {
  const items = [
    inventoryItem({ sellerSku: 'NOTHING-LEFT', fulfillable: 0 }),
    inventoryItem({ sellerSku: 'PLENTY', fulfillable: 900 }),
    inventoryItem({ sellerSku: 'LOW', fulfillable: 20 }),
    inventoryItem({ sellerSku: 'INBOUND-ONLY', fulfillable: 0, inboundShipped: 50 }),
  ];

  it('without any history: stock or inbound before neither, the least supply first', () => {
    expect(skusToRead(items, emptyCheckpoint(LA), NOTHING, AS_OF)).toEqual([
      'LOW',
      'INBOUND-ONLY',
      'PLENTY',
      'NOTHING-LEFT',
    ]);
  });

  it('with a partial history: the fewest days of cover at the rate it suggests first', () => {
    // PLENTY sells 90 a day (10 days of cover), LOW 0.2 a day (100 days): PLENTY is the greater risk.
    const hint = partialHistory(10, { PLENTY: 900, LOW: 2 });
    expect(skusToRead(items, emptyCheckpoint(LA), hint, AS_OF)).toEqual([
      'PLENTY',
      'LOW',
      'INBOUND-ONLY',
      'NOTHING-LEFT',
    ]);
  });

  it('skips SKUs already read; numbers due for a refresh come after every missing SKU, oldest first', () => {
    const checkpoint = checkpointWith({
      LOW: entry({ d7: 1, d30: 1, d60: 1 }, hoursAgo(1)),
      PLENTY: entry({ d7: 1, d30: 1, d60: 1 }, hoursAgo(SALES_API_ENTRY_REFRESH_MS / 3_600_000 + 1)),
      'INBOUND-ONLY': entry({ d7: 1, d30: 1, d60: 1 }, hoursAgo(SALES_API_ENTRY_REFRESH_MS / 3_600_000 + 2)),
    });
    expect(skusToRead(items, checkpoint, NOTHING, AS_OF)).toEqual(['NOTHING-LEFT', 'INBOUND-ONLY', 'PLENTY']);
  });

  it('reads again a SKU whose numbers are too old to use, and sets one that just failed aside', () => {
    const checkpoint = checkpointWith(
      { PLENTY: entry({ d7: 1, d30: 1, d60: 1 }, hoursAgo(SALES_API_ENTRY_MAX_AGE_MS / 3_600_000 + 1)) },
      { LOW: hoursAgo(0.5) },
    );
    expect(skusToRead(items, checkpoint, NOTHING, AS_OF)).toEqual(['INBOUND-ONLY', 'PLENTY', 'NOTHING-LEFT']);
  });
});

describe('the checkpoint', () => {
  it('keeps what each view read, the newer reading winning, only for SKUs still listed', () => {
    const stored = checkpointWith({
      A: entry({ d7: 1, d30: 1, d60: 1 }, hoursAgo(2)),
      GONE: entry({ d7: 9, d30: 9, d60: 9 }, hoursAgo(2)),
    });
    const next = withReadings(
      stored,
      new Map([
        ['A', entry({ d7: 2, d30: 2, d60: 2 })],
        ['B', entry({ d7: 3, d30: 3, d60: 3 })],
      ]),
      new Map([['C', AS_OF.toISOString()]]),
      AS_OF,
      new Set(['A', 'B', 'C']),
    );
    expect(next.skus).toEqual({ A: entry({ d7: 2, d30: 2, d60: 2 }), B: entry({ d7: 3, d30: 3, d60: 3 }) });
    expect(next.failed).toEqual({ C: AS_OF.toISOString() });
    // A later view continues from it: A and B are not asked again.
    expect(
      skusToRead(
        [inventoryItem({ sellerSku: 'A' }), inventoryItem({ sellerSku: 'B' })],
        next,
        NOTHING,
        AS_OF,
      ),
    ).toEqual([]);
  });

  it('an older reading never replaces a newer one (two execution environments writing)', () => {
    const stored = checkpointWith({ A: entry({ d7: 5, d30: 5, d60: 5 }) });
    const next = withReadings(
      stored,
      new Map([['A', entry({ d7: 1, d30: 1, d60: 1 }, hoursAgo(1))]]),
      new Map(),
      AS_OF,
      new Set(['A']),
    );
    expect(next.skus['A']).toEqual(entry({ d7: 5, d30: 5, d60: 5 }));
  });

  it('a checkpoint of another shape or zone is read as empty', () => {
    expect(storedCheckpoint({ version: 1, timeZone: 'Europe/London', skus: {}, failed: {} }, LA)).toEqual(
      emptyCheckpoint(LA),
    );
    expect(storedCheckpoint(undefined, LA)).toEqual(emptyCheckpoint(LA));
    expect(storedCheckpoint('junk', LA)).toEqual(emptyCheckpoint(LA));
  });
});

describe('the inventory velocity: Sales API per SKU until the history is complete', () => {
  const items = [
    inventoryItem({ sellerSku: 'READ', fulfillable: 100 }),
    inventoryItem({ sellerSku: 'READ-ZERO', fulfillable: 100 }),
    inventoryItem({ sellerSku: 'NOT-READ', fulfillable: 100 }),
  ];
  const checkpoint: SalesApiVelocityCheckpoint = checkpointWith({
    READ: entry({ d7: 70, d30: 300, d60: 600 }),
    'READ-ZERO': entry({ d7: 0, d30: 0, d60: 0 }),
  });
  const summarize = (velocity: SalesVelocity) =>
    withVelocityOrigins(
      summarizeInventory({
        storeId: STORE_ID,
        marketplaceId: US,
        asOf: AS_OF,
        source: 'amazon',
        items,
        velocity,
        settings: SETTINGS,
      }),
      velocity,
    );
  const bySku = (summary: ReturnType<typeof summarize>) =>
    new Map(summary.items.map((item) => [item.sellerSku, item]));

  it('plans the SKUs read from their Sales API numbers; the others say "sales history loading", never 0', () => {
    const velocity = inventoryVelocity(
      partialHistory(12, { READ: 120 }),
      velocityFromSalesApi(checkpoint, AS_OF),
    );
    const summary = summarize(velocity);
    const read = bySku(summary).get('READ')!;
    expect(read).toMatchObject({ velocitySource: 'sales-api', velocityDays: 60, unitsSoldPerDay: 10 });
    expect(read.restockQuantity).toBeGreaterThan(0);
    expect(read.plan.provisional).toBe(false);
    // Amazon said none sold in 60 days: that is known, so it may say "no sales".
    expect(bySku(summary).get('READ-ZERO')).toMatchObject({
      velocitySource: 'sales-api',
      status: 'no-sales',
    });
    expect(bySku(summary).get('NOT-READ')).toMatchObject({
      velocitySource: 'unknown',
      velocityDays: 0,
      unitsSoldPerDay: null,
      status: 'sales-history-loading',
      flags: [],
    });
    expect(summary.velocity).toMatchObject({ source: 'sales-api', complete: false });
    expect(summary.velocityLoadingSkus).toBe(1);
  });

  it('nothing read yet: every item is loading, the velocity unknown', () => {
    const velocity = inventoryVelocity(NOTHING, velocityFromSalesApi(emptyCheckpoint(LA), AS_OF));
    const summary = summarize(velocity);
    expect(summary.items.every((item) => item.velocitySource === 'unknown')).toBe(true);
    expect(summary.items.every((item) => item.status === 'sales-history-loading')).toBe(true);
    expect(summary.velocity.complete).toBe(false);
  });

  it('every SKU read: complete', () => {
    const all = checkpointWith({ ...checkpoint.skus, 'NOT-READ': entry({ d7: 7, d30: 30, d60: 60 }) });
    const summary = summarize(inventoryVelocity(NOTHING, velocityFromSalesApi(all, AS_OF)));
    expect(summary.velocity.complete).toBe(true);
    expect(summary.velocityLoadingSkus).toBe(0);
  });

  it('switches to the history’s velocity for every SKU once the history is complete', () => {
    const history: SalesVelocity = {
      source: 'order-history',
      coveredDays: 60,
      complete: true,
      unitsBySku: new Map([['READ', { d7: 7, d30: 30, d60: 60 }]]),
      asOf: AS_OF.toISOString(),
    };
    const summary = summarize(inventoryVelocity(history, velocityFromSalesApi(checkpoint, AS_OF)));
    expect(summary.items.every((item) => item.velocitySource === 'order-history')).toBe(true);
    expect(bySku(summary).get('READ')).toMatchObject({ unitsSoldPerDay: 1, velocityDays: 60 });
    // A complete history knows that NOT-READ sold nothing.
    expect(bySku(summary).get('NOT-READ')).toMatchObject({ status: 'no-sales' });
    expect(summary.velocity).toMatchObject({ source: 'order-history', complete: true });
  });
});
