// The Ads report worker acts on one store per message, on that store's own ADS session (issue 17): every Ads item,
// the TOKEN#ADS read and its Decrypt, and an invalid_grant's removal of the link run in the scope of the message's
// store. The real AdsAccessTokenProvider over in-memory ports, wrapped by test/support/store-scope-probe.ts to
// record where each call ran; two stores run at once share the provider, as they do in one environment.
import type { SQSEvent } from 'aws-lambda';
import { LwaError } from '../../../shared/amazon/amazon-errors';
import { AdsAccessTokenProvider } from '../../../shared/ads/ads-access-token';
import type {
  AdsApi,
  AdsLink,
  AdsLwaClient,
  AdsReportMessage,
  AdsRepository,
  ReportJob,
} from '../../../shared/ads/ads-ports';
import {
  processAdsReportMessage,
  type ReportPipelineDependencies,
} from '../../../shared/ads/report-pipeline';
import type { TokenCipher } from '../../../shared/ports';
import type { StoreProfile } from '../../../shared/stores/store';
import { captureOutput } from '../../support/captured-output';
import { sqsRecord } from '../../support/sqs-record';
import { outOfScope, probed, recordingStoreScope, type ProbedCall } from '../../support/store-scope-probe';

// The entry file wires real adapters at import (no I/O): it needs its settings.
process.env.MINT_HUB_TABLE_NAME = 'unit-test-table';
process.env.MINT_HUB_AUDIT_FILE = '/tmp/mint-hub-unit-audit.jsonl';
process.env.MINT_HUB_STORE_ACCESS_ROLE_ARN = 'arn:aws:iam::000000000000:role/unit-store-access';
process.env.MINT_HUB_TOKEN_KEY_ID = 'arn:aws:kms:us-east-1:000000000000:key/unit-token-key';
process.env.MINT_HUB_ADS_CLIENT_ID = 'amzn1.application-oa2-client.unit';
process.env.MINT_HUB_ADS_CLIENT_SECRET = 'unit-ads-secret';
process.env.MINT_HUB_ADS_REPORT_QUEUE_URL =
  'https://sqs.us-east-1.amazonaws.com/000000000000/unit-ads-reports';
process.env.MINT_HUB_DASHBOARD_URL = 'https://dashboard.example.com';
process.env.AWS_REGION ??= 'us-east-1';

const A = 'A2LUMENCRAFT7Q-NA';
const B = 'A3BRIGHTFIELD9E-NA';
const MARKETPLACE = 'ATVPDKIKX0DER';
const NOW = new Date('2026-11-20T10:00:00.000Z');

const profile = (storeId: string): StoreProfile =>
  ({
    storeId,
    sellingPartnerId: storeId.split('-')[0]!,
    region: 'NA',
    marketplaceIds: [MARKETPLACE],
    displayName: storeId,
    status: 'ACTIVE',
    connectedAt: '2026-01-01T00:00:00.000Z',
    reauthorizeBy: '2027-01-01T00:00:00.000Z',
  }) as StoreProfile;

const link = (storeId: string): AdsLink => ({
  storeId,
  marketplaceId: MARKETPLACE,
  profileId: `profile-${storeId}`,
  countryCode: 'US',
  currency: 'USD',
  timeZone: 'America/Los_Angeles',
  accountName: storeId,
  linkedAt: '2026-11-01T00:00:00.000Z',
  linkedBy: 'owner-1',
});

/** Refresh and access tokens name their store, so a call that carries one shows which store it is for. */
const storeOfToken = (token: unknown) =>
  typeof token === 'string' ? token.slice(token.indexOf(':') + 1) : undefined;

function setup(options: { scoped?: boolean; invalidGrant?: string } = {}) {
  const calls: ProbedCall[] = [];
  const { scope, grants } = recordingStoreScope();
  const links = new Map([A, B].map((storeId) => [storeId, link(storeId)]));
  const jobs = new Map<string, ReportJob>();
  const decrypts: string[] = [];
  const sent: AdsReportMessage[] = [];

  const adsStore = probed(
    'adsStore',
    {
      getAdsLink: async (storeId: string) => links.get(storeId),
      listReportJobs: async (storeId: string) => [...jobs.values()].filter((job) => job.storeId === storeId),
      putReportJob: async (job: ReportJob) => {
        jobs.set(`${job.storeId}/${job.adProduct}`, job);
        return true;
      },
      putAdsBudgets: async () => undefined,
      putAdsDays: async () => undefined,
      purgeAdsData: async () => undefined,
      removeAdsAuthorization: async (storeId: string) => {
        links.delete(storeId);
        return { removedLinks: 1 };
      },
    } as unknown as AdsRepository,
    calls,
  );
  const stores = probed(
    'stores',
    {
      getProfile: async (storeId: string) => profile(storeId),
      getTokenCiphertext: async (storeId: string) => `ciphertext:${storeId}`,
    },
    calls,
  );
  const cipher = probed<TokenCipher>(
    'cipher',
    {
      encrypt: async () => {
        throw new Error('the report worker never encrypts');
      },
      decrypt: async (ciphertext, context) => {
        decrypts.push(`${context.storeId}|${context.purpose}`);
        return `refresh:${storeOfToken(ciphertext)}`;
      },
    },
    calls,
    (_method, args) => (args[1] as { storeId: string }).storeId,
  );
  const lwa = probed<AdsLwaClient>(
    'lwa',
    {
      exchangeAuthorizationCode: async () => {
        throw new Error('never');
      },
      refreshAccessToken: async (_region, refreshToken) => {
        // Each exchange waits a little, so two stores' exchanges overlap.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (storeOfToken(refreshToken) === options.invalidGrant) throw new LwaError('invalid_grant', 400);
        return { accessToken: `access:${storeOfToken(refreshToken)}`, expiresInSeconds: 3600 };
      },
    } as AdsLwaClient,
    calls,
    (_method, args) => storeOfToken(args[1]),
  );
  const api = probed<AdsApi>(
    'api',
    {
      listProfiles: async () => [],
      createReport: async (call) => ({
        reportId: `report-${storeOfToken(call.accessToken)}`,
        duplicate: false,
      }),
      getReport: async () => ({ status: 'PENDING' }),
      downloadReport: async () => [],
      listCampaignBudgets: async () => [],
    },
    calls,
    (_method, args) => storeOfToken((args[0] as { accessToken: string }).accessToken),
  );
  const queue = probed(
    'queue',
    { send: async (message: AdsReportMessage) => void sent.push(message) },
    calls,
  );
  const clock = { now: () => new Date(NOW) };
  const tokens = new AdsAccessTokenProvider({
    stores,
    adsStore,
    cipher,
    lwa,
    audit: { write: async () => undefined },
    clock,
  });
  const deps: ReportPipelineDependencies = {
    stores,
    adsStore,
    tokens,
    api,
    queue,
    clock,
    pollSeconds: 60,
    ...(options.scoped === false ? {} : { scope }),
  };
  return { deps, calls, grants, decrypts, sent, links };
}

