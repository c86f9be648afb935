import { parseOrderReport } from '../../../shared/adapters/spapi/order-report-rows';
import {
  addLoadedOrders,
  applyOrderChanges,
  emptyHistory,
  historyDays,
  LIVE_DAYS,
} from '../../../shared/store-data/order-history-state';
import { reportChunks } from '../../../shared/store-data/report-history';
import type { OrderRecord } from '../../../shared/stores/datasets';

const HEADER = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'shipping-price',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'buyer-name',
  'buyer-email',
  'recipient-name',
  'ship-address-1',
  'cpf',
  'purchase-order-number',
];

describe('order reports: no buyer data, ever', () => {
  const row = (cells: Record<string, string>) => HEADER.map((column) => cells[column] ?? '').join('\t');
  const report = [
    HEADER.join('\t'),
    row({
      'amazon-order-id': '203-1234567-7654321',
      'purchase-date': '2026-11-01T10:00:00+00:00',
      'last-updated-date': '2026-11-02T10:00:00+00:00',
      'order-status': 'Shipped - Delivered to Buyer',
      'fulfillment-channel': 'Amazon',
      sku: 'SKU-1',
      'item-status': 'Shipped',
      quantity: '2',
      currency: 'GBP',
      'item-price': '19.98',
      'shipping-price': '2.99',
      'ship-city': 'LONDON',
      'ship-postal-code': 'E1 6AN',
      'buyer-name': 'Jane Example',
      'buyer-email': 'jane@example.invalid',
      'recipient-name': 'Jane Example',
      'ship-address-1': '1 Example Street',
      cpf: '123.456.789-00',
      'purchase-order-number': 'PO-1',
    }),
    row({
      'amazon-order-id': '203-1234567-7654321',
      'purchase-date': '2026-11-01T10:00:00+00:00',
      'order-status': 'Shipped',
      sku: 'SKU-2',
      'item-status': 'Shipped',
      quantity: '1',
      currency: 'GBP',
      'item-price': '5.00',
    }),
    row({
      'amazon-order-id': '203-7654321-1234567',
      'purchase-date': '2026-11-01T11:00:00+00:00',
      'order-status': 'Pending',
      'fulfillment-channel': 'Merchant',
      sku: 'SKU-1',
      quantity: '1',
    }),
  ].join('\n');

  it('keeps only the allow-listed columns: no name, email, address, postal code, tax id or PO number', () => {
    const orders = parseOrderReport(report, 'A1F83G8C2ARO7P');
    const text = JSON.stringify(orders);
    for (const leaked of ['LONDON', 'E1 6AN', 'Jane', 'jane@', 'Example Street', '123.456', 'PO-1'])
      expect(text).not.toContain(leaked);
    expect(orders).toEqual([
      {
        orderId: '203-1234567-7654321',
        marketplaceId: 'A1F83G8C2ARO7P',
        status: 'SHIPPED',
        channel: 'AFN',
        createdTime: '2026-11-01T10:00:00.000Z',
        lastUpdatedTime: '2026-11-02T10:00:00.000Z',
        latestShipDate: undefined,
        total: { currency: 'GBP', amount: 27.97 },
        items: [
          { sellerSku: 'SKU-1', quantity: 2 },
          { sellerSku: 'SKU-2', quantity: 1 },
        ],
      },
      expect.objectContaining({
        orderId: '203-7654321-1234567',
        status: 'PENDING',
        channel: 'MFN',
        total: undefined,
      }),
    ]);
  });

  it('splits a window into reports of at most 30 days, newest first', () => {
    const chunks = reportChunks(new Date('2026-08-05T00:00:00Z'), new Date('2026-11-03T00:00:00Z'));
    expect(chunks.map((chunk) => [chunk.start.slice(0, 10), chunk.end.slice(0, 10)])).toEqual([
      ['2026-10-04', '2026-11-03'],
      ['2026-09-04', '2026-10-04'],
      ['2026-08-05', '2026-09-04'],
    ]);
  });
});

describe('the stored history: recent and open orders whole, older days folded, nothing counted twice', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const order = (
    orderId: string,
    daysAgo: number,
    status: OrderRecord['status'] = 'SHIPPED',
  ): OrderRecord => {
    const created = new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    return {
      orderId,
      marketplaceId: 'A1F83G8C2ARO7P',
      status,
      channel: 'MFN',
      createdTime: created,
      lastUpdatedTime: created,
      latestShipDate: undefined,
      total: { currency: 'GBP', amount: 10 },
      items: [{ sellerSku: 'SKU-1', quantity: 1 }],
    };
  };

  it('folds old shipped orders, keeps open ones whole, and ignores a change to a folded order', () => {
    let history = emptyHistory('Europe/London', now);
    history = addLoadedOrders(
      history,
      [order('old', 40), order('old-open', 40, 'UNSHIPPED'), order('new', 2)],
      now,
    );
    expect(history.live.map((o) => o.orderId).sort()).toEqual(['new', 'old-open']);
    expect(history.settled.reduce((sum, day) => sum + day.orders, 0)).toBe(1);

    // The same orders again (overlapping report windows) and a late change to the folded one.
    history = addLoadedOrders(history, [order('new', 2)], now);
    history = applyOrderChanges(history, [{ ...order('old', 40), status: 'CANCELLED' }], now);
    history = applyOrderChanges(
      history,
      [{ ...order('old-open', 40), status: 'SHIPPED', lastUpdatedTime: now.toISOString() }],
      now,
    );
    const total = historyDays(history).reduce((sum, day) => sum + day.orders, 0);
    expect(total).toBe(3);
    // The open order shipped: it is folded now, once.
    expect(history.live.map((o) => o.orderId)).toEqual(['new']);
    expect(LIVE_DAYS).toBeGreaterThanOrEqual(7);
  });
});
