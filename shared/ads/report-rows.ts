import type { AdProduct } from '../api/ads-contract';
import { ReportRowSchema } from '../adapters/ads/ads-schemas';
import type { AdsDayRecord, CampaignDay, RawReportRow } from './ads-ports';

/**
 * Report rows → one record per (ad product, day) of the report's window. Every day of the window gets a record,
 * also days without rows, so a campaign that stopped spending is not left with an old copy of the day. Rows that
 * do not parse or fall outside the window are counted, never stored.
 */
export function normaliseReportRows(args: {
  profileId: string;
  adProduct: AdProduct;
  startDate: string;
  endDate: string;
  dates: readonly string[];
  rows: readonly RawReportRow[];
  readAt: string;
}): { days: AdsDayRecord[]; rejected: number } {
  const byDate = new Map<string, Map<string, CampaignDay>>(args.dates.map((date) => [date, new Map()]));
  let rejected = 0;
  for (const raw of args.rows) {
    const parsed = ReportRowSchema.safeParse(raw);
    if (!parsed.success) {
      rejected += 1;
      continue;
    }
    const row = parsed.data;
    const campaigns = byDate.get(row.date);
    if (campaigns === undefined) {
      rejected += 1;
      continue;
    }
    const sp = args.adProduct === 'SPONSORED_PRODUCTS';
    const day: CampaignDay = {
      campaignId: row.campaignId,
      name: row.campaignName,
      status: row.campaignStatus.toUpperCase(),
      dailyBudget:
        row.campaignBudgetType === undefined ||
        row.campaignBudgetType === null ||
        row.campaignBudgetType === 'DAILY_BUDGET'
          ? (row.campaignBudgetAmount ?? null)
          : null,
      impressions: row.impressions,
      clicks: row.clicks,
      cost: row.cost,
      // As Seller Central shows sellers: 7-day attribution for Sponsored Products, 14-day for Brands and Display.
      attributedSales: (sp ? row.sales7d : row.sales) ?? 0,
      attributedOrders: (sp ? row.purchases7d : row.purchases) ?? 0,
    };
    const previous = campaigns.get(day.campaignId);
    // A campaign appears once per day; should Amazon split it, the figures add up.
    campaigns.set(
      day.campaignId,
      previous === undefined
        ? day
        : {
            ...day,
            impressions: previous.impressions + day.impressions,
            clicks: previous.clicks + day.clicks,
            cost: previous.cost + day.cost,
            attributedSales: previous.attributedSales + day.attributedSales,
            attributedOrders: previous.attributedOrders + day.attributedOrders,
          },
    );
  }
  return {
    days: [...byDate].map(([date, campaigns]) => ({
      profileId: args.profileId,
      adProduct: args.adProduct,
      date,
      campaigns: [...campaigns.values()],
      readAt: args.readAt,
    })),
    rejected,
  };
}