const sync = (storeId: string): AdsReportMessage => ({ kind: 'sync', storeId, marketplaceId: MARKETPLACE });

describe("the Ads report worker on the message's store session", () => {
  it('requests the reports, decrypts the Ads token and writes the jobs in the store scope, purpose ADS', async () => {
    const { deps, calls, grants, decrypts, sent } = setup();

    const outcome = await processAdsReportMessage(deps, sync(A));

    expect(outcome).toMatchObject({ kind: 'synced', requested: 3, budgets: true });
    expect(grants).toEqual([{ storeId: A, purpose: 'ADS' }]);
    expect(decrypts).toEqual([`${A}|ADS`]);
    expect(sent).toHaveLength(3);
    expect(calls.map((call) => call.call)).toEqual(
      expect.arrayContaining([
        'stores.getProfile',
        'adsStore.getAdsLink',
        'stores.getTokenCiphertext',
        'cipher.decrypt',
        'lwa.refreshAccessToken',
        'adsStore.listReportJobs',
        'api.createReport',
        'adsStore.putReportJob',
        'queue.send',
        'adsStore.putAdsBudgets',
      ]),
    );
    expect(outOfScope(calls)).toEqual([]);
  });

  it("keeps two stores' messages apart when they run at once on one token provider", async () => {
    const { deps, calls, grants, decrypts } = setup();

    const outcomes = await Promise.all([
      processAdsReportMessage(deps, sync(A)),
      processAdsReportMessage(deps, sync(B)),
    ]);

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['synced', 'synced']);
    expect(grants).toEqual([
      { storeId: A, purpose: 'ADS' },
      { storeId: B, purpose: 'ADS' },
    ]);
    expect(decrypts.sort()).toEqual([`${A}|ADS`, `${B}|ADS`]);
    expect(new Set(calls.map((call) => call.scope))).toEqual(new Set([A, B]));
    expect(outOfScope(calls)).toEqual([]);
  });

  it("removes the store's Ads link on invalid_grant in the store scope", async () => {
    const { deps, calls, links } = setup({ invalidGrant: A });

    const outcome = await processAdsReportMessage(deps, sync(A));

    expect(outcome).toEqual({ kind: 'skipped', reason: 'ads-revoked' });
    expect(links.has(A)).toBe(false);
    expect(calls.filter((call) => call.call === 'adsStore.removeAdsAuthorization')).toEqual([
      { call: 'adsStore.removeAdsAuthorization', named: A, scope: A },
    ]);
    expect(outOfScope(calls)).toEqual([]);
  });

  it('(the probe can fail) without a scope every store call runs outside any scope', async () => {
    const { deps, calls } = setup({ scoped: false });

    await processAdsReportMessage(deps, sync(A));

    expect(outOfScope(calls).length).toBeGreaterThan(0);
    expect(outOfScope(calls).every((call) => call.scope === undefined)).toBe(true);
  });

  describe('through the handler', () => {
    captureOutput();

    const record = (message: AdsReportMessage) => sqsRecord(JSON.stringify(message), 'ads-reports');

    it("processes each message of a batch in its own store's scope", async () => {
      const { deps, calls, grants } = setup();
      const { makeHandler } = await import('../../../functions/ads-report-worker');

      const response = await makeHandler(deps)(
        { Records: [record(sync(A)), record(sync(B))] } satisfies SQSEvent,
        {
          awsRequestId: 'req-1',
          functionName: 'AdsReportWorker',
          getRemainingTimeInMillis: () => 60_000,
        } as never,
      );

      expect(response).toEqual({ batchItemFailures: [] });
      expect(grants.map((grant) => grant.storeId).sort()).toEqual([A, B]);
      expect(outOfScope(calls)).toEqual([]);
    });
  });
});
