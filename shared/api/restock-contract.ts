/**
 * Restock planning: the settings route's request and response shapes (`GET/PUT /api/stores/{storeId}/restock-
 * settings`, docs/contracts.md) and the plan each inventory item carries. One definition for the API and the
 * dashboard; no imports, so the dashboard bundles its constants without pulling in anything of the server.
 *
 * All durations are whole calendar days of the marketplace; all dates are `YYYY-MM-DD` in the marketplace's
 * calendar.
 */

/** The first-mile modes, cheapest and slowest first (the order a late SKU falls back through). */
export const SHIPPING_MODES = ['sea', 'rail', 'air', 'express'] as const;
export type ShippingMode = (typeof SHIPPING_MODES)[number];

/** One way of moving goods from the factory (China) to the FBA warehouse. */
export interface ShippingModeSettings {
  /** A mode that is off is never planned or recommended (rail, for example, runs to Europe only). */
  readonly enabled: boolean;
  /** Handover to the forwarder until delivery at the FBA warehouse (or at the overseas warehouse), customs included. */
  readonly transitDays: number;
  /** Goods go to an overseas (3PL) warehouse first and are sent on to FBA from there. */
  readonly viaOverseasWarehouse: boolean;
  /** Days at and from the overseas warehouse until delivery at FBA; counted only when viaOverseasWarehouse. */
  readonly overseasWarehouseDays: number;
}

/** A store's restock plan settings: every field is required and applies to every SKU without an override. */
export interface RestockPlanSettings {
  /** Purchase order placed until the goods are ready at the factory. */
  readonly productionDays: number;
  /** Inspection (QC), FNSKU labelling, packing and handover to the forwarder. */
  readonly inspectionDays: number;
  readonly modes: Readonly<Record<ShippingMode, ShippingModeSettings>>;
  /** Delivered at the FBA warehouse until the units are fulfillable (check-in). */
  readonly receivingDays: number;
  /** Days of sales kept in reserve when a shipment arrives: late vessels, slow check-in, a sales spike. */
  readonly safetyDays: number;
  /** Days of sales one order should cover after it arrives (the reorder cycle). */
  readonly coverDays: number;
  /** The mode orders normally go by. */
  readonly defaultMode: ShippingMode;
  /** The faster mode used when the default mode can no longer arrive in time. */
  readonly urgentMode: ShippingMode;
  /** Units per carton: order quantities are whole cartons. 1 = no case pack. */
  readonly casePack: number;
  /** The factory's minimum order quantity in units. 0 = none. */
  readonly minimumOrderQuantity: number;
  /** A SKU is "order soon" when its order-by date is within this many days. */
  readonly orderSoonDays: number;
  /** A SKU in stock is "overstock" when fulfillable + inbound lasts more days than this. */
  readonly overstockDays: number;
}

/** The settings a single SKU or ASIN may override (the lane, its modes and the thresholds stay per store). */
export const OVERRIDABLE_FIELDS = [
  'productionDays',
  'inspectionDays',
  'receivingDays',
  'safetyDays',
  'coverDays',
  'defaultMode',
  'urgentMode',
  'casePack',
  'minimumOrderQuantity',
] as const;
export type OverridableField = (typeof OVERRIDABLE_FIELDS)[number];
export type RestockOverrideSettings = Partial<Pick<RestockPlanSettings, OverridableField>>;

/**
 * An override for one seller SKU or for every SKU of one ASIN (exactly one of the two). A SKU's override wins
 * over its ASIN's, which wins over the store's settings, field by field.
 */
export type RestockOverride = RestockOverrideSettings &
  (
    | { readonly sellerSku: string; readonly asin?: never }
    | { readonly asin: string; readonly sellerSku?: never }
  );

/** `PUT /api/stores/{storeId}/restock-settings` body (the GET answer is accepted as is: its other fields are ignored). */
export interface RestockSettingsRequest {
  readonly settings: RestockPlanSettings;
  readonly overrides: readonly RestockOverride[];
  /** The version that was read: a save over a newer one is refused (409 SettingsConflict). Omitted: last write wins. */
  readonly version?: number;
}

/** `GET` (and `PUT`) `/api/stores/{storeId}/restock-settings` answer. */
export interface RestockSettingsResponse {
  readonly storeId: string;
  readonly settings: RestockPlanSettings;
  readonly overrides: readonly RestockOverride[];
  /** The defaults for the store's region (China to North America, Europe or Japan/Far East), for "reset". */
  readonly defaults: RestockPlanSettings;
  /** 0 until the store's settings are first saved (the defaults apply). */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  /** Owners edit; other members read. */
  readonly canEdit: boolean;
}

