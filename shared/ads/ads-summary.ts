import {
  AD_PRODUCTS,
  type AdProduct,
  type AdsCampaign,
  type AdsDay,
  type AdsSummary,
  type AdsTotals,
} from '../api/ads-contract';
import type { AdsBudgetsRecord, AdsDayRecord, AdsLink, CampaignBudget, ReportJob } from './ads-ports';
import { provisionalFrom } from './report-window';

/** A ratio, or null when it is undefined (no denominator): never Infinity or NaN. Rounded to 4 decimals. */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

const money = (value: number): number => Math.round(value * 100) / 100;

/** Serving statuses that say a campaign ran out of budget (SP extended data; SB). */
const OUT_OF_BUDGET_STATUSES = new Set([
  'CAMPAIGN_OUT_OF_BUDGET',
  'OUT_OF_BUDGET',
  'CAMPAIGN_OUT_OF_BUDGET_TODAY',
]);

export interface SummaryInput {
  readonly link: AdsLink;
  readonly window: { readonly today: string; readonly startDate: string; readonly dates: readonly string[] };
  readonly days: readonly AdsDayRecord[];
  readonly budgets: AdsBudgetsRecord | undefined;
  readonly jobs: readonly ReportJob[];
  /** The marketplace's total sales in the window, in the profile's currency; undefined when unknown. */
  readonly totalSales: number | undefined;
  readonly nowMs: number;
  readonly retryAfterSeconds: number | undefined;
}

/** The `ads` response from what the pipeline stored: pure, so the view is cheap and testable. */
export function summarizeAds(input: SummaryInput): Omit<AdsSummary, 'storeId' | 'marketplaceId'> {
  const inWindow = input.days.filter((d) => d.date >= input.window.startDate && d.date <= input.window.today);
  const budgets = new Map<string, CampaignBudget>(
    (input.budgets?.campaigns ?? []).map((c) => [`${c.adProduct}#${c.campaignId}`, c]),
  );

  interface Acc {
    campaignId: string;
    adProduct: AdProduct;
    name: string;
    status: string;
    dailyBudget: number | null;
    lastDate: string;
    impressions: number;
    clicks: number;
    cost: number;
    attributedSales: number;
    attributedOrders: number;
  }
  const campaigns = new Map<string, Acc>();
  const daily = new Map<string, { cost: number; attributedSales: number }>(
    input.window.dates.map((date) => [date, { cost: 0, attributedSales: 0 }]),
  );
  const productsWithData = new Set<AdProduct>();
  for (const day of inWindow) {
    const dayTotals = daily.get(day.date);
    for (const c of day.campaigns) {
      productsWithData.add(day.adProduct);
      const key = `${day.adProduct}#${c.campaignId}`;
      const acc = campaigns.get(key) ?? {
        campaignId: c.campaignId,
        adProduct: day.adProduct,
        name: c.name,
        status: c.status,
        dailyBudget: c.dailyBudget,
        lastDate: day.date,
        impressions: 0,
        clicks: 0,
        cost: 0,
        attributedSales: 0,
        attributedOrders: 0,
      };
      if (day.date >= acc.lastDate) {
        acc.lastDate = day.date;
        acc.name = c.name || acc.name;
        acc.status = c.status;
        acc.dailyBudget = c.dailyBudget;
      }
      acc.impressions += c.impressions;
      acc.clicks += c.clicks;
      acc.cost += c.cost;
      acc.attributedSales += c.attributedSales;
      acc.attributedOrders += c.attributedOrders;
      campaigns.set(key, acc);
      if (dayTotals !== undefined) {
        dayTotals.cost += c.cost;
        dayTotals.attributedSales += c.attributedSales;
      }
    }
  }
  // Enabled campaigns that spent nothing in the window still show, with their budget and today's pacing.
  for (const [key, budget] of budgets) {
    if (campaigns.has(key) || budget.state !== 'ENABLED') continue;
    campaigns.set(key, {
      campaignId: budget.campaignId,
      adProduct: budget.adProduct,
      name: budget.name,
      status: budget.state,
      dailyBudget: budget.dailyBudget,
      lastDate: '',
      impressions: 0,
      clicks: 0,
      cost: 0,
      attributedSales: 0,
      attributedOrders: 0,
    });
  }

  const campaignList: AdsCampaign[] = [...campaigns.entries()]
    .map(([key, c]) => {
      const budget = budgets.get(key);
      const usage = budget?.budgetUsagePercent ?? null;
      return {
        campaignId: c.campaignId,
        name: budget?.name || c.name,
        adProduct: c.adProduct,
        status: budget?.state ?? c.status,
        dailyBudget: budget?.dailyBudget ?? c.dailyBudget,
        cost: money(c.cost),
        attributedSales: money(c.attributedSales),
        acos: ratio(c.cost, c.attributedSales),
        roas: ratio(c.attributedSales, c.cost),
        budgetUsagePercent: usage,
        outOfBudget:
          (budget?.servingStatus !== null &&
            budget?.servingStatus !== undefined &&
            OUT_OF_BUDGET_STATUSES.has(budget.servingStatus)) ||
          (usage !== null && usage >= 100),
        impressions: c.impressions,
        clicks: c.clicks,
        attributedOrders: c.attributedOrders,
      };
    })
    .sort((a, b) => b.cost - a.cost || a.name.localeCompare(b.name));

  const sum = (pick: (c: AdsCampaign) => number) => campaignList.reduce((total, c) => total + pick(c), 0);
  const cost = sum((c) => c.cost);
  const attributedSales = sum((c) => c.attributedSales);
  const totals: AdsTotals = {
    impressions: sum((c) => c.impressions),
    clicks: sum((c) => c.clicks),
    cost: money(cost),
    attributedSales: money(attributedSales),
    attributedOrders: sum((c) => c.attributedOrders),
    acos: ratio(cost, attributedSales),
    roas: ratio(attributedSales, cost),
    tacos: input.totalSales === undefined ? null : ratio(cost, input.totalSales),
  };

  const provisional = provisionalFrom(
    input.window.today,
    productsWithData.size === 0 ? AD_PRODUCTS : [...productsWithData],
  );
  const dailyList: AdsDay[] = [...daily.entries()].map(([date, d]) => ({
    date,
    cost: money(d.cost),
    attributedSales: money(d.attributedSales),
    provisional: date >= provisional,
  }));

  // Complete when every ad product's last read covers the window through today.
  const coverage = AD_PRODUCTS.map((p) => input.jobs.find((j) => j.adProduct === p)?.coverage);
  const complete = coverage.every(
    (c) => c !== undefined && c.startDate <= input.window.startDate && c.endDate >= input.window.today,
  );
  const readAts = coverage.flatMap((c) => (c === undefined ? [] : [Date.parse(c.readAt)]));
  const oldest = readAts.length === 0 ? input.nowMs : Math.min(...readAts);
  const asOf = readAts.length === 0 ? new Date(input.nowMs).toISOString() : new Date(oldest).toISOString();

  return {
    profileId: input.link.profileId,
    currency: input.link.currency,
    timeZone: input.link.timeZone,
    asOf,
    source: 'snapshot',
    days: input.window.dates.length,
    totals,
    campaigns: campaignList,
    daily: dailyList,
    freshness: {
      ageSeconds: Math.max(0, Math.round((input.nowMs - oldest) / 1000)),
      complete,
      ...(complete ? {} : { retryAfterSeconds: input.retryAfterSeconds ?? 60 }),
      provisionalFrom: provisional,
    },
  };
}
