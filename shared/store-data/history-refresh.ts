/** The order history moved on from its checkpoint and kept, for the orders view and the inventory velocity alike. */
import type { Deadline } from '../pacing/paced-caller';
import type { StoreProfile } from '../stores/store';
import { syncHistory, type HistorySyncResult } from './history-sync';
import type { OrderHistory } from './order-history-state';
import { ORDER_HISTORY_RETENTION_SECONDS } from './snapshot-freshness';
import type { StoreDataContext } from './store-data-context';

/** Moves the history on from its checkpoint and keeps it (and its checkpoint); run once per shared fetch. */
export async function refreshHistory(
  context: StoreDataContext,
  store: StoreProfile,
  marketplaceId: string,
  previous: OrderHistory | undefined,
  options: { days: number; timeZone: string; withOpenOrders: boolean; openOrdersMaxAgeSeconds: number },
  deadline: Deadline,
  now: Date,
): Promise<HistorySyncResult> {
  const { deps, callSpApi } = context;
  const synced = await syncHistory(
    { ...deps, callSpApi },
    store,
    marketplaceId,
    previous,
    options,
    deadline,
    now,
  );
  await deps.snapshots.put(
    store.storeId,
    'orders',
    marketplaceId,
    { fetchedAt: now.toISOString(), data: synced.history },
    ORDER_HISTORY_RETENTION_SECONDS,
  );
  return synced;
}
