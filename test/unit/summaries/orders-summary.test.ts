import { BadRequest } from '../../../shared/errors';
import type { OrderRecord } from '../../../shared/stores/datasets';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import {
  summarizeOrders,
  type OrdersSummary,
  type SummarizeOrdersInput,
} from '../../../shared/summaries/orders-summary';
import { AS_OF, CA, ago, inHours, jpy, money, order, STORE_ID, US, usd } from './fixtures/records';

function summarize(overrides: Partial<SummarizeOrdersInput> = {}): OrdersSummary {
  return summarizeOrders({
    storeId: STORE_ID,
    marketplaceId: US,
    asOf: AS_OF,
    source: 'amazon',
    days: 7,
    orders: [],
    ...overrides,
  });
}

const ZERO_STATUSES = {
  PENDING_AVAILABILITY: 0,
  PENDING: 0,
  UNSHIPPED: 0,
  PARTIALLY_SHIPPED: 0,
  SHIPPED: 0,
  CANCELLED: 0,
  UNFULFILLABLE: 0,
};

describe('summarizeOrders', () => {
  it('summarizes no orders with every status and channel at 0 and one empty day per calendar day', () => {
    expect(summarize({ days: 3, source: 'snapshot' })).toEqual({
      storeId: STORE_ID,
      marketplaceId: US,
      asOf: '2026-03-10T15:00:00.000Z',
      source: 'snapshot',
      days: 3,
      from: '2026-03-07T15:00:00.000Z',
      timeZone: 'UTC',
      totals: {
        orders: 0,
        byStatus: ZERO_STATUSES,
        byChannel: { AFN: 0, MFN: 0 },
        byMarketplace: {},
        revenue: [],
      },
      atRisk: [],
      daily: [
        { date: '2026-03-07', orders: 0, revenue: [] },
        { date: '2026-03-08', orders: 0, revenue: [] },
        { date: '2026-03-09', orders: 0, revenue: [] },
        { date: '2026-03-10', orders: 0, revenue: [] },
      ],
    });
  });

  it('counts orders by status, channel and marketplace', () => {
    const summary = summarize({
      orders: [
        order({ status: 'SHIPPED', channel: 'AFN' }),
        order({ status: 'SHIPPED', channel: 'MFN', marketplaceId: CA }),
        order({ status: 'UNSHIPPED', channel: 'MFN' }),
        order({ status: 'CANCELLED', channel: 'AFN' }),
        order({ status: 'PENDING_AVAILABILITY', channel: 'AFN' }),
      ],
    });

    expect(summary.totals.orders).toBe(5);
    expect(summary.totals.byStatus).toEqual({
      ...ZERO_STATUSES,
      SHIPPED: 2,
      UNSHIPPED: 1,
      CANCELLED: 1,
      PENDING_AVAILABILITY: 1,
    });
    expect(summary.totals.byChannel).toEqual({ AFN: 3, MFN: 2 });
    expect(summary.totals.byMarketplace).toEqual({ [US]: 4, [CA]: 1 });
  });

  describe('window', () => {
    it('counts an order created exactly `days` ago and one created at asOf, not a millisecond outside', () => {
      const summary = summarize({
        days: 7,
        orders: [
          order({ orderId: 'EDGE-START', createdTime: ago(7) }),
          order({
            orderId: 'BEFORE',
            createdTime: new Date(AS_OF.getTime() - 7 * MILLISECONDS_PER_DAY - 1).toISOString(),
          }),
          order({ orderId: 'EDGE-END', createdTime: AS_OF.toISOString() }),
          order({ orderId: 'AFTER', createdTime: new Date(AS_OF.getTime() + 1).toISOString() }),
          order({ orderId: 'UNREADABLE', createdTime: 'yesterday' }),
        ],
      });
      expect(summary.totals.orders).toBe(2);
      expect(summary.daily[0]).toEqual({ date: '2026-03-03', orders: 1, revenue: [usd(10)] });
      expect(summary.daily[7]).toEqual({ date: '2026-03-10', orders: 1, revenue: [usd(10)] });
    });

    it('rejects days that are not a whole number from 1 to 730', () => {
      for (const days of [0, -1, 1.5, 731, Number.NaN]) {
        expect(() => summarize({ days })).toThrow(BadRequest);
      }
      expect(summarize({ days: 730 }).daily).toHaveLength(731);
      expect(summarize({ days: 1 }).daily.map((day) => day.date)).toEqual(['2026-03-09', '2026-03-10']);
    });
  });

  describe('revenue', () => {
    it('sums per currency in minor units, rounded to each currency (JPY whole yen), sorted by code', () => {
      const summary = summarize({
        orders: [
          order({ total: usd(19.99) }),
          order({ total: usd(19.99) }),
          order({ total: usd(19.99) }),
          order({ total: money('EUR', 0.1), marketplaceId: 'A1PA6795UKMFR9' }),
          order({ total: money('eur', 0.2), marketplaceId: 'A1PA6795UKMFR9' }),
          order({ total: jpy(1500), marketplaceId: 'A1VC38T7YXB528' }),
          order({ total: jpy(2980.4), marketplaceId: 'A1VC38T7YXB528' }),
          order({ total: money('KWD', 1.2345), marketplaceId: 'A1VC38T7YXB528' }),
        ],
      });
      expect(summary.totals.revenue).toEqual([
        { currency: 'EUR', amount: 0.3 },
        { currency: 'JPY', amount: 4480 },
        { currency: 'KWD', amount: 1.235 },
        { currency: 'USD', amount: 59.97 },
      ]);
    });

    it('adds 10,000 cent amounts without floating drift', () => {
      const orders = Array.from({ length: 10_000 }, () => order({ total: usd(0.1) }));
      expect(summarize({ orders }).totals.revenue).toEqual([usd(1000)]);
    });

    it('leaves cancelled and unfulfillable orders and orders without a total out of revenue, not out of counts', () => {
      const summary = summarize({
        orders: [
          order({ status: 'SHIPPED', total: usd(25) }),
          order({ status: 'PENDING', total: usd(5) }),
          order({ status: 'PENDING', total: undefined }),
          order({ status: 'CANCELLED', total: usd(1000) }),
          order({ status: 'UNFULFILLABLE', total: usd(2000) }),
          order({ status: 'SHIPPED', total: usd(Number.NaN) }),
        ],
      });
      expect(summary.totals.orders).toBe(6);
      expect(summary.totals.revenue).toEqual([usd(30)]);
    });
  });

  describe('atRisk', () => {
    const risky = (orderId: string, status: OrderRecord['status'], latestShipDate: string | undefined) =>
      order({ orderId, status, latestShipDate, channel: 'MFN' });

    it('lists orders awaiting shipment that are late or due within 24 h: late first, then soonest due', () => {
      const summary = summarize({
        orders: [
          risky('DUE-24H', 'UNSHIPPED', inHours(24)),
          risky('DUE-25H', 'UNSHIPPED', inHours(25)),
          risky('LATE-5H', 'UNSHIPPED', inHours(-5)),
          risky('DUE-NOW', 'UNSHIPPED', inHours(0)),
          risky('DUE-80MIN', 'PARTIALLY_SHIPPED', inHours(4 / 3)),
          risky('LATE-30H', 'PARTIALLY_SHIPPED', inHours(-30)),
          risky('SHIPPED-LATE', 'SHIPPED', inHours(-5)),
          risky('PENDING-LATE', 'PENDING', inHours(-5)),
          risky('CANCELLED-LATE', 'CANCELLED', inHours(-5)),
          risky('NO-SHIP-BY', 'UNSHIPPED', undefined),
        ],
      });

      expect(summary.atRisk).toEqual([
        {
          orderId: 'LATE-30H',
          status: 'PARTIALLY_SHIPPED',
          channel: 'MFN',
          marketplaceId: US,
          latestShipDate: '2026-03-09T09:00:00.000Z',
          late: true,
          dueInHours: -30,
        },
        {
          orderId: 'LATE-5H',
          status: 'UNSHIPPED',
          channel: 'MFN',
          marketplaceId: US,
          latestShipDate: '2026-03-10T10:00:00.000Z',
          late: true,
          dueInHours: -5,
        },
        {
          orderId: 'DUE-NOW',
          status: 'UNSHIPPED',
          channel: 'MFN',
          marketplaceId: US,
          latestShipDate: '2026-03-10T15:00:00.000Z',
          late: false,
          dueInHours: 0,
        },
        {
          orderId: 'DUE-80MIN',
          status: 'PARTIALLY_SHIPPED',
          channel: 'MFN',
          marketplaceId: US,
          latestShipDate: '2026-03-10T16:20:00.000Z',
          late: false,
          dueInHours: 1.3,
        },
        {
          orderId: 'DUE-24H',
          status: 'UNSHIPPED',
          channel: 'MFN',
          marketplaceId: US,
          latestShipDate: '2026-03-11T15:00:00.000Z',
          late: false,
          dueInHours: 24,
        },
      ]);
    });

    it('normalizes ship-by times to UTC and breaks ties by orderId', () => {
      const summary = summarize({
        orders: [
          risky('B', 'UNSHIPPED', '2026-03-10T18:00:00+02:00'),
          risky('A', 'UNSHIPPED', '2026-03-10T16:00:00Z'),
        ],
      });
      expect(summary.atRisk.map((o) => [o.orderId, o.latestShipDate, o.dueInHours])).toEqual([
        ['A', '2026-03-10T16:00:00.000Z', 1],
        ['B', '2026-03-10T16:00:00.000Z', 1],
      ]);
    });

    it('only looks at orders inside the window', () => {
      const summary = summarize({
        days: 7,
        orders: [order({ status: 'UNSHIPPED', createdTime: ago(8), latestShipDate: inHours(-100) })],
      });
      expect(summary.atRisk).toEqual([]);
    });
  });

  describe('daily', () => {
    it('gives every day every currency of the totals, in the same order, with 0 on days without it', () => {
      const summary = summarize({
        days: 2,
        orders: [
          order({ createdTime: '2026-03-09T01:00:00Z', total: usd(12.5) }),
          order({ createdTime: '2026-03-09T02:00:00Z', total: jpy(800) }),
          order({ createdTime: '2026-03-09T03:00:00Z', total: usd(0.25) }),
          order({ createdTime: '2026-03-10T04:00:00Z', status: 'CANCELLED', total: usd(99) }),
        ],
      });
      expect(summary.totals.revenue).toEqual([jpy(800), usd(12.75)]);
      expect(summary.daily).toEqual([
        { date: '2026-03-08', orders: 0, revenue: [jpy(0), usd(0)] },
        { date: '2026-03-09', orders: 3, revenue: [jpy(800), usd(12.75)] },
        { date: '2026-03-10', orders: 1, revenue: [jpy(0), usd(0)] },
      ]);
    });

    it('buckets by the local calendar day of a time zone, across the US daylight-saving change', () => {
      // AS_OF is 08:00 PDT on 10 March 2026; 3 days back is 07:00 PST on 7 March (DST began 8 March, 10:00 UTC).
      const orders = [
        order({ orderId: 'SAT-LATE', createdTime: '2026-03-08T07:59:00Z' }), // 7 Mar 23:59 PST
        order({ orderId: 'SUN-LATE', createdTime: '2026-03-09T06:30:00Z' }), // 8 Mar 23:30 PDT
        order({ orderId: 'TUE-EARLY', createdTime: '2026-03-10T07:30:00Z' }), // 10 Mar 00:30 PDT
      ];

      const local = summarize({ days: 3, orders, timeZone: 'America/Los_Angeles' });
      expect(local.timeZone).toBe('America/Los_Angeles');
      expect(local.daily.map((day) => [day.date, day.orders])).toEqual([
        ['2026-03-07', 1],
        ['2026-03-08', 1],
        ['2026-03-09', 0],
        ['2026-03-10', 1],
      ]);

      const utc = summarize({ days: 3, orders });
      expect(utc.daily.map((day) => [day.date, day.orders])).toEqual([
        ['2026-03-07', 0],
        ['2026-03-08', 1],
        ['2026-03-09', 1],
        ['2026-03-10', 1],
      ]);
    });

    it('buckets ahead of UTC too (Tokyo)', () => {
      const summary = summarize({
        days: 1,
        timeZone: 'Asia/Tokyo',
        orders: [order({ createdTime: '2026-03-09T15:30:00Z' })], // 10 Mar 00:30 JST
      });
      // 1 day back from 11 Mar 00:00 JST is 10 Mar 00:00 JST: a single calendar day plus the start of the next.
      expect(summary.daily.map((day) => [day.date, day.orders])).toEqual([
        ['2026-03-10', 1],
        ['2026-03-11', 0],
      ]);
    });

    it('adds up to the totals', () => {
      const orders = Array.from({ length: 200 }, (_, i) =>
        order({ createdTime: ago(i % 30, i % 24), total: usd(1.01) }),
      );
      const summary = summarize({ days: 30, orders, timeZone: 'Europe/Berlin' });
      expect(summary.daily.reduce((sum, day) => sum + day.orders, 0)).toBe(summary.totals.orders);
      expect(summary.totals.orders).toBe(200);
      expect(summary.totals.revenue).toEqual([usd(202)]);
    });

    it('rejects a time zone the runtime does not know', () => {
      expect(() => summarize({ timeZone: 'Mars/Olympus_Mons' })).toThrow(BadRequest);
    });
  });

  it('carries no buyer data: only the fields of the contract and their additions', () => {
    const summary = summarize({
      orders: [
        order({ status: 'UNSHIPPED', latestShipDate: inHours(1), items: [{ sellerSku: 'A', quantity: 1 }] }),
      ],
    });
    expect(Object.keys(summary).sort()).toEqual(
      [
        'asOf',
        'atRisk',
        'daily',
        'days',
        'from',
        'marketplaceId',
        'source',
        'storeId',
        'timeZone',
        'totals',
      ].sort(),
    );
    expect(Object.keys(summary.atRisk[0]!).sort()).toEqual(
      ['channel', 'dueInHours', 'late', 'latestShipDate', 'marketplaceId', 'orderId', 'status'].sort(),
    );
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
