import { z } from 'zod';

/**
 * The planning settings behind daysOfCover flags and restockQuantity, one set per store (a store may override any
 * of them). All values are whole days.
 */
export interface RestockSettings {
  /** Days from placing a replenishment order until the units are fulfillable at Amazon (door to FBA, received). */
  readonly leadTimeDays: number;
  /** Extra days of demand held against late ships, slow FBA check-in and sales spikes. */
  readonly safetyDays: number;
  /** Days of demand one replenishment order should cover once it has arrived (the reorder cycle). */
  readonly coverDays: number;
  /** A SKU is `low-stock` when fulfillable + inbound lasts fewer days than this. */
  readonly lowStockDays: number;
  /** A SKU is `overstock` when fulfillable + inbound lasts more days than this. */
  readonly overstockDays: number;
}

const LEAD_TIME_DAYS = 30;
const SAFETY_DAYS = 14;

/**
 * Defaults for a cross-border seller shipping by sea to FBA:
 * - leadTimeDays 30: express ocean (e.g. China to the US west coast) is about two weeks port to port; customs,
 *   drayage and FBA check-in add one to two more. Standard ocean or EU/JP lanes run longer: stores override it.
 * - safetyDays 14: FBA receiving alone slips a week or two in peak season, and the 7-day trend can move faster
 *   than the blended rate.
 * - coverDays 30: a monthly replenishment cycle, so each order carries a month of demand beyond the lead time.
 * - lowStockDays 44 (lead + safety): the reorder point; below it a shipment placed today arrives after the
 *   safety buffer is eaten into, so the SKU needs an order now.
 * - overstockDays 180: FBA's aged-inventory surcharge starts at 181 days in stock, so cover beyond 180 days is
 *   stock that will pay it.
 */
export const DEFAULT_RESTOCK_SETTINGS: RestockSettings = Object.freeze({
  leadTimeDays: LEAD_TIME_DAYS,
  safetyDays: SAFETY_DAYS,
  coverDays: 30,
  lowStockDays: LEAD_TIME_DAYS + SAFETY_DAYS,
  overstockDays: 180,
});

const days = (min: number, max: number) => z.number().int().min(min).max(max);

const RANGES = {
  leadTimeDays: days(1, 365),
  safetyDays: days(0, 180),
  coverDays: days(1, 365),
  // Up to lead + safety at their maximums, so the derived default always validates.
  lowStockDays: days(0, 545),
  overstockDays: days(1, 730),
} as const;

const overstockAboveLowStock = (settings: RestockSettings) => settings.overstockDays > settings.lowStockDays;
const OVERSTOCK_MESSAGE = 'overstockDays must be greater than lowStockDays';

/** A complete, valid RestockSettings (for example one stored per store). */
export const restockSettingsSchema = z
  .strictObject(RANGES)
  .refine(overstockAboveLowStock, { message: OVERSTOCK_MESSAGE, path: ['overstockDays'] });

/** A store's overrides: any subset of the settings, nothing else. */
export const restockSettingsOverridesSchema = z.strictObject(RANGES).partial();
export type RestockSettingsOverrides = z.infer<typeof restockSettingsOverridesSchema>;

/**
 * The settings a store plans with: its overrides on top of the defaults. When a store changes its lead or safety
 * days but not lowStockDays, the low-stock threshold follows them (it is the reorder point, lead + safety).
 * Throws a ZodError when the overrides, or the settings they produce, are out of range.
 */
export function resolveRestockSettings(overrides: unknown = {}): RestockSettings {
  const given = restockSettingsOverridesSchema.parse(overrides);
  const leadTimeDays = given.leadTimeDays ?? DEFAULT_RESTOCK_SETTINGS.leadTimeDays;
  const safetyDays = given.safetyDays ?? DEFAULT_RESTOCK_SETTINGS.safetyDays;
  return restockSettingsSchema.parse({
    leadTimeDays,
    safetyDays,
    coverDays: given.coverDays ?? DEFAULT_RESTOCK_SETTINGS.coverDays,
    lowStockDays: given.lowStockDays ?? leadTimeDays + safetyDays,
    overstockDays: given.overstockDays ?? DEFAULT_RESTOCK_SETTINGS.overstockDays,
  });
}
