import type { Caller } from '../auth/caller';
import { AccessDenied, AmazonUnavailable, BadRequest, DomainError, Throttled } from '../errors';
import { SpApiError } from '../amazon/amazon-errors';
import type { Deadline, PacedCaller } from '../pacing/paced-caller';
import { PaginationGuard } from '../pacing/pagination-guard';
import type {
  AuditTrail,
  Clock,
  InventorySource,
  OrdersSource,
  SnapshotStore,
  StoreRepository,
} from '../ports';
import type { InventoryItemRecord, OrderRecord } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import { summarizeInventory, type InventorySummary } from '../summaries/inventory-summary';
import { mergeOrders } from '../summaries/order-history';
import { summarizeOrders, type OrdersSummary } from '../summaries/orders-summary';
import { DEFAULT_RESTOCK_SETTINGS } from '../summaries/restock-settings';
import type { AccessTokenProvider } from './access-token-provider';
import type { MarketplaceLearner } from './marketplace-learner';
import { accessRecord, authorizeStoreAccess, type DataRequest } from './store-access';

/** Orders are kept for this long: velocity needs 60 days, the orders view offers up to 90. */
export const ORDER_HISTORY_DAYS = 90;
/** Overlap of incremental order fetches: Amazon indexes changes with a short delay. */
const ORDER_SYNC_OVERLAP_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** Velocity needs 60 days of orders; older days are read back gradually, as the usage plan allows. */
export const VELOCITY_HISTORY_DAYS = 60;

/** A piece of order syncing: the first read of a window, an older window read back, or changes since the last sync. */
export interface OrderSyncJob {
  readonly kind: 'initial' | 'backfill' | 'incremental';
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly lastUpdatedAfter?: string;
  readonly startedAt: string;
  readonly nextToken?: string;
}

export interface OrderHistory {
  readonly orders: OrderRecord[];
  /** Orders created from here on are all in `orders` (undefined until the first window is read). */
  readonly from: string | undefined;
  /** Every change up to this time is in `orders`. */
  readonly syncedThrough: string | undefined;
  /** A job that ran out of time or quota; the next view continues it from its nextToken. */
  readonly pending: OrderSyncJob | undefined;
}

export interface StoreDataDependencies {
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly snapshots: SnapshotStore;
  readonly tokens: AccessTokenProvider;
  readonly pacing: PacedCaller;
  readonly inventory: InventorySource;
  readonly orders: OrdersSource;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly snapshotSeconds: { readonly inventory: number; readonly orders: number };
  /** The access gate learns the marketplaces of a store that has none recorded (store-access.ts). */
  readonly learnMarketplaces?: MarketplaceLearner;
}

export interface Freshness {
  /** Seconds since the data was read from Amazon. */
  readonly ageSeconds: number;
  /** False while an order history is still being read from Amazon (usage plans allow only so many pages). */
  readonly complete: boolean;
  readonly retryAfterSeconds?: number;
}

const MARKETPLACE_PATTERN = /^[A-Z0-9]{8,20}$/;

function requireMarketplace(marketplaceId: string | undefined): string {
  if (marketplaceId === undefined || !MARKETPLACE_PATTERN.test(marketplaceId))
    throw new BadRequest('marketplaceId is required.');
  return marketplaceId;
}

/**
 * Store data reads: the access gate, snapshot or Amazon, the summary, and the audit record written before the
 * data leaves (if it cannot be written, the caller gets 503 and no data).
 */
export class StoreDataService {
  constructor(private readonly deps: StoreDataDependencies) {}

