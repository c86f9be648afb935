import type { Freshness, OpenOrdersCoverage, OrdersResponse, InventoryResponse } from '../api/data-contract';
import type { Caller } from '../auth/caller';
import { BadRequest, DomainError, Throttled } from '../errors';
import type { Deadline, PacedCaller } from '../pacing/paced-caller';
import type {
  AuditTrail,
  Clock,
  InventorySource,
  OrdersSource,
  ReportsSource,
  SalesSource,
  SnapshotStore,
  StoreRepository,
} from '../ports';
import type { InventoryItemRecord } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import { summarizeInventory } from '../summaries/inventory-summary';
import { marketplaceTimeZone, marketplaceWindow } from '../summaries/marketplace-time-zones';
import { summarizeOrderHistory } from '../summaries/orders-summary';
import { storedOrDefault, type StoredRestockSettings } from '../summaries/restock-settings';
import type { SalesVelocity } from '../summaries/sales-velocity';
import { inventoryVelocity, withVelocityOrigins } from '../summaries/sales-api-velocity';
import { velocityFromHistory } from '../summaries/velocity-from-history';
import type { AccessTokenProvider } from './access-token-provider';
import { auditedRead } from './audited-read';
import { syncHistory, type HistorySyncResult } from './history-sync';
import { InflightFetches } from './inflight-fetches';
import { readInventory } from './inventory-listing';
import { advanceSalesApiVelocity } from './sales-api-velocity-sync';
import type { MarketplaceLearner } from './marketplace-learner';
import {
  historyCovers,
  historyDays,
  historySettled,
  loadedFromDate,
  ORDER_HISTORY_DAYS,
  storedHistory,
  type OrderHistory,
} from './order-history-state';
import {
  ageSeconds,
  INVENTORY_SNAPSHOT_RETENTION_SECONDS,
  isFresh,
  ORDER_HISTORY_RETENTION_SECONDS,
} from './snapshot-freshness';
import { authorizeStoreAccess, type DataRequest } from './store-access';
import { createSpApiCaller, type SpApiCaller } from './token-retry';

export { ORDER_HISTORY_DAYS, VELOCITY_HISTORY_DAYS, type OrderHistory } from './order-history-state';
export type { Freshness } from '../api/data-contract';
export { INVENTORY_SNAPSHOT_RETENTION_SECONDS, ORDER_HISTORY_RETENTION_SECONDS } from './snapshot-freshness';

export interface StoreDataDependencies {
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly snapshots: SnapshotStore;
  readonly tokens: AccessTokenProvider;
  readonly pacing: PacedCaller;
  readonly inventory: InventorySource;
  readonly orders: OrdersSource;
  readonly sales: SalesSource;
  readonly reports: ReportsSource;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly snapshotSeconds: { readonly inventory: number; readonly orders: number };
  /** The access gate learns the marketplaces of a store that has none recorded (store-access.ts). */
  readonly learnMarketplaces?: MarketplaceLearner;
  /** The store's saved restock settings; the region's defaults when absent. */
  readonly restockSettings?: (storeId: string) => Promise<StoredRestockSettings | undefined>;
}

interface ViewArgs {
  storeId: string;
  marketplaceId: string | undefined;
  reason: string | undefined;
  requestId: string;
  deadlineMs: number;
}

const MARKETPLACE_PATTERN = /^[A-Z0-9]{8,20}$/;

function requireMarketplace(marketplaceId: string | undefined): string {
  if (marketplaceId === undefined || !MARKETPLACE_PATTERN.test(marketplaceId))
    throw new BadRequest('marketplaceId is required.');
  return marketplaceId;
}

const amazonBusy = (error: unknown) =>
  error instanceof Throttled || (error instanceof DomainError && error.code === 'AmazonUnavailable');

/**
 * Store data reads: the access gate, snapshot or Amazon, the summary, and the audit record written before the data
 * leaves. Orders: what ships late read directly every time; the history from its checkpoint, as far as the
 * deadline allows, saying how complete it is. Inventory: its own velocity, from the same history.
 */
