import type { AdsCampaign } from '../../../shared/api/ads-contract';
import { translateKnown, type Locale, type MessageKey } from '../i18n/i18n';
import { attributionDays, finiteOrNull } from './ads';
import { localizedCsv, type CsvCell } from './csv';

/** The ads view's CSV: one row per campaign, headers in the chosen language (`ads.csv.*`). */
export const ADS_CSV_COLUMNS = [
  'campaignId',
  'name',
  'adProduct',
  'status',
  'outOfBudget',
  'dailyBudget',
  'budgetUsagePercent',
  'impressions',
  'clicks',
  'cost',
  'attributedSales',
  'attributedOrders',
  'attributionDays',
  'acos',
  'roas',
  'currency',
] as const;
export type AdsCsvColumn = (typeof ADS_CSV_COLUMNS)[number];

export const adsCsvHeaderKey = (column: AdsCsvColumn): MessageKey => `ads.csv.${column}`;

/** Percent with two decimals, or an empty cell when undefined (never "Infinity" or "NaN" in a spreadsheet). */
const percentCell = (ratio: number | null): CsvCell => {
  const value = finiteOrNull(ratio);
  return value === null ? null : Math.round(value * 10_000) / 100;
};

/**
 * One CSV row per campaign, in the table's order. Money is in the profile's currency (its own column), ACoS in
 * percent, ROAS as a multiple; `label` translates the ad product, the status and yes/no into the chosen language.
 */
export function adsCsvRow(
  campaign: AdsCampaign,
  currency: string,
  label: (prefix: 'ads.product' | 'ads.status' | 'ads.yesNo', value: string) => string = (_p, value) => value,
): CsvCell[] {
  const roas = finiteOrNull(campaign.roas);
  const cells: Record<AdsCsvColumn, CsvCell> = {
    campaignId: campaign.campaignId,
    name: campaign.name,
    adProduct: label('ads.product', campaign.adProduct),
    status: label('ads.status', campaign.status),
    outOfBudget: label('ads.yesNo', campaign.outOfBudget ? 'yes' : 'no'),
    dailyBudget: campaign.dailyBudget,
    budgetUsagePercent: finiteOrNull(campaign.budgetUsagePercent),
    impressions: campaign.impressions,
    clicks: campaign.clicks,
    cost: campaign.cost,
    attributedSales: campaign.attributedSales,
    attributedOrders: campaign.attributedOrders,
    attributionDays: attributionDays(campaign.adProduct),
    acos: percentCell(campaign.acos),
    roas: roas === null ? null : Math.round(roas * 100) / 100,
    currency,
  };
  return ADS_CSV_COLUMNS.map((column) => cells[column]);
}

/** The whole file, campaigns in the table's order, headers and labels in `locale`. */
export function adsCsv(campaigns: readonly AdsCampaign[], currency: string, locale: Locale): string {
  return localizedCsv(
    locale,
    ADS_CSV_COLUMNS,
    adsCsvHeaderKey,
    campaigns.map((campaign) =>
      adsCsvRow(campaign, currency, (prefix, value) => translateKnown(locale, prefix, value)),
    ),
  );
}
