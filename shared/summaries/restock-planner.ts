import {
  SHIPPING_MODES,
  type ResolvedSkuSettings,
  type RestockModePlan,
  type RestockPlan,
  type RestockPlanSettings,
  type RestockStatus,
  type ShippingMode,
} from '../api/restock-contract';
import type { OrderRecord, OrderStatus } from '../stores/datasets';
import { MILLISECONDS_PER_DAY, parseInstant } from './calendar-days';
import { addDays, daysBetween } from './restock-calendar';
import { knowsSku, type SalesVelocity, type SkuUnitsSold } from './sales-velocity';

/**
 * The restock planner: per SKU, when to order, by which mode and how much, from its stock, its sales velocity and
 * the lead time of each leg (production → inspection → first mile by mode [→ overseas warehouse] → FBA receiving).
 * Pure: the day is given; every date is a calendar day of the marketplace.
 *
 *   unitsPerDay           = Σ weight(w) × unitsSold(w) / w over the windows w ∈ {7, 30, 60} the history covers
 *   supply                = fulfillable + inbound (working + shipped + receiving)
 *   stockOutWithInbound   = today + ⌊supply / unitsPerDay⌋
 *   leadTime(mode)        = production + inspection + transit(mode) [+ overseas warehouse] + receiving
 *   orderBy(mode)         = stockOutWithInbound − safety − leadTime(mode)
 *   shipBy(mode)          = orderBy(mode) + production + inspection
 *   leftOnArrival(mode)   = max(0, supply − unitsPerDay × leadTime(mode))      (sales lost while out are not refilled)
 *   quantity(mode)        = max(0, unitsPerDay × (safety + cover) − leftOnArrival(mode)),
 *                           raised to the MOQ, then rounded up to whole cartons (case pack)
 */

/** The sales windows, in days, that feed the velocity. */
export const VELOCITY_WINDOWS = [7, 30, 60] as const;

/**
 * How much each window's daily rate weighs. An order placed today is sold over lead + safety + cover (about five
 * months by sea), so the 30-day rate carries half the weight: long enough to smooth weekday swings and a single
 * promotion day, short enough to follow the season. The 7-day rate (a quarter) lets a trend change show within a
 * week; the 60-day rate (a quarter) damps one-off spikes and a week lost to a stock-out. A window the history does
 * not reach weighs 0 and the others scale up; under 7 days of history there is no velocity.
 */
export const VELOCITY_WEIGHTS: Readonly<SkuUnitsSold> = Object.freeze({ d7: 0.25, d30: 0.5, d60: 0.25 });

/**
 * Order statuses whose units count as demand. PENDING, UNSHIPPED, PARTIALLY_SHIPPED and SHIPPED are sales that
 * draw (or drew) on stock. Left out: CANCELLED (no sale), UNFULFILLABLE (a non-Amazon order Amazon could not
 * fill, so no unit left the shelf) and PENDING_AVAILABILITY (a pre-order of an unreleased item, not yet paid).
 */
export const DEMAND_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
]);

/** The weights used for a history of `coveredDays`, or undefined under 7 days (no velocity yet). */
export function velocityWeights(coveredDays: number): SkuUnitsSold | undefined {
  const raw = {
    d7: coveredDays >= 7 ? VELOCITY_WEIGHTS.d7 : 0,
    d30: coveredDays >= 30 ? VELOCITY_WEIGHTS.d30 : 0,
    d60: coveredDays >= 60 ? VELOCITY_WEIGHTS.d60 : 0,
  };
  const sum = raw.d7 + raw.d30 + raw.d60;
  if (sum === 0) return undefined;
  return { d7: raw.d7 / sum, d30: raw.d30 / sum, d60: raw.d60 / sum };
}

/** The blended daily rate of one SKU (unrounded). */
export function blendedUnitsPerDay(units: SkuUnitsSold, weights: SkuUnitsSold): number {
  return (units.d7 / 7) * weights.d7 + (units.d30 / 30) * weights.d30 + (units.d60 / 60) * weights.d60;
}

/**
 * A SalesVelocity counted from an order history (the orders it holds, created from `ordersFrom` on), for callers
 * that keep one. No history yet (`ordersFrom` undefined) is `unknown`, never "no sales". Orders are matched by
 * seller SKU whatever their channel: an FBA SKU shipped by the seller during a stock-out is still demand.
 */
