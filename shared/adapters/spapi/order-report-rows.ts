import { ORDER_STATUSES, type OrderRecord, type OrderStatus } from '../../stores/datasets';

/** The order report read for the bulk history: every order by purchase date, one row per order item. */
export const ORDER_REPORT_TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';

/**
 * The only columns ever read from an order report. Everything else is dropped as the file is parsed, before any
 * record exists: the buyer's city, state, postal code and country, `address-type`, `cpf` (a Brazilian tax id),
 * `purchase-order-number`, and any buyer or recipient name, email, phone or address a report type may carry.
 * An allow-list, so a column Amazon adds later is dropped too.
 */
export const ORDER_REPORT_COLUMNS = [
  'amazon-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sku',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'shipping-price',
] as const;
type Column = (typeof ORDER_REPORT_COLUMNS)[number];

/** The flat file's order statuses ("Shipped - Delivered to Buyer", "Pending - Waiting for Pick Up", …). */
function statusOf(value: string): OrderStatus {
  const text = value.trim().toLowerCase();
  if (text.startsWith('shipped')) return 'SHIPPED';
  if (text.startsWith('shipping') || text.startsWith('partially')) return 'PARTIALLY_SHIPPED';
  if (text.startsWith('unshipped')) return 'UNSHIPPED';
  if (text.startsWith('cancel')) return 'CANCELLED';
  if (text.startsWith('unfulfillable')) return 'UNFULFILLABLE';
  if (text.startsWith('pendingavailability') || text.startsWith('pending availability'))
    return 'PENDING_AVAILABILITY';
  const upper = value.trim().toUpperCase() as OrderStatus;
  return ORDER_STATUSES.includes(upper) ? upper : 'PENDING';
}

const decimal = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * Parses a tab-separated order report into order records (no latest ship date: open orders come from the Orders
 * API). Rows of one order are folded; a row without an order id or a readable purchase date is skipped.
 */
export function parseOrderReport(text: string, marketplaceId: string): OrderRecord[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split('\t');
  const index = new Map<Column, number>();
  for (const column of ORDER_REPORT_COLUMNS) {
    const at = header.indexOf(column);
    if (at >= 0) index.set(column, at);
  }
  if (!index.has('amazon-order-id') || !index.has('purchase-date'))
    throw new Error('The order report has no amazon-order-id or purchase-date column');

  type Draft = {
    record: Omit<OrderRecord, 'total' | 'items'>;
    currency: string | undefined;
    amount: number | undefined;
    items: Array<{ sellerSku: string; quantity: number }>;
  };
  const orders = new Map<string, Draft>();
  for (let row = 1; row < lines.length; row++) {
    const line = lines[row];
    if (line === undefined || line.trim() === '') continue;
    const cells = line.split('\t');
    // Only allow-listed cells are ever read; the rest of the row goes out of scope here.
    const cell = (column: Column) => {
      const at = index.get(column);
      return at === undefined ? undefined : cells[at];
    };
    const orderId = cell('amazon-order-id')?.trim();
    const purchased = Date.parse(cell('purchase-date') ?? '');
    if (!orderId || Number.isNaN(purchased)) continue;
    let draft = orders.get(orderId);
    if (draft === undefined) {
      const updated = Date.parse(cell('last-updated-date') ?? '');
      draft = {
        record: {
          orderId,
          marketplaceId,
          status: statusOf(cell('order-status') ?? ''),
          channel: (cell('fulfillment-channel') ?? '').trim().toLowerCase() === 'amazon' ? 'AFN' : 'MFN',
          createdTime: new Date(purchased).toISOString(),
          lastUpdatedTime: new Date(Number.isNaN(updated) ? purchased : updated).toISOString(),
          latestShipDate: undefined,
        },
        currency: undefined,
        amount: undefined,
        items: [],
      };
      orders.set(orderId, draft);
    }
    const price = decimal(cell('item-price'));
    const shipping = decimal(cell('shipping-price'));
    const currency = cell('currency')?.trim();
    if ((price !== undefined || shipping !== undefined) && currency) {
      draft.currency = currency;
      draft.amount = (draft.amount ?? 0) + (price ?? 0) + (shipping ?? 0);
    }
    const sku = cell('sku')?.trim();
    const quantity = Number(cell('quantity'));
    const itemCancelled = (cell('item-status') ?? '').trim().toLowerCase().startsWith('cancel');
    if (sku && Number.isInteger(quantity) && quantity > 0 && !itemCancelled)
      draft.items.push({ sellerSku: sku, quantity });
  }
  return [...orders.values()].map((draft) => ({
    ...draft.record,
    total:
      draft.currency === undefined || draft.amount === undefined
        ? undefined
        : { currency: draft.currency, amount: Math.round(draft.amount * 1e6) / 1e6 },
    items: draft.items,
  }));
}
