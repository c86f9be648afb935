import { formatAmount } from '../data/marketplaces';
import type { FulfillmentChannel, OrderStatus, SeededOrder } from '../data/orders';
import { invalidInput, SpApiError } from './errors';
import { ownerOf, type OperationRequest, type OperationResult, type SpApiOperation } from './operation';
import {
  checkMarketplaces,
  readDateWindow,
  readPageSize,
  selectOrders,
  type OrderCriteria,
} from './order-selection';
import { isoSeconds } from './query';

// Orders v0 getOrders (ordersV0.json). Buyer and address data are absent, as for an app without restricted
// roles. NextToken keeps the original filters; Amazon documents no expiry for it, so it lives as long as
// the sandbox (a day on the sandbox clock at most).

const NEXT_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
const MAX_MARKETPLACES = 50;
const MAX_ORDER_IDS = 50;

const STATUS_NAMES: Record<OrderStatus, string> = {
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
};

/** Every OrderStatuses value the model lists; the sandbox never produces the last three. */
const STATUS_FILTERS: Record<string, OrderStatus | undefined> = {
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
  PendingAvailability: undefined,
  InvoiceUnconfirmed: undefined,
  Unfulfillable: undefined,
};

interface OrdersV0Cursor {
  criteria: OrderCriteria;
  pageSize: number;
  offset: number;
}

function shipServiceLevel(order: SeededOrder): string {
  if (order.channel === 'AFN') return order.serviceLevel;
  const prefix = { Standard: 'Std', Expedited: 'Exp', SecondDay: 'Second', NextDay: 'Next' }[
    order.serviceLevel
  ];
  return `${prefix} ${order.marketplace.countryCode} D2D Dom`;
}

export function toOrderV0(order: SeededOrder): Record<string, unknown> {
  const shipped = order.items.reduce((sum, item) => sum + item.quantityShipped, 0);
  const ordered = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const priced = order.status !== 'PENDING' && order.status !== 'CANCELLED';
  const merchant = order.channel === 'MFN';
  const total =
    order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0) + order.shippingCharge;
  return {
    AmazonOrderId: order.orderId,
    SellerOrderId: order.orderId,
    PurchaseDate: isoSeconds(order.purchaseDate),
    LastUpdateDate: isoSeconds(order.lastUpdateDate),
    OrderStatus: STATUS_NAMES[order.status],
    FulfillmentChannel: order.channel,
    SalesChannel: order.marketplace.name,
    ShipServiceLevel: shipServiceLevel(order),
    ...(priced
      ? {
          OrderTotal: {
            CurrencyCode: order.marketplace.currency,
            Amount: formatAmount(total, order.marketplace),
          },
        }
      : {}),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: order.status === 'CANCELLED' ? 0 : ordered - shipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    IsReplacementOrder: false,
    MarketplaceId: order.marketplace.id,
    ShipmentServiceLevelCategory: order.serviceLevel,
    OrderType: 'StandardOrder',
    ...(merchant && order.earliestShipDate && order.latestShipDate
      ? {
          EarliestShipDate: isoSeconds(order.earliestShipDate),
          LatestShipDate: isoSeconds(order.latestShipDate),
        }
      : {}),
    ...(merchant && priced && order.earliestDeliveryDate && order.latestDeliveryDate
      ? {
          EarliestDeliveryDate: isoSeconds(order.earliestDeliveryDate),
          LatestDeliveryDate: isoSeconds(order.latestDeliveryDate),
        }
      : {}),
    IsBusinessOrder: order.isBusiness,
    IsPrime: order.isPrime,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsSoldByAB: false,
    IsIBA: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    ...(merchant ? { AutomatedShippingSettings: { HasAutomatedShippingSettings: false } } : {}),
  };
}

