import type { InventoryItemRecord } from '../stores/datasets';
import { MILLISECONDS_PER_HOUR } from '../time';
import { calendarDate } from './calendar-days';
import type { InventorySummary, InventorySummaryItem } from './inventory-summary';
import { addDays, isoWithOffset, startOfDay } from './marketplace-time-zones';
import { knowsSku, type SalesVelocity, type SkuUnitsSold, type SkuVelocityOrigin } from './sales-velocity';
import { VELOCITY_DAYS } from './velocity-from-history';

/**
 * The inventory view's own velocity while the order history is not complete: Sales API `getOrderMetrics` per SKU
 * (one request each, 0.5 rps after a burst of 15), read for the SKUs that matter first and kept as a checkpoint
 * (per store and marketplace) so the next view goes on where this one stopped. Pure: the calls are made by
 * shared/store-data/sales-api-velocity-sync.ts.
 */

/** A SKU's numbers are used this long after they were read; the history has normally replaced them by then. */
export const SALES_API_ENTRY_MAX_AGE_MS = 24 * MILLISECONDS_PER_HOUR;
/** Numbers older than this are read again once every SKU without numbers has been read. */
export const SALES_API_ENTRY_REFRESH_MS = 6 * MILLISECONDS_PER_HOUR;
/** A SKU Amazon would not answer for is tried again only after this long (it never blocks the others). */
export const SALES_API_FAILED_RETRY_MS = MILLISECONDS_PER_HOUR;

export interface SalesApiSkuEntry extends SkuUnitsSold {
  /** When Amazon was asked (ISO-8601); the counts end at that moment. */
  readonly readAt: string;
}

/** The stored checkpoint (snapshot `sales-velocity`): small, one entry per SKU read. */
export interface SalesApiVelocityCheckpoint {
  readonly version: 1;
  readonly timeZone: string;
  readonly skus: Readonly<Record<string, SalesApiSkuEntry>>;
  /** SKUs Amazon refused or failed on, and when: tried again after SALES_API_FAILED_RETRY_MS. */
  readonly failed: Readonly<Record<string, string>>;
}

export const emptyCheckpoint = (timeZone: string): SalesApiVelocityCheckpoint => ({
  version: 1,
  timeZone,
  skus: {},
  failed: {},
});

/** A stored checkpoint of this shape and zone, or an empty one. */
export function storedCheckpoint(data: unknown, timeZone: string): SalesApiVelocityCheckpoint {
  const checkpoint = data as Partial<SalesApiVelocityCheckpoint> | undefined;
  return checkpoint?.version === 1 &&
    checkpoint.timeZone === timeZone &&
    typeof checkpoint.skus === 'object' &&
    typeof checkpoint.failed === 'object'
    ? (checkpoint as SalesApiVelocityCheckpoint)
    : emptyCheckpoint(timeZone);
}

const ageMs = (at: string, now: Date) => now.getTime() - Date.parse(at);

/** The entries young enough to use. */
function usable(checkpoint: SalesApiVelocityCheckpoint, now: Date): Map<string, SkuUnitsSold> {
  const units = new Map<string, SkuUnitsSold>();
  for (const [sku, entry] of Object.entries(checkpoint.skus))
    if (ageMs(entry.readAt, now) < SALES_API_ENTRY_MAX_AGE_MS)
      units.set(sku, { d7: entry.d7, d30: entry.d30, d60: entry.d60 });
  return units;
}

/**
 * The interval of one SKU's request: the 60 marketplace days ending now, today included, with the zone's offsets
 * (the model wants `granularityTimeZone` to match them). Daily granularity: one request gives all three windows.
 */
export function salesApiInterval(now: Date, timeZone: string): { start: string; end: string } {
  const today = calendarDate(now.getTime(), timeZone);
  const first = startOfDay(addDays(today, -(VELOCITY_DAYS - 1)), timeZone);
  return { start: isoWithOffset(first, timeZone), end: isoWithOffset(now.getTime(), timeZone) };
}

/**
 * Units over the last 7, 30 and 60 marketplace days (today included, as velocity-from-history.ts counts them) from
 * a daily answer. Each interval starts with its local date (`2026-11-12T00:00:00-08:00--…`).
 */
export function unitsFromDailyMetrics(
  metrics: readonly { readonly interval: string; readonly unitCount: number }[],
  now: Date,
  timeZone: string,
): SkuUnitsSold {
  const today = calendarDate(now.getTime(), timeZone);
  const first60 = addDays(today, -(VELOCITY_DAYS - 1));
  const first30 = addDays(today, -29);
  const first7 = addDays(today, -6);
  const units = { d7: 0, d30: 0, d60: 0 };
  for (const metric of metrics) {
    const date = metric.interval.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < first60 || date > today) continue;
    const count = Number.isFinite(metric.unitCount) && metric.unitCount > 0 ? metric.unitCount : 0;
    units.d60 += count;
    if (date >= first30) units.d30 += count;
    if (date >= first7) units.d7 += count;
  }
  return units;
}

/**
 * The SKUs to ask Amazon about, most urgent first: those with stock or inbound before those with neither, and
 * among them the highest stock risk first — the fewest days of cover at the rate a partial history suggests
 * (a hint only: it never reaches the plan), then the least supply. SKUs with usable numbers are left out unless
 * they are due for a refresh (then last, oldest first); a SKU that just failed waits its turn.
 */
