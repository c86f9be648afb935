import { summarizeAds, ratio } from '../../../shared/ads/ads-summary';
import { normaliseReportRows } from '../../../shared/ads/report-rows';
import { decideJob, provisionalFrom, requested, windowOf } from '../../../shared/ads/report-window';
import type { AdsLink, ReportJob } from '../../../shared/ads/ads-ports';
import { isAllowedReportUrl } from '../../../shared/adapters/ads/report-file-hosts';
import { duplicateReportId } from '../../../shared/adapters/ads/ads-schemas';

const link: AdsLink = {
  storeId: 'A2LUMENCRAFT7Q-NA',
  marketplaceId: 'ATVPDKIKX0DER',
  profileId: '123',
  countryCode: 'US',
  currency: 'USD',
  timeZone: 'America/Los_Angeles',
  accountName: 'Lumen',
  linkedAt: '2026-11-01T00:00:00Z',
  linkedBy: 'u1',
};
const NOW = Date.parse('2026-12-01T20:00:00Z'); // 12:00 in Los Angeles

describe('ratios', () => {
  it('are null, never Infinity or NaN, without a denominator', () => {
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(10, 40)).toBe(0.25);
  });
});

describe('report rows', () => {
  it('take 7-day attribution for Sponsored Products and 14-day for Brands, and fill days without rows', () => {
    const dates = ['2026-11-29', '2026-11-30'];
    const sp = normaliseReportRows({
      profileId: '123',
      adProduct: 'SPONSORED_PRODUCTS',
      startDate: dates[0] ?? '',
      endDate: dates[1] ?? '',
      dates,
      readAt: 'now',
      rows: [
        {
          date: '2026-11-30',
          campaignId: 158410630682987,
          campaignName: 'A',
          campaignStatus: 'ENABLED',
          campaignBudgetAmount: 50,
          campaignBudgetType: 'DAILY_BUDGET',
          impressions: 2216,
          clicks: 13,
          cost: 14.5,
          purchases7d: 2,
          sales7d: 59.98,
          sales14d: 99,
        },
        { date: '2026-10-01', campaignId: 1, impressions: 1, clicks: 1, cost: 1 },
        { nonsense: true },
      ],
    });
    expect(sp.rejected).toBe(2);
    expect(sp.days).toHaveLength(2);
    expect(sp.days[0]?.campaigns).toEqual([]);
    expect(sp.days[1]?.campaigns[0]).toMatchObject({
      campaignId: '158410630682987',
      attributedSales: 59.98,
      attributedOrders: 2,
      dailyBudget: 50,
    });
    const sb = normaliseReportRows({
      profileId: '123',
      adProduct: 'SPONSORED_BRANDS',
      startDate: '2026-11-30',
      endDate: '2026-11-30',
      dates: ['2026-11-30'],
      readAt: 'now',
      rows: [
        {
          date: '2026-11-30',
          campaignId: '7',
          impressions: 1,
          clicks: 1,
          cost: 2,
          sales: 8,
          purchases: 1,
          sales7d: 3,
        },
      ],
    });
    expect(sb.days[0]?.campaigns[0]).toMatchObject({ attributedSales: 8, attributedOrders: 1 });
  });
});

