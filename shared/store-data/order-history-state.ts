import type { HistorySource } from '../api/data-contract';
import type { OrderRecord, OrderStatus } from '../stores/datasets';
import { calendarDate, MILLISECONDS_PER_DAY, parseInstant } from '../summaries/calendar-days';
import { addDays, startOfDay } from '../summaries/marketplace-time-zones';
import { mergeOrders } from '../summaries/order-history';
import { foldOrdersIntoDays, mergeDayTotals, type DayTotals } from '../summaries/order-day-totals';

/** Orders are kept for this long: velocity needs 60 days, the orders view offers up to 90. */
export const ORDER_HISTORY_DAYS = 90;
/** Velocity needs 60 days of orders: the least a history is loaded for. */
export const VELOCITY_HISTORY_DAYS = 60;
/** Orders of the most recent days are kept whole: they still ship, cancel, get paid. Older ones are folded. */
export const LIVE_DAYS = 10;
/** Statuses of an order still to ship: kept whole whatever their age, and the open-orders listing's filter. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED'];

/** A piece of Orders API syncing: the first read of a window, an older window read back, or changes since. */
export interface OrderSyncJob {
  readonly kind: 'initial' | 'backfill' | 'incremental';
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly lastUpdatedAfter?: string;
  readonly startedAt: string;
  readonly nextToken?: string;
}

/** One order report of the bulk history (Reports API): requested, then polled, then read. A checkpoint. */
export interface ReportChunk {
  /** Orders created in [start, end) are taken from this report (ISO-8601). */
  readonly start: string;
  readonly end: string;
  readonly reportId?: string;
  readonly requestedAt?: string;
}

/**
 * A marketplace's order history as stored (the `orders` snapshot): recent and open orders whole, older days
 * folded, and the checkpoint of whatever is still being read, so the next view (in any execution environment,
 * after any restart) continues where the last one stopped.
 */
export interface OrderHistory {
  readonly version: 2;
  readonly timeZone: string;
  /** Orders created from `liveFrom` on, and every older one still open. */
  readonly live: OrderRecord[];
  readonly liveFrom: string;
  /** Folded days before `liveFrom` (open orders excepted: they are in `live`). */
  readonly settled: DayTotals[];
  /** Every order created from here on is counted (ISO-8601); undefined until a first window is read. */
  readonly from: string | undefined;
  /** Every change up to here is in (ISO-8601). */
  readonly syncedThrough: string | undefined;
  /** An Orders API job cut short by the usage plan or the deadline. */
  readonly pending: OrderSyncJob | undefined;
  /** Reports not read yet, newest first. */
  readonly reports: readonly ReportChunk[];
  readonly source: HistorySource | undefined;
  /** The last complete open-orders listing (what ships late), when one was needed. */
  readonly openOrders?: { readonly orders: OrderRecord[]; readonly readAt: string };
}

export const emptyHistory = (timeZone: string, now: Date): OrderHistory => ({
  version: 2,
  timeZone,
  live: [],
  liveFrom: liveWindowStart(now, timeZone).toISOString(),
  settled: [],
  from: undefined,
  syncedThrough: undefined,
  pending: undefined,
  reports: [],
  source: undefined,
});

/** A stored history of this shape and zone, or undefined (an older shape is read again from Amazon). */
export function storedHistory(data: unknown, timeZone: string): OrderHistory | undefined {
  const history = data as Partial<OrderHistory> | undefined;
  return history?.version === 2 && history.timeZone === timeZone ? (history as OrderHistory) : undefined;
}

const liveWindowStart = (now: Date, timeZone: string) =>
  new Date(startOfDay(addDays(calendarDate(now.getTime(), timeZone), -(LIVE_DAYS - 1)), timeZone));

const isOpen = (order: OrderRecord) => OPEN_STATUSES.includes(order.status);

/** Folds what left the live window into settled days and drops days older than the history keeps. */
function roll(history: OrderHistory, live: OrderRecord[], now: Date): OrderHistory {
  const liveFrom = liveWindowStart(now, history.timeZone);
  const liveFromMs = liveFrom.getTime();
  const keep: OrderRecord[] = [];
  const leaving: OrderRecord[] = [];
  for (const order of live) {
    const created = parseInstant(order.createdTime) ?? 0;
    (created >= liveFromMs || isOpen(order) ? keep : leaving).push(order);
  }
  const oldest = calendarDate(
    now.getTime() - (ORDER_HISTORY_DAYS + 1) * MILLISECONDS_PER_DAY,
    history.timeZone,
  );
  const settled = mergeDayTotals(history.settled, foldOrdersIntoDays(leaving, history.timeZone)).filter(
    (day) => day.date >= oldest,
  );
  return { ...history, live: keep, liveFrom: liveFrom.toISOString(), settled };
}

const keepFrom = (now: Date) => new Date(now.getTime() - (ORDER_HISTORY_DAYS + 1) * MILLISECONDS_PER_DAY);

/**
 * Adds orders read for the first time (a window of the Orders API or a report): none of them is counted yet.
 * Orders also held already (the windows of two sources may overlap) are merged, never counted twice.
 */
export function addLoadedOrders(
  history: OrderHistory,
  orders: readonly OrderRecord[],
  now: Date,
): OrderHistory {
  return roll(history, mergeOrders(history.live, orders, { from: keepFrom(now) }), now);
}

/**
 * Applies changes (`lastUpdatedAfter`) to what is kept whole. A change to an order already folded into a settled
 * day is left out rather than counted twice: days settle after LIVE_DAYS, as Seller Central's figures do.
 */
export function applyOrderChanges(
  history: OrderHistory,
  updates: readonly OrderRecord[],
  now: Date,
): OrderHistory {
  const known = new Set(history.live.map((order) => order.orderId));
  const liveFromMs = Date.parse(history.liveFrom);
  const fromMs = history.from === undefined ? Infinity : Date.parse(history.from);
  const accepted = updates.filter((order) => {
    const created = parseInstant(order.createdTime) ?? 0;
    // New orders (created after the history began) and orders kept whole; never a folded one.
    return known.has(order.orderId) || (created >= liveFromMs && created >= Math.min(fromMs, liveFromMs));
  });
  return roll(history, mergeOrders(history.live, accepted, { from: keepFrom(now) }), now);
}

/** Every day of the history, folded (settled days and the live orders). */
export const historyDays = (history: OrderHistory): DayTotals[] =>
  mergeDayTotals(history.settled, foldOrdersIntoDays(history.live, history.timeZone));

/** The first marketplace date whose every order is counted: the day after `from` unless `from` starts a day. */
export function loadedFromDate(history: OrderHistory): string | undefined {
  if (history.from === undefined) return undefined;
  const fromMs = Date.parse(history.from);
  const date = calendarDate(fromMs, history.timeZone);
  return startOfDay(date, history.timeZone) === fromMs ? date : addDays(date, 1);
}

/** Every order from `windowStartMs` to the last sync is counted, and nothing is left to read for it. */
export const historyCovers = (history: OrderHistory | undefined, windowStartMs: number): boolean =>
  history?.from !== undefined &&
  history.syncedThrough !== undefined &&
  Date.parse(history.from) <= windowStartMs &&
  history.pending === undefined &&
  history.reports.length === 0;

/** Nothing of the history is still being read (no cut-short job, no report waiting). */
export const historySettled = (history: OrderHistory): boolean =>
  history.pending === undefined && history.reports.length === 0;

/** The open orders the history holds (all of them, once it is synced and reaches back far enough). */
export const openOrdersOf = (history: OrderHistory): OrderRecord[] => history.live.filter(isOpen);
