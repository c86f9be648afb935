import { BadRequest } from '../errors';
import {
  ORDER_STATUSES,
  type FulfillmentChannel,
  type Money,
  type OrderRecord,
  type OrderStatus,
} from '../stores/datasets';
import { assertTimeZone, calendarDatesBetween, MILLISECONDS_PER_HOUR, parseInstant } from './calendar-days';
import { CurrencyTotals, fromMinorUnits } from './currency-amounts';
import { marketplaceWindow } from './marketplace-time-zones';
import type { DayTotals } from './order-day-totals';
import type { SummarySource } from './summary-source';

/** The longest window a summary builds (two years of daily buckets); routes usually allow far less. */
export const MAX_SUMMARY_DAYS = 730;

/** How far ahead a ship-by deadline makes an order "at risk". */
export const AT_RISK_HORIZON_HOURS = 24;

/**
 * Statuses whose order total is not revenue: CANCELLED will not be paid, and UNFULFILLABLE orders (non-Amazon
 * orders Amazon could not fill) are never shipped or charged.
 */
export const NON_REVENUE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'CANCELLED',
  'UNFULFILLABLE',
]);

/**
 * Statuses in which the seller still has to ship. PENDING is left out even with a ship-by date: payment is not yet
 * authorized, the order cannot be shipped or confirmed, and Amazon moves its dates when it becomes UNSHIPPED.
 */
export const AWAITING_SHIPMENT_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
]);

/** One line of an at-risk order: what to pick and pack. */
export interface AtRiskOrderItem {
  readonly sellerSku: string;
  readonly quantity: number;
}

export interface AtRiskOrder {
  readonly orderId: string;
  readonly status: OrderStatus;
  /** AFN orders are Amazon's to ship; the dashboard may show or filter them. */
  readonly channel: FulfillmentChannel;
  readonly marketplaceId: string;
  /** ISO-8601 (UTC) */
  readonly latestShipDate: string;
  /** The ship-by time has passed. */
  readonly late: boolean;
  /** Hours from asOf to the ship-by time, 1 decimal: negative when late (hours overdue). */
  readonly dueInHours: number;
  /**
   * The order's SKUs and quantities, as Orders 2026-01-01 lists them. `null` when the source does not list them
   * (Orders v0 getOrders carries no items): unknown, never an empty order.
   */
  readonly items: readonly AtRiskOrderItem[] | null;
}

export interface DailyOrders {
  /** `YYYY-MM-DD` in the summary's time zone. */
  readonly date: string;
  /** Orders created that day, every status. */
  readonly orders: number;
  /**
   * Revenue created that day: always an array, one entry per currency of totals.revenue in the same order (0 on a
   * day without sales), so a chart reads the same currency at the same index on every day.
   */
  readonly revenue: readonly Money[];
}

export interface OrdersTotals {
  /** Orders in the window, every status. */
  readonly orders: number;
  /** Every Orders 2026-01-01 status, 0 when none. */
  readonly byStatus: Readonly<Record<OrderStatus, number>>;
  /** AFN (fulfilled by Amazon) and MFN (by the seller), 0 when none. */
  readonly byChannel: Readonly<Record<FulfillmentChannel, number>>;
  /** Orders per marketplaceId present. */
  readonly byMarketplace: Readonly<Record<string, number>>;
  /**
   * Order totals (what the seller receives) per currency, sorted by code, rounded to the currency's minor units
   * (JPY 0, USD 2). CANCELLED and UNFULFILLABLE are left out, and so are orders without a total (Amazon omits it
   * on some PENDING orders).
   */
  readonly revenue: readonly Money[];
}

export interface OrdersSummary {
  readonly storeId: string;
  readonly marketplaceId: string;
  /** ISO-8601 */
  readonly asOf: string;
  readonly source: SummarySource;
  readonly days: number;
  /** The window's start, ISO-8601: asOf minus `days` × 24 h. */
  readonly from: string;
  /** The time zone of `daily`. */
  readonly timeZone: string;
  readonly totals: OrdersTotals;
  /** Orders awaiting shipment whose ship-by time has passed or is within 24 h: late first, then soonest due. */
  readonly atRisk: readonly AtRiskOrder[];
  /** One entry per calendar day the window touches, oldest first, empty days included. */
  readonly daily: readonly DailyOrders[];
}

// `+ 0` turns the -0 of a tiny negative into 0, which JSON would print as 0 anyway but tests compare exactly.
const roundTenths = (value: number) => Math.round(value * 10) / 10 + 0;

export interface SummarizeOrderHistoryInput {
  readonly storeId: string;
  readonly marketplaceId: string;
  readonly asOf: Date;
  readonly source: SummarySource;
  /** The last `days` marketplace days, today included. 1…730. */
  readonly days: number;
  /** IANA zone of the marketplace: the days of `dayTotals` and of the window. */
  readonly timeZone: string;
  /** Folded days of the history (any range; days outside the window are left out). */
  readonly dayTotals: readonly DayTotals[];
  /** First marketplace date from which every order is in `dayTotals`; undefined when nothing is loaded yet. */
  readonly loadedFrom: string | undefined;
  /** The store's open orders, read directly from Amazon; undefined when they could not be read. */
  readonly openOrders: readonly OrderRecord[] | undefined;
}

