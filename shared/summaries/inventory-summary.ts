import type { InventoryItemRecord, OrderRecord, OrderStatus } from '../stores/datasets';
import { MILLISECONDS_PER_DAY, parseInstant } from './calendar-days';
import type { RestockSettings } from './restock-settings';
import type { SummarySource } from './summary-source';

export const INVENTORY_FLAGS = [
  'out-of-stock',
  'low-stock',
  'overstock',
  'inbound',
  'unfulfillable',
  'no-sales',
] as const;
export type InventoryFlag = (typeof INVENTORY_FLAGS)[number];

/**
 * Order statuses whose units count as demand. PENDING, UNSHIPPED, PARTIALLY_SHIPPED and SHIPPED are sales that
 * draw (or drew) on stock. Left out: CANCELLED (no sale), UNFULFILLABLE (a non-Amazon order Amazon could not
 * fill, so no unit left the shelf) and PENDING_AVAILABILITY (a pre-order of an unreleased item, not yet paid;
 * it counts once it moves to PENDING, on its original created date).
 */
export const DEMAND_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
]);

/** The sales windows, in days, that feed the velocity. */
export const VELOCITY_WINDOWS = [7, 30, 60] as const;

/**
 * How much each window's daily rate weighs in unitsSoldPerDay. A replenishment order placed today is consumed over
 * lead + safety + cover (74 days by default), so the 30-day rate carries half the weight: long enough to smooth
 * weekday swings and a single promotion day, short enough to follow the season. The 7-day rate (a quarter) lets a
 * trend change show within a week; the 60-day rate (a quarter) damps one-off spikes and a week lost to a stockout.
 */
export const VELOCITY_WEIGHTS: Readonly<{ d7: number; d30: number; d60: number }> = Object.freeze({
  d7: 0.25,
  d30: 0.5,
  d60: 0.25,
});

export interface SummarizeInventoryInput {
  readonly storeId: string;
  readonly marketplaceId: string;
  readonly asOf: Date;
  readonly source: SummarySource;
  readonly items: readonly InventoryItemRecord[];
  /**
   * The marketplace's recent orders, for velocity: ideally the last 60 days, with items (Orders 2026-01-01).
   * Orders are matched to items by sellerSku, whatever their channel: FBA stock is mostly drawn by AFN orders,
   * but when a seller ships an FBA SKU themselves during a stockout that is still demand the next shipment must
   * cover. Orders are not filtered by marketplace, so a caller may pass the orders a shared (e.g. Pan-European)
   * pool serves.
   */
  readonly orders: readonly OrderRecord[];
  /**
   * Where the order history starts, if it covers less than 60 days. A window it does not fully cover is left out
   * of the velocity instead of being read as "no sales". Omitted: the orders are taken to cover 60 days.
   */
  readonly ordersFrom?: Date;
  readonly settings: RestockSettings;
}

export interface UnitsSold {
  readonly d7: number;
  readonly d30: number;
  readonly d60: number;
}

export interface InventorySummaryItem {
  readonly sellerSku: string;
  readonly asin: string;
  readonly fnSku: string;
  readonly productName: string;
  readonly fulfillable: number;
  /** inboundWorking + inboundShipped + inboundReceiving */
  readonly inbound: number;
  readonly inboundWorking: number;
  readonly inboundShipped: number;
  readonly inboundReceiving: number;
  /** totalReservedQuantity (being picked for orders, moved between FCs, or sidelined) */
  readonly reserved: number;
  /** totalUnfulfillableQuantity (unsellable: damaged, defective, expired) */
  readonly unfulfillable: number;
  /** totalResearchingQuantity (misplaced or damaged units Amazon is confirming) */
  readonly researching: number;
  /** Units ordered in the last 7, 30 and 60 days (demand statuses only). */
  readonly unitsSold: UnitsSold;
  /** The blended daily rate (VELOCITY_WEIGHTS), 2 decimals. Restock and cover use the unrounded rate. */
  readonly unitsSoldPerDay: number;
  /** How many days fulfillable stock lasts at unitsSoldPerDay, 1 decimal; null when nothing sold. */
  readonly daysOfCover: number | null;
  /** The same for fulfillable + inbound: what the low-stock and overstock flags read. */
  readonly daysOfCoverWithInbound: number | null;
  /** Units to send: demand over lead + safety + cover days, minus fulfillable + inbound; whole units, ≥ 0. */
  readonly restockQuantity: number;
  /** In INVENTORY_FLAGS order. */
  readonly flags: readonly InventoryFlag[];
  readonly lastUpdatedTime: string | null;
}

