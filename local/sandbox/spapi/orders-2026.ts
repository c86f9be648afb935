import { formatAmount, type Marketplace } from '../data/marketplaces';
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

// Orders 2026-01-01 searchOrders (orders_2026-01-01.json). Without includedData an order carries only its
// basic fields; FULFILLMENT, PROCEEDS, CANCELLATION and PACKAGES add their blocks. BUYER and RECIPIENT stay
// empty (no restricted role), as do the datasets the sandbox does not model (TAX, PAYMENT, EXPENSE,
// PROMOTION, FULFILLMENT_ORDERS). Pagination tokens expire after 24 hours, as the migration guide states.

const PAGINATION_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
const MAX_MARKETPLACES = 50;

const FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;

const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
type IncludedData = (typeof INCLUDED_DATA)[number];

const FULFILLED_BY: Record<string, FulfillmentChannel> = { AMAZON: 'AFN', MERCHANT: 'MFN' };

const SERVICE_LEVELS: Record<SeededOrder['serviceLevel'], string> = {
  Standard: 'STANDARD',
  Expedited: 'EXPEDITED',
  SecondDay: 'SECOND_DAY',
  NextDay: 'NEXT_DAY',
};

interface SearchOrdersCursor {
  criteria: OrderCriteria;
  included: IncludedData[];
  pageSize: number;
  offset: number;
}

function money(minorUnits: number, marketplace: Marketplace): { amount: string; currencyCode: string } {
  return { amount: formatAmount(minorUnits, marketplace), currencyCode: marketplace.currency };
}

export function toOrder2026(
  order: SeededOrder,
  included: ReadonlySet<IncludedData>,
): Record<string, unknown> {
  const { marketplace } = order;
  const merchant = order.channel === 'MFN';
  const priced = order.status !== 'PENDING' && order.status !== 'CANCELLED';
  const programs = [...(order.isPrime ? ['PRIME'] : []), ...(order.isBusiness ? ['AMAZON_BUSINESS'] : [])];
  const itemsTotal = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);

  const fulfillment = {
    fulfillmentStatus: order.status,
    fulfilledBy: merchant ? 'MERCHANT' : 'AMAZON',
    fulfillmentServiceLevel: SERVICE_LEVELS[order.serviceLevel],
    ...(merchant && order.earliestShipDate && order.latestShipDate
      ? {
          shipByWindow: {
            earliestDateTime: isoSeconds(order.earliestShipDate),
            latestDateTime: isoSeconds(order.latestShipDate),
          },
        }
      : {}),
    ...(merchant && priced && order.earliestDeliveryDate && order.latestDeliveryDate
      ? {
          deliverByWindow: {
            earliestDateTime: isoSeconds(order.earliestDeliveryDate),
            latestDateTime: isoSeconds(order.latestDeliveryDate),
          },
        }
      : {}),
  };

  const proceeds = {
    grandTotal: money(itemsTotal + order.shippingCharge, marketplace),
    breakdowns: [
      { type: 'ITEM', subtotal: money(itemsTotal, marketplace) },
      ...(order.shippingCharge > 0
        ? [{ type: 'SHIPPING', subtotal: money(order.shippingCharge, marketplace) }]
        : []),
    ],
  };

  const orderItems = order.items.map((item) => ({
    orderItemId: item.orderItemId,
    quantityOrdered: item.quantity,
    product: {
      asin: item.asin,
      title: item.title,
      sellerSku: item.sellerSku,
      condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
      price: { unitPrice: money(item.unitPrice, marketplace) },
    },
    ...(included.has('PROCEEDS') && priced
      ? {
          proceeds: {
            proceedsTotal: money(item.unitPrice * item.quantity, marketplace),
            breakdowns: [{ type: 'ITEM', subtotal: money(item.unitPrice * item.quantity, marketplace) }],
          },
        }
      : {}),
    ...(included.has('CANCELLATION') && order.status === 'CANCELLED'
      ? {
          cancellation: {
            cancellationRequest: { requester: 'BUYER', cancelReason: 'Order placed by mistake' },
            cancellationExecution: { cancelledBy: 'BUYER', cancelReason: 'Order placed by mistake' },
          },
        }
      : {}),
    ...(included.has('FULFILLMENT')
      ? {
          fulfillment: {
            quantityFulfilled: item.quantityShipped,
            quantityUnfulfilled: order.status === 'CANCELLED' ? 0 : item.quantity - item.quantityShipped,
          },
        }
      : {}),
  }));

  const shippedPackage = order.package;
  return {
    orderId: order.orderId,
    orderAliases: [{ aliasId: order.orderId, aliasType: 'SELLER_ORDER_ID' }],
    createdTime: isoSeconds(order.purchaseDate),
    lastUpdatedTime: isoSeconds(order.lastUpdateDate),
    ...(programs.length > 0 ? { programs } : {}),
    salesChannel: { channelName: 'AMAZON', marketplaceId: marketplace.id, marketplaceName: marketplace.name },
    ...(included.has('PROCEEDS') && priced ? { proceeds } : {}),
    ...(included.has('FULFILLMENT') ? { fulfillment } : {}),
    orderItems,
    ...(included.has('PACKAGES') && shippedPackage
      ? {
          packages: [
            {
              packageReferenceId: shippedPackage.packageReferenceId,
              createdTime: isoSeconds(shippedPackage.shippedAt),
              packageStatus: { status: shippedPackage.delivered ? 'DELIVERED' : 'SHIPPED' },
              carrier: shippedPackage.carrier,
              shipTime: isoSeconds(shippedPackage.shippedAt),
              shippingService: SERVICE_LEVELS[order.serviceLevel],
              trackingNumber: shippedPackage.trackingNumber,
              packageItems: order.items.map((item) => ({
                orderItemId: item.orderItemId,
                quantity: item.quantity,
              })),
            },
          ],
        }
      : {}),
  };
}

