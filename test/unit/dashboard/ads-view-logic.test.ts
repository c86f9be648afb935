import type { AdsCampaign, AdsSummary } from '../../../shared/api/ads-contract';
import { ADS_AUTH_ERRORS } from '../../../shared/api/ads-contract';
import {
  DEFAULT_ADS_SORT,
  adsChartDays,
  adsEnabled,
  isProvisionalDay,
  nextAdsSort,
  nothingReadYet,
  pacingBar,
  parseAdsDays,
  peakSpendDay,
  provisionalDays,
  ratioText,
  sortCampaigns,
  usageText,
} from '../../../dashboard/src/data/ads';
import { ADS_CSV_COLUMNS, adsCsvHeaderKey, adsCsvRow } from '../../../dashboard/src/data/ads-csv';
import { toCsv } from '../../../dashboard/src/data/csv';
import {
  parseAdsAuthResult,
  parseOAuthResult,
  withoutOAuthResult,
} from '../../../dashboard/src/data/oauth-result';
import { en } from '../../../dashboard/src/i18n/en';
import { translate, type MessageKey } from '../../../dashboard/src/i18n/i18n';
import { zhCN } from '../../../dashboard/src/i18n/zh-CN';
import { parseRoute, routeHref } from '../../../dashboard/src/router/routes';

function campaign(overrides: Partial<AdsCampaign> & Pick<AdsCampaign, 'campaignId'>): AdsCampaign {
  return {
    name: `Campaign ${overrides.campaignId}`,
    adProduct: 'SPONSORED_PRODUCTS',
    status: 'ENABLED',
    dailyBudget: 50,
    cost: 100,
    attributedSales: 400,
    acos: 0.25,
    roas: 4,
    budgetUsagePercent: 50,
    outOfBudget: false,
    impressions: 10_000,
    clicks: 120,
    attributedOrders: 12,
    ...overrides,
  };
}

const CAMPAIGNS: readonly AdsCampaign[] = [
  campaign({ campaignId: '1', name: 'Brand defense', cost: 80, attributedSales: 800, acos: 0.1, roas: 10 }),
  // No sales: ACoS is undefined (null), never Infinity.
  campaign({ campaignId: '2', name: 'Auto', cost: 40, attributedSales: 0, acos: null, roas: 0 }),
  campaign({ campaignId: '3', name: 'Competitors', cost: 150, attributedSales: 300, acos: 0.5, roas: 2 }),
  // Paused all period: no spend, so neither ratio is defined.
  campaign({ campaignId: '4', name: 'Paused', cost: 0, attributedSales: 0, acos: null, roas: null }),
];

const ids = (list: readonly AdsCampaign[]) => list.map((c) => c.campaignId);

