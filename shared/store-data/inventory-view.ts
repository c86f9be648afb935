/**
 * The inventory view: the access gate, the snapshot or Amazon, the store's own velocity, the restock summary, and
 * the audit record written before the data leaves.
 */
import type { Freshness, InventoryResponse } from '../api/data-contract';
import type { Caller } from '../auth/caller';
import type { Deadline } from '../pacing/paced-caller';
import type { InventoryItemRecord } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import { summarizeInventory } from '../summaries/inventory-summary';
import { marketplaceTimeZone } from '../summaries/marketplace-time-zones';
import { storedOrDefault } from '../summaries/restock-settings';
import { withVelocityOrigins } from '../summaries/sales-api-velocity';
import { calendarDate } from '../summaries/calendar-days';
import { auditedRead } from './audited-read';
import { withFreshness, withoutFreshness } from './kept-answers';
import { inventoryVelocityFor } from './inventory-velocity';
import { readInventory } from './inventory-listing';
import { ageSeconds, INVENTORY_SNAPSHOT_RETENTION_SECONDS, isFresh } from './snapshot-freshness';
import { withStoreAccess, type DataRequest } from './store-access';
import { snapshotVersionKey } from './store-data-ports';
import { requireMarketplace, type StoreDataContext, type ViewArgs } from './store-data-context';

export async function inventoryView(
  context: StoreDataContext,
  caller: Caller,
  args: ViewArgs,
): Promise<InventoryResponse> {
  const { deps, inflight } = context;
  const marketplaceId = requireMarketplace(args.marketplaceId);
  const request: DataRequest = {
    caller,
    storeId: args.storeId,
    dataset: 'inventory',
    operation: 'getInventorySummaries',
    marketplaceId,
    reason: args.reason,
    requestId: args.requestId,
  };
  return withStoreAccess(deps, request, 'SPAPI', (store) =>
    auditedRead(deps, request, store, async () => {
      const now = deps.clock.now();
      const timeZone = marketplaceTimeZone(marketplaceId);
      // One small read says what is stored; with the settings (read beside it) it names a kept answer.
      const [versions, storedSettings] = await Promise.all([
        deps.snapshots.versions(store.storeId),
        deps.restockSettings?.(store.storeId),
      ]);
      const inventoryVersion = versions.get(snapshotVersionKey('inventory', marketplaceId));
      const historyVersion = versions.get(snapshotVersionKey('orders', marketplaceId));
      // Served from a kept answer only while both snapshots are young enough to answer from storage.
      const keptKey =
        inventoryVersion === undefined ||
        historyVersion === undefined ||
        !isFresh({ fetchedAt: inventoryVersion.readAt }, now, deps.snapshotSeconds.inventory) ||
        !isFresh({ fetchedAt: historyVersion.readAt }, now, deps.snapshotSeconds.orders)
          ? undefined
          : [
              marketplaceId,
              inventoryVersion.content,
              inventoryVersion.readAt,
              historyVersion.content,
              storedSettings?.version ?? 0,
              // The plan and the velocity windows are the marketplace day's.
              calendarDate(now.getTime(), timeZone),
            ].join('|');
      const kept =
        keptKey === undefined
          ? undefined
          : context.kept.get<Omit<InventoryResponse, 'freshness'>>(store.storeId, keptKey, now.getTime());
      if (kept !== undefined) {
        const value = withFreshness(kept, {
          ageSeconds: ageSeconds(now, kept.body.asOf),
          complete: true,
        });
        return { value, itemCount: kept.body.items.length, source: 'snapshot' };
      }

      const snapshot = await deps.snapshots.get<InventoryItemRecord[]>(
        store.storeId,
        'inventory',
        marketplaceId,
        { versions },
      );
      const fresh = isFresh(snapshot, now, deps.snapshotSeconds.inventory);
      const items =
        fresh && snapshot !== undefined
          ? snapshot.data
          : await inflight.share(`${store.storeId}|inventory|${marketplaceId}`, args.deadlineMs, (deadline) =>
              refreshInventory(context, store, marketplaceId, deadline, now),
            );
      const fetchedAt = fresh && snapshot !== undefined ? new Date(snapshot.fetchedAt) : now;
      const velocity = await inventoryVelocityFor(
        context,
        store,
        marketplaceId,
        items,
        args.deadlineMs,
        now,
        {
          versions,
        },
      );
      const summarized = summarizeInventory({
        storeId: store.storeId,
        marketplaceId,
        asOf: fetchedAt,
        source: fresh ? 'snapshot' : 'amazon',
        items,
        velocity: velocity.velocity,
        settings: storedOrDefault(storedSettings, store.region),
        now,
        timeZone,
      });
      // Every item says where its velocity came from; the answer is complete only when every item's is known.
      const summary = withVelocityOrigins(summarized, velocity.velocity);
      const freshness: Freshness = {
        ageSeconds: ageSeconds(now, fetchedAt),
        complete: summary.velocity.complete,
        ...(summary.velocity.complete ? {} : { retryAfterSeconds: velocity.retryAfterSeconds ?? 60 }),
      };
      const value = { ...summary, freshness };
      // Kept when made from exactly the stored versions this view read, complete, and without asking Amazon.
      const keepable =
        keptKey !== undefined &&
        fresh &&
        summary.velocity.complete &&
        snapshot?.content === inventoryVersion?.content &&
        snapshot?.fetchedAt === inventoryVersion?.readAt &&
        velocity.historyContent === historyVersion?.content;
      return {
        value: keepable
          ? withFreshness(
              context.kept.keep(store.storeId, keptKey, withoutFreshness(value), Number.POSITIVE_INFINITY),
              freshness,
            )
          : value,
        itemCount: items.length,
        source: summary.source,
      };
    }),
  );
}

/** Reads the store's inventory from Amazon and keeps it as the snapshot; run once per shared fetch. */
async function refreshInventory(
  context: StoreDataContext,
  store: StoreProfile,
  marketplaceId: string,
  deadline: Deadline,
  now: Date,
) {
  const { deps, callSpApi } = context;
  const items = await readInventory({ ...deps, callSpApi }, store, marketplaceId, deadline);
  await deps.snapshots.put(
    store.storeId,
    'inventory',
    marketplaceId,
    { fetchedAt: now.toISOString(), data: items },
    INVENTORY_SNAPSHOT_RETENTION_SECONDS,
  );
  return items;
}
