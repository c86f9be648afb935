import * as z from 'zod';

/**
 * The shape of the SP-API answers we read, derived from Amazon's official models (fbaInventory.json, ordersV0.json,
 * orders_2026-01-01.json) and narrowed to the fields Mint Hub relies on. Every page is parsed with these before
 * anything is read from it: a truncated body, an HTML page or a page without its list is not an empty page.
 *
 * Objects are not strict, so fields Amazon adds later pass (and are dropped). Enumerations Mint Hub maps itself
 * (order statuses, fulfilment channels) stay plain strings for the same reason: an unknown value is mapped, not
 * refused. Shared by the adapters and the sandbox tests, so the sandbox is held to the same contract.
 */

const count = z.number().int();
/** ISO 8601, as the models say: anything `Date.parse` cannot read would corrupt the order history. */
const dateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO 8601 date-time');
/** Decimal amounts are strings in both Orders models; a number is read the same way. */
const decimal = z.union([z.string(), z.number()]);
/** A next token is opaque but never empty: an empty one would restart the listing. */
const pageToken = z.string().min(1);

// FBA Inventory v1 getInventorySummaries: GetInventorySummariesResponse → GetInventorySummariesResult.
export const inventorySummarySchema = z.object({
  asin: z.string().optional(),
  fnSku: z.string().optional(),
  sellerSku: z.string().optional(),
  productName: z.string().optional(),
  lastUpdatedTime: z.string().optional(),
  inventoryDetails: z
    .object({
      fulfillableQuantity: count.optional(),
      inboundWorkingQuantity: count.optional(),
      inboundShippedQuantity: count.optional(),
      inboundReceivingQuantity: count.optional(),
      reservedQuantity: z.object({ totalReservedQuantity: count.optional() }).optional(),
      researchingQuantity: z.object({ totalResearchingQuantity: count.optional() }).optional(),
      unfulfillableQuantity: z.object({ totalUnfulfillableQuantity: count.optional() }).optional(),
    })
    .optional(),
});

export const getInventorySummariesResponseSchema = z.object({
  // The model marks `payload` optional (error answers), but a 200 without it carries no inventory: refused.
  payload: z.object({ inventorySummaries: z.array(inventorySummarySchema) }),
  pagination: z.object({ nextToken: pageToken.optional() }).optional(),
});

// Orders v0 getOrders: GetOrdersResponse → OrdersList (Orders required) → Order.
const moneyV0 = z.object({ CurrencyCode: z.string().optional(), Amount: decimal.optional() });

export const orderV0Schema = z.object({
  AmazonOrderId: z.string().min(1),
  PurchaseDate: dateTime,
  LastUpdateDate: dateTime,
  OrderStatus: z.string(),
  FulfillmentChannel: z.string().optional(),
  MarketplaceId: z.string().optional(),
  LatestShipDate: z.string().optional(),
  OrderTotal: moneyV0.optional(),
});

export const getOrdersResponseSchema = z.object({
  payload: z.object({ Orders: z.array(orderV0Schema), NextToken: pageToken.optional() }),
});

// Orders 2026-01-01 searchOrders: SearchOrdersResponse (orders required) → Order (orderItems required).
const money2026 = z.object({ amount: decimal, currencyCode: z.string() });

export const order2026Schema = z.object({
  orderId: z.string().min(1),
  createdTime: dateTime,
  lastUpdatedTime: dateTime,
  salesChannel: z.object({ marketplaceId: z.string().optional() }),
  fulfillment: z
    .object({
      fulfillmentStatus: z.string(),
      fulfilledBy: z.string().optional(),
      shipByWindow: z.object({ latestDateTime: z.string().optional() }).optional(),
    })
    .optional(),
  proceeds: z.object({ grandTotal: money2026.optional() }).optional(),
  orderItems: z.array(
    z.object({
      quantityOrdered: count,
      product: z.object({ sellerSku: z.string().optional() }),
    }),
  ),
});

export const searchOrdersResponseSchema = z.object({
  orders: z.array(order2026Schema),
  pagination: z.object({ nextToken: pageToken.optional() }).optional(),
});

export type InventorySummaryAnswer = z.infer<typeof inventorySummarySchema>;
export type OrderV0Answer = z.infer<typeof orderV0Schema>;
export type Order2026Answer = z.infer<typeof order2026Schema>;

// Sales API v1 getOrderMetrics (sales.json): GetOrderMetricsResponse → payload: OrderMetricsList.
const moneySales = z.object({ amount: decimal, currencyCode: z.string() });

export const orderMetricsIntervalSchema = z.object({
  interval: z.string().min(1),
  unitCount: count,
  orderItemCount: count,
  orderCount: count,
  totalSales: moneySales,
});

export const getOrderMetricsResponseSchema = z.object({ payload: z.array(orderMetricsIntervalSchema) });

// Reports API 2021-06-30 (reports_2021-06-30.json): CreateReportResponse, Report, ReportDocument.
export const createReportResponseSchema = z.object({ reportId: z.string().min(1) });

export const reportSchema = z.object({
  reportId: z.string().min(1),
  reportType: z.string(),
  createdTime: dateTime,
  processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
  reportDocumentId: z.string().min(1).optional(),
});

export const reportDocumentSchema = z.object({
  reportDocumentId: z.string().min(1),
  url: z.string().url(),
  compressionAlgorithm: z.enum(['GZIP']).optional(),
});

export type OrderMetricsAnswer = z.infer<typeof orderMetricsIntervalSchema>;
