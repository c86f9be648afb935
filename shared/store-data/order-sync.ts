import { Throttled } from '../errors';
import type { Deadline } from '../pacing/paced-caller';
import { PaginationGuard } from '../pacing/pagination-guard';
import type { OrdersSource } from '../ports';
import type { OrderRecord, OrderStatus } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import {
  addLoadedOrders,
  applyOrderChanges,
  OPEN_STATUSES,
  type OrderHistory,
  type OrderSyncJob,
} from './order-history-state';
import type { SpApiCaller } from './token-retry';
import { MILLISECONDS_PER_DAY } from '../time';

/** Overlap of incremental order fetches: Amazon indexes changes with a short delay. */
export const ORDER_SYNC_OVERLAP_MS = 5 * 60_000;
/** How far back the open-orders listing reaches: an order unshipped for longer is cancelled by Amazon. */
export const OPEN_ORDERS_LOOKBACK_DAYS = 60;

export interface OrderSyncDeps {
  readonly orders: OrdersSource;
  readonly callSpApi: SpApiCaller;
}

/** Every page of one Orders listing; Throttled (out of time or quota) comes with what was read and where. */
async function readListing(
  deps: OrderSyncDeps,
  store: StoreProfile,
  marketplaceId: string,
  query: Omit<OrderSyncJob, 'kind' | 'startedAt'> & { readonly statuses?: readonly OrderStatus[] },
  deadline: Deadline,
  onPage: (records: OrderRecord[], nextToken: string | undefined) => void,
): Promise<void> {
  let nextToken = query.nextToken;
  // Only repeated tokens stop an order listing: running out of quota is the caller's to keep pending, by design.
  const guard = new PaginationGuard(deps.orders.operation, undefined, query.nextToken);
  for (let page = 0; page < 10_000; page++) {
    const result = await deps.callSpApi(store, deps.orders.operation, deadline, (accessToken) =>
      deps.orders.fetchOrdersPage({
        region: store.region,
        accessToken,
        marketplaceId,
        ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
        ...(query.createdBefore === undefined ? {} : { createdBefore: query.createdBefore }),
        ...(query.lastUpdatedAfter === undefined ? {} : { lastUpdatedAfter: query.lastUpdatedAfter }),
        ...(query.statuses === undefined ? {} : { statuses: query.statuses }),
        nextToken,
      }),
    );
    guard.afterPage(result.nextToken);
    nextToken = result.nextToken;
    onPage(result.records, nextToken);
    if (nextToken === undefined) return;
  }
  throw new Error('Orders pagination did not end');
}

/**
 * Runs one Orders API job into the history. A job cut short by the usage plan is kept with its nextToken (the
 * orders read so far are kept too) and continued by the next view.
 */
export async function runOrderJob(
  deps: OrderSyncDeps,
  store: StoreProfile,
  marketplaceId: string,
  job: OrderSyncJob,
  start: OrderHistory,
  deadline: Deadline,
  now: Date,
): Promise<{ history: OrderHistory; retryAfterSeconds?: number }> {
  let history = start;
  let nextToken = job.nextToken;
  try {
    await readListing(deps, store, marketplaceId, job, deadline, (records, token) => {
      history =
        job.kind === 'incremental'
          ? applyOrderChanges(history, records, now)
          : addLoadedOrders(history, records, now);
      nextToken = token;
    });
  } catch (error) {
    if (error instanceof Throttled) {
      const pending = { ...job, ...(nextToken === undefined ? {} : { nextToken }) };
      return { history: { ...history, pending }, retryAfterSeconds: error.retryAfterSeconds };
    }
    throw error;
  }
  switch (job.kind) {
    case 'initial':
      return {
        history: { ...history, from: job.createdAfter, syncedThrough: job.startedAt, pending: undefined },
      };
    case 'incremental':
      return { history: { ...history, syncedThrough: job.startedAt, pending: undefined } };
    case 'backfill':
      return { history: { ...history, from: job.createdAfter, pending: undefined } };
  }
}

/** The next Orders API job the history needs, if any: changes since the last sync, then older days. */
export function nextOrderJob(history: OrderHistory, now: Date, changesRead: boolean) {
  if (history.pending !== undefined) return history.pending;
  if (history.from === undefined || history.syncedThrough === undefined) return undefined;
  if (!changesRead)
    return {
      kind: 'incremental',
      lastUpdatedAfter: new Date(Date.parse(history.syncedThrough) - ORDER_SYNC_OVERLAP_MS).toISOString(),
      startedAt: now.toISOString(),
    } satisfies OrderSyncJob;
  return undefined;
}

/**
 * The store's open orders, read directly and completely (UNSHIPPED, PARTIALLY_SHIPPED, PENDING), whatever the
 * history's state: what ships late is never missing because the history is still loading. Throws Throttled or
 * AmazonUnavailable when they cannot all be read; a partial listing is never used.
 */
export async function readOpenOrders(
  deps: OrderSyncDeps,
  store: StoreProfile,
  marketplaceId: string,
  deadline: Deadline,
  now: Date,
): Promise<OrderRecord[]> {
  const open: OrderRecord[] = [];
  await readListing(
    deps,
    store,
    marketplaceId,
    {
      createdAfter: new Date(now.getTime() - OPEN_ORDERS_LOOKBACK_DAYS * MILLISECONDS_PER_DAY).toISOString(),
      statuses: OPEN_STATUSES,
    },
    deadline,
    (records) => open.push(...records.filter((order) => OPEN_STATUSES.includes(order.status))),
  );
  return open;
}