/** Largest and smallest accepted values; the API refuses anything outside with a 400 naming the field. */
export const RESTOCK_LIMITS = {
  productionDays: { min: 0, max: 180 },
  inspectionDays: { min: 0, max: 60 },
  transitDays: { min: 1, max: 120 },
  overseasWarehouseDays: { min: 0, max: 120 },
  receivingDays: { min: 0, max: 60 },
  safetyDays: { min: 0, max: 120 },
  coverDays: { min: 7, max: 365 },
  casePack: { min: 1, max: 10_000 },
  minimumOrderQuantity: { min: 0, max: 1_000_000 },
  orderSoonDays: { min: 1, max: 60 },
  overstockDays: { min: 30, max: 730 },
  overrides: { min: 0, max: 500 },
} as const;

/**
 * What to do about a SKU, one value per SKU so it cannot contradict itself:
 * - `out-of-stock`: nothing fulfillable now, and it sells (or its sales are not known yet);
 * - `order-now`: the default mode's order-by date is today or past; `recommendedMode` says which mode still makes it;
 * - `order-soon`: the order-by date is within `orderSoonDays`;
 * - `healthy`: in stock, no order due yet;
 * - `overstock`: in stock and fulfillable + inbound lasts beyond `overstockDays`;
 * - `no-sales`: nothing sold in the last 60 days;
 * - `sales-history-loading`: the sales history is not read far enough to plan (never shown as an all-clear).
 */
export const RESTOCK_STATUSES = [
  'out-of-stock',
  'order-now',
  'order-soon',
  'healthy',
  'overstock',
  'no-sales',
  'sales-history-loading',
] as const;
export type RestockStatus = (typeof RESTOCK_STATUSES)[number];

/** Where a SKU's settings come from, field by field: its own override, its ASIN's, or the store's. */
export type RestockSettingsSource = 'store' | 'asin' | 'sku';

/** The settings one SKU is planned with (the store's, with its ASIN's and SKU's overrides applied). */
export type ResolvedSkuSettings = Pick<RestockPlanSettings, OverridableField> & {
  readonly source: RestockSettingsSource;
};

/** One shipping mode's plan for a SKU. */
export interface RestockModePlan {
  readonly mode: ShippingMode;
  /** production + inspection + transit (+ overseas warehouse) + receiving */
  readonly leadTimeDays: number;
  readonly transitDays: number;
  /** The overseas-warehouse leg counted (0 when the mode goes direct to FBA). */
  readonly overseasWarehouseDays: number;
  /** The last day to place the purchase order so the units are fulfillable `safetyDays` before the stock-out. */
  readonly orderBy: string;
  /** The last day the goods may leave (handover to the forwarder) for the same arrival: orderBy + production + inspection. */
  readonly shipBy: string;
  /** When an order placed today would be fulfillable. */
  readonly arrivalIfOrderedToday: string;
  /** Ordered today, it is fulfillable before the stock-out (with inbound). */
  readonly arrivesBeforeStockOut: boolean;
  /** Units to order today before rounding: unitsSoldPerDay × (safety + cover) − what is left when it arrives. */
  readonly unroundedQuantity: number;
  /** The same rounded up to the MOQ, then to whole cartons; 0 when nothing is needed. */
  readonly quantity: number;
}

/** The plan of one SKU; the numbers behind each date and quantity, so the formula can be shown with them. */
export interface RestockPlan {
  readonly status: RestockStatus;
  /** Velocity is from a sales history not fully read: the plan may move once it is. */
  readonly provisional: boolean;
  /** Today in the marketplace's calendar (the day the plan is for). */
  readonly today: string;
  readonly settings: ResolvedSkuSettings;
  /** The blended daily rate the plan uses (unrounded); null when the sales history is not read yet. */
  readonly unitsPerDay: number | null;
  /** Fulfillable plus working, shipped and receiving. */
  readonly supply: number;
  /** The day fulfillable stock alone runs out; null without sales. */
  readonly stockOutDate: string | null;
  /** The day fulfillable + inbound runs out (inbound counted as checked in before then); null without sales. */
  readonly stockOutDateWithInbound: string | null;
  /** The mode to order by today: the default while it makes it, else the urgent one, else the next that does. */
  readonly recommendedMode: ShippingMode | null;
  /** Whether the recommended mode still arrives before the stock-out; false = a gap of `stockOutGapDays`. */
  readonly arrivesBeforeStockOut: boolean | null;
  /** Days the SKU will be out of stock even by the recommended mode (0 when it arrives in time). */
  readonly stockOutGapDays: number;
  /** The recommended mode's order-by date. */
  readonly orderBy: string | null;
  readonly shipBy: string | null;
  /** The recommended mode's quantity when an order is due (out of stock, order now or soon), else 0. */
  readonly quantity: number;
  /** Every enabled mode, cheapest first. */
  readonly modes: readonly RestockModePlan[];
}