function firstPageCursor({ query, seller, now }: OperationRequest): SearchOrdersCursor {
  const window = readDateWindow(
    query,
    {
      createdAfter: 'createdAfter',
      createdBefore: 'createdBefore',
      lastUpdatedAfter: 'lastUpdatedAfter',
      lastUpdatedBefore: 'lastUpdatedBefore',
    },
    now,
    { requireTime: true },
  );
  const requestedMarketplaces = query.list('marketplaceIds');
  if (requestedMarketplaces.length > MAX_MARKETPLACES) {
    throw invalidInput(`marketplaceIds accepts at most ${MAX_MARKETPLACES} marketplaces.`);
  }
  checkMarketplaces(seller, requestedMarketplaces);
  const statuses = query.list('fulfillmentStatuses');
  const unknownStatus = statuses.find(
    (status) => !(FULFILLMENT_STATUSES as readonly string[]).includes(status),
  );
  if (unknownStatus !== undefined)
    throw invalidInput(`fulfillmentStatuses contains an unknown value ${unknownStatus}.`);
  const fulfilledBy = query.list('fulfilledBy');
  if (fulfilledBy.some((party) => !(party in FULFILLED_BY))) {
    throw invalidInput('fulfilledBy accepts AMAZON and MERCHANT.');
  }
  const included = query.list('includedData');
  const unknownData = included.find((name) => !(INCLUDED_DATA as readonly string[]).includes(name));
  if (unknownData !== undefined) throw invalidInput(`includedData contains an unknown value ${unknownData}.`);

  return {
    criteria: {
      ...window,
      // Without marketplaceIds, every marketplace the seller sells in within the region.
      marketplaceIds: requestedMarketplaces.length > 0 ? requestedMarketplaces : [...seller.marketplaceIds],
      ...(statuses.length > 0 ? { statuses: statuses as OrderStatus[] } : {}),
      ...(fulfilledBy.length > 0
        ? { channels: fulfilledBy.map((party) => FULFILLED_BY[party]).filter((c) => c !== undefined) }
        : {}),
    },
    included: included as IncludedData[],
    pageSize: readPageSize(query, 'maxResultsPerPage'),
    offset: 0,
  };
}

function searchOrders(request: OperationRequest): OperationResult {
  const { query, context, grant, seller } = request;
  const paginationToken = query.string('paginationToken');
  let cursor: SearchOrdersCursor;
  if (paginationToken !== undefined) {
    const redeemed = context.pageTokens.redeem<SearchOrdersCursor>(
      paginationToken,
      ownerOf(grant),
      'searchOrders',
    );
    if (redeemed.status !== 'ok') {
      throw new SpApiError(
        400,
        'InvalidInput',
        'Invalid Input',
        'The paginationToken is invalid or expired.',
      );
    }
    cursor = redeemed.state;
  } else {
    cursor = firstPageCursor(request);
  }

  const orders = selectOrders(context.data, seller, cursor.criteria);
  const page = orders.slice(cursor.offset, cursor.offset + cursor.pageSize);
  const nextOffset = cursor.offset + cursor.pageSize;
  const included = new Set(cursor.included);
  const upperBound = isoSeconds(new Date(cursor.criteria.beforeMs));
  return {
    status: 200,
    body: {
      orders: page.map((order) => toOrder2026(order, included)),
      ...(nextOffset < orders.length
        ? {
            pagination: {
              nextToken: context.pageTokens.issue(
                ownerOf(grant),
                'searchOrders',
                { ...cursor, offset: nextOffset },
                PAGINATION_TOKEN_LIFETIME_MS,
              ),
            },
          }
        : {}),
      ...(cursor.criteria.field === 'created'
        ? { createdBefore: upperBound }
        : { lastUpdatedBefore: upperBound }),
    },
  };
}

export const searchOrdersOperation: SpApiOperation = {
  operationId: 'searchOrders',
  method: 'GET',
  path: '/orders/2026-01-01/orders',
  usagePlan: { rate: 0.0056, burst: 20 },
  listing: {
    pageTokenParameter: 'paginationToken',
    list: ['orders'],
    nextToken: ['pagination', 'nextToken'],
  },
  handle: searchOrders,
};
