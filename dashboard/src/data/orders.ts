import type { AtRiskOrder, DailyOrders, Money, OrdersResponse } from '../api/types';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';

export type RiskBucket = 'late' | 'due-soon' | 'later';

/** What ranking reads of an at-risk order. */
type AtRiskCore = Pick<AtRiskOrder, 'orderId' | 'status' | 'latestShipDate' | 'late'>;

export type RankedAtRisk<T extends AtRiskCore = AtRiskOrder> = T & { readonly bucket: RiskBucket };

/** Late shipments first, then those due within 24 h, each by latest ship date (oldest first). */
export function rankAtRisk<T extends AtRiskCore>(orders: readonly T[], now: number): RankedAtRisk<T>[] {
  const rank: Record<RiskBucket, number> = { late: 0, 'due-soon': 1, later: 2 };
  return orders
    .map((order) => {
      const due = Date.parse(order.latestShipDate);
      const bucket: RiskBucket =
        order.late || (Number.isFinite(due) && due < now)
          ? 'late'
          : Number.isFinite(due) && due - now <= MILLISECONDS_PER_DAY
            ? 'due-soon'
            : 'later';
      return { ...order, bucket };
    })
    .sort(
      (a, b) =>
        rank[a.bucket] - rank[b.bucket] ||
        (Date.parse(a.latestShipDate) || 0) - (Date.parse(b.latestShipDate) || 0),
    );
}

function moneyAmount(money: Money | undefined): number {
  if (money === undefined) return 0;
  const amount = typeof money.amount === 'number' ? money.amount : Number(money.amount);
  return Number.isFinite(amount) ? amount : 0;
}

/** The currency the chart uses: the largest revenue of the period, else the marketplace's. */
export function primaryCurrency(
  totals: OrdersResponse['totals'],
  fallback: string | undefined,
): string | undefined {
  const sorted = [...totals.revenue].sort((a, b) => moneyAmount(b) - moneyAmount(a));
  return sorted[0]?.currency ?? fallback;
}

/** A day's revenue in one currency (one entry per currency of the totals, shared/api/data-contract.ts). */
export function dailyRevenue(day: DailyOrders, currency: string | undefined): number {
  const list = day.revenue;
  return moneyAmount(list.find((money) => currency === undefined || money.currency === currency) ?? list[0]);
}

const COARSE_STEPS = [1, 2, 5, 10];
const FINE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The smallest of 1, 2, 5 × 10^n at or above `value`: a step people read without effort. `fine` also allows
 * 1.2, 1.5, 2.5, 3, 4, 6, 8 × 10^n, for an axis whose number of steps is already fixed.
 */
export function niceStep(value: number, fine = false): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of fine ? FINE_STEPS : COARSE_STEPS) {
    const candidate = Number((step * magnitude).toPrecision(12));
    if (candidate >= value) return candidate;
  }
  return 10 * magnitude;
}

/**
 * Axis scales for the chart: about four round steps for orders, and the same number of steps for revenue so
 * both axes share the grid lines.
 */
export function chartScales(
  ordersPeak: number,
  revenuePeak: number,
): { ordersMax: number; revenueMax: number; steps: number } {
  const ordersStep = Math.max(1, niceStep(Math.max(0, ordersPeak) / 4));
  const steps = Math.max(1, Math.ceil(Math.max(0, ordersPeak) / ordersStep));
  const revenueStep = niceStep(Math.max(0, revenuePeak) / steps, true);
  return {
    ordersMax: ordersStep * steps,
    revenueMax: Number((revenueStep * steps).toPrecision(12)),
    steps,
  };
}

export interface ChartGeometry {
  readonly bars: readonly {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly date: string;
    readonly orders: number;
    readonly revenue: number;
  }[];
  /** `points` attribute of the revenue polyline. */
  readonly revenueLine: string;
  readonly revenuePoints: readonly { readonly x: number; readonly y: number }[];
  readonly ordersMax: number;
  readonly revenueMax: number;
  /** Grid lines as fractions of the plot height (0 = bottom). */
  readonly ticks: readonly number[];
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
  };
}

/**
 * Layout of the daily chart (orders as bars on the left axis, revenue as a line on the right), in SVG user
 * units: the component only draws what this returns.
 */
export function chartGeometry(
  daily: readonly DailyOrders[],
  currency: string | undefined,
  size: { width: number; height: number; left: number; right: number; top: number; bottom: number },
): ChartGeometry {
  const plot = {
    left: size.left,
    top: size.top,
    width: Math.max(1, size.width - size.left - size.right),
    height: Math.max(1, size.height - size.top - size.bottom),
  };
  const days = [...daily].sort((a, b) => a.date.localeCompare(b.date));
  const revenues = days.map((day) => dailyRevenue(day, currency));
  const { ordersMax, revenueMax, steps } = chartScales(
    Math.max(0, ...days.map((day) => day.orders)),
    Math.max(0, ...revenues),
  );
  const slot = days.length === 0 ? plot.width : plot.width / days.length;
  const barWidth = Math.max(1, slot * 0.7);
  const bars = days.map((day, i) => {
    const height = (Math.max(0, day.orders) / ordersMax) * plot.height;
    return {
      x: plot.left + i * slot + (slot - barWidth) / 2,
      y: plot.top + plot.height - height,
      width: barWidth,
      height,
      date: day.date,
      orders: day.orders,
      revenue: revenues[i] ?? 0,
    };
  });
  const revenuePoints = revenues.map((revenue, i) => ({
    x: plot.left + i * slot + slot / 2,
    y: plot.top + plot.height - (Math.max(0, revenue) / revenueMax) * plot.height,
  }));
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    bars,
    revenuePoints,
    revenueLine: revenuePoints.map((point) => `${round(point.x)},${round(point.y)}`).join(' '),
    ordersMax,
    revenueMax,
    ticks: Array.from({ length: steps + 1 }, (_, i) => i / steps),
    plot,
  };
}

/** Statuses in the order of an order's life (Orders 2026-01-01 names); others follow alphabetically. */
const STATUS_ORDER = [
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'UNFULFILLABLE',
];

export function orderedStatuses(byStatus: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(byStatus).sort(([a], [b]) => {
    const left = STATUS_ORDER.indexOf(a);
    const right = STATUS_ORDER.indexOf(b);
    if (left === -1 && right === -1) return a.localeCompare(b);
    if (left === -1) return 1;
    if (right === -1) return -1;
    return left - right;
  });
}

export interface BreakdownRow {
  readonly key: string;
  readonly count: number;
  /** 0..1 of the total. */
  readonly share: number;
}

export function breakdown(counts: Readonly<Record<string, number>> | undefined): BreakdownRow[] {
  if (counts === undefined) return [];
  const entries = Object.entries(counts).filter(([, count]) => Number.isFinite(count));
  const total = entries.reduce((sum, [, count]) => sum + Math.max(0, count), 0);
  return entries
    .map(([key, count]) => ({ key, count, share: total > 0 ? Math.max(0, count) / total : 0 }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const ORDER_WINDOWS = [7, 14, 30, 60, 90] as const;
export const DEFAULT_ORDER_DAYS = 30;

export function parseDays(value: string | null | undefined): number {
  const days = Number(value);
  return (ORDER_WINDOWS as readonly number[]).includes(days) ? days : DEFAULT_ORDER_DAYS;
}
