import type { RestockPlan, RestockPlanSettings, RestockStatus } from '../api/restock-contract';
import type { InventoryItemRecord } from '../stores/datasets';
import { marketplaceTimeZone, today as todayIn } from './restock-calendar';
import { planSku, skuUnitsPerDay, velocityWeights } from './restock-planner';
import { skuSettingsResolver, type RestockSettingsDocument } from './restock-settings';
import type { SalesVelocity, SkuUnitsSold } from './sales-velocity';
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

export interface SummarizeInventoryInput {
  readonly storeId: string;
  readonly marketplaceId: string;
  /** When the inventory was read from Amazon. */
  readonly asOf: Date;
  readonly source: SummarySource;
  readonly items: readonly InventoryItemRecord[];
  /** Units sold per SKU in 7/30/60 days, and how far that is known (shared/summaries/sales-velocity.ts). */
  readonly velocity: SalesVelocity;
  /** The store's restock settings and per-SKU/ASIN overrides (`storedOrDefault` when none are saved). */
  readonly settings: RestockSettingsDocument;
  /** The day the plan is for; defaults to `asOf`. */
  readonly now?: Date;
  /** The marketplace's calendar; defaults to the marketplace's Seller Central time zone. */
  readonly timeZone?: string;
}

export type UnitsSold = SkuUnitsSold;

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
  /** Units ordered in the last 7, 30 and 60 days; null while the sales history is not read. */
  readonly unitsSold: UnitsSold | null;
  /** The blended daily rate (VELOCITY_WEIGHTS), 2 decimals; null while the sales history is not read. */
  readonly unitsSoldPerDay: number | null;
  /** How many days fulfillable stock lasts at unitsSoldPerDay, 1 decimal; null without a known rate above 0. */
  readonly daysOfCover: number | null;
  /** The same for fulfillable + inbound. */
  readonly daysOfCoverWithInbound: number | null;
  /** What to order today (the plan's quantity, by `plan.recommendedMode`); 0 when no order is due. */
  readonly restockQuantity: number;
  /** Facts, in INVENTORY_FLAGS order; derived from the same plan as `status`, so they cannot disagree with it. */
  readonly flags: readonly InventoryFlag[];
  readonly status: RestockStatus;
  readonly plan: RestockPlan;
  readonly lastUpdatedTime: string | null;
}

export interface InventoryTotals {
  readonly skus: number;
  readonly fulfillable: number;
  readonly inbound: number;
  readonly inboundWorking: number;
  readonly inboundShipped: number;
  readonly inboundReceiving: number;
  readonly reserved: number;
  readonly unfulfillable: number;
  readonly researching: number;
  /** SKUs flagged out-of-stock (nothing fulfillable, whatever their sales). */
  readonly outOfStock: number;
  /** SKUs flagged low-stock: in stock, with an order due now or soon. */
  readonly lowStock: number;
  /** SKUs flagged overstock. */
  readonly overstock: number;
  /** SKUs flagged no-sales. */
  readonly noSales: number;
  /** SKUs per status (every status present, 0 when none). */
  readonly byStatus: Readonly<Record<RestockStatus, number>>;
  /** SKUs with restockQuantity > 0, and the units they add up to. */
  readonly restockSkus: number;
  readonly restockUnits: number;
}

export interface InventoryVelocity {
  readonly source: SalesVelocity['source'];
  /** Days of sales history behind the velocity (≤ 60). */
  readonly coveredDays: number;
  /** False while the history is not fully read: plans are provisional and nothing is shown as all-clear. */
  readonly complete: boolean;
  /** The weights actually used; a window the history does not reach weighs 0 and the others scale up. */
  readonly weights: UnitsSold;
  readonly asOf: string;
}

