import {
  breakdown,
  chartGeometry,
  dailyRevenue,
  chartScales,
  niceStep,
  orderedStatuses,
  parseDays,
  primaryCurrency,
  rankAtRisk,
} from '../../../dashboard/src/data/orders';
import { sampleOrders } from '../../../dashboard/src/fixtures/sample-data';

const NOW = Date.parse('2026-11-23T08:00:00Z');

describe('shipments at risk', () => {
  it('lists late shipments first, then those due within 24 h, oldest deadline first', () => {
    const ranked = rankAtRisk(
      [
        { orderId: 'later', status: 'UNSHIPPED', latestShipDate: '2026-11-26T08:00:00Z', late: false },
        { orderId: 'due-20h', status: 'UNSHIPPED', latestShipDate: '2026-11-24T04:00:00Z', late: false },
        { orderId: 'late-flag', status: 'UNSHIPPED', latestShipDate: '2026-11-23T10:00:00Z', late: true },
        {
          orderId: 'due-2h',
          status: 'PARTIALLY_SHIPPED',
          latestShipDate: '2026-11-23T10:00:00Z',
          late: false,
        },
        {
          orderId: 'past-deadline',
          status: 'UNSHIPPED',
          latestShipDate: '2026-11-22T08:00:00Z',
          late: false,
        },
      ],
      NOW,
    );
    expect(ranked.map((order) => `${order.orderId}:${order.bucket}`)).toEqual([
      'past-deadline:late',
      'late-flag:late',
      'due-2h:due-soon',
      'due-20h:due-soon',
      'later:later',
    ]);
  });
});

describe('daily revenue', () => {
  it('reads the currency asked for from the list of Money (one per currency of the totals)', () => {
    const day = {
      date: 'd',
      orders: 1,
      revenue: [
        { currency: 'CAD', amount: 9 },
        { currency: 'USD', amount: 4 },
      ],
    };
    expect(dailyRevenue(day, 'USD')).toBe(4);
    expect(dailyRevenue(day, undefined)).toBe(9);
    expect(dailyRevenue({ date: 'd', orders: 0, revenue: [] }, 'USD')).toBe(0);
  });

  it('charts in the currency with the largest revenue, else the marketplace currency', () => {
    const totals = sampleOrders().totals;
    expect(primaryCurrency(totals, 'EUR')).toBe('USD');
    expect(primaryCurrency({ ...totals, revenue: [] }, 'EUR')).toBe('EUR');
  });
});

describe('chart geometry', () => {
  it('steps axes by 1, 2 or 5 × 10^n', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(1.75)).toBe(2);
    expect(niceStep(8.5)).toBe(10);
    expect(niceStep(0.13)).toBe(0.2);
    expect(niceStep(450)).toBe(500);
    expect(niceStep(23.9, true)).toBe(25);
  });

  it('gives both axes the same grid with whole-number order ticks', () => {
    expect(chartScales(34, 1800)).toEqual({ ordersMax: 40, revenueMax: 2000, steps: 4 });
    expect(chartScales(7, 95.5)).toEqual({ ordersMax: 8, revenueMax: 100, steps: 4 });
    expect(chartScales(0, 0)).toEqual({ ordersMax: 1, revenueMax: 1, steps: 1 });
    const { ordersMax, revenueMax, steps } = chartScales(3, 12_345);
    expect(ordersMax / steps).toBe(Math.round(ordersMax / steps));
    expect(revenueMax).toBeGreaterThanOrEqual(12_345);
  });

  it('places one bar per day inside the plot, tallest at the top, in date order', () => {
    const orders = sampleOrders(30);
    const size = { width: 760, height: 260, left: 48, right: 64, top: 16, bottom: 36 };
    const geometry = chartGeometry([...orders.daily].reverse(), 'USD', size);
    expect(geometry.bars).toHaveLength(30);
    expect(geometry.bars[0]!.date < geometry.bars[29]!.date).toBe(true);
    for (const bar of geometry.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(size.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(size.width - size.right + 0.001);
      expect(bar.y + bar.height).toBeCloseTo(size.top + (size.height - size.top - size.bottom));
      expect(bar.y).toBeGreaterThanOrEqual(size.top);
    }
    expect(geometry.revenueLine.split(' ')).toHaveLength(30);
    expect(geometry.ordersMax).toBeGreaterThanOrEqual(Math.max(...orders.daily.map((d) => d.orders)));
  });
});

describe('order breakdowns', () => {
  it('orders statuses along an order’s life, unknown ones after', () => {
    expect(
      orderedStatuses({ SHIPPED: 1, ZED: 1, PENDING: 2, CANCELLED: 1, UNSHIPPED: 3 }).map(([s]) => s),
    ).toEqual(['PENDING', 'UNSHIPPED', 'SHIPPED', 'CANCELLED', 'ZED']);
  });

  it('gives each channel its share', () => {
    expect(breakdown({ MFN: 25, AFN: 75 })).toEqual([
      { key: 'AFN', count: 75, share: 0.75 },
      { key: 'MFN', count: 25, share: 0.25 },
    ]);
    expect(breakdown({})).toEqual([]);
    expect(breakdown(undefined)).toEqual([]);
  });

  it('accepts only the offered periods', () => {
    expect(parseDays('14')).toBe(14);
    expect(parseDays('365')).toBe(30);
    expect(parseDays(null)).toBe(30);
  });
});