describe('campaign order', () => {
  it('opens with the biggest spender first', () => {
    expect(DEFAULT_ADS_SORT).toEqual({ key: 'cost', direction: 'descending' });
    expect(ids(sortCampaigns(CAMPAIGNS, DEFAULT_ADS_SORT))).toEqual(['3', '1', '2', '4']);
    expect(ids(sortCampaigns(CAMPAIGNS, { key: 'cost', direction: 'ascending' }))).toEqual([
      '4',
      '2',
      '1',
      '3',
    ]);
  });

  it('sorts by ACoS with campaigns without sales last in either direction', () => {
    expect(ids(sortCampaigns(CAMPAIGNS, { key: 'acos', direction: 'ascending' }))).toEqual([
      '1',
      '3',
      '2',
      '4',
    ]);
    expect(ids(sortCampaigns(CAMPAIGNS, { key: 'acos', direction: 'descending' }))).toEqual([
      '3',
      '1',
      '2',
      '4',
    ]);
  });

  it('never lets a non-finite value sort as a number', () => {
    const broken = [
      campaign({ campaignId: 'a', acos: Number.POSITIVE_INFINITY }),
      campaign({ campaignId: 'b', acos: 0.3 }),
      campaign({ campaignId: 'c', acos: Number.NaN }),
    ];
    expect(ids(sortCampaigns(broken, { key: 'acos', direction: 'descending' }))[0]).toBe('b');
  });

  it('flips the same column, starts a new number column with the largest and names A to Z', () => {
    expect(nextAdsSort(DEFAULT_ADS_SORT, 'cost')).toEqual({ key: 'cost', direction: 'ascending' });
    expect(nextAdsSort(DEFAULT_ADS_SORT, 'acos')).toEqual({ key: 'acos', direction: 'descending' });
    expect(nextAdsSort(DEFAULT_ADS_SORT, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(ids(sortCampaigns(CAMPAIGNS, { key: 'name', direction: 'ascending' }))).toEqual([
      '2',
      '1',
      '3',
      '4',
    ]);
  });

  it('does not reorder the list it was given', () => {
    const before = ids(CAMPAIGNS);
    sortCampaigns(CAMPAIGNS, { key: 'acos', direction: 'ascending' });
    expect(ids(CAMPAIGNS)).toEqual(before);
  });
});

describe('budget pacing bar', () => {
  it('is as wide as today’s usage, amber from 80 % and red once the budget is used up', () => {
    expect(pacingBar({ budgetUsagePercent: 45.4, outOfBudget: false })).toEqual({
      width: 45,
      percent: 45.4,
      level: 'ok',
    });
    expect(pacingBar({ budgetUsagePercent: 80, outOfBudget: false }).level).toBe('high');
    expect(pacingBar({ budgetUsagePercent: 100, outOfBudget: false }).level).toBe('over');
  });

  it('fills the bar but keeps the real figure when a day overspends past 100 %', () => {
    expect(pacingBar({ budgetUsagePercent: 132.5, outOfBudget: true })).toEqual({
      width: 100,
      percent: 132.5,
      level: 'over',
    });
    expect(usageText('en', 132.5)).toBe('133%');
  });

  it('marks an out-of-budget campaign red whatever the usage says', () => {
    expect(pacingBar({ budgetUsagePercent: 60, outOfBudget: true }).level).toBe('over');
  });

  it('draws nothing when Amazon has not reported today’s usage', () => {
    expect(pacingBar({ budgetUsagePercent: null, outOfBudget: false })).toEqual({
      width: 0,
      percent: null,
      level: 'none',
    });
    expect(usageText('en', null)).toBe('—');
    expect(pacingBar({ budgetUsagePercent: -5, outOfBudget: false }).width).toBe(0);
  });
});

describe('ratios', () => {
  it('shows an undefined ratio as "—", never Infinity or NaN', () => {
    for (const value of [null, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(ratioText('en', value, 'percent')).toBe('—');
      expect(ratioText('zh-CN', value, 'multiple')).toBe('—');
    }
  });

  it('shows ACoS and TACoS as percentages and ROAS as a multiple', () => {
    expect(ratioText('en', 0.2534, 'percent')).toBe('25.3%');
    expect(ratioText('en', 0, 'percent')).toBe('0%');
    expect(ratioText('en', 3.456, 'multiple')).toBe('3.46×');
    expect(ratioText('zh-CN', 0.5, 'percent')).toBe('50%');
  });
});

const SUMMARY: Pick<AdsSummary, 'daily' | 'freshness'> = {
  daily: [
    { date: '2026-11-29', cost: 10, attributedSales: 40, provisional: false },
    { date: '2026-11-27', cost: 30, attributedSales: 90, provisional: false },
    { date: '2026-12-01', cost: 12, attributedSales: 0, provisional: true },
    { date: '2026-11-30', cost: 30, attributedSales: 20, provisional: false },
  ],
  freshness: { ageSeconds: 60, complete: true, provisionalFrom: '2026-11-30' },
};

describe('provisional days', () => {
  it('marks the days from provisionalFrom on, and any day the API marks', () => {
    expect([...provisionalDays(SUMMARY)].sort()).toEqual(['2026-11-30', '2026-12-01']);
    expect(isProvisionalDay({ date: '2026-11-29', provisional: false }, '2026-11-30')).toBe(false);
    expect(isProvisionalDay({ date: '2026-11-20', provisional: true }, undefined)).toBe(true);
    expect(isProvisionalDay({ date: '2026-11-20', provisional: false }, undefined)).toBe(false);
  });
});

describe('a window nothing of which has been read yet', () => {
  const zeroDays = SUMMARY.daily.map((day) => ({ ...day, cost: 0, attributedSales: 0 }));

  it('shows no zero totals (no all-clear) until the first report arrives', () => {
    expect(nothingReadYet({ daily: zeroDays, freshness: { ageSeconds: 0, complete: false } })).toBe(true);
    expect(nothingReadYet({ daily: [], freshness: { ageSeconds: 0, complete: false } })).toBe(true);
  });

  it('shows what has arrived, and a complete window with no spend as zeros', () => {
    expect(nothingReadYet({ daily: SUMMARY.daily, freshness: { ageSeconds: 0, complete: false } })).toBe(
      false,
    );
    expect(nothingReadYet({ daily: zeroDays, freshness: { ageSeconds: 0, complete: true } })).toBe(false);
  });
});

describe('the spend and sales chart', () => {
  it('draws spend as the bars and attributed sales as the line, oldest day first, in the profile currency', () => {
    expect(adsChartDays(SUMMARY.daily, 'GBP')).toEqual([
      { date: '2026-11-27', orders: 30, revenue: [{ currency: 'GBP', amount: 90 }] },
      { date: '2026-11-29', orders: 10, revenue: [{ currency: 'GBP', amount: 40 }] },
      { date: '2026-11-30', orders: 30, revenue: [{ currency: 'GBP', amount: 20 }] },
      { date: '2026-12-01', orders: 12, revenue: [{ currency: 'GBP', amount: 0 }] },
    ]);
  });

  it('names the earliest of the highest-spend days', () => {
    expect(peakSpendDay(SUMMARY.daily)?.date).toBe('2026-11-27');
    expect(peakSpendDay([])).toBeUndefined();
  });
});

describe('CSV export', () => {
  const header = ADS_CSV_COLUMNS.map((column) => translate('en', adsCsvHeaderKey(column)));

  it('has a translated header in both languages for every column', () => {
    for (const column of ADS_CSV_COLUMNS) {
      expect(Object.keys(en)).toContain(adsCsvHeaderKey(column));
      expect(zhCN[adsCsvHeaderKey(column)]).toEqual(expect.any(String));
    }
    expect(translate('zh-CN', adsCsvHeaderKey('cost'))).toBe('花费');
  });

  it('writes one row per campaign with ACoS in percent and empty cells for undefined ratios', () => {
    const withSales = CAMPAIGNS[0] as AdsCampaign;
    const withoutSales = CAMPAIGNS[3] as AdsCampaign;
    const csv = toCsv(header, [
      adsCsvRow(withSales, 'USD'),
      adsCsvRow({ ...withoutSales, budgetUsagePercent: null, dailyBudget: null }, 'USD'),
    ]);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "Campaign ID,Campaign,Ad type,Status,Out of budget,Daily budget,Today's budget used (%),Impressions,Clicks,Spend,Attributed sales,Attributed orders,Attribution (days),ACoS (%),ROAS,Currency",
    );
    expect(lines[1]).toBe(
      '1,Brand defense,SPONSORED_PRODUCTS,ENABLED,no,50,50,10000,120,80,800,12,7,10,10,USD',
    );
    expect(lines[2]).toBe('4,Paused,SPONSORED_PRODUCTS,ENABLED,no,,,10000,120,0,0,12,7,,,USD');
    expect(csv).not.toMatch(/Infinity|NaN/);
  });

  it('translates ad type, status and yes/no, and names the 14-day attribution of Brands and Display', () => {
    const row = adsCsvRow(
      campaign({ campaignId: '9', adProduct: 'SPONSORED_BRANDS', outOfBudget: true, acos: 0.12345 }),
      'EUR',
      (prefix, value) => translate('zh-CN', `${prefix}.${value}` as MessageKey),
    );
    const cell = (column: (typeof ADS_CSV_COLUMNS)[number]) => row[ADS_CSV_COLUMNS.indexOf(column)];
    expect(cell('adProduct')).toBe('品牌推广');
    expect(cell('status')).toBe('已启用');
    expect(cell('outOfBudget')).toBe('是');
    expect(cell('attributionDays')).toBe(14);
    expect(cell('acos')).toBe(12.35);
    expect(cell('currency')).toBe('EUR');
  });
});

describe('whether the ads tab exists', () => {
  const facts = (datasets: ('inventory' | 'orders' | 'ads')[]) => ({
    publicPage: {
      datasets,
      access: [],
      integrationLive: false,
      contact: null,
      retention: {
        snapshots: [],
        auditLogDays: 400,
        siteAccessLogDays: 90,
        revocationQueueDays: 4,
        deadLetterQueueDays: 14,
        authorizationStateMinutes: 10,
        reauthorizationDays: 365,
      },
    },
  });

  it('shows the tab only when the deployment lists the ads dataset as live', () => {
    expect(adsEnabled(facts(['inventory', 'orders', 'ads']))).toBe(true);
    expect(adsEnabled(facts(['inventory', 'orders']))).toBe(false);
    // Without the facts nobody can show ads is live: no tab, and consent is never offered.
    expect(adsEnabled({})).toBe(false);
  });
});

describe('the ads route', () => {
  it('keeps marketplace and period in the URL; an unknown period falls back to 30 days', () => {
    expect(parseRoute('/stores/A2LUMENCRAFT7Q-NA/ads', '?marketplaceId=ATVPDKIKX0DER&days=7')).toEqual({
      name: 'ads',
      storeId: 'A2LUMENCRAFT7Q-NA',
      marketplaceId: 'ATVPDKIKX0DER',
      days: 7,
    });
    expect(parseRoute('/stores/S-NA/ads', '?days=90')).toEqual({ name: 'ads', storeId: 'S-NA', days: 30 });
    expect(parseAdsDays('14')).toBe(14);
    expect(parseAdsDays('abc')).toBe(30);
    expect(routeHref({ name: 'ads', storeId: 'S-NA', days: 14, marketplaceId: 'A1F83G8C2ARO7P' })).toBe(
      '/stores/S-NA/ads?marketplaceId=A1F83G8C2ARO7P&days=14',
    );
  });
});

describe('the Ads consent result', () => {
  it('reads the callback’s adsConnected and adsError, unknown codes as a generic failure', () => {
    expect(parseAdsAuthResult('?adsConnected=3')).toEqual({ kind: 'ads-connected', marketplaces: 3 });
    expect(parseAdsAuthResult('?adsError=ads_profile_foreign')).toEqual({
      kind: 'ads-failed',
      code: 'ads.ads_profile_foreign',
    });
    expect(parseAdsAuthResult('?adsError=%3Cscript%3E')).toEqual({ kind: 'ads-failed', code: 'ads.unknown' });
    expect(parseAdsAuthResult('?marketplaceId=X')).toBeUndefined();
    expect(withoutOAuthResult('?adsConnected=3&marketplaceId=X')).toBe('?marketplaceId=X');
    expect(withoutOAuthResult('?adsError=state_invalid')).toBe('');
  });

  it('shows an Ads failure whose state named no store on the stores page, in its own words', () => {
    expect(parseOAuthResult('?adsError=state_invalid')).toEqual({
      kind: 'failed',
      code: 'ads.state_invalid',
    });
    expect(parseOAuthResult('?adsError=session_mismatch')).toEqual({
      kind: 'failed',
      code: 'ads.session_mismatch',
    });
  });

  it('has a message in both languages for every code the Ads callback sends, none of them the SP-API one', () => {
    for (const code of [...ADS_AUTH_ERRORS, 'unknown']) {
      const key = `oauth.error.ads.${code}` as MessageKey;
      expect(Object.keys(en)).toContain(key);
      expect(zhCN[key]).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key]).not.toBe((en as Record<string, string>)[`oauth.error.${code}`]);
    }
  });

  it('explains denied consent, expired state, a foreign profile and the wrong region', () => {
    expect(translate('en', 'oauth.error.ads.consent_denied')).toMatch(/cancelled.*Nothing was connected/);
    expect(translate('en', 'oauth.error.ads.state_expired')).toMatch(/10 minutes/);
    expect(translate('en', 'oauth.error.ads.ads_profile_foreign')).toMatch(/another seller/);
    expect(translate('en', 'oauth.error.ads.wrong_region')).toMatch(/region/);
    expect(translate('zh-CN', 'oauth.error.ads.consent_denied')).toMatch(/取消/);
    expect(translate('zh-CN', 'oauth.error.ads.state_expired')).toMatch(/10 分钟/);
    expect(translate('zh-CN', 'oauth.error.ads.ads_profile_foreign')).toMatch(/其他卖家/);
    expect(translate('zh-CN', 'oauth.error.ads.wrong_region')).toMatch(/区域/);
  });
});

describe('the notice of an incomplete ads view', () => {
  it('says, in both languages, that Amazon is preparing reports and how long that usually takes', () => {
    expect(translate('en', 'ads.incomplete')).toMatch(/Amazon Ads is still preparing the reports/);
    expect(translate('en', 'ads.incomplete')).toMatch(/a few minutes, sometimes up to three hours/);
    expect(translate('zh-CN', 'ads.incomplete')).toMatch(/亚马逊广告仍在生成.*几分钟.*三小时/);
  });

  it('keeps the orders and inventory wording as it was', () => {
    expect(en['freshness.incomplete']).toBe(
      'Incomplete: part of this period is still being read from Amazon.',
    );
    expect(zhCN['freshness.incomplete']).toBe('数据不完整：此时间范围的一部分仍在从亚马逊读取。');
    expect(en['ads.incomplete']).not.toBe(en['freshness.incomplete']);
  });
});