export interface HistoryCoverage {
  readonly daysRequested: number;
  /** Marketplace days of the window whose every order is counted. */
  readonly daysLoaded: number;
  /** First marketplace date counted in this answer (`YYYY-MM-DD`), null when none is. */
  readonly historyFrom: string | null;
}

/** Orders still to ship whose ship-by has passed or is within 24 h, late first; PENDING only once late. */
export function atRiskOrders(openOrders: readonly OrderRecord[], asOfMs: number): AtRiskOrder[] {
  const atRisk: Array<AtRiskOrder & { readonly dueMs: number }> = [];
  for (const order of openOrders) {
    const dueMs = parseInstant(order.latestShipDate);
    if (dueMs === undefined) continue;
    const awaiting = AWAITING_SHIPMENT_STATUSES.has(order.status);
    const pendingLate = order.status === 'PENDING' && dueMs < asOfMs;
    if (!(awaiting || pendingLate) || dueMs - asOfMs > AT_RISK_HORIZON_HOURS * MILLISECONDS_PER_HOUR)
      continue;
    atRisk.push({
      orderId: order.orderId,
      status: order.status,
      channel: order.channel,
      marketplaceId: order.marketplaceId,
      latestShipDate: new Date(dueMs).toISOString(),
      late: dueMs < asOfMs,
      dueInHours: roundTenths((dueMs - asOfMs) / MILLISECONDS_PER_HOUR),
      // An order always has a line: no lines means the source did not say (v0), not an empty order.
      items:
        order.items.length === 0
          ? null
          : order.items.map(({ sellerSku, quantity }) => ({ sellerSku, quantity })),
      dueMs,
    });
  }
  atRisk.sort((a, b) => a.dueMs - b.dueMs || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  return atRisk.map(({ dueMs: _dueMs, ...order }) => order);
}

/**
 * The orders view from a folded history: the last `days` marketplace days (today included), counted only from
 * the days that are loaded (never a loaded-looking zero for a day not read yet), with what ships late from the
 * open orders read directly. Pure: the clock is `asOf`.
 */
export function summarizeOrderHistory(
  input: SummarizeOrderHistoryInput,
): OrdersSummary & { readonly history: HistoryCoverage } {
  const { days, timeZone } = input;
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUMMARY_DAYS)
    throw new BadRequest(`days must be a whole number from 1 to ${MAX_SUMMARY_DAYS}.`);
  assertTimeZone(timeZone);
  const asOfMs = input.asOf.getTime();
  const window = marketplaceWindow(asOfMs, days, timeZone);
  const firstCounted =
    input.loadedFrom === undefined
      ? undefined
      : input.loadedFrom > window.firstDate
        ? input.loadedFrom
        : window.firstDate;
  const dates =
    firstCounted === undefined || firstCounted > window.today
      ? []
      : calendarDatesBetween(firstCounted, window.today);
  const byDate = new Map(input.dayTotals.map((day) => [day.date, day]));

  const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  const byChannel: Record<FulfillmentChannel, number> = { AFN: 0, MFN: 0 };
  const revenue = new CurrencyTotals();
  let orderCount = 0;
  for (const date of dates) {
    const day = byDate.get(date);
    if (day === undefined) continue;
    orderCount += day.orders;
    for (const status of ORDER_STATUSES) byStatus[status] += day.byStatus[status] ?? 0;
    byChannel.AFN += day.byChannel.AFN ?? 0;
    byChannel.MFN += day.byChannel.MFN ?? 0;
    for (const [currency, minor] of Object.entries(day.revenueMinor)) revenue.addMinor(currency, minor);
  }
  const currencies = revenue.currencies();
  const daily = dates.map((date): DailyOrders => {
    const day = byDate.get(date);
    return {
      date,
      orders: day?.orders ?? 0,
      revenue: currencies.map((currency) => ({
        currency,
        amount: fromMinorUnits(day?.revenueMinor[currency] ?? 0, currency),
      })),
    };
  });
  return {
    storeId: input.storeId,
    marketplaceId: input.marketplaceId,
    asOf: input.asOf.toISOString(),
    source: input.source,
    days,
    from: new Date(window.startMs).toISOString(),
    timeZone,
    totals: {
      orders: orderCount,
      byStatus,
      byChannel,
      byMarketplace: orderCount === 0 ? {} : { [input.marketplaceId]: orderCount },
      revenue: revenue.toMoney(currencies),
    },
    atRisk: input.openOrders === undefined ? [] : atRiskOrders(input.openOrders, asOfMs),
    daily,
    history: { daysRequested: days, daysLoaded: dates.length, historyFrom: dates[0] ?? null },
  };
}
