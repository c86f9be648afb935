/**
 * The normalized records the Amazon adapters produce and the summaries consume. Adapters map Amazon's models
 * (FBA Inventory v1, Orders v0, Orders 2026-01-01) into these; nothing about buyers is ever carried.
 */

/** One SKU's FBA inventory in one marketplace (FBA Inventory v1 `InventorySummary` with details). */
export interface InventoryItemRecord {
  readonly sellerSku: string;
  readonly asin: string;
  readonly fnSku: string;
  readonly productName: string;
  readonly fulfillable: number;
  readonly inboundWorking: number;
  readonly inboundShipped: number;
  readonly inboundReceiving: number;
  /** totalReservedQuantity */
  readonly reserved: number;
  /** totalUnfulfillableQuantity */
  readonly unfulfillable: number;
  /** totalResearchingQuantity */
  readonly researching: number;
  readonly lastUpdatedTime: string | undefined;
}

/** Order statuses as Orders 2026-01-01 names them; v0 statuses are mapped onto these. */
export const ORDER_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type FulfillmentChannel = 'AFN' | 'MFN';

export interface Money {
  readonly currency: string;
  readonly amount: number;
}

/** One order, without buyer data. */
export interface OrderRecord {
  readonly orderId: string;
  readonly marketplaceId: string;
  readonly status: OrderStatus;
  readonly channel: FulfillmentChannel;
  readonly createdTime: string;
  readonly lastUpdatedTime: string;
  /** The end of the ship-by window (v0 LatestShipDate); absent when Amazon does not give one. */
  readonly latestShipDate: string | undefined;
  readonly total: Money | undefined;
  /** SKU quantities. Orders 2026-01-01 always carries them; v0 getOrders does not (empty there). */
  readonly items: ReadonlyArray<{ readonly sellerSku: string; readonly quantity: number }>;
}
