import type { OrderRecord } from '../stores/datasets';
import { parseInstant } from './calendar-days';

export interface OrderHistoryWindow {
  /** Orders created before this are dropped. */
  readonly from: Date;
}

/**
 * Folds orders fetched since the last view (`lastUpdatedAfter`) into the ones kept from before, so a repeated view
 * asks Amazon only for what changed. Per orderId the record with the later lastUpdatedTime wins; on a tie the
 * update wins, as the later read. Orders created before the window are dropped. Merging the same updates twice
 * gives the same result, so fetch windows may overlap (they should, by a few minutes: Amazon indexes changes with
 * a short delay). The result is sorted by createdTime, then orderId.
 */
export function mergeOrders(
  previous: readonly OrderRecord[],
  updates: readonly OrderRecord[],
  window: OrderHistoryWindow,
): OrderRecord[] {
  const fromMs = window.from.getTime();
  const byId = new Map<string, OrderRecord>();
  const keep = (order: OrderRecord, winsTies: boolean) => {
    const current = byId.get(order.orderId);
    if (current !== undefined) {
      const currentUpdated = updatedAt(current);
      const candidateUpdated = updatedAt(order);
      if (candidateUpdated < currentUpdated || (candidateUpdated === currentUpdated && !winsTies)) return;
    }
    byId.set(order.orderId, order);
  };
  for (const order of previous) keep(order, false);
  for (const order of updates) keep(order, true);

  const kept: Array<{ order: OrderRecord; created: number }> = [];
  for (const order of byId.values()) {
    const created = parseInstant(order.createdTime);
    if (created !== undefined && created >= fromMs) kept.push({ order, created });
  }
  kept.sort(
    (a, b) =>
      a.created - b.created ||
      (a.order.orderId < b.order.orderId ? -1 : a.order.orderId > b.order.orderId ? 1 : 0),
  );
  return kept.map((entry) => entry.order);
}

/** A record with an unreadable lastUpdatedTime loses to any readable one. */
const updatedAt = (order: OrderRecord): number => parseInstant(order.lastUpdatedTime) ?? -Infinity;