export class StoreDataService {
  private readonly inflight = new InflightFetches();
  private readonly callSpApi: SpApiCaller;

  constructor(private readonly deps: StoreDataDependencies) {
    this.callSpApi = createSpApiCaller(deps);
  }

  async inventory(caller: Caller, args: ViewArgs): Promise<InventoryResponse> {
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
    const store = await authorizeStoreAccess(this.deps, request);
    return auditedRead(this.deps, request, store, async () => {
      const now = this.deps.clock.now();
      const snapshot = await this.deps.snapshots.get<InventoryItemRecord[]>(
        store.storeId,
        'inventory',
        marketplaceId,
      );
      const fresh = isFresh(snapshot, now, this.deps.snapshotSeconds.inventory);
      const items =
        fresh && snapshot !== undefined
          ? snapshot.data
          : await this.inflight.share(
              `${store.storeId}|inventory|${marketplaceId}`,
              args.deadlineMs,
              (deadline) => this.refreshInventory(store, marketplaceId, deadline, now),
            );
      const fetchedAt = fresh && snapshot !== undefined ? new Date(snapshot.fetchedAt) : now;
      const velocity = await this.velocity(store, marketplaceId, items, args.deadlineMs, now);
      const summarized = summarizeInventory({
        storeId: store.storeId,
        marketplaceId,
        asOf: fetchedAt,
        source: fresh ? 'snapshot' : 'amazon',
        items,
        velocity: velocity.velocity,
        settings: storedOrDefault(await this.deps.restockSettings?.(store.storeId), store.region),
        now,
        timeZone: marketplaceTimeZone(marketplaceId),
      });
      // Every item says where its velocity came from; the answer is complete only when every item's is known.
      const summary = withVelocityOrigins(summarized, velocity.velocity);
      const freshness: Freshness = {
        ageSeconds: ageSeconds(now, fetchedAt),
        complete: summary.velocity.complete,
        ...(summary.velocity.complete ? {} : { retryAfterSeconds: velocity.retryAfterSeconds ?? 60 }),
      };
      return { value: { ...summary, freshness }, itemCount: items.length, source: summary.source };
    });
  }