describe('summary', () => {
  const window = windowOf(NOW, link.timeZone, 2);
  const job = (adProduct: ReportJob['adProduct']): ReportJob => ({
    storeId: link.storeId,
    profileId: '123',
    adProduct,
    coverage: {
      startDate: '2026-11-01',
      endDate: window.today,
      readAt: new Date(NOW - 60_000).toISOString(),
    },
    version: 2,
  });

  it('totals spend and sales, with null ACoS when a campaign sold nothing, pacing from budgets, in the profile time zone', () => {
    expect(window.today).toBe('2026-12-01');
    const summary = summarizeAds({
      link,
      window,
      nowMs: NOW,
      retryAfterSeconds: undefined,
      totalSales: 200,
      jobs: [job('SPONSORED_PRODUCTS'), job('SPONSORED_BRANDS'), job('SPONSORED_DISPLAY')],
      days: [
        {
          profileId: '123',
          adProduct: 'SPONSORED_PRODUCTS',
          date: '2026-12-01',
          readAt: 'x',
          campaigns: [
            {
              campaignId: '1',
              name: 'A',
              status: 'ENABLED',
              dailyBudget: 20,
              impressions: 100,
              clicks: 5,
              cost: 10,
              attributedSales: 0,
              attributedOrders: 0,
            },
          ],
        },
        {
          profileId: '123',
          adProduct: 'SPONSORED_BRANDS',
          date: '2026-11-30',
          readAt: 'x',
          campaigns: [
            {
              campaignId: '2',
              name: 'B',
              status: 'ENABLED',
              dailyBudget: 30,
              impressions: 50,
              clicks: 2,
              cost: 5,
              attributedSales: 20,
              attributedOrders: 1,
            },
          ],
        },
      ],
      budgets: {
        profileId: '123',
        readAt: new Date(NOW).toISOString(),
        campaigns: [
          {
            campaignId: '1',
            adProduct: 'SPONSORED_PRODUCTS',
            name: 'A',
            state: 'ENABLED',
            dailyBudget: 20,
            servingStatus: 'CAMPAIGN_OUT_OF_BUDGET',
            budgetUsagePercent: 112.5,
            usageUpdatedAt: null,
          },
        ],
      },
    });
    expect(summary.totals).toMatchObject({
      cost: 15,
      attributedSales: 20,
      acos: 0.75,
      roas: 1.3333,
      tacos: 0.075,
    });
    const a = summary.campaigns.find((c) => c.campaignId === '1');
    expect(a).toMatchObject({ acos: null, roas: 0, outOfBudget: true, budgetUsagePercent: 112.5 });
    expect(summary.daily.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01']);
    expect(summary.freshness.complete).toBe(true);
    expect(summary.freshness.provisionalFrom).toBe('2026-11-18');
    expect(JSON.stringify(summary)).not.toMatch(/Infinity|NaN/);
  });

  it('says what is missing on the first view: incomplete, with a retry hint, and TACoS unknown', () => {
    const summary = summarizeAds({
      link,
      window,
      nowMs: NOW,
      retryAfterSeconds: 30,
      totalSales: undefined,
      jobs: [],
      days: [],
      budgets: undefined,
    });
    expect(summary.freshness).toMatchObject({ complete: false, retryAfterSeconds: 30 });
    expect(summary.totals).toMatchObject({ cost: 0, acos: null, roas: null, tacos: null });
  });
});

describe('report requests', () => {
  it('ask at most twice per report type and UTC day, wait for a running report, and re-read stale copies', () => {
    const today = '2026-12-01';
    const base = { storeId: 's', profileId: 'p', adProduct: 'SPONSORED_PRODUCTS' as const };
    expect(decideJob(undefined, NOW, today)).toEqual({ action: 'request', abandoned: false });
    const first = requested(
      undefined,
      base,
      { reportId: 'r1', startDate: '2026-11-01', endDate: today },
      NOW,
    );
    expect(decideJob(first, NOW, today)).toEqual({ action: 'wait' });
    const done: ReportJob = {
      ...base,
      version: 2,
      requestDay: first.requestDay ?? '',
      requestCount: 1,
      coverage: { startDate: '2026-11-01', endDate: today, readAt: new Date(NOW).toISOString() },
    };
    expect(decideJob(done, NOW + 60_000, today)).toEqual({ action: 'fresh' });
    // Same UTC day: the second request is the last; a third need waits for the next day.
    const later = NOW + 3_600_000;
    const second = requested(done, base, { reportId: 'r2', startDate: '2026-11-01', endDate: today }, later);
    expect(second.requestCount).toBe(2);
    const { current: _c, ...after } = second;
    void _c;
    const outdated = {
      ...after,
      coverage: { startDate: '2026-11-01', endDate: '2026-11-30', readAt: new Date(later).toISOString() },
    };
    expect(decideJob(outdated, later + 60_000, today).action).toBe('limit');
    // The next UTC day allows requests again.
    expect(decideJob(outdated, NOW + 5 * 3_600_000, today).action).toBe('request');
  });

  it('mark the attribution window as provisional', () => {
    expect(provisionalFrom('2026-12-01', ['SPONSORED_PRODUCTS'])).toBe('2026-11-25');
    expect(provisionalFrom('2026-12-01', ['SPONSORED_PRODUCTS', 'SPONSORED_DISPLAY'])).toBe('2026-11-18');
  });
});

describe('report files and duplicates', () => {
  it('download only from Amazon report storage, or the sandbox origin when the Ads API is a sandbox', () => {
    const amazon = 'https://advertising-api.amazon.com';
    expect(
      isAllowedReportUrl(
        'https://offline-report-storage-us-east-1-prod.s3.amazonaws.com/x.json.gz?X-Amz-Signature=1',
        amazon,
      ),
    ).toBe(true);
    expect(isAllowedReportUrl('http://offline-report-storage.s3.amazonaws.com/x', amazon)).toBe(false);
    expect(isAllowedReportUrl('https://evil.example.com/x', amazon)).toBe(false);
    expect(isAllowedReportUrl('https://169.254.169.254/latest', amazon)).toBe(false);
    expect(isAllowedReportUrl('http://127.0.0.1:4000/ads-report-files/x', amazon)).toBe(false);
    expect(
      isAllowedReportUrl('http://127.0.0.1:4000/ads-report-files/x', 'http://127.0.0.1:4000/ads-api/na'),
    ).toBe(true);
    expect(isAllowedReportUrl('http://127.0.0.1:4001/x', 'http://127.0.0.1:4000/ads-api/na')).toBe(false);
  });

  it('read the running report id from a 425', () => {
    expect(duplicateReportId('The Request is a duplicate of : 0b3a2f9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(
      '0b3a2f9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    expect(duplicateReportId('something else')).toBeUndefined();
  });
});
