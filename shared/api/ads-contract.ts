/**
 * The `ads` response of `GET /api/stores/{storeId}/ads` (docs/contracts.md): one definition, imported by the
 * API (shared/ads) and the dashboard. Money is in the profile's currency; days are the profile's time zone.
 */
export const AD_PRODUCTS = ['SPONSORED_PRODUCTS', 'SPONSORED_BRANDS', 'SPONSORED_DISPLAY'] as const;
export type AdProduct = (typeof AD_PRODUCTS)[number];

/** Attribution window of `attributedSales`, as Seller Central shows sellers: 7 days SP, 14 days SB and SD. */
export const ATTRIBUTION_DAYS: Readonly<Record<AdProduct, 7 | 14>> = {
  SPONSORED_PRODUCTS: 7,
  SPONSORED_BRANDS: 14,
  SPONSORED_DISPLAY: 14,
};

export interface AdsTotals {
  readonly impressions: number;
  readonly clicks: number;
  readonly cost: number;
  readonly attributedSales: number;
  readonly attributedOrders: number;
  /** cost ÷ attributedSales; null without sales. */
  readonly acos: number | null;
  /** attributedSales ÷ cost; null without spend. */
  readonly roas: number | null;
  /** cost ÷ the marketplace's total sales in the window (orders history); null when unknown or zero. */
  readonly tacos: number | null;
}

export interface AdsCampaign {
  readonly campaignId: string;
  readonly name: string;
  readonly adProduct: AdProduct;
  /** As Amazon names it: ENABLED, PAUSED, ARCHIVED… */
  readonly status: string;
  readonly dailyBudget: number | null;
  readonly cost: number;
  readonly attributedSales: number;
  readonly acos: number | null;
  readonly roas: number | null;
  /** Today's budget usage in percent (can pass 100); null when Amazon has not reported it. */
  readonly budgetUsagePercent: number | null;
  readonly outOfBudget: boolean;
  /** Extra: the window's totals per campaign. */
  readonly impressions: number;
  readonly clicks: number;
  readonly attributedOrders: number;
}

export interface AdsDay {
  readonly date: string;
  readonly cost: number;
  readonly attributedSales: number;
  /** Extra: Amazon may still restate this day. */
  readonly provisional: boolean;
}

export interface AdsFreshness {
  readonly ageSeconds: number;
  /** False while any day or ad product of the window is not yet read from Amazon. */
  readonly complete: boolean;
  readonly retryAfterSeconds?: number;
  /** The first day Amazon may still restate (clicks for 3 days, conversions within the attribution window). */
  readonly provisionalFrom?: string;
}

export interface AdsSummary {
  readonly storeId: string;
  readonly marketplaceId: string;
  readonly profileId: string;
  readonly currency: string;
  /** Extra: the profile's time zone, in which every date is given. */
  readonly timeZone: string;
  readonly asOf: string;
  readonly source: 'amazon' | 'snapshot';
  readonly days: number;
  readonly totals: AdsTotals;
  readonly campaigns: readonly AdsCampaign[];
  readonly daily: readonly AdsDay[];
  readonly freshness: AdsFreshness;
}

/** `POST /api/stores/{storeId}/ads-authorization`. */
export interface AdsAuthorizationStarted {
  readonly redirectUrl: string;
}

/**
 * `DELETE /api/stores/{storeId}/ads-authorization`: the Ads link is gone (its token crypto-shredded);
 * `removedLinks` counts the marketplace profiles that were linked (0 when none was).
 */
export interface AdsAuthorizationRemoved {
  readonly removed: true;
  readonly removedLinks: number;
}

/** Why an Ads consent did not link a profile; the dashboard shows a translated page for each. */
export const ADS_AUTH_ERRORS = [
  'invalid_request',
  'state_invalid',
  'state_expired',
  'session_mismatch',
  'consent_denied',
  'code_invalid',
  'not_owner',
  'store_not_active',
  'ads_no_profiles',
  'ads_profile_foreign',
  'wrong_region',
  'amazon_unavailable',
  'configuration_error',
  'try_again',
] as const;
export type AdsAuthorizationError = (typeof ADS_AUTH_ERRORS)[number];