  async inventory(
    caller: Caller,
    args: {
      storeId: string;
      marketplaceId: string | undefined;
      reason: string | undefined;
      requestId: string;
      deadlineMs: number;
    },
  ): Promise<InventorySummary & { freshness: Freshness }> {
    const request: DataRequest = {
      caller,
      storeId: args.storeId,
      dataset: 'inventory',
      operation: 'getInventorySummaries',
      marketplaceId: null,
      reason: args.reason,
      requestId: args.requestId,
    };
    const marketplaceId = requireMarketplace(args.marketplaceId);
    const gated = { ...request, marketplaceId };
    const store = await authorizeStoreAccess(this.deps, gated);
    return this.audited(gated, store, async () => {
      const now = this.deps.clock.now();
      const snapshot = await this.deps.snapshots.get<InventoryItemRecord[]>(
        store.storeId,
        'inventory',
        marketplaceId,
      );
      const fresh =
        snapshot !== undefined &&
        now.getTime() - Date.parse(snapshot.fetchedAt) < this.deps.snapshotSeconds.inventory * 1000;
      let items: InventoryItemRecord[];
      let fetchedAt: Date;
      if (fresh) {
        items = snapshot.data;
        fetchedAt = new Date(snapshot.fetchedAt);
      } else {
        items = await this.shared(
          `${store.storeId}|inventory|${marketplaceId}`,
          args.deadlineMs,
          (deadline) => this.refreshInventory(store, marketplaceId, deadline, now),
        );
        fetchedAt = now;
      }
      // Velocity comes from the order history the orders view keeps; inventory never re-reads 60 days of orders.
      const history = await this.velocityHistory(store, marketplaceId, args.deadlineMs);
      const summary = summarizeInventory({
        storeId: store.storeId,
        marketplaceId,
        asOf: fetchedAt,
        source: fresh ? 'snapshot' : 'amazon',
        items,
        orders: history?.data.orders ?? [],
        ordersFrom: history?.data.from === undefined ? now : new Date(history.data.from),
        settings: DEFAULT_RESTOCK_SETTINGS,
      });
      const freshness = {
        ageSeconds: Math.round((now.getTime() - fetchedAt.getTime()) / 1000),
        complete: true,
      };
      return { value: { ...summary, freshness }, itemCount: items.length, source: summary.source };
    });
  }

