import type { DailyOrders } from '../api/types';
import type { DashboardConfig } from '../config';
import { nextSort, type SortState } from './inventory';
import {
  ATTRIBUTION_DAYS,
  type AdProduct,
  type AdsCampaign,
  type AdsDay,
  type AdsSummary,
} from '../../../shared/api/ads-contract';

/**
 * The ads view's pure logic (GET /api/stores/{storeId}/ads, shared/api/ads-contract.ts): whether the dataset is
 * live, the period, campaign order, budget pacing, ratios that may be undefined and provisional days (the CSV
 * is in ads-csv.ts).
 */

/**
 * The `ads` dataset is live when the deployment's public facts list it (`publicPage.datasets` of /config.json,
 * built from the stage's `datasets` / `MINT_HUB_DATASETS`). Without those facts the tab stays hidden: consent is
 * never offered for a dataset nobody can show is live.
 */
export function adsEnabled(config: Pick<DashboardConfig, 'publicPage'>): boolean {
  return config.publicPage?.datasets.includes('ads') ?? false;
}

/** Periods offered; one report request covers at most 31 days (Amazon's Reporting v3 limit), the API's default is 30. */
export const ADS_WINDOWS = [7, 14, 30] as const;
export const DEFAULT_ADS_DAYS = 30;

export function parseAdsDays(value: string | null | undefined): number {
  const days = Number(value);
  return (ADS_WINDOWS as readonly number[]).includes(days) ? days : DEFAULT_ADS_DAYS;
}

export type AdsSortKey = 'name' | 'cost' | 'attributedSales' | 'acos' | 'roas' | 'budgetUsagePercent';

/** Every column the campaign table sorts by (the URL's `sort` is one of these). */
export const ADS_SORT_KEYS: readonly AdsSortKey[] = [
  'name',
  'cost',
  'attributedSales',
  'acos',
  'roas',
  'budgetUsagePercent',
];

/** Opening order: where the money goes, the biggest spender first. */
export const DEFAULT_ADS_SORT: SortState<AdsSortKey> = { key: 'cost', direction: 'descending' };

const TEXT_KEYS: ReadonlySet<AdsSortKey> = new Set(['name']);

/** A header click: the same column flips; a new number column starts with the largest first, names A→Z. */
export function nextAdsSort(current: SortState<AdsSortKey>, key: AdsSortKey): SortState<AdsSortKey> {
  return nextSort(current, key, TEXT_KEYS);
}

/**
 * Campaigns in the chosen order. An undefined value (ACoS without sales, ROAS without spend, usage Amazon has not
 * reported) is never a number: those campaigns come last in either direction. Ties keep the biggest spender first.
 */
export function sortCampaigns(campaigns: readonly AdsCampaign[], sort: SortState<AdsSortKey>): AdsCampaign[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...campaigns].sort((a, b) => {
    if (sort.key === 'name') return sign * a.name.localeCompare(b.name) || b.cost - a.cost;
    const left = finiteOrNull(a[sort.key]);
    const right = finiteOrNull(b[sort.key]);
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1;
    } else if (left !== right) return sign * (left - right);
    return b.cost - a.cost || a.campaignId.localeCompare(b.campaignId);
  });
}

/** The number, or null when absent or not finite (a ratio over zero). */
export function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

export interface PacingBar {
  /** Bar width, 0–100 (a usage above 100 % fills the bar). */
  readonly width: number;
  /** Today's usage as sent, or null when Amazon has not reported it. */
  readonly percent: number | null;
  /** `over`: out of budget, or past 100 %; `high`: 80 % or more; `none`: no usage reported. */
  readonly level: 'none' | 'ok' | 'high' | 'over';
}

/** Today's budget usage as a bar. Usage can pass 100 % (a day may overspend, as Amazon's budget rules allow). */
export function pacingBar(campaign: Pick<AdsCampaign, 'budgetUsagePercent' | 'outOfBudget'>): PacingBar {
  const percent = finiteOrNull(campaign.budgetUsagePercent);
  if (percent === null) return { width: 0, percent: null, level: campaign.outOfBudget ? 'over' : 'none' };
  const width = Math.round(Math.min(100, Math.max(0, percent)));
  const level = campaign.outOfBudget || percent >= 100 ? 'over' : percent >= 80 ? 'high' : 'ok';
  return { width, percent, level };
}

/** ACoS and TACoS as a percentage, ROAS as a multiple; undefined (null, NaN, Infinity) as "—". */
export function ratioText(locale: string, value: number | null, kind: 'percent' | 'multiple'): string {
  const ratio = finiteOrNull(value);
  if (ratio === null) return '—';
  if (kind === 'percent')
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio)}×`;
}

/** "45 %", "132 %" or "—". */
export function usageText(locale: string, percent: number | null): string {
  const value = finiteOrNull(percent);
  if (value === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** A day Amazon may still restate: marked by the API, or on or after `freshness.provisionalFrom`. */
export function isProvisionalDay(
  day: Pick<AdsDay, 'date' | 'provisional'>,
  provisionalFrom?: string,
): boolean {
  return day.provisional || (provisionalFrom !== undefined && day.date >= provisionalFrom);
}

export function provisionalDays(data: Pick<AdsSummary, 'daily' | 'freshness'>): ReadonlySet<string> {
  return new Set(
    data.daily.filter((day) => isProvisionalDay(day, data.freshness.provisionalFrom)).map((day) => day.date),
  );
}

/**
 * True while no report of the window has arrived yet (the first view of a newly connected store): the view then
 * shows no zero totals, which would read as "no spend" (an all-clear), only that reports are being prepared. Campaign
 * budgets may already be listed; without their reports they say nothing about spend.
 */
export function nothingReadYet(data: Pick<AdsSummary, 'freshness' | 'daily'>): boolean {
  return !data.freshness.complete && data.daily.every((day) => day.cost === 0 && day.attributedSales === 0);
}

/**
 * The daily series in the shape the shared daily chart draws: spend as the bars, attributed sales as the line,
 * both in the profile's currency, oldest day first.
 */
export function adsChartDays(daily: readonly AdsDay[], currency: string): DailyOrders[] {
  return [...daily]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => ({
      date: day.date,
      orders: finiteOrNull(day.cost) ?? 0,
      revenue: [{ currency, amount: finiteOrNull(day.attributedSales) ?? 0 }],
    }));
}

/** The peak spending day, for the chart's spoken summary. */
export function peakSpendDay(daily: readonly AdsDay[]): AdsDay | undefined {
  return [...daily].sort((a, b) => b.cost - a.cost || a.date.localeCompare(b.date))[0];
}

/** Attribution window behind a campaign's sales, as Seller Central shows sellers (7 days SP, 14 SB and SD). */
export const attributionDays = (adProduct: AdProduct): 7 | 14 => ATTRIBUTION_DAYS[adProduct];
