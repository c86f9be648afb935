import * as z from 'zod';
import {
  OVERRIDABLE_FIELDS,
  RESTOCK_LIMITS,
  SHIPPING_MODES,
  type ResolvedSkuSettings,
  type RestockOverride,
  type RestockPlanSettings,
  type ShippingMode,
  type ShippingModeSettings,
} from '../api/restock-contract';
import type { Region } from '../amazon/marketplaces';

/** A store's settings and overrides, as the planner reads them. */
export interface RestockSettingsDocument {
  readonly settings: RestockPlanSettings;
  readonly overrides: readonly RestockOverride[];
}

/** What the table holds for a store that saved its settings (`STORE#{storeId}` / `SETTINGS#restock`). */
export interface StoredRestockSettings extends RestockSettingsDocument {
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const mode = (enabled: boolean, transitDays: number): ShippingModeSettings => ({
  enabled,
  transitDays,
  viaOverseasWarehouse: false,
  overseasWarehouseDays: 7,
});

/**
 * The same for every lane:
 * - productionDays 20: a repeat order of a stocked product at a Chinese factory takes two to four weeks;
 * - inspectionDays 5: third-party QC, FNSKU labels, cartons, pickup by the forwarder;
 * - safetyDays 14: vessels roll, customs inspect, FBA check-in slips a week or two in peak season;
 * - coverDays 60: each order carries two months of sales, so sea freight goes about every other month;
 * - sea by default, air when sea can no longer make it; no case pack or MOQ until set per SKU;
 * - orderSoonDays 14: two weeks to agree the purchase order with the factory;
 * - overstockDays 180: FBA's aged-inventory surcharge starts at 181 days in stock.
 */
const COMMON = {
  productionDays: 20,
  inspectionDays: 5,
  safetyDays: 14,
  coverDays: 60,
  defaultMode: 'sea',
  urgentMode: 'air',
  casePack: 1,
  minimumOrderQuantity: 0,
  orderSoonDays: 14,
  overstockDays: 180,
} as const;

/**
 * Defaults per authorization region, for goods made in China (transit is handover to the forwarder until delivery
 * at the FBA warehouse, customs and last-mile trucking included):
 * - NA (China → US): sea 30 (about 16 days to the west coast, then customs, drayage and an FBA appointment);
 *   air 10, express 5 (UPS/FedEx/DHL door to door); no rail; FBA receiving 10 days (US check-in is the slowest).
 * - EU (China → Germany, UK, France…): sea 40 (via Suez or the Cape), China–Europe rail 25, air 10, express 6;
 *   receiving 7.
 * - FE (China → Japan; Australia and Singapore sellers change sea): sea 12, air 5, express 3, no rail; receiving 5.
 */
export const REGION_DEFAULTS: Readonly<Record<Region, RestockPlanSettings>> = Object.freeze({
  NA: {
    ...COMMON,
    modes: { sea: mode(true, 30), rail: mode(false, 35), air: mode(true, 10), express: mode(true, 5) },
    receivingDays: 10,
  },
  EU: {
    ...COMMON,
    modes: { sea: mode(true, 40), rail: mode(true, 25), air: mode(true, 10), express: mode(true, 6) },
    receivingDays: 7,
  },
  FE: {
    ...COMMON,
    modes: { sea: mode(true, 12), rail: mode(false, 20), air: mode(true, 5), express: mode(true, 3) },
    receivingDays: 5,
  },
});

export function defaultRestockSettings(region: Region): RestockSettingsDocument {
  return { settings: REGION_DEFAULTS[region], overrides: [] };
}

type Limit = { readonly min: number; readonly max: number };

const whole = ({ min, max }: Limit) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const modeName = z.enum(SHIPPING_MODES, { error: `must be one of ${SHIPPING_MODES.join(', ')}` });

const OBJECT = { error: 'must be an object' } as const;

const modeSchema = z.strictObject(
  {
    enabled: z.boolean({ error: 'must be true or false' }),
    transitDays: whole(RESTOCK_LIMITS.transitDays),
    viaOverseasWarehouse: z.boolean({ error: 'must be true or false' }),
    overseasWarehouseDays: whole(RESTOCK_LIMITS.overseasWarehouseDays),
  },
  OBJECT,
);

const settingsSchema = z.strictObject(
  {
    productionDays: whole(RESTOCK_LIMITS.productionDays),
    inspectionDays: whole(RESTOCK_LIMITS.inspectionDays),
    modes: z.strictObject(
      {
        sea: modeSchema,
        rail: modeSchema,
        air: modeSchema,
        express: modeSchema,
      },
      OBJECT,
    ),
    receivingDays: whole(RESTOCK_LIMITS.receivingDays),
    safetyDays: whole(RESTOCK_LIMITS.safetyDays),
    coverDays: whole(RESTOCK_LIMITS.coverDays),
    defaultMode: modeName,
    urgentMode: modeName,
    casePack: whole(RESTOCK_LIMITS.casePack),
    minimumOrderQuantity: whole(RESTOCK_LIMITS.minimumOrderQuantity),
    orderSoonDays: whole(RESTOCK_LIMITS.orderSoonDays),
    overstockDays: whole(RESTOCK_LIMITS.overstockDays),
  },
  OBJECT,
);

const overrideFields = {
  productionDays: whole(RESTOCK_LIMITS.productionDays).optional(),
  inspectionDays: whole(RESTOCK_LIMITS.inspectionDays).optional(),
  receivingDays: whole(RESTOCK_LIMITS.receivingDays).optional(),
  safetyDays: whole(RESTOCK_LIMITS.safetyDays).optional(),
  coverDays: whole(RESTOCK_LIMITS.coverDays).optional(),
  defaultMode: modeName.optional(),
  urgentMode: modeName.optional(),
  casePack: whole(RESTOCK_LIMITS.casePack).optional(),
  minimumOrderQuantity: whole(RESTOCK_LIMITS.minimumOrderQuantity).optional(),
};

/** Amazon seller SKUs are 1–40 characters; ASINs are 10 letters and digits. */
const overrideSchema = z.strictObject(
  {
    sellerSku: z
      .string({ error: 'must be a seller SKU' })
      .trim()
      .min(1, { error: 'must be a seller SKU of 1 to 40 characters' })
      .max(40, { error: 'must be a seller SKU of 1 to 40 characters' })
      .optional(),
    asin: z
      .string({ error: 'must be an ASIN' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{10}$/, { error: 'must be an ASIN (10 letters and digits)' })
      .optional(),
    ...overrideFields,
  },
  OBJECT,
);

const READ_ONLY = {
  storeId: z.unknown().optional(),
  defaults: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
  updatedBy: z.unknown().optional(),
  canEdit: z.unknown().optional(),
};

/**
 * The PUT body: `settings`, `overrides` and optionally the `version` that was read. The GET answer's read-only
 * fields are accepted (and ignored), so what was read can be sent back; anything else is refused, so a misspelt
 * field is a 400 rather than a setting silently lost.
 */
export const restockSettingsRequestSchema = z
  .strictObject(
    {
      settings: settingsSchema,
      overrides: z
        .array(overrideSchema, { error: 'must be a list of overrides' })
        .max(RESTOCK_LIMITS.overrides.max, {
          error: `must hold at most ${RESTOCK_LIMITS.overrides.max} overrides`,
        }),
      version: z
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(0)
        .optional(),
      ...READ_ONLY,
    },
    OBJECT,
  )
  .superRefine((body, context) => {
    const enabled = (name: ShippingMode) => body.settings.modes[name].enabled;
    if (!SHIPPING_MODES.some(enabled))
      context.addIssue({
        code: 'custom',
        path: ['settings', 'modes'],
        message: 'must enable at least one mode',
      });
    for (const field of ['defaultMode', 'urgentMode'] as const)
      if (!enabled(body.settings[field]))
        context.addIssue({ code: 'custom', path: ['settings', field], message: 'must be an enabled mode' });
    const seen = new Set<string>();
    body.overrides.forEach((override, index) => {
      const hasSku = override.sellerSku !== undefined;
      const hasAsin = override.asin !== undefined;
      if (hasSku === hasAsin)
        context.addIssue({
          code: 'custom',
          path: ['overrides', index],
          message: 'must name exactly one of sellerSku or asin',
        });
      const target = hasSku ? `sku:${override.sellerSku}` : `asin:${override.asin}`;
      if (seen.has(target))
        context.addIssue({
          code: 'custom',
          path: ['overrides', index, hasSku ? 'sellerSku' : 'asin'],
          message: 'is overridden twice',
        });
      seen.add(target);
      if (!OVERRIDABLE_FIELDS.some((field) => override[field] !== undefined))
        context.addIssue({
          code: 'custom',
          path: ['overrides', index],
          message: 'must set at least one setting',
        });
      for (const field of ['defaultMode', 'urgentMode'] as const) {
        const value = override[field];
        if (value !== undefined && !enabled(value))
          context.addIssue({
            code: 'custom',
            path: ['overrides', index, field],
            message: 'must be an enabled mode',
          });
      }
    });
  });

export type ParsedRestockSettingsRequest = RestockSettingsDocument & { readonly version?: number };

/** `overrides[3].casePack`, `settings.modes.sea.transitDays`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/**
 * Validates a PUT body. Answers the document (overrides without empty fields, ASINs upper-cased) or the problems,
 * each naming its field: `settings.coverDays must be a whole number from 7 to 365`.
 */
export function parseRestockSettingsRequest(
  body: unknown,
): { ok: true; value: ParsedRestockSettingsRequest } | { ok: false; problems: string[] } {
  const parsed = restockSettingsRequestSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((key) => fieldPath([...issue.path, key])).join(', ')} ${issue.keys.length === 1 ? 'is' : 'are'} not a setting`
        : `${fieldPath(issue.path) || 'body'} ${issue.message}`,
    );
    return { ok: false, problems };
  }
  const { settings, overrides, version } = parsed.data;
  return {
    ok: true,
    value: {
      settings,
      overrides: overrides.map((override) => {
        const fields = Object.fromEntries(
          OVERRIDABLE_FIELDS.filter((field) => override[field] !== undefined).map((field) => [
            field,
            override[field],
          ]),
        );
        return (
          override.sellerSku !== undefined
            ? { sellerSku: override.sellerSku, ...fields }
            : { asin: override.asin as string, ...fields }
        ) as RestockOverride;
      }),
      ...(version === undefined ? {} : { version }),
    },
  };
}

/** A stored document read back; one that no longer validates (an older shape) falls back to the defaults. */
export function storedOrDefault(
  stored: StoredRestockSettings | undefined,
  region: Region,
): RestockSettingsDocument {
  if (stored === undefined) return defaultRestockSettings(region);
  const parsed = parseRestockSettingsRequest({ settings: stored.settings, overrides: stored.overrides });
  return parsed.ok ? parsed.value : defaultRestockSettings(region);
}

/** Finds a SKU's settings quickly: overrides indexed once per plan. */
export function skuSettingsResolver(
  document: RestockSettingsDocument,
): (sellerSku: string, asin: string) => ResolvedSkuSettings {
  const bySku = new Map<string, RestockOverride>();
  const byAsin = new Map<string, RestockOverride>();
  for (const override of document.overrides) {
    if (override.sellerSku !== undefined) bySku.set(override.sellerSku, override);
    else if (override.asin !== undefined) byAsin.set(override.asin.toUpperCase(), override);
  }
  const base = document.settings;
  return (sellerSku, asin) => {
    const sku = bySku.get(sellerSku);
    const asinOverride = byAsin.get(asin.toUpperCase());
    const pick = <K extends (typeof OVERRIDABLE_FIELDS)[number]>(field: K): RestockPlanSettings[K] =>
      (sku?.[field] ?? asinOverride?.[field] ?? base[field]) as RestockPlanSettings[K];
    const resolved = Object.fromEntries(OVERRIDABLE_FIELDS.map((field) => [field, pick(field)])) as Pick<
      RestockPlanSettings,
      (typeof OVERRIDABLE_FIELDS)[number]
    >;
    // A mode turned off for the store since the override was saved falls back to the store's choice.
    const defaultMode = base.modes[resolved.defaultMode].enabled ? resolved.defaultMode : base.defaultMode;
    const urgentMode = base.modes[resolved.urgentMode].enabled ? resolved.urgentMode : base.urgentMode;
    return {
      ...resolved,
      defaultMode,
      urgentMode,
      source: sku !== undefined ? 'sku' : asinOverride !== undefined ? 'asin' : 'store',
    };
  };
}
