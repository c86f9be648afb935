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

export interface SalesVelocity {
  /**
   * `order-history`: counted from the stored order history; `sales-api`: Sales API getOrderMetrics per SKU;
   * `unknown`: nothing could be read yet (the items then say "sales history loading", never "no sales").
   */
  readonly source: 'order-history' | 'sales-api' | 'unknown';
  /** How many days back the counts reach (≤ 60); a window longer than this is not counted as zero. */
  readonly coveredDays: number;
  /** False while any window the planner uses is not fully read: numbers from it are provisional. */
  readonly complete: boolean;
  /** Units sold per seller SKU; a SKU absent here sold nothing in the covered days (when `source` is known). */
  readonly unitsBySku: ReadonlyMap<string, SkuUnitsSold>;
  /** When the counts were taken. */
  readonly asOf: string;
}
