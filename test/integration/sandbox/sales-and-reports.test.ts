import { gunzipSync } from 'node:zlib';
import type { AmazonSandbox } from '../../../local/sandbox';
import { createReportsSource } from '../../../shared/adapters/spapi/reports-source';
import { createSalesSource } from '../../../shared/adapters/spapi/sales-source';
import { createSpApiAxios } from '../../../shared/adapters/spapi/spapi-http';
import { isoWithOffset, startOfDay } from '../../../shared/summaries/marketplace-time-zones';
import {
  authorizeSeller,
  DAY_MS,
  sellerCounters,
  startTestSandbox,
  UK,
  US,
  NA_SELLER,
} from './sandbox-test-kit';

// The Sales API and Reports API of the sandbox, read through Mint Hub's own adapters (so both are held to the
// schemas in spapi-schemas.ts, derived from sales.json and reports_2021-06-30.json).
const LARGE_SELLER = 'A5TIDEWAYBULK4';

describe('Sales API and Reports API', () => {
  let sandbox: AmazonSandbox;
  const http = createSpApiAxios('MintHubTest/1.0');

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('getOrderMetrics answers daily counts in the marketplace zone, and refuses a zone that does not match', async () => {
    const { accessToken } = await authorizeSeller(sandbox, NA_SELLER);
    const sales = createSalesSource(sandbox.endpoints.spapi, http);
    const zone = 'America/Los_Angeles';
    const start = startOfDay('2026-10-25', zone);
    const end = startOfDay('2026-11-02', zone); // across the DST change of 1 Nov
    const { metrics, rateLimit } = await sales.getOrderMetrics({
      region: 'NA',
      accessToken,
      marketplaceId: US,
      interval: { start: isoWithOffset(start, zone), end: isoWithOffset(end, zone) },
      granularity: 'Day',
      timeZone: zone,
    });
    expect(rateLimit).toBe(0.5);
    expect(metrics.map((m) => m.interval.slice(0, 10))).toEqual([
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(metrics[7]?.interval).toBe('2026-11-01T00:00-07:00--2026-11-02T00:00-08:00');
    expect(metrics.every((m) => m.orderCount > 0 && m.totalSales.currency === 'USD')).toBe(true);

    await expect(
      sales.getOrderMetrics({
        region: 'NA',
        accessToken,
        marketplaceId: US,
        interval: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
        granularity: 'Day',
        timeZone: zone,
      }),
    ).rejects.toMatchObject({ kind: 'bad_request', status: 400 });
  });

  it('order reports: created, processed with a delay, downloaded gzip from a presigned URL, buyer columns dropped', async () => {
    const { accessToken } = await authorizeSeller(sandbox, LARGE_SELLER);
    const reports = createReportsSource(sandbox.endpoints.spapi, http);
    const now = sandbox.clock.now().getTime();
    const { reportId } = await reports.createOrderReport({
      region: 'EU',
      accessToken,
      marketplaceId: UK,
      dataStartTime: new Date(now - 30 * DAY_MS).toISOString(),
      dataEndTime: new Date(now - 5 * 60_000).toISOString(),
    });
    expect((await reports.getReport({ region: 'EU', accessToken, reportId })).status).toBe('IN_QUEUE');
    sandbox.clock.advance(30_000);
    expect((await reports.getReport({ region: 'EU', accessToken, reportId })).status).toBe('IN_PROGRESS');
    sandbox.clock.advance(5 * 60_000);
    const done = await reports.getReport({ region: 'EU', accessToken, reportId });
    expect(done.status).toBe('DONE');

    const document = await reports.getReportDocument({
      region: 'EU',
      accessToken,
      reportDocumentId: done.reportDocumentId as string,
    });
    expect(document.compressed).toBe(true);
    // The raw file carries the buyer's address columns, as Amazon's does.
    const raw = gunzipSync(Buffer.from(await (await fetch(document.url)).arrayBuffer())).toString('utf8');
    expect(raw.split('\n')[0]).toContain('ship-postal-code');
    const orders = await reports.downloadOrderReport({
      region: 'EU',
      url: document.url,
      compressed: true,
      marketplaceId: UK,
    });
    expect(orders.length).toBeGreaterThan(8_000); // about 10,000 orders a month
    expect(JSON.stringify(orders.slice(0, 500))).not.toMatch(/ship-|LONDON|postal|PO-/);
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED']),
    );

    // The presigned URL lives 5 minutes.
    sandbox.clock.advance(6 * 60_000);
    expect((await fetch(document.url)).status).toBe(403);
    const counters = sellerCounters(sandbox, LARGE_SELLER, 'EU');
    expect(counters?.spapi).toMatchObject({ createReport: 1, getReport: 3, getReportDocument: 1 });
  });

  it('refuses a report longer than 30 days', async () => {
    const { accessToken } = await authorizeSeller(sandbox, LARGE_SELLER);
    const reports = createReportsSource(sandbox.endpoints.spapi, http);
    const now = sandbox.clock.now().getTime();
    await expect(
      reports.createOrderReport({
        region: 'EU',
        accessToken,
        marketplaceId: UK,
        dataStartTime: new Date(now - 60 * DAY_MS).toISOString(),
        dataEndTime: new Date(now - 60_000).toISOString(),
      }),
    ).rejects.toMatchObject({ kind: 'bad_request', status: 400 });
  });
});
