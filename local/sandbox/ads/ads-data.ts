import { MARKETPLACES, type Marketplace } from '../data/marketplaces';
import { deriveSeed, Prng } from '../data/prng';
import { SELLER_PROFILES } from '../data/sellers';
import type { SandboxRegion } from '../types';

// Deterministic advertising demo data: advertiser logins ("accounts") with their profiles, campaigns per profile,
// and daily campaign figures computed from (campaign, day) alone, so any report window can be answered. Recent
// days are restated as Amazon does: clicks for 3 days, conversions through the attribution window.

export type AdProduct = 'SPONSORED_PRODUCTS' | 'SPONSORED_BRANDS' | 'SPONSORED_DISPLAY';

export interface AdsProfileData {
  profileId: number;
  region: SandboxRegion;
  countryCode: string;
  currencyCode: string;
  timezone: string;
  dailyBudget: number;
  accountInfo: {
    marketplaceStringId: string;
    id: string;
    type: 'seller' | 'vendor';
    name: string;
    validPaymentMethod: boolean;
  };
}

export interface AdsAccount {
  /** The login a seller picks on the sandbox consent page. */
  id: string;
  label: string;
  profiles: AdsProfileData[];
}

export interface AdsCampaignData {
  campaignId: number;
  adProduct: AdProduct;
  name: string;
  state: 'ENABLED' | 'PAUSED';
  dailyBudget: number;
  /** Always spends past its budget today (shown as out of budget). */
  overspends: boolean;
}

const TIME_ZONES: Record<string, string> = {
  US: 'America/Los_Angeles',
  CA: 'America/Los_Angeles',
  MX: 'America/Los_Angeles',
  BR: 'America/Sao_Paulo',
  UK: 'Europe/London',
  GB: 'Europe/London',
  DE: 'Europe/Paris',
  FR: 'Europe/Paris',
  IT: 'Europe/Paris',
  ES: 'Europe/Paris',
  NL: 'Europe/Amsterdam',
  SE: 'Europe/Stockholm',
  PL: 'Europe/Warsaw',
  JP: 'Asia/Tokyo',
  AU: 'Australia/Sydney',
  SG: 'Asia/Singapore',
};

const bigId = (...parts: Array<string | number>): number =>
  (deriveSeed('hi', ...parts) % 9_000_000) * 100_000_000 +
  (deriveSeed('lo', ...parts) % 100_000_000) +
  100_000_000_000_000;

function marketplace(id: string): Marketplace {
  const found = MARKETPLACES.find((m) => m.id === id);
  if (found === undefined) throw new Error(`unknown marketplace ${id}`);
  return found;
}

function profileFor(sellerId: string, name: string, marketplaceId: string): AdsProfileData {
  const m = marketplace(marketplaceId);
  return {
    profileId: bigId('profile', sellerId, marketplaceId),
    region: m.region,
    countryCode: m.countryCode === 'GB' ? 'UK' : m.countryCode,
    currencyCode: m.currency,
    timezone: TIME_ZONES[m.countryCode] ?? 'UTC',
    dailyBudget: Math.round(100 / m.usdRate) * 1,
    accountInfo: {
      marketplaceStringId: marketplaceId,
      id: sellerId,
      type: 'seller',
      name,
      validPaymentMethod: true,
    },
  };
}

/** A seller id that is no seeded store's: its profiles must never be linked to a store. */
export const FOREIGN_SELLER_ID = 'A9NORTHWINDAD5X';

export function adsAccounts(): AdsAccount[] {
  const accounts: AdsAccount[] = SELLER_PROFILES.map((seller) => ({
    id: `ads-${seller.sellingPartnerId}`,
    label: `${seller.name} (advertising)`,
    profiles: seller.marketplaceIds.map((m) => profileFor(seller.sellingPartnerId, seller.name, m)),
  }));
  accounts.push(
    {
      id: 'ads-foreign-advertiser',
      label: 'Northwind Ads Ltd. (another seller)',
      profiles: ['ATVPDKIKX0DER', 'A1F83G8C2ARO7P', 'A1VC38T7YXB528'].map((m) =>
        profileFor(FOREIGN_SELLER_ID, 'Northwind Ads Ltd.', m),
      ),
    },
    { id: 'ads-no-campaigns', label: 'New advertiser (no campaign yet)', profiles: [] },
    {
      // Lumen Craft's advertising registered in Europe only: consent for the NA store lands in the wrong region.
      id: 'ads-lumen-europe-only',
      label: 'Lumen Craft Co. (Europe advertising only)',
      profiles: [profileFor('A2LUMENCRAFT7Q', 'Lumen Craft Co.', 'A1F83G8C2ARO7P')],
    },
  );
  return accounts;
}