export function skusToRead(
  items: readonly InventoryItemRecord[],
  checkpoint: SalesApiVelocityCheckpoint,
  hint: SalesVelocity,
  now: Date,
): string[] {
  const rateHint = (sku: string): number | undefined => {
    if (hint.source !== 'order-history' || hint.coveredDays <= 0) return undefined;
    return (hint.unitsBySku.get(sku)?.d60 ?? 0) / hint.coveredDays;
  };
  const missing: { sku: string; supply: number; cover: number }[] = [];
  const refresh: { sku: string; readAt: number }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const sku = item.sellerSku;
    if (seen.has(sku)) continue;
    seen.add(sku);
    const failedAt = checkpoint.failed[sku];
    if (failedAt !== undefined && ageMs(failedAt, now) < SALES_API_FAILED_RETRY_MS) continue;
    const entry = checkpoint.skus[sku];
    if (entry !== undefined && ageMs(entry.readAt, now) < SALES_API_ENTRY_MAX_AGE_MS) {
      if (ageMs(entry.readAt, now) >= SALES_API_ENTRY_REFRESH_MS)
        refresh.push({ sku, readAt: Date.parse(entry.readAt) });
      continue;
    }
    const supply =
      Math.max(0, item.fulfillable) + item.inboundWorking + item.inboundShipped + item.inboundReceiving;
    const rate = rateHint(sku);
    missing.push({ sku, supply, cover: rate !== undefined && rate > 0 ? supply / rate : Infinity });
  }
  missing.sort(
    (a, b) =>
      Number(a.supply === 0) - Number(b.supply === 0) ||
      a.cover - b.cover ||
      a.supply - b.supply ||
      (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
  );
  refresh.sort((a, b) => a.readAt - b.readAt);
  return [...missing.map((entry) => entry.sku), ...refresh.map((entry) => entry.sku)];
}

/** The checkpoint with what one view read (and failed on) added; the newer reading of a SKU wins. */
export function withReadings(
  checkpoint: SalesApiVelocityCheckpoint,
  readings: ReadonlyMap<string, SalesApiSkuEntry>,
  failures: ReadonlyMap<string, string>,
  now: Date,
  keepSkus: ReadonlySet<string>,
): SalesApiVelocityCheckpoint {
  const skus: Record<string, SalesApiSkuEntry> = {};
  // Only SKUs still listed and entries still usable are kept: the checkpoint stays small.
  for (const [sku, entry] of Object.entries(checkpoint.skus))
    if (keepSkus.has(sku) && ageMs(entry.readAt, now) < SALES_API_ENTRY_MAX_AGE_MS) skus[sku] = entry;
  for (const [sku, entry] of readings) {
    const kept = skus[sku];
    if (kept === undefined || Date.parse(kept.readAt) <= Date.parse(entry.readAt)) skus[sku] = entry;
  }
  const failed: Record<string, string> = {};
  for (const [sku, at] of [...Object.entries(checkpoint.failed), ...failures])
    if (keepSkus.has(sku) && skus[sku] === undefined && ageMs(at, now) < SALES_API_FAILED_RETRY_MS)
      failed[sku] = at;
  return { version: 1, timeZone: checkpoint.timeZone, skus, failed };
}

/** The Sales API numbers as a SalesVelocity: `unknown` until one SKU is read; complete over 60 days per SKU. */
export function velocityFromSalesApi(checkpoint: SalesApiVelocityCheckpoint, now: Date): SalesVelocity {
  const unitsBySku = usable(checkpoint, now);
  return unitsBySku.size === 0
    ? { source: 'unknown', coveredDays: 0, complete: false, unitsBySku, asOf: now.toISOString() }
    : {
        source: 'sales-api',
        coveredDays: VELOCITY_DAYS,
        complete: true,
        unitsBySku,
        asOf: now.toISOString(),
      };
}

/** The history's velocity once it is complete; the Sales API's until then (a partial history only orders them). */
export const inventoryVelocity = (
  history: SalesVelocity,
  salesApi: SalesVelocity | undefined,
): SalesVelocity =>
  history.source === 'order-history' && history.complete
    ? history
    : (salesApi ?? { ...history, source: 'unknown', coveredDays: 0, complete: false, unitsBySku: new Map() });

export type InventoryItemWithOrigin = InventorySummaryItem & SkuVelocityOrigin;

/** The inventory summary with every item saying where its velocity came from (and how many days it covers). */
export type InventorySummaryWithOrigins = Omit<InventorySummary, 'items'> & {
  readonly items: readonly InventoryItemWithOrigin[];
  /** SKUs whose velocity is not known yet ("sales history loading"). */
  readonly velocityLoadingSkus: number;
};

/**
 * Adds each item's velocity source and days, and makes the summary's `velocity.complete` false while any item's
 * velocity is still unknown (a Sales API velocity is complete only for the SKUs it has read).
 */
export function withVelocityOrigins(
  summary: InventorySummary,
  velocity: SalesVelocity,
): InventorySummaryWithOrigins {
  let loading = 0;
  const items = summary.items.map((item): InventoryItemWithOrigin => {
    const known = knowsSku(velocity, item.sellerSku) && item.unitsSoldPerDay !== null;
    if (!known) loading += 1;
    return {
      ...item,
      velocitySource: known ? velocity.source : 'unknown',
      velocityDays: known ? velocity.coveredDays : 0,
    };
  });
  return {
    ...summary,
    velocity: { ...summary.velocity, complete: summary.velocity.complete && loading === 0 },
    velocityLoadingSkus: loading,
    items,
  };
}
