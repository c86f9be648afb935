import { OrdersApi as OrdersApi2026 } from '@sp-api-sdk/orders-api-2026-01-01';
import { OrdersApi as OrdersApiV0 } from '@sp-api-sdk/orders-api-v0';
import type { AxiosInstance } from 'axios';
import type { Region } from '../../amazon/marketplaces';
import type { OrdersSource } from '../../ports';
import { ORDER_STATUSES, type OrderRecord, type OrderStatus } from '../../stores/datasets';
import { ORDERS_OPERATIONS } from './lazy-sources';
import { parseAnswer, rateLimitOf, toSpApiError, withAccessToken } from './spapi-http';
import {
  getOrdersResponseSchema,
  searchOrdersResponseSchema,
  type Order2026Answer,
  type OrderV0Answer,
} from './spapi-schemas';

const perRegion = <T>(create: (region: Region) => T) => {
  const clients = new Map<Region, T>();
  return (region: Region): T => {
    let client = clients.get(region);
    if (client === undefined) {
      client = create(region);
      clients.set(region, client);
    }
    return client;
  };
};

const amount = (value: string | number | undefined): number => {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
};

function fromOrder2026(order: Order2026Answer, marketplaceId: string): OrderRecord {
  const status = order.fulfillment?.fulfillmentStatus as OrderStatus | undefined;
  const total = order.proceeds?.grandTotal;
  return {
    orderId: order.orderId,
    marketplaceId: order.salesChannel.marketplaceId ?? marketplaceId,
    status: status !== undefined && ORDER_STATUSES.includes(status) ? status : 'PENDING',
    channel: order.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN',
    createdTime: order.createdTime,
    lastUpdatedTime: order.lastUpdatedTime,
    latestShipDate: order.fulfillment?.shipByWindow?.latestDateTime,
    total: total === undefined ? undefined : { currency: total.currencyCode, amount: amount(total.amount) },
    items: (order.orderItems ?? []).flatMap((item) =>
      item.product?.sellerSku === undefined
        ? []
        : [{ sellerSku: item.product.sellerSku, quantity: item.quantityOrdered }],
    ),
  };
}

/**
 * Orders 2026-01-01 searchOrders (the default): order items come with every order, so unit velocity per SKU needs
 * no extra calls. Only FULFILLMENT and PROCEEDS are requested: never BUYER or RECIPIENT.
 */
export function createOrders2026Source(
  endpoints: Readonly<Record<Region, string>>,
  http: AxiosInstance,
): OrdersSource {
  const client = perRegion((region) => new OrdersApi2026(undefined, endpoints[region], http));
  return {
    operation: ORDERS_OPERATIONS['2026-01-01'],
    async fetchOrdersPage(query) {
      try {
        const response = await client(query.region).searchOrders(
          {
            marketplaceIds: [query.marketplaceId],
            ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
            ...(query.createdBefore === undefined ? {} : { createdBefore: query.createdBefore }),
            ...(query.lastUpdatedAfter === undefined ? {} : { lastUpdatedAfter: query.lastUpdatedAfter }),
            ...(query.statuses === undefined
              ? {}
              : {
                  fulfillmentStatuses: query.statuses.filter((status) => status !== 'PENDING_AVAILABILITY'),
                }),
            maxResultsPerPage: 100,
            includedData: ['FULFILLMENT', 'PROCEEDS'],
            ...(query.nextToken === undefined ? {} : { paginationToken: query.nextToken }),
          },
          withAccessToken(query.accessToken),
        );
        const answer = parseAnswer(searchOrdersResponseSchema, response, 'searchOrders');
        return {
          records: answer.orders.map((order) => fromOrder2026(order, query.marketplaceId)),
          nextToken: answer.pagination?.nextToken,
          rateLimit: rateLimitOf(response.headers),
        };
      } catch (error) {
        throw toSpApiError(error, 'searchOrders');
      }
    },
  };
}

const V0_STATUSES: Record<string, OrderStatus> = {
  PendingAvailability: 'PENDING_AVAILABILITY',
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
  Unfulfillable: 'UNFULFILLABLE',
  // Shipped, waiting for the invoice upload (some marketplaces): still shipped for fulfilment monitoring.
  InvoiceUnconfirmed: 'SHIPPED',
};

const toV0Status = (status: OrderStatus): string =>
  Object.entries(V0_STATUSES).find(([, mapped]) => mapped === status)?.[0] ?? 'Pending';

function fromOrderV0(order: OrderV0Answer, marketplaceId: string): OrderRecord {
  return {
    orderId: order.AmazonOrderId,
    marketplaceId: order.MarketplaceId ?? marketplaceId,
    status: V0_STATUSES[order.OrderStatus] ?? 'PENDING',
    channel: order.FulfillmentChannel === 'AFN' ? 'AFN' : 'MFN',
    createdTime: order.PurchaseDate,
    lastUpdatedTime: order.LastUpdateDate,
    latestShipDate: order.LatestShipDate,
    total:
      order.OrderTotal?.CurrencyCode === undefined
        ? undefined
        : { currency: order.OrderTotal.CurrencyCode, amount: amount(order.OrderTotal.Amount) },
    // getOrders carries no items; per-SKU velocity needs Orders 2026-01-01 (v0 retires 2027-03-27).
    items: [],
  };
}

/** Orders v0 getOrders, selectable per stage until the 2027-03-27 retirement. */
export function createOrdersV0Source(
  endpoints: Readonly<Record<Region, string>>,
  http: AxiosInstance,
): OrdersSource {
  const client = perRegion((region) => new OrdersApiV0(undefined, endpoints[region], http));
  return {
    operation: ORDERS_OPERATIONS.v0,
    async fetchOrdersPage(query) {
      try {
        const response = await client(query.region).getOrders(
          {
            marketplaceIds: [query.marketplaceId],
            ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
            ...(query.createdBefore === undefined ? {} : { createdBefore: query.createdBefore }),
            ...(query.lastUpdatedAfter === undefined ? {} : { lastUpdatedAfter: query.lastUpdatedAfter }),
            ...(query.statuses === undefined ? {} : { orderStatuses: query.statuses.map(toV0Status) }),
            maxResultsPerPage: 100,
            ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }),
          },
          withAccessToken(query.accessToken),
        );
        const { payload } = parseAnswer(getOrdersResponseSchema, response, 'getOrders');
        return {
          records: payload.Orders.map((order) => fromOrderV0(order, query.marketplaceId)),
          nextToken: payload.NextToken,
          rateLimit: rateLimitOf(response.headers),
        };
      } catch (error) {
        throw toSpApiError(error, 'getOrders');
      }
    },
  };
}
