import {
  OVERRIDABLE_FIELDS,
  RESTOCK_LIMITS,
  SHIPPING_MODES,
  type OverridableField,
} from '../../../shared/api/restock-contract';
import type {
  RestockOverride,
  RestockOverrideSettings,
  RestockPlanSettings,
  RestockSettingsResponse,
  ShippingMode,
} from '../api/types';

export { OVERRIDABLE_FIELDS, RESTOCK_LIMITS, SHIPPING_MODES };
export type { OverridableField };

/** The whole-number settings of the store form, in the order the form shows them. */
export const LEG_FIELDS = ['productionDays', 'inspectionDays', 'receivingDays'] as const;
export const TARGET_FIELDS = ['safetyDays', 'coverDays', 'orderSoonDays', 'overstockDays'] as const;
export const ORDER_FIELDS = ['casePack', 'minimumOrderQuantity'] as const;
export type NumberField = (typeof LEG_FIELDS | typeof TARGET_FIELDS | typeof ORDER_FIELDS)[number];
/** The number fields an override may set (the modes are per store). */
export const OVERRIDE_NUMBER_FIELDS = OVERRIDABLE_FIELDS.filter(
  (field): field is Exclude<OverridableField, 'defaultMode' | 'urgentMode'> =>
    field !== 'defaultMode' && field !== 'urgentMode',
);

export const isShippingMode = (value: string): value is ShippingMode =>
  (SHIPPING_MODES as readonly string[]).includes(value);

/** A whole number within the field's limits, or undefined. */
export function parseWhole(text: string, limit: { min: number; max: number }): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= limit.min && value <= limit.max ? value : undefined;
}

/** Lead time of a mode with the store's legs: production + inspection + transit (+ warehouse) + receiving. */
export function modeLeadTime(settings: RestockPlanSettings, mode: ShippingMode): number {
  const lane = settings.modes[mode];
  return (
    settings.productionDays +
    settings.inspectionDays +
    lane.transitDays +
    (lane.viaOverseasWarehouse ? lane.overseasWarehouseDays : 0) +
    settings.receivingDays
  );
}

export const overrideTarget = (override: RestockOverride): { kind: 'sku' | 'asin'; id: string } =>
  override.sellerSku !== undefined
    ? { kind: 'sku', id: override.sellerSku }
    : { kind: 'asin', id: override.asin ?? '' };

export function skuOverride(
  overrides: readonly RestockOverride[],
  sellerSku: string,
): RestockOverride | undefined {
  return overrides.find((override) => override.sellerSku === sellerSku);
}

/** The overrides with this SKU's replaced (or added, or removed when `settings` is empty). */
export function withSkuOverride(
  overrides: readonly RestockOverride[],
  sellerSku: string,
  settings: RestockOverrideSettings,
): RestockOverride[] {
  const rest = overrides.filter((override) => override.sellerSku !== sellerSku);
  const set = Object.fromEntries(
    OVERRIDABLE_FIELDS.filter((field) => settings[field] !== undefined).map((field) => [
      field,
      settings[field],
    ]),
  ) as RestockOverrideSettings;
  return Object.keys(set).length === 0 ? rest : [...rest, { sellerSku, ...set }];
}

export function withoutOverride(
  overrides: readonly RestockOverride[],
  target: RestockOverride,
): RestockOverride[] {
  const key = overrideTarget(target);
  return overrides.filter((override) => {
    const other = overrideTarget(override);
    return other.kind !== key.kind || other.id !== key.id;
  });
}

/** The PUT body for a change: what was read, with new settings and overrides, sent with the version read. */
export function saveBody(
  read: RestockSettingsResponse,
  change: { settings?: RestockPlanSettings; overrides?: readonly RestockOverride[] },
) {
  return {
    settings: change.settings ?? read.settings,
    overrides: change.overrides ?? read.overrides,
    version: read.version,
  };
}
