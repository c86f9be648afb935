import { DomainError, Throttled } from '../errors';
import type { Deadline, PacedCaller } from '../pacing/paced-caller';
import type { SalesSource } from '../ports';
import type { StoreProfile } from '../stores/store';
import { isoWithOffset, marketplaceWindow } from '../summaries/marketplace-time-zones';
import { emptyHistory, openOrdersOf, VELOCITY_HISTORY_DAYS, type OrderHistory } from './order-history-state';
import {
  nextOrderJob,
  OPEN_ORDERS_LOOKBACK_DAYS,
  readOpenOrders,
  runOrderJob,
  type OrderSyncDeps,
} from './order-sync';
import { advanceReports, reportChunks, type ReportHistoryDeps } from './report-history';
import { MILLISECONDS_PER_DAY } from '../time';

export interface HistorySyncDeps extends OrderSyncDeps, ReportHistoryDeps {
  readonly sales: SalesSource;
  readonly pacing: PacedCaller;
}

export interface HistorySyncResult {
  readonly history: OrderHistory;
  /**
   * The history holds a complete read of the open orders no older than `openOrdersMaxAgeSeconds` (a listing, or
   * a full Orders API read of the lookback).
   */
  readonly openOrdersRead: boolean;
  readonly retryAfterSeconds?: number;
}

/** Where the history window starts: the first of the last `days` marketplace days (at least 60 for velocity). */
export const historyWindowStart = (now: Date, days: number, timeZone: string): Date =>
  new Date(marketplaceWindow(now.getTime(), Math.max(days, VELOCITY_HISTORY_DAYS), timeZone).startMs);

/**
 * The source for a window of orders not read yet, chosen per store: paging the Orders API when the window's
 * orders (counted by one Sales API call) fit in what its usage plan grants before the deadline — complete in
 * seconds, items included — and order reports otherwise: minutes of Amazon's processing instead of the hours
 * that paging searchOrders at one request per 180 s would take for a large store.
 */
async function chooseSource(
  deps: HistorySyncDeps,
  store: StoreProfile,
  marketplaceId: string,
  window: { from: Date; to: Date },
  timeZone: string,
  deadline: Deadline,
): Promise<'orders-api' | 'reports-api'> {
  const pagesAllowed = deps.pacing.pageLimit(store.storeId, deps.orders.operation, deadline)();
  try {
    const { metrics } = await deps.callSpApi(store, 'getOrderMetrics', deadline, (accessToken) =>
      deps.sales.getOrderMetrics({
        region: store.region,
        accessToken,
        marketplaceId,
        interval: {
          start: isoWithOffset(window.from.getTime(), timeZone),
          end: isoWithOffset(window.to.getTime(), timeZone),
        },
        granularity: 'Total',
        timeZone,
      }),
    );
    const orders = metrics.reduce((sum, metric) => sum + metric.orderCount, 0);
    return Math.ceil(orders / 100) + 1 <= pagesAllowed ? 'orders-api' : 'reports-api';
  } catch (error) {
    if (error instanceof Throttled || (error instanceof DomainError && error.code === 'AmazonUnavailable'))
      return 'reports-api';
    throw error;
  }
}

/**
 * Brings a marketplace's order history as far as the deadline and usage plans allow, from its checkpoint: the
 * source for the window is chosen once; then a cut-short job or waiting reports are continued, changes since the
 * last sync read, and older days read back down to the window's start. Reads the open orders directly first
 * when the history will not hold them all (`withOpenOrders`). Nothing here waits for Amazon's report processing.
 */
