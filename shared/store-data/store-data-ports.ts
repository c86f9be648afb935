/** What the data views read: stored snapshots, and Amazon's SP-API sources (inventory, orders, sales, reports). */
import type { Region } from '../amazon/marketplaces';
import type { InventoryItemRecord, Money, OrderRecord, OrderStatus } from '../stores/datasets';

export interface Snapshot<T> {
  /** When this data was last read from Amazon (a read that found it unchanged counts). */
  readonly fetchedAt: string;
  readonly data: T;
  /** Which content this is (a digest of what is stored); absent for a copy stored before contents were named. */
  readonly content?: string;
}

/** A snapshot's entry in the store's versions item: its content and when that content was last read. */
export interface SnapshotVersion {
  readonly content: string;
  readonly readAt: string;
}

/** A store's snapshot versions, by `${dataset}#${marketplaceId}` (snapshotVersionKey). */
export type SnapshotVersions = ReadonlyMap<string, SnapshotVersion>;

export const snapshotVersionKey = (dataset: string, marketplaceId: string) => `${dataset}#${marketplaceId}`;

/**
 * Last fetched data per (store, dataset, marketplace), so repeated views do not call Amazon again. Beside the
 * snapshots, one small item per store says which content each holds and when it was last read (`versions`), so a
 * view can tell whether what it kept is still current without reading a snapshot, and a read that found the same
 * data rewrites only that small item.
 */
export interface SnapshotStore {
  /** `versions`, when the caller has just read them, saves reading them again. */
  get<T>(
    storeId: string,
    dataset: string,
    marketplaceId: string,
    known?: { readonly versions: SnapshotVersions },
  ): Promise<Snapshot<T> | undefined>;
  put<T>(
    storeId: string,
    dataset: string,
    marketplaceId: string,
    snapshot: { readonly fetchedAt: string; readonly data: T },
    retainSeconds: number,
  ): Promise<void>;
  /** The store's snapshot versions, in one small read; empty when none is recorded. */
  versions(storeId: string): Promise<SnapshotVersions>;
}

/** One page of an SP-API listing, with the rate Amazon announced for the operation when it did. */
export interface SpApiPage<T> {
  readonly records: T[];
  readonly nextToken: string | undefined;
  readonly rateLimit: number | undefined;
}

export interface InventorySource {
  fetchInventoryPage(args: {
    region: Region;
    accessToken: string;
    marketplaceId: string;
    nextToken: string | undefined;
  }): Promise<SpApiPage<InventoryItemRecord>>;
}

export interface OrdersQuery {
  readonly region: Region;
  readonly accessToken: string;
  readonly marketplaceId: string;
  /** createdAfter (with an optional createdBefore) or lastUpdatedAfter, ISO 8601. */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly lastUpdatedAfter?: string;
  /** Only orders in these statuses (the open-orders listing); all statuses when absent. */
  readonly statuses?: readonly OrderStatus[];
  readonly nextToken: string | undefined;
}

/** Orders behind one port: Orders 2026-01-01 `searchOrders` (default) or Orders v0 `getOrders`. */
export interface OrdersSource {
  readonly operation: 'searchOrders' | 'getOrders';
  fetchOrdersPage(query: OrdersQuery): Promise<SpApiPage<OrderRecord>>;
}

/** Sales API v1 `getOrderMetrics`: one marketplace, optionally one SKU, in the marketplace's days. */
export interface OrderMetricsQuery {
  readonly region: Region;
  readonly accessToken: string;
  readonly marketplaceId: string;
  /** `{start}--{end}` with the zone's offsets (start inclusive, end exclusive), as the model asks. */
  readonly interval: { readonly start: string; readonly end: string };
  readonly granularity: 'Day' | 'Total';
  /** IANA zone of the day boundaries (`granularityTimeZone`); must match the interval's offsets. */
  readonly timeZone: string;
  readonly sku?: string;
}

export interface OrderMetric {
  readonly interval: string;
  readonly orderCount: number;
  readonly unitCount: number;
  readonly totalSales: Money;
}

export interface SalesSource {
  getOrderMetrics(
    query: OrderMetricsQuery,
  ): Promise<{ readonly metrics: OrderMetric[]; readonly rateLimit: number | undefined }>;
}

export type ReportProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** Reports API 2021-06-30 for the bulk order history; documents are parsed with every buyer column dropped. */
export interface ReportsSource {
  createOrderReport(args: {
    region: Region;
    accessToken: string;
    marketplaceId: string;
    dataStartTime: string;
    dataEndTime: string;
  }): Promise<{ readonly reportId: string; readonly rateLimit: number | undefined }>;
  getReport(args: { region: Region; accessToken: string; reportId: string }): Promise<{
    readonly status: ReportProcessingStatus;
    readonly reportDocumentId: string | undefined;
    readonly rateLimit: number | undefined;
  }>;
  getReportDocument(args: { region: Region; accessToken: string; reportDocumentId: string }): Promise<{
    readonly url: string;
    readonly compressed: boolean;
    readonly rateLimit: number | undefined;
  }>;
  /** Downloads a report document (not an SP-API call: a presigned URL) as order records, without buyer data. */
  downloadOrderReport(args: {
    region: Region;
    url: string;
    compressed: boolean;
    marketplaceId: string;
  }): Promise<OrderRecord[]>;
}