export interface InventoryTotals {
  readonly skus: number;
  readonly fulfillable: number;
  readonly inbound: number;
  readonly reserved: number;
  readonly unfulfillable: number;
  readonly researching: number;
  /** SKUs flagged out-of-stock. */
  readonly outOfStock: number;
  /** SKUs flagged low-stock. */
  readonly lowStock: number;
  /** SKUs flagged overstock. */
  readonly overstock: number;
  /** SKUs flagged no-sales. */
  readonly noSales: number;
  /** SKUs with restockQuantity > 0, and the units they add up to. */
  readonly restockSkus: number;
  readonly restockUnits: number;
}

export interface InventoryVelocity {
  /** The weights actually used; a window the order history does not cover weighs 0 and the others scale up. */
  readonly weights: UnitsSold;
  /**
   * Days of order history behind the velocity; null when the caller did not say (taken as 60 or more). 0 means no
   * history yet: every rate is 0 and no SKU is flagged no-sales.
   */
  readonly historyDays: number | null;
}

export interface InventorySummary {
  readonly storeId: string;
  readonly marketplaceId: string;
  /** ISO-8601 */
  readonly asOf: string;
  readonly source: SummarySource;
  readonly settings: RestockSettings;
  readonly velocity: InventoryVelocity;
  readonly totals: InventoryTotals;
  /** Most urgent first: out of stock with sales, then the lowest days of cover, then SKUs without sales. */
  readonly items: readonly InventorySummaryItem[];
}

interface MutableUnits {
  d7: number;
  d30: number;
  d60: number;
}

/** Units per sellerSku in each window, from one pass over the orders. */
function unitsSoldBySku(orders: readonly OrderRecord[], asOfMs: number): Map<string, MutableUnits> {
  const bySku = new Map<string, MutableUnits>();
  const from7 = asOfMs - 7 * MILLISECONDS_PER_DAY;
  const from30 = asOfMs - 30 * MILLISECONDS_PER_DAY;
  const from60 = asOfMs - 60 * MILLISECONDS_PER_DAY;
  for (const order of orders) {
    if (!DEMAND_STATUSES.has(order.status)) continue;
    const created = parseInstant(order.createdTime);
    if (created === undefined || created < from60 || created > asOfMs) continue;
    for (const line of order.items) {
      if (!Number.isFinite(line.quantity) || line.quantity <= 0) continue;
      let units = bySku.get(line.sellerSku);
      if (units === undefined) {
        units = { d7: 0, d30: 0, d60: 0 };
        bySku.set(line.sellerSku, units);
      }
      units.d60 += line.quantity;
      if (created >= from30) units.d30 += line.quantity;
      if (created >= from7) units.d7 += line.quantity;
    }
  }
  return bySku;
}

