import { BadRequest } from '../../../shared/errors';
import {
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
      ['channel', 'dueInHours', 'late', 'latestShipDate', 'marketplaceId', 'orderId', 'status'].sort(),
    );
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