export interface InventorySummary {
  readonly storeId: string;
  readonly marketplaceId: string;
  /** ISO-8601 */
  readonly asOf: string;
  readonly source: SummarySource;
  /** The marketplace calendar the plan's dates are in, and today in it. */
  readonly timeZone: string;
  readonly today: string;
  /** The store's settings the plans use (per-SKU values are in each item's plan). */
  readonly settings: RestockPlanSettings & { readonly overrides: number };
  readonly velocity: InventoryVelocity;
  readonly totals: InventoryTotals;
  /** Most urgent first: by status, then the earliest order-by date, then the lowest cover. */
  readonly items: readonly InventorySummaryItem[];
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

const STATUS_RANK: Readonly<Record<RestockStatus, number>> = {
  'out-of-stock': 0,
  'order-now': 1,
  'order-soon': 2,
  'sales-history-loading': 3,
  healthy: 4,
  overstock: 5,
  'no-sales': 6,
};

/**
 * Summarises one marketplace's FBA inventory for replenishment: per SKU the stock positions, sales velocity, days
 * of cover, the restock plan (restock-planner.ts), and flags that restate the plan; totals for the header. Pure.
 */
export function summarizeInventory(input: SummarizeInventoryInput): InventorySummary {
  const store = input.settings.settings;
  const timeZone = input.timeZone ?? marketplaceTimeZone(input.marketplaceId);
  const today = todayIn(input.now ?? input.asOf, timeZone);
  const settingsOf = skuSettingsResolver(input.settings);
  const provisional = input.velocity.source === 'unknown' || !input.velocity.complete;

  const items = input.items.map((record): InventorySummaryItem => {
    const inbound = record.inboundWorking + record.inboundShipped + record.inboundReceiving;
    const { units, unitsPerDay } = skuUnitsPerDay(input.velocity, record.sellerSku);
    const plan = planSku({
      stock: record,
      unitsPerDay,
      provisional,
      settings: settingsOf(record.sellerSku, record.asin),
      store,
      today,
    });
    const rate = unitsPerDay ?? 0;
    const cover = rate > 0 ? round(Math.max(0, record.fulfillable) / rate, 1) : null;
    const coverWithInbound = rate > 0 ? round(plan.supply / rate, 1) : null;

    const flags: InventoryFlag[] = [];
    if (record.fulfillable <= 0) flags.push('out-of-stock');
    if (record.fulfillable > 0 && (plan.status === 'order-now' || plan.status === 'order-soon'))
      flags.push('low-stock');
    if (plan.status === 'overstock') flags.push('overstock');
    if (inbound > 0) flags.push('inbound');
    if (record.unfulfillable > 0) flags.push('unfulfillable');
    if (plan.status === 'no-sales') flags.push('no-sales');

    return {
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
      unitsSold: units,
      unitsSoldPerDay: unitsPerDay === null ? null : round(unitsPerDay, 2),
      daysOfCover: cover,
      daysOfCoverWithInbound: coverWithInbound,
      restockQuantity: plan.quantity,
      flags,
      status: plan.status,
      plan,
      lastUpdatedTime: record.lastUpdatedTime ?? null,
    };
  });

  items.sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      compareNullable(a.plan.orderBy, b.plan.orderBy) ||
      (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity) ||
      (b.unitsSoldPerDay ?? 0) - (a.unitsSoldPerDay ?? 0) ||
      compareText(a.sellerSku, b.sellerSku),
  );

  const weights =
    input.velocity.source === 'unknown' ? undefined : velocityWeights(input.velocity.coveredDays);
  return {
    storeId: input.storeId,
    marketplaceId: input.marketplaceId,
    asOf: input.asOf.toISOString(),
    source: input.source,
    timeZone,
    today,
    settings: { ...store, overrides: input.settings.overrides.length },
    velocity: {
      source: input.velocity.source,
      coveredDays: input.velocity.coveredDays,
      complete: !provisional,
      weights: weights ?? { d7: 0, d30: 0, d60: 0 },
      asOf: input.velocity.asOf,
    },
    totals: inventoryTotals(items),
    items,
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Dates ascending, a missing date last. */
const compareNullable = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b);

function inventoryTotals(items: readonly InventorySummaryItem[]): InventoryTotals {
  const byStatus: Record<RestockStatus, number> = {
    'out-of-stock': 0,
    'order-now': 0,
    'order-soon': 0,
    healthy: 0,
    overstock: 0,
    'no-sales': 0,
    'sales-history-loading': 0,
  };
  const totals = {
    skus: items.length,
    fulfillable: 0,
    inbound: 0,
    inboundWorking: 0,
    inboundShipped: 0,
    inboundReceiving: 0,
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
    totals.inboundWorking += item.inboundWorking;
    totals.inboundShipped += item.inboundShipped;
    totals.inboundReceiving += item.inboundReceiving;
    totals.reserved += item.reserved;
    totals.unfulfillable += item.unfulfillable;
    totals.researching += item.researching;
    if (item.flags.includes('out-of-stock')) totals.outOfStock += 1;
    if (item.flags.includes('low-stock')) totals.lowStock += 1;
    if (item.flags.includes('overstock')) totals.overstock += 1;
    if (item.flags.includes('no-sales')) totals.noSales += 1;
    byStatus[item.status] += 1;
    if (item.restockQuantity > 0) {
      totals.restockSkus += 1;
      totals.restockUnits += item.restockQuantity;
    }
  }
  return { ...totals, byStatus };
}