const CAMPAIGN_THEMES = [
  'Best sellers',
  'Brand defense',
  'Competitor ASINs',
  'Category auto',
  'Seasonal',
  'Long tail',
];

export function campaignsOf(profile: AdsProfileData): AdsCampaignData[] {
  const m = marketplace(profile.accountInfo.marketplaceStringId);
  const scale = 1 / m.usdRate;
  const round = (usd: number) =>
    m.currencyDigits === 0 ? Math.round(usd * scale) : Math.round(usd * scale * 100) / 100;
  const list: AdsCampaignData[] = [];
  const add = (
    adProduct: AdProduct,
    index: number,
    prefix: string,
    usdBudget: number,
    extra: Partial<AdsCampaignData>,
  ) =>
    list.push({
      campaignId: bigId('campaign', profile.profileId, adProduct, index),
      adProduct,
      name: `${prefix} | ${CAMPAIGN_THEMES[index % CAMPAIGN_THEMES.length]} | ${profile.countryCode}`,
      state: 'ENABLED',
      dailyBudget: round(usdBudget),
      overspends: false,
      ...extra,
    });
  const prng = new Prng(deriveSeed('campaigns', profile.profileId));
  for (let i = 0; i < 5; i++)
    add('SPONSORED_PRODUCTS', i, 'SP', 20 + prng.int(0, 60), {
      ...(i === 0 ? { overspends: true } : {}),
      ...(i === 4 ? { state: 'PAUSED' as const } : {}),
    });
  for (let i = 0; i < 2; i++)
    add('SPONSORED_BRANDS', i, 'SB', 30 + prng.int(0, 30), i === 0 ? { overspends: true } : {});
  add('SPONSORED_DISPLAY', 0, 'SD', 25, {});
  return list;
}

export const ATTRIBUTION_DAYS: Record<AdProduct, number> = {
  SPONSORED_PRODUCTS: 7,
  SPONSORED_BRANDS: 14,
  SPONSORED_DISPLAY: 14,
};

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * One campaign's figures on `date` as Amazon would report them on `asOfDate` (both in the profile's zone): the
 * day's traffic is final after 3 days, its conversions after the attribution window. Undefined: no row.
 */
export function campaignDay(
  profile: AdsProfileData,
  campaign: AdsCampaignData,
  date: string,
  asOfDate: string,
): { impressions: number; clicks: number; cost: number; orders: number; sales: number } | undefined {
  const age = daysBetween(date, asOfDate);
  if (age < 0) return undefined;
  // A paused campaign stopped spending 10 days ago.
  if (campaign.state === 'PAUSED' && daysBetween(date, asOfDate) < 10) return undefined;
  const m = marketplace(profile.accountInfo.marketplaceStringId);
  const prng = new Prng(deriveSeed('ads-day', campaign.campaignId, date));
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 1.15 : 1;
  const impressions = Math.round((800 + prng.int(0, 4000)) * weekly);
  const ctr = 0.003 + prng.next() * 0.009;
  const cpcUsd = 0.4 + prng.next() * 1.2;
  const cvr = 0.05 + prng.next() * 0.12;
  const priceUsd = 15 + prng.next() * 30;
  const traffic = age === 0 ? 0.6 : age === 1 ? 0.97 : age === 2 ? 0.99 : 1;
  const window = ATTRIBUTION_DAYS[campaign.adProduct];
  const matured = age >= window ? 1 : 0.45 + (0.55 * (age + 1)) / (window + 1);
  const clicks = Math.round(impressions * ctr * traffic);
  const digits = m.currencyDigits === 0 ? 1 : 100;
  const money = (usd: number) => Math.round((usd / m.usdRate) * digits) / digits;
  let cost = money(clicks * cpcUsd);
  if (campaign.overspends) cost = Math.max(cost, Math.round(campaign.dailyBudget * 1.2 * digits) / digits);
  const orders = Math.floor(clicks * cvr * matured);
  return {
    impressions: Math.round(impressions * traffic),
    clicks,
    cost,
    orders,
    sales: money(orders * priceUsd),
  };
}

/** Today's budget usage of an enabled campaign, in percent; overspenders pass 100. */
export function budgetUsagePercent(campaign: AdsCampaignData, today: string): number {
  const prng = new Prng(deriveSeed('usage', campaign.campaignId, today));
  if (campaign.overspends) return Math.round((101 + prng.next() * 40) * 100) / 100;
  return Math.round((15 + prng.next() * 75) * 100) / 100;
}

export function calendarDate(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
  return parts;
}

export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= Date.parse(`${last}T00:00:00Z`); at += dayMs)
    out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}