export function velocityFromOrders(
  orders: readonly OrderRecord[],
  ordersFrom: Date | undefined,
  asOf: Date,
): SalesVelocity {
  const asOfMs = asOf.getTime();
  if (ordersFrom === undefined)
    return {
      source: 'unknown',
      coveredDays: 0,
      complete: false,
      unitsBySku: new Map(),
      asOf: asOf.toISOString(),
    };
  // A quarter of an hour of slack: the history's start and this clock are read moments apart.
  const coveredDays = Math.min(
    60,
    Math.max(0, Math.floor((asOfMs - ordersFrom.getTime()) / MILLISECONDS_PER_DAY + 0.01)),
  );
  const from7 = asOfMs - 7 * MILLISECONDS_PER_DAY;
  const from30 = asOfMs - 30 * MILLISECONDS_PER_DAY;
  const from60 = asOfMs - 60 * MILLISECONDS_PER_DAY;
  const unitsBySku = new Map<string, { d7: number; d30: number; d60: number }>();
  for (const order of orders) {
    if (!DEMAND_STATUSES.has(order.status)) continue;
    const created = parseInstant(order.createdTime);
    if (created === undefined || created < from60 || created > asOfMs) continue;
    for (const line of order.items) {
      if (!Number.isFinite(line.quantity) || line.quantity <= 0) continue;
      let units = unitsBySku.get(line.sellerSku);
      if (units === undefined) {
        units = { d7: 0, d30: 0, d60: 0 };
        unitsBySku.set(line.sellerSku, units);
      }
      units.d60 += line.quantity;
      if (created >= from30) units.d30 += line.quantity;
      if (created >= from7) units.d7 += line.quantity;
    }
  }
  return {
    source: 'order-history',
    coveredDays,
    complete: coveredDays >= 60,
    unitsBySku,
    asOf: asOf.toISOString(),
  };
}

/** Rounds up to whole units, ignoring float noise such as 42.00000000001. */
const ceilUnits = (value: number) => Math.max(0, Math.ceil(value - 1e-9));

/** Units to order: 0 stays 0; otherwise at least the MOQ, then up to whole cartons. */
export function roundOrderQuantity(units: number, casePack: number, minimumOrderQuantity: number): number {
  const needed = ceilUnits(units);
  if (needed === 0) return 0;
  const pack = Math.max(1, casePack);
  return Math.ceil(Math.max(needed, minimumOrderQuantity) / pack) * pack;
}

export interface SkuStock {
  readonly fulfillable: number;
  readonly inboundWorking: number;
  readonly inboundShipped: number;
  readonly inboundReceiving: number;
}

export interface PlanSkuInput {
  readonly stock: SkuStock;
  /** The blended rate; null when the sales history is not read far enough to have one. */
  readonly unitsPerDay: number | null;
  /** The velocity comes from a history not fully read yet. */
  readonly provisional: boolean;
  readonly settings: ResolvedSkuSettings;
  /** The store's settings: its modes and thresholds. */
  readonly store: RestockPlanSettings;
  /** Today in the marketplace's calendar. */
  readonly today: string;
}

export function leadTimeOf(mode: ShippingMode, settings: ResolvedSkuSettings, store: RestockPlanSettings) {
  const lane = store.modes[mode];
  const overseasWarehouseDays = lane.viaOverseasWarehouse ? lane.overseasWarehouseDays : 0;
  return {
    transitDays: lane.transitDays,
    overseasWarehouseDays,
    leadTimeDays:
      settings.productionDays +
      settings.inspectionDays +
      lane.transitDays +
      overseasWarehouseDays +
      settings.receivingDays,
  };
}

/** Statuses that mean "place an order": the item's quantity is the recommended mode's. */
const ORDER_DUE: ReadonlySet<RestockStatus> = new Set(['out-of-stock', 'order-now', 'order-soon']);
/** Statuses that would read as an all-clear: never given on a provisional velocity. */
const ALL_CLEAR: ReadonlySet<RestockStatus> = new Set(['healthy', 'overstock']);

