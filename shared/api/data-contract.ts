/**
 * The data routes' answers (docs/contracts.md: inventory, orders, `freshness`), one definition for the API
 * and the dashboard: `dashboard/src/api/types.ts` re-exports these, so a field the API sends cannot be missed
 * by the UI. Types only: nothing here runs.
 */
import type { InventorySummaryWithOrigins } from '../summaries/sales-api-velocity';
import type { HistoryCoverage, OrdersSummary } from '../summaries/orders-summary';

export type { HistoryCoverage };

/** `amazon` = read from Amazon for this request; `snapshot` = the stored copy (docs/contracts.md). */
export type DataSource = 'amazon' | 'snapshot';

/** On every data answer. `complete: false` whenever any part of the requested window is not yet read. */
export interface Freshness {
  /** Seconds since the data was read from Amazon. */
  readonly ageSeconds: number;
  readonly complete: boolean;
  /** Ask again after this long: more of the window will have been read (or the usage plan will allow it). */
  readonly retryAfterSeconds?: number;
  /** The first day (`YYYY-MM-DD`) Amazon may still restate; figures from there on are provisional. */
  readonly provisionalFrom?: string;
}

/**
 * How the open orders (what ships late) were read. They are read directly from Amazon on every orders view,
 * whatever the history's state; `complete: false` means they could not be (throttled, Amazon down): the view
 * then shows no all-clear.
 */
export interface OpenOrdersCoverage {
  readonly complete: boolean;
  /** When they were read (ISO-8601), null when they could not be. */
  readonly readAt: string | null;
  /** `orders-api`: a listing of open orders; `order-history`: the history just synced, which holds them all. */
  readonly source: 'orders-api' | 'order-history' | null;
}

/** Where the history comes from while it loads and after. */
export type HistorySource = 'orders-api' | 'reports-api';

/** `GET /api/stores/{storeId}/orders` */
export type OrdersResponse = OrdersSummary & {
  readonly freshness: Freshness;
  /** Days loaded of days requested; `historyFrom` is the first day counted. */
  readonly history: HistoryCoverage & { readonly source: HistorySource | null };
  readonly openOrders: OpenOrdersCoverage;
};

/** `GET /api/stores/{storeId}/inventory` */
export type InventoryResponse = InventorySummaryWithOrigins & {
  /** `complete` is false while the sales velocity behind the plans is provisional (`velocity.complete`). */
  readonly freshness: Freshness;
};
