import type { Caller } from '../auth/caller';
import { AccessDenied, BadRequest, DomainError, Throttled } from '../errors';
import { SpApiError } from '../amazon/amazon-errors';
import type { PacedCaller } from '../pacing/paced-caller';
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
import { accessRecord, authorizeStoreAccess, type DataRequest } from './store-access';

/** Orders are kept for this long: velocity needs 60 days, the orders view offers up to 90. */
export const ORDER_HISTORY_DAYS = 90;
/** Overlap of incremental order fetches: Amazon indexes changes with a short delay. */
const ORDER_SYNC_OVERLAP_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface OrderHistory {
  readonly orders: OrderRecord[];
  /** Orders created from here on are complete once `pending` is gone. */
  readonly from: string;
  /** Every change up to this time is in `orders`. */
  readonly syncedThrough: string | undefined;
  /** A sync that ran out of time; the next view continues it from its nextToken. */
  readonly pending:
    | {
        readonly createdAfter?: string;
        readonly lastUpdatedAfter?: string;
        readonly nextToken: string;
        readonly startedAt: string;
      }
    | undefined;
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
        items = await this.fetchInventory(store, marketplaceId, args.deadlineMs);
        fetchedAt = now;
        await this.deps.snapshots.put(
          store.storeId,
          'inventory',
          marketplaceId,
          { fetchedAt: now.toISOString(), data: items },
          7 * 86_400,
        );
      }
      // Velocity comes from the order history the orders view keeps; inventory never re-reads 60 days of orders.
      const history = await this.deps.snapshots.get<OrderHistory>(store.storeId, 'orders', marketplaceId);
      const summary = summarizeInventory({
        storeId: store.storeId,
        marketplaceId,
        asOf: fetchedAt,
        source: fresh ? 'snapshot' : 'amazon',
        items,
        orders: history?.data.orders ?? [],
        ...(history === undefined ? { ordersFrom: now } : { ordersFrom: new Date(history.data.from) }),
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
      const fresh =
        snapshot !== undefined &&
        snapshot.data.pending === undefined &&
        now.getTime() - Date.parse(snapshot.fetchedAt) < this.deps.snapshotSeconds.orders * 1000;
      let history = snapshot?.data;
      let fetchedAt = snapshot === undefined ? now : new Date(snapshot.fetchedAt);
      let retryAfterSeconds: number | undefined;
      if (!fresh) {
        const synced = await this.syncOrders(store, marketplaceId, history, args.deadlineMs);
        history = synced.history;
        retryAfterSeconds = synced.retryAfterSeconds;
        fetchedAt = now;
        await this.deps.snapshots.put(
          store.storeId,
          'orders',
          marketplaceId,
          { fetchedAt: now.toISOString(), data: history },
          (ORDER_HISTORY_DAYS + 5) * 86_400,
        );
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
        complete: history?.pending === undefined,
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
    deadlineMs: number,
  ): Promise<InventoryItemRecord[]> {
    const items: InventoryItemRecord[] = [];
    let nextToken: string | undefined;
    // Bounded: each page is paced and the deadline stops the loop; Amazon's nextToken lives only 30 s.
    for (let page = 0; page < 10_000; page++) {
      const accessToken = await this.deps.tokens.accessTokenFor(store);
      const result = await this.spApi(store, 'getInventorySummaries', deadlineMs, () =>
        this.deps.inventory.fetchInventoryPage({
          region: store.region,
          accessToken,
          marketplaceId,
          nextToken,
        }),
      );
      items.push(...result.records);
      nextToken = result.nextToken;
      if (nextToken === undefined) return items;
    }
    throw new Error('Inventory pagination did not end');
  }

  private async syncOrders(
    store: StoreProfile,
    marketplaceId: string,
    previous: OrderHistory | undefined,
    deadlineMs: number,
  ): Promise<{ history: OrderHistory; retryAfterSeconds?: number }> {
    const now = this.deps.clock.now();
    const windowFrom = new Date(now.getTime() - ORDER_HISTORY_DAYS * DAY_MS);
    const query =
      previous?.pending ??
      (previous?.syncedThrough !== undefined
        ? {
            lastUpdatedAfter: new Date(
              Date.parse(previous.syncedThrough) - ORDER_SYNC_OVERLAP_MS,
            ).toISOString(),
            nextToken: undefined,
            startedAt: now.toISOString(),
          }
        : { createdAfter: windowFrom.toISOString(), nextToken: undefined, startedAt: now.toISOString() });
    let orders = previous?.orders ?? [];
    let nextToken = query.nextToken;
    const from = previous?.from ?? windowFrom.toISOString();
    for (let page = 0; page < 10_000; page++) {
      const accessToken = await this.deps.tokens.accessTokenFor(store);
      let result;
      try {
        result = await this.spApi(store, this.deps.orders.operation, deadlineMs, () =>
          this.deps.orders.fetchOrdersPage({
            region: store.region,
            accessToken,
            marketplaceId,
            ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
            ...(query.lastUpdatedAfter === undefined ? {} : { lastUpdatedAfter: query.lastUpdatedAfter }),
            nextToken,
          }),
        );
      } catch (error) {
        // Out of time or quota mid-way: keep what was read and continue from here on the next view.
        if (error instanceof Throttled && nextToken !== undefined) {
          const pending = {
            ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
            ...(query.lastUpdatedAfter === undefined ? {} : { lastUpdatedAfter: query.lastUpdatedAfter }),
            nextToken,
            startedAt: query.startedAt,
          };
          return {
            history: { orders, from, syncedThrough: previous?.syncedThrough, pending },
            retryAfterSeconds: error.retryAfterSeconds,
          };
        }
        throw error;
      }
      orders = mergeOrders(orders, result.records, { from: windowFrom });
      nextToken = result.nextToken;
      if (nextToken === undefined)
        return { history: { orders, from, syncedThrough: query.startedAt, pending: undefined } };
    }
    throw new Error('Orders pagination did not end');
  }

  /** One paced SP-API call; a 403 means the authorization no longer works for this store. */
  private async spApi<T>(
    store: StoreProfile,
    operation: 'getInventorySummaries' | 'searchOrders' | 'getOrders',
    deadlineMs: number,
    call: () => Promise<{ records: T[]; nextToken: string | undefined; rateLimit: number | undefined }>,
  ) {
    try {
      return await this.deps.pacing.call(store.storeId, operation, deadlineMs, async () => {
        const page = await call();
        return { value: page, rateLimit: page.rateLimit };
      });
    } catch (error) {
      if (error instanceof SpApiError && error.kind === 'unauthorized') {
        // The access token was refused (e.g. revoked moments ago): forget it; the next view re-mints or revokes.
        this.deps.tokens.drop(store.storeId);
        throw new AccessDenied(
          'Amazon refused access to this store; try again, or ask the seller to re-authorize.',
        );
      }
      if (error instanceof SpApiError)
        throw new DomainError('AmazonUnavailable', 'Amazon could not answer this request.');
      throw error;
    }
  }
}
