import type { FulfillmentChannel, OrderRecord, OrderStatus } from '../stores/datasets';
import { calendarDate, parseInstant } from './calendar-days';
import { currencyKey, toMinorUnits } from './currency-amounts';

/**
 * One marketplace day of orders, folded: what the orders view and sales velocity need, without the orders
 * themselves. A store with 10,000 orders a month keeps 90 days of these in far less than DynamoDB's 400 KB item
 * limit, where 30,000 order records would not fit. No buyer data, ever.
 */
export interface DayTotals {
  /** `YYYY-MM-DD` in the marketplace's time zone. */
  readonly date: string;
  readonly orders: number;
  readonly byStatus: Readonly<Partial<Record<OrderStatus, number>>>;
  readonly byChannel: Readonly<Partial<Record<FulfillmentChannel, number>>>;
  /** Revenue in integer minor units per currency (CANCELLED, UNFULFILLABLE and unpriced orders left out). */
  readonly revenueMinor: Readonly<Record<string, number>>;
  /** Units ordered per seller SKU (CANCELLED left out). */
  readonly units: Readonly<Record<string, number>>;
}

/** Statuses whose order total is not revenue (see orders-summary.ts). */
const NON_REVENUE: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['CANCELLED', 'UNFULFILLABLE']);

type MutableDay = {
  date: string;
  orders: number;
  byStatus: Partial<Record<OrderStatus, number>>;
  byChannel: Partial<Record<FulfillmentChannel, number>>;
  revenueMinor: Record<string, number>;
  units: Record<string, number>;
};

const emptyDay = (date: string): MutableDay => ({
  date,
  orders: 0,
  byStatus: {},
  byChannel: {},
  revenueMinor: {},
  units: {},
});

function addOrder(day: MutableDay, order: OrderRecord): void {
  day.orders += 1;
  day.byStatus[order.status] = (day.byStatus[order.status] ?? 0) + 1;
  day.byChannel[order.channel] = (day.byChannel[order.channel] ?? 0) + 1;
  if (!NON_REVENUE.has(order.status) && order.total !== undefined && Number.isFinite(order.total.amount)) {
    const currency = currencyKey(order.total.currency);
    if (currency !== '')
      day.revenueMinor[currency] =
        (day.revenueMinor[currency] ?? 0) + toMinorUnits(order.total.amount, currency);
  }
  if (order.status !== 'CANCELLED')
    for (const item of order.items)
      day.units[item.sellerSku] = (day.units[item.sellerSku] ?? 0) + item.quantity;
}

/** Folds orders into marketplace days (orders with an unreadable createdTime are left out). Sorted by date. */
export function foldOrdersIntoDays(orders: readonly OrderRecord[], timeZone: string): DayTotals[] {
  const days = new Map<string, MutableDay>();
  for (const order of orders) {
    const created = parseInstant(order.createdTime);
    if (created === undefined) continue;
    const date = calendarDate(created, timeZone);
    let day = days.get(date);
    if (day === undefined) days.set(date, (day = emptyDay(date)));
    addOrder(day, order);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Adds day totals together per date (disjoint sets of orders: e.g. two report windows meeting mid-day). */
export function mergeDayTotals(...lists: ReadonlyArray<readonly DayTotals[]>): DayTotals[] {
  const days = new Map<string, MutableDay>();
  for (const list of lists) {
    for (const source of list) {
      let day = days.get(source.date);
      if (day === undefined) days.set(source.date, (day = emptyDay(source.date)));
      day.orders += source.orders;
      for (const [key, value] of Object.entries(source.byStatus))
        day.byStatus[key as OrderStatus] = (day.byStatus[key as OrderStatus] ?? 0) + (value ?? 0);
      for (const [key, value] of Object.entries(source.byChannel))
        day.byChannel[key as FulfillmentChannel] =
          (day.byChannel[key as FulfillmentChannel] ?? 0) + (value ?? 0);
      for (const [key, value] of Object.entries(source.revenueMinor))
        day.revenueMinor[key] = (day.revenueMinor[key] ?? 0) + value;
      for (const [key, value] of Object.entries(source.units)) day.units[key] = (day.units[key] ?? 0) + value;
    }
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
