import type { AmazonSandbox } from '../../../local/sandbox';
import { SeedData } from '../../../local/sandbox/data/seed-data';
import { findSeller } from '../../../local/sandbox/data/sellers';
import { createSalesSource } from '../../../shared/adapters/spapi/sales-source';
import { createSpApiAxios } from '../../../shared/adapters/spapi/spapi-http';
import { calendarDate } from '../../../shared/summaries/calendar-days';
import { salesApiInterval } from '../../../shared/summaries/sales-api-velocity';
import {
  authorizeSeller,
  NA_SELLER,
  sellerCounters,
  spapi,
  startTestSandbox,
  START_TIME,
  US,
} from './sandbox-test-kit';

// The Sales API's `sku` and `asin` filters (sales.json), which the inventory view uses for per-SKU velocity while
// the order history loads: the sandbox's answers agree with its seeded orders (cancelled ones left out), the two
// filters are refused together, and the usage plan is the real one (0.5 rps, burst 15).
const SEED = 4242;
const ZONE = 'America/Los_Angeles';
const ORDER_METRICS = '/sales/v1/orderMetrics';

describe('Sales API getOrderMetrics filtered by SKU or ASIN', () => {
  let sandbox: AmazonSandbox;
  let accessToken: string;
  const seeded = new SeedData(SEED, START_TIME);
  const orders = seeded.orders(findSeller(NA_SELLER)!, US);
  const http = createSpApiAxios('MintHubTest/1.0');

  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed: SEED });
    ({ accessToken } = await authorizeSeller(sandbox, NA_SELLER));
  });
  afterAll(async () => {
    await sandbox.close();
  });

  /** Units per marketplace day of the seeded orders matching `keep`, cancelled left out, in [start, end). */
  function seededDailyUnits(keep: (line: { sellerSku: string; asin: string }) => boolean, now: Date) {
    const { start, end } = salesApiInterval(now, ZONE);
    const [startMs, endMs] = [Date.parse(start), Date.parse(end)];
    const units = new Map<string, number>();
    for (const order of orders) {
      const at = order.purchaseDate.getTime();
      if (order.status === 'CANCELLED' || at < startMs || at >= endMs) continue;
      for (const line of order.items.filter(keep)) {
        const date = calendarDate(at, ZONE);
        units.set(date, (units.get(date) ?? 0) + line.quantity);
      }
    }
    return units;
  }

  // The SKU sold most in the window, and another SKU of another ASIN.
  const now = new Date(START_TIME.getTime() + 60_000);
  const counts = new Map<string, { asin: string; units: number }>();
  for (const order of orders)
    for (const line of order.items)
      counts.set(line.sellerSku, {
        asin: line.asin,
        units: (counts.get(line.sellerSku)?.units ?? 0) + line.quantity,
      });
  const [[sku, { asin }]] = [...counts].sort((a, b) => b[1].units - a[1].units) as [
    [string, { asin: string; units: number }],
  ];

  it('per SKU: the daily units equal the seeded orders of that SKU, cancelled ones left out', async () => {
    const sales = createSalesSource(sandbox.endpoints.spapi, http);
    const { metrics, rateLimit } = await sales.getOrderMetrics({
      region: 'NA',
      accessToken,
      marketplaceId: US,
      interval: salesApiInterval(now, ZONE),
      granularity: 'Day',
      timeZone: ZONE,
      sku,
    });
    expect(rateLimit).toBe(0.5);
    expect(metrics).toHaveLength(60);
    const expected = seededDailyUnits((line) => line.sellerSku === sku, now);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const metric of metrics)
      expect({ day: metric.interval.slice(0, 10), units: metric.unitCount }).toEqual({
        day: metric.interval.slice(0, 10),
        units: expected.get(metric.interval.slice(0, 10)) ?? 0,
      });
    // A cancelled order of the SKU exists in the seed, so leaving them out is tested, not assumed.
    expect(orders.some((o) => o.status === 'CANCELLED' && o.items.some((l) => l.sellerSku === sku))).toBe(
      true,
    );
  });

  /** A raw `granularity=Total` call over the velocity window with the given filters. */
  const totalOver60Days = (filters: { sku?: string; asin?: string }) => {
    const interval = salesApiInterval(now, ZONE);
    return spapi<{ payload: { unitCount: number }[] }>(
      sandbox,
      'NA',
      ORDER_METRICS,
      {
        marketplaceIds: US,
        interval: `${interval.start}--${interval.end}`,
        granularity: 'Total',
        granularityTimeZone: ZONE,
        ...filters,
      },
      accessToken,
    );
  };

  it('per ASIN (Total): the units of every SKU of that ASIN; SKU and ASIN together are refused', async () => {
    const answer = await totalOver60Days({ asin });
    expect(answer.status).toBe(200);
    const expected = [...seededDailyUnits((line) => line.asin === asin, now).values()].reduce(
      (a, b) => a + b,
      0,
    );
    expect(answer.body.payload).toHaveLength(1);
    expect(answer.body.payload[0]?.unitCount).toBe(expected);

    expect((await totalOver60Days({ asin, sku })).status).toBe(400);
  });

  it('keeps the real usage plan: a burst of 15, then 429 QuotaExceeded', async () => {
    const before = sellerCounters(sandbox, NA_SELLER, 'NA').throttled;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await totalOver60Days({ sku })).status);
    // Three calls were made above (the refused one spent its token too); 0.5/s refills while this loop runs.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(12);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(15);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    expect(sellerCounters(sandbox, NA_SELLER, 'NA').throttled).toBeGreaterThan(before);
  });
});
