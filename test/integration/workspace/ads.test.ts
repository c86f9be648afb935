import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ENV } from '../../../shared/config/settings';
import {
  newBrowser,
  request,
  sandbox,
  tableItems,
  type Browser,
  type StartedWorkspace,
} from './workspace-client';
import { readAuditLines, startWithStores } from './workspace-kit';

// Issue 13 end to end: the real handlers through the local gateway, DynamoDB Local, the KMS stand-in, the SQS
// emulator driving the report worker, and the sandbox's Amazon Ads stand-in (consent, tokens, reports, budgets).
const LUMEN = 'A2LUMENCRAFT7Q';
const BRIGHTFIELD = 'A3BRIGHTFIELD9E';
const US = 'ATVPDKIKX0DER';
const LIN_STORE = `${LUMEN}-NA`;
const SOFIA_STORE = `${BRIGHTFIELD}-EU`;

jest.setTimeout(120_000);

let started: StartedWorkspace;
let lin: string;
let sofia: string;
const ws = () => started.workspace;
const auditLines = () => readAuditLines(started);

interface AdsBody {
  storeId: string;
  profileId: string;
  currency: string;
  timeZone: string;
  days: number;
  totals: Record<string, number | null>;
  campaigns: Array<Record<string, unknown> & { adProduct: string; cost: number; outOfBudget: boolean }>;
  daily: Array<{ date: string; cost: number; attributedSales: number; provisional: boolean }>;
  freshness: { complete: boolean; retryAfterSeconds?: number; provisionalFrom?: string; ageSeconds: number };
}

/** The Ads consent as the dashboard and the seller's browser do it; answers where our callback sent the browser. */
async function connectAds(token: string, storeId: string, account: string, decision = 'allow'): Promise<URL> {
  const browser: Browser = newBrowser();
  const started = await request(browser, `${ws().url}/api/stores/${storeId}/ads-authorization`, {
    method: 'POST',
    token,
  });
  if (started.status !== 200) throw new Error(`start: ${started.status} ${await started.text()}`);
  const consent = new URL(((await started.json()) as { redirectUrl: string }).redirectUrl);
  const form = Object.fromEntries(consent.searchParams);
  const decided = await request(newBrowser(), `${consent.origin}${consent.pathname}`, {
    form: { ...form, account, decision },
  });
  const back = decided.headers.get('location');
  if (decided.status !== 302 || back === null) throw new Error(`consent: ${decided.status}`);
  const callback = await request(browser, back);
  const location = callback.headers.get('location');
  if (callback.status !== 302 || location === null) throw new Error(`callback: ${callback.status}`);
  return new URL(location);
}

const getAds = (token: string, storeId: string, query = `marketplaceId=${US}&reason=ad-budget-review`) =>
  request(newBrowser(), `${ws().url}/api/stores/${storeId}/ads?${query}`, { token });

function documents() {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: ws().endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}

/**
 * The Ads report queue holds no message waiting or being worked on: no pipeline run of an earlier step can land
 * while the next step sets its scene (a run still waiting out a 429 would otherwise meet what comes next).
 */
async function adsPipelineIdle(): Promise<true | undefined> {
  const sqs = new SQSClient({
    endpoint: ws().endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { Attributes: counts = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: process.env[ENV.adsReportQueueUrl],
        AttributeNames: ['All'],
      }),
    );
    const pending =
      Number(counts.ApproximateNumberOfMessages ?? 0) +
      Number(counts.ApproximateNumberOfMessagesNotVisible ?? 0);
    return pending === 0 ? true : undefined;
  } finally {
    sqs.destroy();
  }
}

/** Simulates lost pipeline state (a restore, a bug): the store's items whose sort key matches are deleted. */
async function deleteItems(storeId: string, matches: (sk: string) => boolean): Promise<void> {
  for (const item of await tableItems(ws()).store(storeId)) {
    if (matches(String(item['sk'])))
      await documents().send(
        new DeleteCommand({ TableName: ws().tableName, Key: { pk: item['pk'], sk: item['sk'] } }),
      );
  }
}

async function updateItem(storeId: string, sk: string, fields: Record<string, string>): Promise<void> {
  const names = Object.keys(fields);
  await documents().send(
    new UpdateCommand({
      TableName: ws().tableName,
      Key: { pk: `STORE#${storeId}`, sk },
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, fields[name]])),
    }),
  );
}

