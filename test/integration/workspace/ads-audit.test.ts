import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keys } from '../../../shared/storage/table-definition';
import { readAuditLines, startWithStores } from './workspace-kit';
import { newBrowser, request, tableItems, type Browser, type StartedWorkspace } from './workspace-client';

// Issue 13 review: the ads view goes through the same audited read as inventory and orders. Against the local
// workspace (real handlers, DynamoDB Local, the file audit trail): a record that cannot be written keeps the data
// in (503 AuditUnavailable), a failure past the access gate is audited `error`, a refusal `denied`.
const LUMEN = 'A2LUMENCRAFT7Q';
const US = 'ATVPDKIKX0DER';
const LIN_STORE = `${LUMEN}-NA`;

jest.setTimeout(60_000);

let started: StartedWorkspace;
let lin: string;
let sofia: string;
const ws = () => started.workspace;
const auditFile = () => path.join(started.dataDir, 'audit.jsonl');
const adsRecords = () =>
  readAuditLines(started).filter((record) => record['kind'] === 'data-access' && record['dataset'] === 'ads');

const getAds = (token: string, storeId = LIN_STORE) =>
  request(newBrowser(), `${ws().url}/api/stores/${storeId}/ads?marketplaceId=${US}&reason=ad-budget-review`, {
    token,
  });

async function errorOf(response: Response): Promise<{ status: number; code: string; text: string }> {
  const text = await response.text();
  return {
    status: response.status,
    code: (JSON.parse(text) as { error: { code: string } }).error.code,
    text,
  };
}

/** The sandbox's Amazon Ads consent, approved as the seller's browser does it. */
async function connectAds(token: string): Promise<void> {
  const browser: Browser = newBrowser();
  const startedConsent = await request(browser, `${ws().url}/api/stores/${LIN_STORE}/ads-authorization`, {
    method: 'POST',
    token,
  });
  const consent = new URL(((await startedConsent.json()) as { redirectUrl: string }).redirectUrl);
  const decided = await request(newBrowser(), `${consent.origin}${consent.pathname}`, {
    form: { ...Object.fromEntries(consent.searchParams), account: `ads-${LUMEN}`, decision: 'allow' },
  });
  const callback = await request(browser, decided.headers.get('location') ?? '');
  const landed = new URL(callback.headers.get('location') ?? '', ws().url);
  if (landed.searchParams.get('adsConnected') === null)
    throw new Error(`setup: ads not connected (${landed})`);
}

/** A real failure of the trail: the audit file's path is taken by a directory, so every append fails. */
async function withAuditTrailFailing<T>(act: () => Promise<T>): Promise<T> {
  const kept = `${auditFile()}.kept`;
  fs.renameSync(auditFile(), kept);
  fs.mkdirSync(auditFile());
  try {
    return await act();
  } finally {
    fs.rmdirSync(auditFile());
    fs.renameSync(kept, auditFile());
  }
}

beforeAll(async () => {
  ({ started, lin, sofia } = await startWithStores([{ user: 'lin', sellingPartnerId: LUMEN, region: 'NA' }]));
  // Reports stay in flight (ten minutes of the sandbox's clock): the stored rows are only the ones a test writes.
  await fetch(`${ws().sandboxUrl}/__sandbox/ads/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reportDelayMs: 600_000 }),
  });
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('the ads view, audited like every data read', () => {
  it('audits a read refused at the gate as denied', async () => {
    const response = await getAds(sofia);
    expect(response.status).toBe(403);
    expect(adsRecords().at(-1)).toMatchObject({
      storeId: LIN_STORE,
      actor: { type: 'operator' },
      operation: 'GetAds',
      reason: 'ad-budget-review',
      outcome: 'denied',
    });
  });

  it('audits the read of a store without the Ads consent as an error (409, no data)', async () => {
    const before = adsRecords().length;
    const answered = await errorOf(await getAds(lin));
    expect(answered).toMatchObject({ status: 409, code: 'AdsNotConnected' });
    expect(adsRecords()).toHaveLength(before + 1);
    expect(adsRecords().at(-1)).toMatchObject({
      storeId: LIN_STORE,
      sellingPartnerId: LUMEN,
      region: 'NA',
      marketplaceId: US,
      outcome: 'error',
      source: null,
      itemCount: null,
    });
  });

  it('returns no data when the record cannot be written: 503 AuditUnavailable', async () => {
    await connectAds(lin);
    // The trail works: the view answers (incomplete, the reports are still running).
    expect((await getAds(lin)).status).toBe(200);
    const before = adsRecords().length;

    const answered = await withAuditTrailFailing(async () => errorOf(await getAds(lin)));

    expect(answered).toMatchObject({ status: 503, code: 'AuditUnavailable' });
    expect(answered.text).not.toMatch(/profileId|campaigns|totals/);
    expect(adsRecords()).toHaveLength(before);
    // Back once the trail is.
    expect((await getAds(lin)).status).toBe(200);
    expect(adsRecords().at(-1)).toMatchObject({ outcome: 'allowed', source: 'snapshot' });
  });

  it('audits a failure past the gate (a stored report day that cannot be read) as an error', async () => {
    const link = (await tableItems(ws()).store(LIN_STORE)).find(
      (item) => item['sk'] === `SNAPSHOT#ads#LINK#${US}`,
    );
    const profileId = String(link?.['profileId']);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: ws().endpoints.dynamodb,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    // A row of a report day whose campaigns are not a list (a damaged item, a format from a future version).
    await documents.send(
      new PutCommand({
        TableName: ws().tableName,
        Item: {
          ...keys.adsDay(LIN_STORE, profileId, yesterday, 'SPONSORED_PRODUCTS'),
          profileId,
          adProduct: 'SPONSORED_PRODUCTS',
          date: yesterday,
          campaigns: 7,
          readAt: new Date().toISOString(),
        },
      }),
    );
    const before = adsRecords().length;

    const answered = await errorOf(await getAds(lin));

    // A fault of ours: the generic 500, nothing of the cause.
    expect(answered).toMatchObject({ status: 500, code: 'Internal' });
    expect(answered.text).not.toMatch(/TypeError|iterable|campaigns/);
    expect(adsRecords()).toHaveLength(before + 1);
    expect(adsRecords().at(-1)).toMatchObject({
      storeId: LIN_STORE,
      sellingPartnerId: LUMEN,
      region: 'NA',
      outcome: 'error',
      source: null,
    });
  });
});