function firstPageCursor({ query, seller, now }: OperationRequest, marketplaceIds: string[]): OrdersV0Cursor {
  const window = readDateWindow(
    query,
    {
      createdAfter: 'CreatedAfter',
      createdBefore: 'CreatedBefore',
      lastUpdatedAfter: 'LastUpdatedAfter',
      lastUpdatedBefore: 'LastUpdatedBefore',
    },
    now,
    { requireTime: false },
  );
  const statusNames = query.list('OrderStatuses');
  const unknownStatus = statusNames.find((name) => !(name in STATUS_FILTERS));
  if (unknownStatus !== undefined)
    throw invalidInput(`OrderStatuses contains an unknown status ${unknownStatus}.`);
  const channels = query.list('FulfillmentChannels');
  if (channels.some((channel) => channel !== 'AFN' && channel !== 'MFN')) {
    throw invalidInput('FulfillmentChannels accepts AFN and MFN.');
  }
  const orderIds = query.list('AmazonOrderIds');
  if (orderIds.length > MAX_ORDER_IDS)
    throw invalidInput(`AmazonOrderIds accepts at most ${MAX_ORDER_IDS} ids.`);
  checkMarketplaces(seller, marketplaceIds);
  return {
    criteria: {
      ...window,
      marketplaceIds,
      ...(statusNames.length > 0
        ? {
            statuses: statusNames
              .map((name) => STATUS_FILTERS[name])
              .filter((status): status is OrderStatus => status !== undefined),
          }
        : {}),
      ...(channels.length > 0 ? { channels: channels as FulfillmentChannel[] } : {}),
      ...(orderIds.length > 0 ? { orderIds } : {}),
    },
    pageSize: readPageSize(query, 'MaxResultsPerPage'),
    offset: 0,
  };
}

function getOrders(request: OperationRequest): OperationResult {
  const { query, context, grant, seller } = request;
  const marketplaceIds = query.list('MarketplaceIds');
  if (marketplaceIds.length === 0) throw invalidInput('MarketplaceIds is required.');
  if (marketplaceIds.length > MAX_MARKETPLACES) {
    throw invalidInput(`MarketplaceIds accepts at most ${MAX_MARKETPLACES} marketplaces.`);
  }

  const nextToken = query.string('NextToken');
  let cursor: OrdersV0Cursor;
  if (nextToken !== undefined) {
    const redeemed = context.pageTokens.redeem<OrdersV0Cursor>(nextToken, ownerOf(grant), 'getOrders');
    if (redeemed.status !== 'ok') {
      throw new SpApiError(
        400,
        'InvalidInput',
        'We could not decode your NextToken. Possible reasons include: a transmission error, improper quoting or a truncation problem.',
      );
    }
    cursor = redeemed.state;
  } else {
    cursor = firstPageCursor(request, marketplaceIds);
  }

  const orders = selectOrders(context.data, seller, cursor.criteria);
  const page = orders.slice(cursor.offset, cursor.offset + cursor.pageSize);
  const nextOffset = cursor.offset + cursor.pageSize;
  const upperBound = new Date(cursor.criteria.beforeMs);
  return {
    status: 200,
    body: {
      payload: {
        Orders: page.map(toOrderV0),
        ...(nextOffset < orders.length
          ? {
              NextToken: context.pageTokens.issue(
                ownerOf(grant),
                'getOrders',
                { ...cursor, offset: nextOffset },
                NEXT_TOKEN_LIFETIME_MS,
              ),
            }
          : {}),
        ...(cursor.criteria.field === 'created'
          ? { CreatedBefore: isoSeconds(upperBound) }
          : { LastUpdatedBefore: isoSeconds(upperBound) }),
      },
    },
  };
}

export const getOrdersOperation: SpApiOperation = {
  operationId: 'getOrders',
  method: 'GET',
  path: '/orders/v0/orders',
  usagePlan: { rate: 0.0167, burst: 20 },
  listing: {
    pageTokenParameter: 'NextToken',
    list: ['payload', 'Orders'],
    nextToken: ['payload', 'NextToken'],
  },
  handle: getOrders,
};
