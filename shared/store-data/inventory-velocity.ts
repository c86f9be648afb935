/**
 * The sales velocity the inventory view needs, got by the view itself: from the order history, and from the Sales
 * API for the SKUs that matter while the history loads.
 */
import { DomainError, Throttled } from '../errors';
import type { InventoryItemRecord } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import { marketplaceTimeZone } from '../summaries/marketplace-time-zones';
import type { SalesVelocity } from '../summaries/sales-velocity';
import { inventoryVelocity } from '../summaries/sales-api-velocity';
import { refreshHistory } from './history-refresh';
import { historySettled, storedHistory, type OrderHistory } from './order-history-state';
import { advanceSalesApiVelocity } from './sales-api-velocity-sync';
import { isFresh } from './snapshot-freshness';
import type { SnapshotVersions } from './store-data-ports';
import { historyVelocity } from './stored-inventory-velocity';
import type { StoreDataContext } from './store-data-context';

const amazonBusy = (error: unknown) =>
  error instanceof Throttled || (error instanceof DomainError && error.code === 'AmazonUnavailable');

/**
 * From the stored history when it is settled and young, else the history is moved on (as far as this view's
 * deadline allows) and counted as it stands. Amazon being busy leaves it provisional or unknown ("sales history
 * loading"), never "no sales".
 */
export async function inventoryVelocityFor(
  context: StoreDataContext,
  store: StoreProfile,
  marketplaceId: string,
  items: readonly InventoryItemRecord[],
  deadlineMs: number,
  now: Date,
  known?: { readonly versions: SnapshotVersions },
): Promise<{
  velocity: SalesVelocity;
  retryAfterSeconds?: number;
  /** The stored history's content the velocity was counted from; undefined when it was moved on first. */
  historyContent?: string;
}> {
  const { deps, inflight, callSpApi } = context;
  const timeZone = marketplaceTimeZone(marketplaceId);
  const snapshot = await deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId, known);
  let history = storedHistory(snapshot?.data, timeZone);
  let retryAfterSeconds: number | undefined;
  const settled =
    history !== undefined &&
    historySettled(history) &&
    isFresh(snapshot, now, deps.snapshotSeconds.orders) &&
    history.from !== undefined;
  if (!settled) {
    try {
      const synced = await inflight.share(
        `${store.storeId}|velocity|${marketplaceId}`,
        deadlineMs,
        (deadline) =>
          refreshHistory(
            context,
            store,
            marketplaceId,
            history,
            { days: 60, timeZone, withOpenOrders: false, openOrdersMaxAgeSeconds: 0 },
            deadline,
            now,
          ),
      );
      history = synced.history;
      retryAfterSeconds = synced.retryAfterSeconds;
    } catch (error) {
      if (!amazonBusy(error)) throw error;
      retryAfterSeconds = error instanceof Throttled ? error.retryAfterSeconds : 30;
    }
  }
  const fromHistory = historyVelocity(history, timeZone, now);
  if (fromHistory.source === 'order-history' && fromHistory.complete)
    return {
      velocity: fromHistory,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...(settled && snapshot?.content !== undefined ? { historyContent: snapshot.content } : {}),
    };
  // Until the history is complete, the SKUs that matter get their velocity from the Sales API, one request
  // each, continued from the checkpoint on every view (sales-api-velocity-sync.ts).
  const salesApi = await inflight.share(
    `${store.storeId}|sales-velocity|${marketplaceId}`,
    deadlineMs,
    (deadline) =>
      advanceSalesApiVelocity({ ...deps, callSpApi }, store, marketplaceId, items, fromHistory, {
        timeZone,
        deadline,
        now,
      }),
  );
  const retries = [retryAfterSeconds ?? 30, salesApi.retryAfterSeconds].filter(
    (seconds): seconds is number => seconds !== undefined,
  );
  return {
    velocity: inventoryVelocity(fromHistory, salesApi.velocity),
    retryAfterSeconds: Math.min(...retries),
  };
}