async function adsFaults(faults: Record<string, number>): Promise<void> {
  await fetch(`${ws().sandboxUrl}/__sandbox/ads/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
}

async function advanceSandbox(ms: number): Promise<void> {
  await fetch(`${ws().sandboxUrl}/__sandbox/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  ({ started, lin, sofia } = await startWithStores([
    { user: 'lin', sellingPartnerId: LUMEN, region: 'NA' },
    { user: 'sofia', sellingPartnerId: BRIGHTFIELD, region: 'EU' },
  ]));
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('advertising', () => {
  it('answers 409 AdsNotConnected before the Ads consent', async () => {
    const response = await getAds(lin, LIN_STORE);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('AdsNotConnected');
  });

  it('refuses a foreign advertiser, a denied consent, an account without profiles and the wrong region, storing nothing', async () => {
    expect((await connectAds(lin, LIN_STORE, 'ads-foreign-advertiser')).searchParams.get('adsError')).toBe(
      'ads_profile_foreign',
    );
    expect((await connectAds(lin, LIN_STORE, `ads-${LUMEN}`, 'cancel')).searchParams.get('adsError')).toBe(
      'consent_denied',
    );
    expect((await connectAds(lin, LIN_STORE, 'ads-no-campaigns')).searchParams.get('adsError')).toBe(
      'ads_no_profiles',
    );
    expect((await connectAds(lin, LIN_STORE, 'ads-lumen-europe-only')).searchParams.get('adsError')).toBe(
      'wrong_region',
    );
    const items = await tableItems(ws()).store(LIN_STORE);
    expect(items.filter((item) => String(item['sk']).startsWith('SNAPSHOT#ads#'))).toEqual([]);
    expect(items.some((item) => item['sk'] === 'TOKEN#ADS')).toBe(false);
  });

  it('connects, answers at once while reports are read, then the complete view equals the sandbox reports', async () => {
    const landed = await connectAds(lin, LIN_STORE, `ads-${LUMEN}`);
    expect(landed.pathname).toBe(`/stores/${LIN_STORE}/ads`);
    expect(landed.searchParams.get('adsConnected')).toBe('3');
    const items = await tableItems(ws()).store(LIN_STORE);
    expect(items.find((item) => item['sk'] === 'TOKEN#ADS')?.['ciphertext']).toEqual(expect.any(String));
    expect(JSON.stringify(items)).not.toContain('Atzr|');

    const first = await getAds(lin, LIN_STORE);
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as AdsBody;
    expect(firstBody.freshness.complete).toBe(false);
    expect(firstBody.freshness.retryAfterSeconds).toBeGreaterThan(0);
    expect(firstBody.currency).toBe('USD');
    expect(firstBody.timeZone).toBe('America/Los_Angeles');

    // The sandbox generates reports in a minute of its clock; the worker polls through the queue's delays.
    await until(async () => {
      const reports = (await sandbox<{ reports: unknown[] }>(ws(), '/__sandbox/ads/reports')).reports;
      return reports.length >= 3 ? reports : undefined;
    });
    await advanceSandbox(120_000);
    const complete = await until(async () => {
      const body = (await (await getAds(lin, LIN_STORE)).json()) as AdsBody;
      return body.freshness.complete ? body : undefined;
    });

    const reports = (
      await sandbox<{ reports: Array<{ reportId: string; profileId: string; adProduct: string }> }>(
        ws(),
        '/__sandbox/ads/reports',
      )
    ).reports.filter((r) => r.profileId === complete.profileId);
    const windowStart = complete.daily[0]?.date ?? '';
    let cost = 0;
    let sales = 0;
    for (const report of reports) {
      const { rows } = await sandbox<{ rows: Array<Record<string, number | string>> }>(
        ws(),
        `/__sandbox/ads/reports/${report.reportId}/rows`,
      );
      for (const row of rows) {
        if (String(row['date']) < windowStart) continue;
        cost += Number(row['cost']);
        sales += Number(report.adProduct === 'SPONSORED_PRODUCTS' ? row['sales7d'] : row['sales']);
      }
    }
    expect(complete.totals['cost']).toBeCloseTo(cost, 1);
    expect(complete.totals['attributedSales']).toBeCloseTo(sales, 1);
    expect(complete.days).toBe(30);
    expect(complete.daily).toHaveLength(30);
    expect(complete.freshness.provisionalFrom).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(complete.campaigns.some((c) => c.outOfBudget)).toBe(true);
    expect(new Set(complete.campaigns.map((c) => c.adProduct))).toEqual(
      new Set(['SPONSORED_PRODUCTS', 'SPONSORED_BRANDS', 'SPONSORED_DISPLAY']),
    );
    const audit = auditLines().filter((r) => r['dataset'] === 'ads' && r['outcome'] === 'allowed');
    expect(audit.at(-1)).toMatchObject({
      storeId: LIN_STORE,
      reason: 'ad-budget-review',
      source: 'snapshot',
    });

    // At most two report requests per store, report type and day.
    const { requestsPerDay } = await sandbox<{ requestsPerDay: Record<string, number> }>(
      ws(),
      '/__sandbox/ads/counters',
    );
    for (const count of Object.values(requestsPerDay)) expect(count).toBeLessThanOrEqual(2);

    // TACoS: ad cost over the marketplace's total sales in the same days, once the orders history covers them —
    // the same revenue, day by day, as the orders view shows.
    const orders = await until(async () => {
      const response = await request(
        newBrowser(),
        `${ws().url}/api/stores/${LIN_STORE}/orders?marketplaceId=${US}&days=30&reason=order-fulfillment-monitoring`,
        { token: lin },
      );
      const body = (await response.json()) as {
        freshness: { complete: boolean };
        daily: Array<{ date: string; revenue: Array<{ currency: string; amount: number }> }>;
      };
      if (body.freshness.complete) return body;
      // The history's order reports take minutes of the sandbox's clock.
      await advanceSandbox(120_000);
      return undefined;
    }, 90_000);
    const adsDates = new Set(complete.daily.map((day) => day.date));
    const totalSales = orders.daily
      .filter((day) => adsDates.has(day.date))
      .reduce((sum, day) => sum + (day.revenue.find((money) => money.currency === 'USD')?.amount ?? 0), 0);
    expect(totalSales).toBeGreaterThan(0);
    const withSales = (await (await getAds(lin, LIN_STORE)).json()) as AdsBody;
    expect(withSales.totals['tacos']).toBeCloseTo(Number(withSales.totals['cost']) / totalSales, 3);
  });

  it('keeps stores and operators apart', async () => {
    expect((await getAds(sofia, LIN_STORE)).status).toBe(403);
    const other = await request(newBrowser(), `${ws().url}/api/stores/${LIN_STORE}/ads-authorization`, {
      method: 'DELETE',
      token: sofia,
    });
    expect(other.status).toBe(403);
    expect(
      (await getAds(sofia, SOFIA_STORE, `marketplaceId=A1F83G8C2ARO7P&reason=ad-budget-review`)).status,
    ).toBe(409);
  });

  it('removes the Ads link on the owner request, leaving the SP-API authorization as it was', async () => {
    const removed = await request(newBrowser(), `${ws().url}/api/stores/${LIN_STORE}/ads-authorization`, {
      method: 'DELETE',
      token: lin,
    });
    expect(removed.status).toBe(200);
    // A pipeline message in flight during the removal purges what it wrote once it sees the link gone.
    const items = await until(async () => {
      const current = await tableItems(ws()).store(LIN_STORE);
      return current.some((item) => String(item['sk']).startsWith('SNAPSHOT#ads#')) ? undefined : current;
    }, 20_000);
    expect(items.some((item) => item['sk'] === 'TOKEN#ADS')).toBe(false);
    expect(items.some((item) => String(item['sk']).startsWith('SNAPSHOT#ads#'))).toBe(false);
    expect(items.some((item) => item['sk'] === 'TOKEN#SPAPI')).toBe(true);
    expect((await getAds(lin, LIN_STORE)).status).toBe(409);
    expect(auditLines().some((r) => r['kind'] === 'ads-revoked' && r['storeId'] === LIN_STORE)).toBe(true);
    const inventory = await request(
      newBrowser(),
      `${ws().url}/api/stores/${LIN_STORE}/inventory?marketplaceId=${US}&reason=inventory-replenishment`,
      { token: lin },
    );
    expect(inventory.status).toBe(200);
  });

  it('reuses a running report on 425 and waits out a 429, within two requests per report type and day', async () => {
    // Reports take ten minutes of the sandbox's clock here, so they are still running when asked for again.
    await adsFaults({ reportDelayMs: 600_000 });
    const accounts = await sandbox<{
      accounts: Array<{
        id: string;
        profiles: Array<{ profileId: number; accountInfo: { marketplaceStringId: string } }>;
      }>;
    }>(ws(), '/__sandbox/ads/accounts');
    const usProfile = String(
      accounts.accounts
        .find((a) => a.id === `ads-${LUMEN}`)
        ?.profiles.find((p) => p.accountInfo.marketplaceStringId === US)?.profileId,
    );
    const usReports = async () =>
      (
        await sandbox<{ reports: Array<{ profileId: string }> }>(ws(), '/__sandbox/ads/reports')
      ).reports.filter((r) => r.profileId === usProfile).length;
    const counter = async (name: string) =>
      (await sandbox<{ counters: Record<string, number> }>(ws(), '/__sandbox/ads/counters')).counters[name] ??
      0;
    const duplicatesBefore = await counter('duplicate');
    const throttledBefore = await counter('throttled');
    const reportsBefore = await usReports();
    expect((await connectAds(lin, LIN_STORE, `ads-${LUMEN}`)).searchParams.get('adsConnected')).toBe('3');
    await until(async () => ((await usReports()) >= reportsBefore + 3 ? true : undefined));

    // The job records are lost (say, a restore from backup) and Amazon throttles: the next sync waits out
    // Retry-After, asks again, and 425 names the running reports, which are reused: no new report.
    await adsFaults({ throttle: 2, retryAfterSeconds: 1 });
    await deleteItems(LIN_STORE, (sk) => sk.startsWith('SNAPSHOT#ads#JOB#'));
    await updateItem(LIN_STORE, `SNAPSHOT#ads#LINK#${US}`, { syncRequestedAt: '2000-01-01T00:00:00Z' });
    expect((await getAds(lin, LIN_STORE)).status).toBe(200);
    await until(async () => ((await counter('duplicate')) >= duplicatesBefore + 3 ? true : undefined));
    await until(async () => ((await counter('throttled')) >= throttledBefore + 2 ? true : undefined));
    expect(await usReports()).toBe(reportsBefore + 3);

    // The running reports finish. A sync that was still waiting out the 429 may ask again once they are done (no
    // longer running, so no 425): that is the second and last request per report type and day, which the usage
    // rule allows; its reports take the shorter delay, and the sandbox's clock keeps moving until the view is whole.
    await adsFaults({ reportDelayMs: 60_000 });
    await advanceSandbox(660_000);
    await until(async () => {
      const body = (await (await getAds(lin, LIN_STORE)).json()) as AdsBody;
      if (body.freshness.complete) return body;
      await advanceSandbox(60_000);
      return undefined;
    });
    expect(await usReports()).toBeLessThanOrEqual(reportsBefore + 2 * 3);
  });

  it('turns an invalid_grant on the Ads refresh into a removed link, audited ads-revoked, SP-API untouched', async () => {
    await until(adsPipelineIdle);
    await fetch(`${ws().sandboxUrl}/__sandbox/ads/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: `ads-${LUMEN}` }),
    });
    // The next pipeline run hears 401, mints a new token once, and LWA answers invalid_grant.
    await updateItem(LIN_STORE, `SNAPSHOT#ads#LINK#${US}`, { syncRequestedAt: '2000-01-01T00:00:00Z' });
    await deleteItems(LIN_STORE, (sk) => sk.startsWith('SNAPSHOT#ads#BUDGETS#'));
    expect((await getAds(lin, LIN_STORE)).status).toBe(200);
    const revoked = await until(async () => {
      const records = auditLines().filter(
        (r) => r['kind'] === 'ads-revoked' && r['storeId'] === LIN_STORE && r['actor'] !== undefined,
      );
      return records.length >= 2 ? records : undefined;
    });
    expect(revoked.at(-1)).toMatchObject({ actor: { type: 'system' }, detail: { reason: 'invalid_grant' } });
    expect((await getAds(lin, LIN_STORE)).status).toBe(409);
    const items = await tableItems(ws()).store(LIN_STORE);
    expect(items.find((i) => i['sk'] === 'PROFILE')?.['status']).toBe('ACTIVE');
    expect(items.some((i) => i['sk'] === 'TOKEN#SPAPI')).toBe(true);
  });
});
