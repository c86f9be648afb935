/**
 * The one definition of "the velocity the inventory plan uses" from what is stored: the order history's counts,
 * and, while that history is not complete, the Sales API checkpoint's per-SKU counts (sales-api-velocity-sync.ts).
 * The inventory view calls it after moving both on; the overview calls it on the stored copies alone, so the two
 * plan every SKU from the same numbers.
 */
import type { SalesVelocity } from '../summaries/sales-velocity';
import { inventoryVelocity, storedCheckpoint, velocityFromSalesApi } from '../summaries/sales-api-velocity';
import { velocityFromHistory } from '../summaries/velocity-from-history';
import { historyDays, historySettled, loadedFromDate, type OrderHistory } from './order-history-state';

/** The order history's velocity: complete once every day of the window is read and nothing is left to settle. */
export function historyVelocity(
  history: OrderHistory | undefined,
  timeZone: string,
  now: Date,
): SalesVelocity {
  return velocityFromHistory({
    dayTotals: history === undefined ? [] : historyDays(history),
    loadedFrom: history === undefined ? undefined : loadedFromDate(history),
    historyComplete: history !== undefined && historySettled(history) && history.syncedThrough !== undefined,
    asOf: now,
    timeZone,
  });
}

/**
 * The history's velocity when complete; otherwise the Sales API checkpoint's (`SNAPSHOT#sales-velocity#{mp}` data,
 * undefined when none is stored), or unknown. A checkpoint of another zone or shape counts as none.
 */
export function storedInventoryVelocity(
  history: OrderHistory | undefined,
  salesVelocityCheckpoint: unknown,
  timeZone: string,
  now: Date,
): SalesVelocity {
  const fromHistory = historyVelocity(history, timeZone, now);
  return inventoryVelocity(
    fromHistory,
    salesVelocityCheckpoint === undefined
      ? undefined
      : velocityFromSalesApi(storedCheckpoint(salesVelocityCheckpoint, timeZone), now),
  );
}