export async function syncHistory(
  deps: HistorySyncDeps,
  store: StoreProfile,
  marketplaceId: string,
  previous: OrderHistory | undefined,
  options: { days: number; timeZone: string; withOpenOrders: boolean; openOrdersMaxAgeSeconds: number },
  deadline: Deadline,
  now: Date,
): Promise<HistorySyncResult> {
  const { timeZone } = options;
  const wantFrom = historyWindowStart(now, options.days, timeZone);
  let history = previous ?? emptyHistory(timeZone, now);
  if (history.source === undefined) {
    const source = await chooseSource(
      deps,
      store,
      marketplaceId,
      { from: wantFrom, to: now },
      timeZone,
      deadline,
    );
    history =
      source === 'orders-api'
        ? {
            ...history,
            source,
            pending: { kind: 'initial', createdAfter: wantFrom.toISOString(), startedAt: now.toISOString() },
          }
        : { ...history, source, reports: reportChunks(wantFrom, now) };
  }
  // A full Orders API read of the lookback holds every open order; otherwise they are listed directly, first,
  // because the listing and the history's paging share one usage plan.
  const holdsOpenOrders = () =>
    history.source === 'orders-api' &&
    history.pending === undefined &&
    history.from !== undefined &&
    Date.parse(history.from) <=
      now.getTime() - OPEN_ORDERS_LOOKBACK_DAYS * MILLISECONDS_PER_DAY + MILLISECONDS_PER_DAY;
  // A listing younger than the stored copy's time to live is used as it is: re-listing on every view would
  // spend the usage plan the history needs (a large store's open orders take several pages).
  const listedAt = history.openOrders === undefined ? undefined : Date.parse(history.openOrders.readAt);
  let openOrdersRead =
    listedAt !== undefined && now.getTime() - listedAt < options.openOrdersMaxAgeSeconds * 1000;
  let retryAfterSeconds: number | undefined;
  if (
    options.withOpenOrders &&
    !openOrdersRead &&
    !(history.source === 'orders-api' && history.pending?.kind === 'initial')
  ) {
    if (history.source !== 'orders-api') {
      try {
        const orders = await readOpenOrders(deps, store, marketplaceId, deadline, now);
        history = { ...history, openOrders: { orders, readAt: now.toISOString() } };
        openOrdersRead = true;
      } catch (error) {
        if (!(
          error instanceof Throttled ||
          (error instanceof DomainError && error.code === 'AmazonUnavailable')
        ))
          throw error;
        retryAfterSeconds = error instanceof Throttled ? error.retryAfterSeconds : 30;
      }
    }
  }

  let changesRead = history.pending?.kind === 'initial';
  try {
    for (let step = 0; step < 6 && retryAfterSeconds === undefined; step++) {
      if (history.reports.length > 0) {
        const advanced = await advanceReports(deps, store, marketplaceId, history, deadline, now);
        history = advanced.history;
        retryAfterSeconds = advanced.retryAfterSeconds;
        continue;
      }
      let job = nextOrderJob(history, now, changesRead);
      if (job === undefined && history.from !== undefined && Date.parse(history.from) > wantFrom.getTime()) {
        const window = { from: wantFrom, to: new Date(history.from) };
        if ((await chooseSource(deps, store, marketplaceId, window, timeZone, deadline)) === 'reports-api') {
          history = { ...history, reports: reportChunks(window.from, window.to) };
          continue;
        }
        job = {
          kind: 'backfill',
          createdAfter: wantFrom.toISOString(),
          createdBefore: history.from,
          startedAt: now.toISOString(),
        };
      }
      if (job === undefined) break;
      if (job.kind !== 'backfill') changesRead = true;
      const outcome = await runOrderJob(deps, store, marketplaceId, job, history, deadline, now);
      history = outcome.history;
      retryAfterSeconds = outcome.retryAfterSeconds;
    }
  } catch (error) {
    // With the open orders in hand the view still answers (incomplete); without them, the failure is the answer.
    if (!(openOrdersRead && error instanceof DomainError && error.code === 'AmazonUnavailable')) throw error;
    retryAfterSeconds = 30;
  }

  if (options.withOpenOrders && retryAfterSeconds === undefined && holdsOpenOrders()) {
    history = { ...history, openOrders: { orders: openOrdersOf(history), readAt: now.toISOString() } };
    openOrdersRead = true;
  }
  return {
    history,
    openOrdersRead,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
