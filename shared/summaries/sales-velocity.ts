/**
 * The contract between where sales come from (the order history, or the Sales API `getOrderMetrics` per SKU while
 * the history is still loading) and the restock planner that uses them. The inventory view builds one of these per
 * marketplace and hands it to `summarizeInventory`; it never reads as "no sales" what it simply does not know.
 */
export interface SkuUnitsSold {
  /** Units sold in the last 7, 30 and 60 marketplace days (ending yesterday or today, as `asOf` says). */
  readonly d7: number;
  readonly d30: number;
  readonly d60: number;
}

/**
 * `order-history`: counted from the stored order history; `sales-api`: Sales API getOrderMetrics per SKU;
 * `unknown`: nothing could be read yet (the items then say "sales history loading", never "no sales").
 */
export type VelocitySource = 'order-history' | 'sales-api' | 'unknown';

export interface SalesVelocity {
  readonly source: VelocitySource;
  /** How many days back the counts reach (≤ 60); a window longer than this is not counted as zero. */
  readonly coveredDays: number;
  /**
   * False while any window the planner uses is not fully read: numbers from it are provisional. For `sales-api`
   * every SKU it holds is counted over all `coveredDays` (Amazon's own figures), so it is true.
   */
  readonly complete: boolean;
  /**
   * Units sold per seller SKU. `order-history`: a SKU absent here sold nothing in the covered days. `sales-api`:
   * exactly the SKUs read so far (one request each); a SKU absent here is not known yet, never zero.
   */
  readonly unitsBySku: ReadonlyMap<string, SkuUnitsSold>;
  /** When the counts were taken. */
  readonly asOf: string;
}

/** Where one SKU's velocity came from and how many days it covers (0 while it is not known). */
export interface SkuVelocityOrigin {
  readonly velocitySource: VelocitySource;
  readonly velocityDays: number;
}

/** A SKU's velocity is known from this velocity (a `sales-api` velocity knows only the SKUs it read). */
export const knowsSku = (velocity: SalesVelocity, sellerSku: string): boolean =>
  velocity.source === 'order-history' ||
  (velocity.source === 'sales-api' && velocity.unitsBySku.has(sellerSku));