/** The weights for the windows the history covers (renormalised), or undefined when it covers none of them. */
function velocityWeights(historyDays: number | null): UnitsSold | undefined {
  const covered = (windowDays: number) => historyDays === null || historyDays >= windowDays;
  const raw = {
    d7: covered(7) ? VELOCITY_WEIGHTS.d7 : 0,
    d30: covered(30) ? VELOCITY_WEIGHTS.d30 : 0,
    d60: covered(60) ? VELOCITY_WEIGHTS.d60 : 0,
  };
  const sum = raw.d7 + raw.d30 + raw.d60;
  if (sum === 0) return undefined;
  return { d7: raw.d7 / sum, d30: raw.d30 / sum, d60: raw.d60 / sum };
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Rounds up to whole units, ignoring float noise such as 42.00000000001. */
const ceilUnits = (value: number) => Math.max(0, Math.ceil(value - 1e-9));

/**
 * Summarises one marketplace's FBA inventory for replenishment: per SKU the stock positions, sales velocity, days
 * of cover, what to send and flags; totals for the header. Pure: the clock is `asOf`.
 */
export function summarizeInventory(input: SummarizeInventoryInput): InventorySummary {
  const { settings } = input;
  const asOfMs = input.asOf.getTime();
  const historyDays =
    input.ordersFrom === undefined
      ? null
      : round(Math.max(0, (asOfMs - input.ordersFrom.getTime()) / MILLISECONDS_PER_DAY), 2);
  const weights = velocityWeights(historyDays);
  const sold = unitsSoldBySku(input.orders, asOfMs);
  const horizonDays = settings.leadTimeDays + settings.safetyDays + settings.coverDays;

  // A history shorter than 7 days still says something: its plain average, over at least one day so a few
  // hours of orders do not extrapolate into an absurd rate.
  const dailyRate = (units: UnitsSold): number => {
    if (weights !== undefined) {
      return (units.d7 / 7) * weights.d7 + (units.d30 / 30) * weights.d30 + (units.d60 / 60) * weights.d60;
    }
    return units.d7 / Math.max(historyDays ?? 0, 1);
  };

  const rated = input.items.map((record) => {
    const inbound = record.inboundWorking + record.inboundShipped + record.inboundReceiving;
    const counted = sold.get(record.sellerSku);
    const unitsSold: UnitsSold = counted === undefined ? { d7: 0, d30: 0, d60: 0 } : { ...counted };
    const rate = dailyRate(unitsSold);
    const cover = rate > 0 ? record.fulfillable / rate : null;
    const coverWithInbound = rate > 0 ? (record.fulfillable + inbound) / rate : null;
    const restockQuantity = ceilUnits(rate * horizonDays - (record.fulfillable + inbound));

    const flags: InventoryFlag[] = [];
    if (record.fulfillable <= 0) flags.push('out-of-stock');
    if (record.fulfillable > 0 && coverWithInbound !== null && coverWithInbound < settings.lowStockDays) {
      flags.push('low-stock');
    }
    if (coverWithInbound !== null && coverWithInbound > settings.overstockDays) flags.push('overstock');
    if (inbound > 0) flags.push('inbound');
    if (record.unfulfillable > 0) flags.push('unfulfillable');
    // With no order history at all, "no sales" would be a guess: velocity.historyDays 0 says why cover is null.
    if (rate === 0 && historyDays !== 0) flags.push('no-sales');

    const item: InventorySummaryItem = {
      sellerSku: record.sellerSku,
      asin: record.asin,
      fnSku: record.fnSku,
      productName: record.productName,
      fulfillable: record.fulfillable,
      inbound,
      inboundWorking: record.inboundWorking,
      inboundShipped: record.inboundShipped,
      inboundReceiving: record.inboundReceiving,
      reserved: record.reserved,
      unfulfillable: record.unfulfillable,
      researching: record.researching,
      unitsSold,
      unitsSoldPerDay: round(rate, 2),
      daysOfCover: cover === null ? null : round(cover, 1),
      daysOfCoverWithInbound: coverWithInbound === null ? null : round(coverWithInbound, 1),
      restockQuantity,
      flags,
      lastUpdatedTime: record.lastUpdatedTime ?? null,
    };
    return { item, rate, cover };
  });

  rated.sort((a, b) => {
    // SKUs with sales first, by exact cover (0 = out of stock); the faster seller first on a tie.
    if (a.cover !== null && b.cover !== null) {
      if (a.cover !== b.cover) return a.cover - b.cover;
      if (a.rate !== b.rate) return b.rate - a.rate;
    } else if (a.cover !== null) {
      return -1;
    } else if (b.cover !== null) {
      return 1;
    }
    return compareText(a.item.sellerSku, b.item.sellerSku);
  });
  const items = rated.map((entry) => entry.item);

  return {
    storeId: input.storeId,
    marketplaceId: input.marketplaceId,
    asOf: input.asOf.toISOString(),
    source: input.source,
    settings: {
      leadTimeDays: settings.leadTimeDays,
      safetyDays: settings.safetyDays,
      coverDays: settings.coverDays,
      lowStockDays: settings.lowStockDays,
      overstockDays: settings.overstockDays,
    },
    velocity: { weights: weights ?? { d7: 0, d30: 0, d60: 0 }, historyDays },
    totals: inventoryTotals(items),
    items,
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function inventoryTotals(items: readonly InventorySummaryItem[]): InventoryTotals {
  const totals = {
    skus: items.length,
    fulfillable: 0,
    inbound: 0,
    reserved: 0,
    unfulfillable: 0,
    researching: 0,
    outOfStock: 0,
    lowStock: 0,
    overstock: 0,
    noSales: 0,
    restockSkus: 0,
    restockUnits: 0,
  };
  for (const item of items) {
    totals.fulfillable += item.fulfillable;
    totals.inbound += item.inbound;
    totals.reserved += item.reserved;
    totals.unfulfillable += item.unfulfillable;
    totals.researching += item.researching;
    if (item.flags.includes('out-of-stock')) totals.outOfStock += 1;
    if (item.flags.includes('low-stock')) totals.lowStock += 1;
    if (item.flags.includes('overstock')) totals.overstock += 1;
    if (item.flags.includes('no-sales')) totals.noSales += 1;
    if (item.restockQuantity > 0) {
      totals.restockSkus += 1;
      totals.restockUnits += item.restockQuantity;
    }
  }
  return totals;
}
