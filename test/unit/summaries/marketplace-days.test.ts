import { calendarDate } from '../../../shared/summaries/calendar-days';
import {
  isoWithOffset,
  marketplaceTimeZone,
  marketplaceWindow,
  startOfDay,
} from '../../../shared/summaries/marketplace-time-zones';
import { foldOrdersIntoDays } from '../../../shared/summaries/order-day-totals';
import { summarizeOrderHistory } from '../../../shared/summaries/orders-summary';
import type { OrderRecord } from '../../../shared/stores/datasets';

const order = (orderId: string, createdTime: string, extra: Partial<OrderRecord> = {}): OrderRecord => ({
  orderId,
  marketplaceId: 'A1F83G8C2ARO7P',
  status: 'SHIPPED',
  channel: 'AFN',
  createdTime,
  lastUpdatedTime: createdTime,
  latestShipDate: undefined,
  total: { currency: 'GBP', amount: 10 },
  items: [{ sellerSku: 'SKU-1', quantity: 1 }],
  ...extra,
});

describe('marketplace days across a daylight-saving change', () => {
  it('knows the zone Seller Central reports each marketplace in', () => {
    expect(marketplaceTimeZone('ATVPDKIKX0DER')).toBe('America/Los_Angeles');
    expect(marketplaceTimeZone('A1F83G8C2ARO7P')).toBe('Europe/London');
    expect(marketplaceTimeZone('A1VC38T7YXB528')).toBe('Asia/Tokyo');
  });

  it('starts days at local midnight: a 23-hour day in spring, a 25-hour day in autumn', () => {
    // Europe/London: clocks go forward on 2026-03-29 at 01:00 UTC.
    expect(new Date(startOfDay('2026-03-29', 'Europe/London')).toISOString()).toBe(
      '2026-03-29T00:00:00.000Z',
    );
    expect(new Date(startOfDay('2026-03-30', 'Europe/London')).toISOString()).toBe(
      '2026-03-29T23:00:00.000Z',
    );
    // America/Los_Angeles: clocks go back on 2026-11-01 at 09:00 UTC.
    const first = startOfDay('2026-11-01', 'America/Los_Angeles');
    const next = startOfDay('2026-11-02', 'America/Los_Angeles');
    expect(new Date(first).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect((next - first) / 3_600_000).toBe(25);
    expect(isoWithOffset(first, 'America/Los_Angeles')).toBe('2026-11-01T00:00:00-07:00');
    expect(isoWithOffset(next, 'America/Los_Angeles')).toBe('2026-11-02T00:00:00-08:00');
  });

  it('buckets an order at 23:30 local time into that local day on both sides of the change', () => {
    const days = foldOrdersIntoDays(
      [
        order('before', '2026-03-28T23:30:00Z'), // 23:30 GMT, 28 March
        order('after', '2026-03-29T22:30:00Z'), // 23:30 BST, 29 March
        order('next', '2026-03-29T23:30:00Z'), // 00:30 BST, 30 March
      ],
      'Europe/London',
    );
    expect(days.map((day) => [day.date, day.orders])).toEqual([
      ['2026-03-28', 1],
      ['2026-03-29', 1],
      ['2026-03-30', 1],
    ]);
    expect(calendarDate(Date.parse('2026-03-29T23:30:00Z'), 'UTC')).toBe('2026-03-29');
  });

  it('"last 7 days" means 7 marketplace days, today included, counted only where the history is loaded', () => {
    const asOf = new Date('2026-11-03T20:00:00Z'); // 12:00 in Los Angeles, 3 Nov
    const window = marketplaceWindow(asOf.getTime(), 7, 'America/Los_Angeles');
    expect(window).toEqual({
      firstDate: '2026-10-28',
      today: '2026-11-03',
      startMs: Date.parse('2026-10-28T07:00:00Z'),
    });
    const orders = [
      order('a', '2026-10-28T07:30:00Z', {
        marketplaceId: 'ATVPDKIKX0DER',
        total: { currency: 'USD', amount: 5 },
      }),
      order('b', '2026-11-01T08:30:00Z', {
        marketplaceId: 'ATVPDKIKX0DER',
        total: { currency: 'USD', amount: 7.5 },
      }),
      order('c', '2026-11-01T09:30:00Z', { marketplaceId: 'ATVPDKIKX0DER', status: 'CANCELLED' }),
      order('old', '2026-10-28T06:30:00Z', { marketplaceId: 'ATVPDKIKX0DER' }),
    ];
    const summary = summarizeOrderHistory({
      storeId: 'S',
      marketplaceId: 'ATVPDKIKX0DER',
      asOf,
      source: 'amazon',
      days: 7,
      timeZone: 'America/Los_Angeles',
      dayTotals: foldOrdersIntoDays(orders, 'America/Los_Angeles'),
      loadedFrom: '2026-10-20',
      openOrders: [],
    });
    expect(summary.daily.map((day) => day.date)).toEqual([
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(summary.totals.orders).toBe(3);
    expect(summary.totals.revenue).toEqual([{ currency: 'USD', amount: 12.5 }]);
    expect(summary.history).toEqual({ daysRequested: 7, daysLoaded: 7, historyFrom: '2026-10-28' });

    const partial = summarizeOrderHistory({
      storeId: 'S',
      marketplaceId: 'ATVPDKIKX0DER',
      asOf,
      source: 'amazon',
      days: 7,
      timeZone: 'America/Los_Angeles',
      dayTotals: foldOrdersIntoDays(orders, 'America/Los_Angeles'),
      loadedFrom: '2026-11-01',
      openOrders: undefined,
    });
    // Days not read yet are left out, never shown as zero.
    expect(partial.daily.map((day) => day.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(partial.history).toEqual({ daysRequested: 7, daysLoaded: 3, historyFrom: '2026-11-01' });
  });

  it('lists late and due shipments from the open orders, PENDING only once past its ship-by', () => {
    const asOf = new Date('2026-11-03T20:00:00Z');
    const summary = summarizeOrderHistory({
      storeId: 'S',
      marketplaceId: 'ATVPDKIKX0DER',
      asOf,
      source: 'amazon',
      days: 7,
      timeZone: 'America/Los_Angeles',
      dayTotals: [],
      loadedFrom: undefined,
      openOrders: [
        order('late', '2026-11-01T00:00:00Z', {
          status: 'UNSHIPPED',
          latestShipDate: '2026-11-03T07:59:59Z',
        }),
        order('pending-late', '2026-11-01T00:00:00Z', {
          status: 'PENDING',
          latestShipDate: '2026-11-02T07:59:59Z',
        }),
        order('pending-due', '2026-11-01T00:00:00Z', {
          status: 'PENDING',
          latestShipDate: '2026-11-04T07:59:59Z',
        }),
        order('due', '2026-11-02T00:00:00Z', {
          status: 'PARTIALLY_SHIPPED',
          latestShipDate: '2026-11-04T07:59:59Z',
        }),
      ],
    });
    expect(summary.atRisk.map((o) => [o.orderId, o.late])).toEqual([
      ['pending-late', true],
      ['late', true],
      ['due', false],
    ]);
    expect(summary.daily).toEqual([]);
    expect(summary.history.historyFrom).toBeNull();
  });
});