  async orders(
    caller: Caller,
    args: {
      storeId: string;
      marketplaceId: string | undefined;
      days: string | undefined;
      reason: string | undefined;
      requestId: string;
      deadlineMs: number;
    },
  ): Promise<OrdersSummary & { freshness: Freshness }> {
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
    return this.audited(request, store, async () => {
      const now = this.deps.clock.now();
      const snapshot = await this.deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId);
      const windowStart = now.getTime() - days * DAY_MS;
      const covers = (history: OrderHistory | undefined) =>
        history?.from !== undefined &&
        Date.parse(history.from) <= windowStart &&
        history.pending?.kind !== 'initial' &&
        history.pending?.kind !== 'incremental';
      const fresh =
        snapshot !== undefined &&
        covers(snapshot.data) &&
        now.getTime() - Date.parse(snapshot.fetchedAt) < this.deps.snapshotSeconds.orders * 1000;
      let history = snapshot?.data;
      let fetchedAt = snapshot === undefined ? now : new Date(snapshot.fetchedAt);
      let retryAfterSeconds: number | undefined;
      if (!fresh) {
        const synced = await this.shared(
          `${store.storeId}|orders|${marketplaceId}`,
          args.deadlineMs,
          (deadline) => this.refreshOrders(store, marketplaceId, snapshot?.data, days, deadline, now),
        );
        history = synced.history;
        retryAfterSeconds = synced.retryAfterSeconds;
        fetchedAt = now;
      }
      const orders = history?.orders ?? [];
      const summary = summarizeOrders({
        storeId: store.storeId,
        marketplaceId,
        asOf: fetchedAt,
        source: fresh ? 'snapshot' : 'amazon',
        days,
        orders,
      });
      const freshness: Freshness = {
        ageSeconds: Math.round((now.getTime() - fetchedAt.getTime()) / 1000),
        complete: covers(history),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      };
      return { value: { ...summary, freshness }, itemCount: summary.totals.orders, source: summary.source };
    });
  }

  /** Writes the `allowed` (or `error`) record; the data leaves only after the allowed record is written. */
  private async audited<T>(
    request: DataRequest,
    store: StoreProfile,
    read: () => Promise<{ value: T; itemCount: number; source: 'amazon' | 'snapshot' }>,
  ): Promise<T> {
    const identity = { sellingPartnerId: store.sellingPartnerId, region: store.region };
    let result: { value: T; itemCount: number; source: 'amazon' | 'snapshot' };
    try {
      result = await read();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AuthorizationRevoked') {
        await this.deps.audit
          .write(
            accessRecord(request, this.deps.clock.now(), 'denied', { ...identity, storeStatus: 'REVOKED' }),
          )
          .catch(() => undefined);
      } else {
        await this.deps.audit
          .write(accessRecord(request, this.deps.clock.now(), 'error', identity))
          .catch(() => undefined);
      }
      throw error;
    }
    try {
      await this.deps.audit.write(
        accessRecord(request, this.deps.clock.now(), 'allowed', {
          ...identity,
          source: result.source,
          itemCount: result.itemCount,
        }),
      );
    } catch {
      throw new DomainError(
        'AuditUnavailable',
        'The access could not be recorded, so no data was returned; try again shortly.',
      );
    }
    return result.value;
  }

  private async fetchInventory(
    store: StoreProfile,
    marketplaceId: string,
    deadlineMs: Deadline,
  ): Promise<InventoryItemRecord[]> {
    const items: InventoryItemRecord[] = [];
    let nextToken: string | undefined;
    // Bounded: each page is paced, and the guard stops a repeated token or a listing longer than the usage plan
    // allows before the deadline (Amazon's nextToken lives only 30 s, so a listing cannot resume later).
    const guard = new PaginationGuard(
      'getInventorySummaries',
      this.deps.pacing.pageLimit(store.storeId, 'getInventorySummaries', deadlineMs),
    );
    for (let page = 0; page < 10_000; page++) {
      guard.beforePage();
      const result = await this.spApi(store, 'getInventorySummaries', deadlineMs, (accessToken) =>
        this.deps.inventory.fetchInventoryPage({
          region: store.region,
          accessToken,
          marketplaceId,
          nextToken,
        }),
      );
      guard.afterPage(result.nextToken);
      items.push(...result.records);
      nextToken = result.nextToken;
      if (nextToken === undefined) return items;
    }
    throw new Error('Inventory pagination did not end');
  }

  /**
   * Brings the order history up to date within the deadline: the requested window first (so the view answers
   * with the newest orders), then changes since the last sync, then older days back to what velocity needs.
   * A job cut short by the usage plan is kept with its nextToken and continued by the next view.
   */
  private async syncOrders(
    store: StoreProfile,
    marketplaceId: string,
    previous: OrderHistory | undefined,
    days: number,
    deadlineMs: Deadline,
    // The caller's "now": the window it will check coverage against must start where the sync's window starts.
    now: Date = this.deps.clock.now(),
  ): Promise<{ history: OrderHistory; retryAfterSeconds?: number }> {
    const keepFrom = new Date(now.getTime() - ORDER_HISTORY_DAYS * DAY_MS);
    const wantFrom = new Date(now.getTime() - Math.max(days, VELOCITY_HISTORY_DAYS) * DAY_MS);
    let history: OrderHistory = previous ?? {
      orders: [],
      from: undefined,
      syncedThrough: undefined,
      pending: undefined,
    };
    let incrementalDone = false;
    for (let step = 0; step < 4; step++) {
      let job: OrderSyncJob | undefined = history.pending;
      if (job === undefined) {
        if (history.syncedThrough === undefined || history.from === undefined) {
          job = {
            kind: 'initial',
            createdAfter: new Date(now.getTime() - days * DAY_MS).toISOString(),
            startedAt: now.toISOString(),
          };
        } else if (!incrementalDone) {
          job = {
            kind: 'incremental',
            lastUpdatedAfter: new Date(
              Date.parse(history.syncedThrough) - ORDER_SYNC_OVERLAP_MS,
            ).toISOString(),
            startedAt: now.toISOString(),
          };
        } else if (Date.parse(history.from) > wantFrom.getTime()) {
          job = {
            kind: 'backfill',
            createdAfter: wantFrom.toISOString(),
            createdBefore: history.from,
            startedAt: now.toISOString(),
          };
        } else {
          break;
        }
      }
      // A window read from scratch is current as of now: no need to ask for changes in the same run.
      if (job.kind === 'incremental' || job.kind === 'initial') incrementalDone = true;
      const outcome = await this.runOrderJob(store, marketplaceId, job, history, keepFrom, deadlineMs);
      history = outcome.history;
      if (outcome.retryAfterSeconds !== undefined) return outcome;
    }
    return { history };
  }

  private async runOrderJob(
    store: StoreProfile,
    marketplaceId: string,
    job: OrderSyncJob,
    history: OrderHistory,
    keepFrom: Date,
    deadlineMs: Deadline,
  ): Promise<{ history: OrderHistory; retryAfterSeconds?: number }> {
    let orders = history.orders;
    let nextToken = job.nextToken;
    // Only repeated tokens stop an order listing: running out of quota keeps it pending (below), by design.
    const guard = new PaginationGuard(this.deps.orders.operation, undefined, job.nextToken);
    for (let page = 0; page < 10_000; page++) {
      let result;
      try {
        result = await this.spApi(store, this.deps.orders.operation, deadlineMs, (accessToken) =>
          this.deps.orders.fetchOrdersPage({
            region: store.region,
            accessToken,
            marketplaceId,
            ...(job.createdAfter === undefined ? {} : { createdAfter: job.createdAfter }),
            ...(job.createdBefore === undefined ? {} : { createdBefore: job.createdBefore }),
            ...(job.lastUpdatedAfter === undefined ? {} : { lastUpdatedAfter: job.lastUpdatedAfter }),
            nextToken,
          }),
        );
      } catch (error) {
        // Out of time or quota: keep what was read and continue from here on the next view.
        if (error instanceof Throttled) {
          const pending = { ...job, ...(nextToken === undefined ? {} : { nextToken }) };
          return { history: { ...history, orders, pending }, retryAfterSeconds: error.retryAfterSeconds };
        }
        throw error;
      }
      guard.afterPage(result.nextToken);
      orders = mergeOrders(orders, result.records, { from: keepFrom });
      nextToken = result.nextToken;
      if (nextToken === undefined) break;
    }
    if (nextToken !== undefined) throw new Error('Orders pagination did not end');
    switch (job.kind) {
      case 'initial':
        return {
          history: { orders, from: job.createdAfter, syncedThrough: job.startedAt, pending: undefined },
        };
      case 'incremental':
        return { history: { ...history, orders, syncedThrough: job.startedAt, pending: undefined } };
      case 'backfill':
        return { history: { ...history, orders, from: job.createdAfter, pending: undefined } };
    }
  }

  /**
   * The order history that drives inventory velocity. On the first inventory view of a marketplace there is none
   * yet: read recent orders now, as far as the deadline and the usage plan allow (the orders view continues it),
   * rather than showing "no sales" on every SKU. Amazon being busy leaves velocity empty, not the view broken.
   */
  private async velocityHistory(store: StoreProfile, marketplaceId: string, deadlineMs: number) {
    const existing = await this.deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId);
    if (existing !== undefined) return existing;
    try {
      const now = this.deps.clock.now();
      const synced = await this.shared(`${store.storeId}|orders|${marketplaceId}`, deadlineMs, (deadline) =>
        this.refreshOrders(store, marketplaceId, undefined, VELOCITY_HISTORY_DAYS, deadline, now),
      );
      return { fetchedAt: now.toISOString(), data: synced.history };
    } catch (error) {
      if (error instanceof Throttled || (error instanceof DomainError && error.code === 'AmazonUnavailable'))
        return undefined;
      throw error;
    }
  }

  /** Reads the store's inventory from Amazon and keeps it as the snapshot; run once per shared fetch. */
  private async refreshInventory(
    store: StoreProfile,
    marketplaceId: string,
    deadlineMs: Deadline,
    now: Date,
  ) {
    const items = await this.fetchInventory(store, marketplaceId, deadlineMs);
    await this.deps.snapshots.put(
      store.storeId,
      'inventory',
      marketplaceId,
      { fetchedAt: now.toISOString(), data: items },
      7 * 86_400,
    );
    return items;
  }

  /** Brings the order history up to date and keeps it; run once per shared fetch. */
  private async refreshOrders(
    store: StoreProfile,
    marketplaceId: string,
    previous: OrderHistory | undefined,
    days: number,
    deadlineMs: Deadline,
    now: Date,
  ) {
    const synced = await this.syncOrders(store, marketplaceId, previous, days, deadlineMs, now);
    await this.deps.snapshots.put(
      store.storeId,
      'orders',
      marketplaceId,
      { fetchedAt: now.toISOString(), data: synced.history },
      (ORDER_HISTORY_DAYS + 5) * 86_400,
    );
    return synced;
  }

  /** Concurrent reads of the same data in this execution environment share one fetch (and one slice of quota). */
  private readonly inflight = new Map<string, { promise: Promise<unknown>; deadlineMs: number }>();

  /**
   * A request that joins a running fetch extends its deadline to its own, so the fetch never fails it by an
   * earlier request's deadline; and every request stops waiting at its own deadline, answering in time even
   * when the fetch goes on for a later one. A fetch ends by the latest deadline: it cannot outlive its requests.
   */
  private shared<T>(
    key: string,
    deadlineMs: number,
    fetch: (deadline: () => number) => Promise<T>,
  ): Promise<T> {
    let running = this.inflight.get(key);
    if (running === undefined) {
      const entry: { promise: Promise<unknown>; deadlineMs: number } = {
        promise: Promise.resolve(),
        deadlineMs,
      };
      entry.promise = fetch(() => entry.deadlineMs).finally(() => {
        if (this.inflight.get(key) === entry) this.inflight.delete(key);
      });
      this.inflight.set(key, entry);
      running = entry;
    } else {
      running.deadlineMs = Math.max(running.deadlineMs, deadlineMs);
    }
    return untilDeadline(running.promise as Promise<T>, deadlineMs);
  }

  /**
   * One paced SP-API call with the store's access token. A 401/403 on a cached token usually means the seller just
   * revoked: the token is dropped and minted once more, which either works or meets invalid_grant (→ revocation
   * queued, 409). A second refusal is a plain 403.
   */
  private async spApi<T>(
    store: StoreProfile,
    operation: 'getInventorySummaries' | 'searchOrders' | 'getOrders',
    deadlineMs: Deadline,
    call: (
      accessToken: string,
    ) => Promise<{ records: T[]; nextToken: string | undefined; rateLimit: number | undefined }>,
  ) {
    const attempt = () =>
      this.deps.pacing.call(store.storeId, operation, deadlineMs, async () => {
        const page = await call(await this.deps.tokens.accessTokenFor(store));
        return { value: page, rateLimit: page.rateLimit };
      });
    const unauthorized = (error: unknown) => error instanceof SpApiError && error.kind === 'unauthorized';
    try {
      try {
        return await attempt();
      } catch (error) {
        if (!unauthorized(error)) throw error;
        this.deps.tokens.drop(store.storeId);
        return await attempt();
      }
    } catch (error) {
      if (unauthorized(error)) {
        this.deps.tokens.drop(store.storeId);
        throw new AccessDenied('Amazon refused access to this store; ask the seller to re-authorize it.');
      }
      if (error instanceof SpApiError)
        throw new DomainError('AmazonUnavailable', 'Amazon could not answer this request.');
      throw error;
    }
  }
}

/** The work's result, or AmazonUnavailable (503, Retry-After) once the request's own deadline has come. */
function untilDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AmazonUnavailable()), Math.max(0, deadlineMs - Date.now()));
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