export function planSku(input: PlanSkuInput): RestockPlan {
  const { stock, settings, store, today } = input;
  const supply = stock.fulfillable + stock.inboundWorking + stock.inboundShipped + stock.inboundReceiving;
  const rate = input.unitsPerDay;
  const base = {
    provisional: input.provisional,
    today,
    settings,
    unitsPerDay: rate,
    supply,
    stockOutGapDays: 0,
    quantity: 0,
  };
  if (rate === null || rate <= 0) {
    // Nothing to plan from: out of stock is still a fact; "no sales" is claimed only from a complete history.
    const status: RestockStatus =
      rate === null || input.provisional
        ? stock.fulfillable <= 0 && rate === null
          ? 'out-of-stock'
          : 'sales-history-loading'
        : 'no-sales';
    return {
      ...base,
      status,
      stockOutDate: null,
      stockOutDateWithInbound: null,
      recommendedMode: null,
      arrivesBeforeStockOut: null,
      orderBy: null,
      shipBy: null,
      modes: [],
    };
  }

  const daysWithInbound = Math.floor(supply / rate + 1e-9);
  const stockOutDateWithInbound = addDays(today, daysWithInbound);
  const stockOutDate = addDays(today, Math.floor(Math.max(0, stock.fulfillable) / rate + 1e-9));
  const modes: RestockModePlan[] = SHIPPING_MODES.filter((mode) => store.modes[mode].enabled).map((mode) => {
    const lead = leadTimeOf(mode, settings, store);
    const orderBy = addDays(stockOutDateWithInbound, -(settings.safetyDays + lead.leadTimeDays));
    const leftOnArrival = Math.max(0, supply - rate * lead.leadTimeDays);
    const unroundedQuantity = Math.max(0, rate * (settings.safetyDays + settings.coverDays) - leftOnArrival);
    return {
      mode,
      ...lead,
      orderBy,
      shipBy: addDays(orderBy, settings.productionDays + settings.inspectionDays),
      arrivalIfOrderedToday: addDays(today, lead.leadTimeDays),
      arrivesBeforeStockOut: lead.leadTimeDays <= daysWithInbound,
      unroundedQuantity: Math.round(unroundedQuantity * 100) / 100,
      quantity: roundOrderQuantity(unroundedQuantity, settings.casePack, settings.minimumOrderQuantity),
    };
  });

  const byMode = new Map(modes.map((plan) => [plan.mode, plan]));
  const preference = [
    settings.defaultMode,
    settings.urgentMode,
    ...SHIPPING_MODES.filter((mode) => mode !== settings.defaultMode && mode !== settings.urgentMode),
  ]
    .map((mode) => byMode.get(mode))
    .filter((plan): plan is RestockModePlan => plan !== undefined);
  // The first mode (default, urgent, then cheapest) that still keeps the safety margin; else the first that arrives
  // before the stock-out at all; else the fastest, with the gap it leaves.
  const recommended =
    preference.find((plan) => plan.orderBy >= today) ??
    preference.find((plan) => plan.arrivesBeforeStockOut) ??
    [...preference].sort((a, b) => a.leadTimeDays - b.leadTimeDays)[0];

  const primary = byMode.get(settings.defaultMode) ?? recommended;
  let status: RestockStatus;
  if (stock.fulfillable <= 0) status = 'out-of-stock';
  else if (primary === undefined || primary.orderBy <= today) status = 'order-now';
  else if (daysBetween(today, primary.orderBy) <= store.orderSoonDays) status = 'order-soon';
  else if (supply / rate > store.overstockDays) status = 'overstock';
  else status = 'healthy';
  if (input.provisional && ALL_CLEAR.has(status)) status = 'sales-history-loading';

  return {
    ...base,
    status,
    stockOutDate,
    stockOutDateWithInbound,
    recommendedMode: recommended?.mode ?? null,
    arrivesBeforeStockOut: recommended?.arrivesBeforeStockOut ?? null,
    stockOutGapDays:
      recommended === undefined
        ? 0
        : Math.max(0, daysBetween(stockOutDateWithInbound, recommended.arrivalIfOrderedToday)),
    orderBy: recommended?.orderBy ?? null,
    shipBy: recommended?.shipBy ?? null,
    quantity: recommended !== undefined && ORDER_DUE.has(status) ? recommended.quantity : 0,
    modes,
  };
}

/**
 * The velocity of one SKU from a SalesVelocity: null when it is not known (unknown source, under 7 days, or a SKU
 * the Sales API has not been asked about yet).
 */
export function skuUnitsPerDay(
  velocity: SalesVelocity,
  sellerSku: string,
): { units: SkuUnitsSold | null; unitsPerDay: number | null } {
  const weights = knowsSku(velocity, sellerSku) ? velocityWeights(velocity.coveredDays) : undefined;
  if (weights === undefined) return { units: null, unitsPerDay: null };
  const units = velocity.unitsBySku.get(sellerSku) ?? { d7: 0, d30: 0, d60: 0 };
  return {
    units: { d7: units.d7, d30: units.d30, d60: units.d60 },
    unitsPerDay: blendedUnitsPerDay(units, weights),
  };
}
