/**
 * The orders view: the access gate; what ships late read directly every time; the history from its checkpoint, as
 * far as the deadline allows, saying how complete it is; the audit record written before the data leaves.
 */
import type { Freshness, OpenOrdersCoverage, OrdersResponse } from '../api/data-contract';
import type { Caller } from '../auth/caller';
import { BadRequest } from '../errors';
import { marketplaceTimeZone, marketplaceWindow } from '../summaries/marketplace-time-zones';
import { summarizeOrderHistory } from '../summaries/orders-summary';
import { auditedRead } from './audited-read';
import { withFreshness, withoutFreshness } from './kept-answers';
import { refreshHistory } from './history-refresh';
import type { HistorySyncResult } from './history-sync';
import {
  historyCovers,
  historyDays,
  loadedFromDate,
  ORDER_HISTORY_DAYS,
  storedHistory,
  type OrderHistory,
} from './order-history-state';
import { ageSeconds, isFresh } from './snapshot-freshness';
import { withStoreAccess, type DataRequest } from './store-access';
import { snapshotVersionKey } from './store-data-ports';
import { requireMarketplace, type StoreDataContext, type ViewArgs } from './store-data-context';

export async function ordersView(
  context: StoreDataContext,
  caller: Caller,
  args: ViewArgs & { days: string | undefined },
): Promise<OrdersResponse> {
  const { deps, inflight } = context;
  const days = args.days === undefined ? 30 : Number(args.days);
  if (!Number.isInteger(days) || days < 1 || days > ORDER_HISTORY_DAYS)
    throw new BadRequest(`days must be a whole number from 1 to ${ORDER_HISTORY_DAYS}.`);
  const marketplaceId = requireMarketplace(args.marketplaceId);
  const request: DataRequest = {
    caller,
    storeId: args.storeId,
    dataset: 'orders',
    operation: deps.orders.operation,
    marketplaceId,
    reason: args.reason,
    requestId: args.requestId,
  };
  return withStoreAccess(deps, request, 'SPAPI', (store) =>
    auditedRead(deps, request, store, async () => {
      const now = deps.clock.now();
      const timeZone = marketplaceTimeZone(marketplaceId);
      const windowStartMs = marketplaceWindow(now.getTime(), days, timeZone).startMs;
      const ttl = deps.snapshotSeconds.orders;
      // One small read says what is stored; a kept answer made from the same history is served as it is.
      const versions = await deps.snapshots.versions(store.storeId);
      const version = versions.get(snapshotVersionKey('orders', marketplaceId));
      // Served from a kept answer only while the history is young enough to answer from storage.
      const keptKey =
        version === undefined || !isFresh({ fetchedAt: version.readAt }, now, ttl)
          ? undefined
          : [marketplaceId, days, version.content, version.readAt].join('|');
      const kept =
        keptKey === undefined
          ? undefined
          : context.kept.get<Omit<OrdersResponse, 'freshness'>>(store.storeId, keptKey, now.getTime());
      if (kept !== undefined) {
        const value = withFreshness(kept, { ageSeconds: ageSeconds(now, kept.body.asOf), complete: true });
        return { value, itemCount: kept.body.totals.orders, source: 'snapshot' };
      }

      const snapshot = await deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId, {
        versions,
      });
      const stored = storedHistory(snapshot?.data, timeZone);
      // A stored copy answers only when it is whole for the window, open orders included, and young enough.
      const fresh =
        snapshot !== undefined &&
        isFresh(snapshot, now, ttl) &&
        historyCovers(stored, windowStartMs) &&
        stored?.openOrders !== undefined &&
        now.getTime() - Date.parse(stored.openOrders.readAt) < ttl * 1000;
      let synced: HistorySyncResult | undefined;
      if (!fresh)
        synced = await inflight.share(
          `${store.storeId}|orders|${marketplaceId}`,
          args.deadlineMs,
          (deadline) =>
            refreshHistory(
              context,
              store,
              marketplaceId,
              stored,
              { days, timeZone, withOpenOrders: true, openOrdersMaxAgeSeconds: ttl },
              deadline,
              now,
            ),
        );
      const history = synced?.history ?? (stored as OrderHistory);
      const fetchedAt = fresh && snapshot !== undefined ? new Date(snapshot.fetchedAt) : now;
      const openOrdersComplete = fresh || synced?.openOrdersRead === true;
      const summary = summarizeOrderHistory({
        storeId: store.storeId,
        marketplaceId,
        asOf: fetchedAt,
        source: fresh ? 'snapshot' : 'amazon',
        days,
        timeZone,
        dayTotals: historyDays(history),
        loadedFrom: loadedFromDate(history),
        openOrders: openOrdersComplete ? history.openOrders?.orders : undefined,
      });
      const complete = historyCovers(history, windowStartMs) && openOrdersComplete;
      const openOrders: OpenOrdersCoverage = openOrdersComplete
        ? {
            complete: true,
            readAt: history.openOrders?.readAt ?? null,
            source: history.source === 'orders-api' ? 'order-history' : 'orders-api',
          }
        : { complete: false, readAt: null, source: null };
      const freshness: Freshness = {
        ageSeconds: ageSeconds(now, fetchedAt),
        complete,
        ...(complete ? {} : { retryAfterSeconds: synced?.retryAfterSeconds ?? 30 }),
      };
      const value = {
        ...summary,
        history: { ...summary.history, source: history.source ?? null },
        openOrders,
        freshness,
      };
      // Kept when made from exactly the stored version this view read, complete, without asking Amazon: served
      // from storage while its open orders' read is young enough, as the stored copy would be.
      const openOrdersReadAt = stored?.openOrders?.readAt;
      const keepable =
        keptKey !== undefined &&
        fresh &&
        complete &&
        openOrdersReadAt !== undefined &&
        snapshot?.content === version?.content &&
        snapshot?.fetchedAt === version?.readAt;
      return {
        value: keepable
          ? withFreshness(
              context.kept.keep(
                store.storeId,
                keptKey,
                withoutFreshness(value),
                Date.parse(openOrdersReadAt) + ttl * 1000,
              ),
              freshness,
            )
          : value,
        itemCount: summary.totals.orders,
        source: summary.source,
      };
    }),
  );
}