  async orders(caller: Caller, args: ViewArgs & { days: string | undefined }): Promise<OrdersResponse> {
    const days = args.days === undefined ? 30 : Number(args.days);
    if (!Number.isInteger(days) || days < 1 || days > ORDER_HISTORY_DAYS)
      throw new BadRequest(`days must be a whole number from 1 to ${ORDER_HISTORY_DAYS}.`);
    const marketplaceId = requireMarketplace(args.marketplaceId);
    const request: DataRequest = {
      caller,
      storeId: args.storeId,
      dataset: 'orders',
      operation: this.deps.orders.operation,
      marketplaceId,
      reason: args.reason,
      requestId: args.requestId,
    };
    const store = await authorizeStoreAccess(this.deps, request);
    return auditedRead(this.deps, request, store, async () => {
      const now = this.deps.clock.now();
      const timeZone = marketplaceTimeZone(marketplaceId);
      const windowStartMs = marketplaceWindow(now.getTime(), days, timeZone).startMs;
      const snapshot = await this.deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId);
      const stored = storedHistory(snapshot?.data, timeZone);
      const ttl = this.deps.snapshotSeconds.orders;
      // A stored copy answers only when it is whole for the window, open orders included, and young enough.
      const fresh =
        snapshot !== undefined &&
        isFresh(snapshot, now, ttl) &&
        historyCovers(stored, windowStartMs) &&
        stored?.openOrders !== undefined &&
        now.getTime() - Date.parse(stored.openOrders.readAt) < ttl * 1000;
      let synced: HistorySyncResult | undefined;
      if (!fresh)
        synced = await this.inflight.share(
          `${store.storeId}|orders|${marketplaceId}`,
          args.deadlineMs,
          (deadline) =>
            this.refreshHistory(
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
      return {
        value: {
          ...summary,
          history: { ...summary.history, source: history.source ?? null },
          openOrders,
          freshness,
        },
        itemCount: summary.totals.orders,
        source: summary.source,
      };
    });
  }

  /**
   * The velocity the inventory view needs, got by the view itself: from the stored history when it is settled
   * and young, else the history is moved on (as far as this view's deadline allows) and counted as it stands.
   * Amazon being busy leaves it provisional or unknown ("sales history loading"), never "no sales".
   */
  private async velocity(
    store: StoreProfile,
    marketplaceId: string,
    items: readonly InventoryItemRecord[],
    deadlineMs: number,
    now: Date,
  ): Promise<{ velocity: SalesVelocity; retryAfterSeconds?: number }> {
    const timeZone = marketplaceTimeZone(marketplaceId);
    const snapshot = await this.deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId);
    let history = storedHistory(snapshot?.data, timeZone);
    let retryAfterSeconds: number | undefined;
    const settled =
      history !== undefined &&
      historySettled(history) &&
      isFresh(snapshot, now, this.deps.snapshotSeconds.orders) &&
      history.from !== undefined;
    if (!settled) {
      try {
        const synced = await this.inflight.share(
          `${store.storeId}|velocity|${marketplaceId}`,
          deadlineMs,
          (deadline) =>
            this.refreshHistory(
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
    const fromHistory = velocityFromHistory({
      dayTotals: history === undefined ? [] : historyDays(history),
      loadedFrom: history === undefined ? undefined : loadedFromDate(history),
      historyComplete:
        history !== undefined && historySettled(history) && history.syncedThrough !== undefined,
      asOf: now,
      timeZone,
    });
    if (fromHistory.source === 'order-history' && fromHistory.complete)
      return { velocity: fromHistory, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    // Until the history is complete, the SKUs that matter get their velocity from the Sales API, one request
    // each, continued from the checkpoint on every view (sales-api-velocity-sync.ts).
    const salesApi = await this.inflight.share(
      `${store.storeId}|sales-velocity|${marketplaceId}`,
      deadlineMs,
      (deadline) =>
        advanceSalesApiVelocity(
          { ...this.deps, callSpApi: this.callSpApi },
          store,
          marketplaceId,
          items,
          fromHistory,
          { timeZone, deadline, now },
        ),
    );
    const retries = [retryAfterSeconds ?? 30, salesApi.retryAfterSeconds].filter(
      (seconds): seconds is number => seconds !== undefined,
    );
    return {
      velocity: inventoryVelocity(fromHistory, salesApi.velocity),
      retryAfterSeconds: Math.min(...retries),
    };
  }

  /** Moves the history on from its checkpoint and keeps it (and its checkpoint); run once per shared fetch. */
  private async refreshHistory(
    store: StoreProfile,
    marketplaceId: string,
    previous: OrderHistory | undefined,
    options: { days: number; timeZone: string; withOpenOrders: boolean; openOrdersMaxAgeSeconds: number },
    deadline: Deadline,
    now: Date,
  ): Promise<HistorySyncResult> {
    const synced = await syncHistory(
      { ...this.deps, callSpApi: this.callSpApi },
      store,
      marketplaceId,
      previous,
      options,
      deadline,
      now,
    );
    await this.deps.snapshots.put(
      store.storeId,
      'orders',
      marketplaceId,
      { fetchedAt: now.toISOString(), data: synced.history },
      ORDER_HISTORY_RETENTION_SECONDS,
    );
    return synced;
  }

  /** Reads the store's inventory from Amazon and keeps it as the snapshot; run once per shared fetch. */
  private async refreshInventory(store: StoreProfile, marketplaceId: string, deadline: Deadline, now: Date) {
    const items = await readInventory(
      { ...this.deps, callSpApi: this.callSpApi },
      store,
      marketplaceId,
      deadline,
    );
    await this.deps.snapshots.put(
      store.storeId,
      'inventory',
      marketplaceId,
      { fetchedAt: now.toISOString(), data: items },
      INVENTORY_SNAPSHOT_RETENTION_SECONDS,
    );
    return items;
  }
}
