import { BadRequest } from '../../../shared/errors';
import {
  atRiskOrders,
  summarizeOrderHistory,
  type SummarizeOrderHistoryInput,
} from '../../../shared/summaries/orders-summary';
import { AS_OF, inHours, order, STORE_ID, US } from './fixtures/records';

// The orders view's summary (store-data-service reads it). Its days, windows and late shipments are worked
// through in marketplace-days.test.ts; here, what it refuses and what it never carries.
const summarize = (overrides: Partial<SummarizeOrderHistoryInput> = {}) =>
  summarizeOrderHistory({
    storeId: STORE_ID,
    marketplaceId: US,
    asOf: AS_OF,
    source: 'amazon',
    days: 7,
    timeZone: 'America/Los_Angeles',
    dayTotals: [],
    loadedFrom: undefined,
    openOrders: [],
    ...overrides,
  });

describe('summarizeOrderHistory', () => {
  it.each([0, -1, 1.5, 731, Number.NaN])('refuses %p days with a 400', (days) => {
    expect(() => summarize({ days })).toThrow(BadRequest);
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => summarize({ timeZone: 'Mars/Olympus_Mons' })).toThrow(BadRequest);
  });

  it('carries no buyer data: only the fields of the contract and their additions', () => {
    const summary = summarize({
      openOrders: [
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
        'history',
        'marketplaceId',
        'source',
        'storeId',
        'timeZone',
        'totals',
      ].sort(),
    );
    expect(Object.keys(summary.atRisk[0]!).sort()).toEqual(
      [
        'channel',
        'dueInHours',
        'items',
        'late',
        'latestShipDate',
        'marketplaceId',
        'orderId',
        'status',
      ].sort(),
    );
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('atRiskOrders', () => {
  it("lists each at-risk order's SKUs and quantities, in the order's own order", () => {
    const [atRisk] = atRiskOrders(
      [
        order({
          status: 'UNSHIPPED',
          latestShipDate: inHours(2),
          items: [
            { sellerSku: 'LAMP-01', quantity: 2 },
            { sellerSku: 'BULB-60W', quantity: 6 },
          ],
        }),
      ],
      AS_OF.getTime(),
    );

    expect(atRisk?.items).toEqual([
      { sellerSku: 'LAMP-01', quantity: 2 },
      { sellerSku: 'BULB-60W', quantity: 6 },
    ]);
  });

  it('says null, never an empty list, when the source gives no items (Orders v0 getOrders)', () => {
    const [atRisk] = atRiskOrders(
      [order({ status: 'UNSHIPPED', latestShipDate: inHours(-3), items: [] })],
      AS_OF.getTime(),
    );

    expect(atRisk?.late).toBe(true);
    expect(atRisk?.items).toBeNull();
  });

  it('carries only the SKU and quantity of an item, nothing else the record may hold', () => {
    const item = { sellerSku: 'LAMP-01', quantity: 1, buyerNote: 'x' } as {
      sellerSku: string;
      quantity: number;
    };
    const [atRisk] = atRiskOrders(
      [order({ status: 'PARTIALLY_SHIPPED', latestShipDate: inHours(5), items: [item] })],
      AS_OF.getTime(),
    );

    expect(atRisk?.items).toEqual([{ sellerSku: 'LAMP-01', quantity: 1 }]);
  });
});
