import { createHash, randomBytes } from 'node:crypto';
import { installSimulatedClock } from './peer/simulated-clock';
import { progress, row, runFigureProcess, type FigureResult } from './support/figure';
import type {
  AdsBudgetsRecord,
  AdsDayRecord,
  AdsLink,
  AdsReportMessage,
  AdsRepository,
  ReportJob,
} from '../shared/ads/ads-ports';

/**
 * Figure 8, ads: from the Amazon Ads consent of a seeded seller (Lumen Craft, three NA marketplaces) to a complete
 * 30-day ads view of amazon.com, on a simulated clock, with our report pipeline (shared/ads/report-pipeline.ts)
 * and view (shared/ads/ads-view.ts) against the sandbox's Ads stand-in: Reporting v3 with its processing delay,
 * campaign lists and budget usage. The queue is an in-memory stand-in that honours each message's delay on the
 * simulated clock (SQS's DelaySeconds), and the dashboard is simulated as the ads view does it: opened, then again
 * after each `retryAfterSeconds`, until `freshness.complete`. Then a day later, the same view again: what one more
 * store-day costs in report requests (the trailing days Amazon restates are read again).
 */
const FIGURE = 'ads' as const;
const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const US = 'ATVPDKIKX0DER';
const DAYS = 30;
/** Amazon's processing time, as the sandbox simulates it: "usually minutes" (Amazon's Reporting v3 guide). */
const REPORT_DELAYS_MS = [60_000, 20 * 60_000] as const;
const MAX_VIEWS = 400;

/** The table of one store, kept in memory (the DynamoDB adapter is exercised by the integration tests). */
function memoryAdsRepository(): AdsRepository {
  const links = new Map<string, AdsLink>();
  const jobs = new Map<string, ReportJob>();
  const days = new Map<string, AdsDayRecord>();
  const budgets = new Map<string, AdsBudgetsRecord>();
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    getAdsLink: async (storeId, marketplaceId) => links.get(`${storeId}|${marketplaceId}`),
    listAdsLinks: async (storeId) => [...links.values()].filter((l) => l.storeId === storeId),
    saveAdsAuthorization: async (command) => {
      for (const link of command.links) links.set(`${link.storeId}|${link.marketplaceId}`, json(link));
    },
    removeAdsAuthorization: async (storeId) => {
      const removed = [...links.keys()].filter((key) => key.startsWith(`${storeId}|`));
      for (const key of removed) links.delete(key);
      return { removedLinks: removed.length };
    },
    purgeAdsData: async () => undefined,
    markSyncRequested: async (storeId, marketplaceId, now, olderThan) => {
      const key = `${storeId}|${marketplaceId}`;
      const link = links.get(key);
      if (link === undefined) return false;
      if (link.syncRequestedAt !== undefined && link.syncRequestedAt > olderThan) return false;
      links.set(key, { ...link, syncRequestedAt: now });
      return true;
    },
    listReportJobs: async (storeId, profileId) =>
      [...jobs.values()].filter((j) => j.storeId === storeId && j.profileId === profileId).map(json),
    putReportJob: async (job) => {
      const key = `${job.storeId}|${job.profileId}|${job.adProduct}`;
      const stored = jobs.get(key);
      if ((stored?.version ?? 0) !== job.version - 1) return false;
      jobs.set(key, json(job));
      return true;
    },
    putAdsDays: async (storeId, records) => {
      for (const record of records)
        days.set(`${storeId}|${record.profileId}|${record.adProduct}|${record.date}`, json(record));
    },
    listAdsDays: async (storeId, profileId, from, to) =>
      [...days.entries()]
        .filter(([key]) => key.startsWith(`${storeId}|${profileId}|`))
        .map(([, record]) => record)
        .filter((record) => record.date >= from && record.date <= to),
    putAdsBudgets: async (storeId, record) => {
      budgets.set(`${storeId}|${record.profileId}`, json(record));
    },
    getAdsBudgets: async (storeId, profileId) => budgets.get(`${storeId}|${profileId}`),
  };
}

/** SQS in memory: a message becomes visible `delaySeconds` later on the simulated clock, and is processed once. */
class DelayQueue {
  private readonly messages: Array<{ dueMs: number; seq: number; message: AdsReportMessage }> = [];
  private seq = 0;
  sent = 0;

  async send(message: AdsReportMessage, delaySeconds = 0): Promise<void> {
    this.sent += 1;
    this.messages.push({ dueMs: Date.now() + delaySeconds * 1000, seq: this.seq++, message });
  }

  /** The next message due at or before `untilMs`, oldest first. */
  take(untilMs: number): { dueMs: number; message: AdsReportMessage } | undefined {
    this.messages.sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq);
    const next = this.messages[0];
    if (next === undefined || next.dueMs > untilMs) return undefined;
    this.messages.shift();
    return next;
  }
}

async function measure(): Promise<FigureResult> {
  // The clock goes in before anything reads the time: the sandbox's report processing, our pipeline and view
  // share it, and every wait passes in simulated time.
  const clock = installSimulatedClock();
  const [{ startAmazonSandbox }, { createAdsApi }, { createAdsLwaClient }, pipeline, view, consent] =
    await Promise.all([
      import('../local/sandbox'),
      import('../shared/adapters/ads/ads-api'),
      import('../shared/adapters/ads/ads-lwa-client'),
      import('../shared/ads/report-pipeline'),
      import('../shared/ads/ads-view'),
      import('../shared/ads/ads-consent'),
    ]);
  const adsApp = {
    clientId: 'amzn1.application-oa2-client.bench-ads',
    clientSecret: 'bench-ads-secret',
    redirectUris: ['https://bench.invalid/auth/amazon-ads/callback'],
  };
  const sandbox = await startAmazonSandbox({
    apps: [
      {
        applicationId: 'amzn1.sellerapps.app.bench-ads',
        clientId: 'amzn1.application-oa2-client.bench-spapi',
        clientSecret: 'bench-spapi-secret',
        redirectUris: ['https://bench.invalid/callback'],
      },
    ],
    adsApps: [adsApp],
  });
  try {
    const ads = sandbox.endpoints.ads;
    const lwa = createAdsLwaClient({
      tokenUrls: { NA: ads.token, EU: ads.token, FE: ads.token },
      clientId: adsApp.clientId,
      clientSecret: async () => adsApp.clientSecret,
    });
    const api = createAdsApi({
      endpoints: ads.api,
      clientId: adsApp.clientId,
      userAgent: 'MintHubBench/1.0',
    });
    const profile = {
      storeId: STORE_ID,
      sellingPartnerId: SELLER,
      region: 'NA' as const,
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'],
      displayName: 'Lumen Craft Co.',
      status: 'ACTIVE' as const,
      connectedAt: new Date().toISOString(),
      reauthorizeBy: new Date(Date.now() + 300 * 86_400_000).toISOString(),
    };
    const stores = {
      getMembership: async (storeId: string, userId: string) => ({ storeId, userId, role: 'owner' as const }),
      getProfile: async () => profile,
    };
    const systemClock = { now: () => new Date() };

    const runs: Array<Awaited<ReturnType<typeof connectAndView>>> = [];
    for (const delayMs of REPORT_DELAYS_MS) {
      sandbox.ads.faults.reportDelayMs = delayMs;
      runs.push(await connectAndView(delayMs));
      // The next run starts a day later, on fresh report quotas and a fresh store.
      clock.advance(2 * 86_400_000);
    }

    /** One seller's consent, then the dashboard until complete, then the next day's view until complete. */
    async function connectAndView(delayMs: number) {
      const adsStore = memoryAdsRepository();
      const queue = new DelayQueue();
      let refreshToken = '';
      let cached: { accessToken: string; expiresAtMs: number } | undefined;
      const tokens = {
        accessTokenFor: async () => {
          if (cached === undefined || cached.expiresAtMs - 300_000 < Date.now()) {
            const minted = await lwa.refreshAccessToken('NA', refreshToken);
            cached = {
              accessToken: minted.accessToken,
              expiresAtMs: Date.now() + minted.expiresInSeconds * 1000,
            };
          }
          return cached.accessToken;
        },
        drop: () => {
          cached = undefined;
        },
      };
      const deps = { stores, adsStore, tokens, api, queue, clock: systemClock, pollSeconds: 30 };
      const viewDeps = {
        stores,
        adsStore,
        snapshots: { get: async () => undefined },
        queue,
        audit: { write: async () => undefined },
        clock: systemClock,
        datasets: new Set(['ads'] as const),
      };
      const countersBefore = { ...sandbox.ads.counters };
      const requests = () =>
        (sandbox.ads.counters['POST /reporting/reports'] ?? 0) -
        (countersBefore['POST /reporting/reports'] ?? 0);

      // Connect: the sandbox's Ads consent (PKCE), the code exchanged once, the store's own profiles linked, and
      // one sync per linked marketplace queued, as the callback does.
      const connectedAt = Date.now();
      const verifier = randomBytes(32).toString('base64url');
      const consentPage = await fetch(`${ads.consent}/ap/oa`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: adsApp.clientId,
          redirect_uri: adsApp.redirectUris[0] ?? '',
          scope: consent.ADS_SCOPE,
          response_type: 'code',
          state: randomBytes(16).toString('base64url'),
          code_challenge: createHash('sha256').update(verifier).digest('base64url'),
          code_challenge_method: 'S256',
          account: `ads-${SELLER}`,
          decision: 'allow',
        }),
      });
      const code = new URL(consentPage.headers.get('location') ?? 'https://invalid').searchParams.get('code');
      if (code === null) throw new Error(`the sandbox consent gave no code (${consentPage.status})`);
      const exchanged = await lwa.exchangeAuthorizationCode('NA', {
        code,
        redirectUri: adsApp.redirectUris[0] ?? '',
        codeVerifier: verifier,
      });
      refreshToken = exchanged.refreshToken;
      const listed = await api.listProfiles({ region: 'NA', accessToken: exchanged.accessToken });
      const links: AdsLink[] = consent.matchingProfiles(listed, profile).map((p) => ({
        storeId: STORE_ID,
        marketplaceId: p.accountInfo.marketplaceStringId,
        profileId: p.profileId,
        countryCode: p.countryCode,
        currency: p.currencyCode,
        timeZone: p.timezone,
        accountName: p.accountInfo.name,
        linkedAt: new Date().toISOString(),
        linkedBy: 'bench',
      }));
      await adsStore.saveAdsAuthorization({
        storeId: STORE_ID,
        ownerUserId: 'bench',
        token: { ciphertext: '', keyId: '' },
        links,
        now: new Date().toISOString(),
      });
      for (const link of links)
        await queue.send({ kind: 'sync', storeId: STORE_ID, marketplaceId: link.marketplaceId });

      /** Moves the simulated clock to `untilMs`, processing every message that falls due on the way. */
      async function runQueueUntil(untilMs: number): Promise<void> {
        for (let next = queue.take(untilMs); next !== undefined; next = queue.take(untilMs)) {
          if (next.dueMs > Date.now()) clock.advance(next.dueMs - Date.now());
          await pipeline.processAdsReportMessage(deps, next.message);
        }
        if (untilMs > Date.now()) clock.advance(untilMs - Date.now());
      }

      const caller = { userId: 'bench', email: undefined, isAdmin: false };
      async function untilComplete(label: string) {
        const startedAt = Date.now();
        const requestsBefore = requests();
        let views = 0;
        let firstComplete: boolean | undefined;
        for (; views < MAX_VIEWS;) {
          await runQueueUntil(Date.now());
          const summary = await view.getAdsSummary(viewDeps, caller, {
            storeId: STORE_ID,
            marketplaceId: US,
            days: String(DAYS),
            reason: 'ad-budget-review',
            requestId: `bench-${label}-${views}`,
          });
          views += 1;
          firstComplete ??= summary.freshness.complete;
          if (summary.freshness.complete) {
            return {
              seconds: (Date.now() - startedAt) / 1000,
              views,
              firstComplete,
              requests: requests() - requestsBefore,
              days: summary.daily.length,
              campaigns: summary.campaigns.length,
            };
          }
          await runQueueUntil(Date.now() + (summary.freshness.retryAfterSeconds ?? 30) * 1000);
        }
        throw new Error(`${label}: the ads view was not complete after ${MAX_VIEWS} views`);
      }

      const first = await untilComplete('connect');
      const firstSeconds = (Date.now() - connectedAt) / 1000;
      progress(
        FIGURE,
        `report delay ${delayMs / 60_000} min: complete ${Math.round(firstSeconds)} s after connect, ${first.views} views, ${first.requests} report requests`,
      );
      // Drain what the first day still had queued (the other marketplaces), then the next day's view.
      await runQueueUntil(Date.now() + 3600_000);
      const requestsFirstDay = requests();
      clock.advance(24 * 3600_000 - 3600_000);
      const nextDay = await untilComplete('next-day');
      await runQueueUntil(Date.now() + 3600_000);
      const requestsNextDay = requests() - requestsFirstDay;
      progress(
        FIGURE,
        `next day: complete after ${Math.round(nextDay.seconds)} s, ${requestsNextDay} report requests`,
      );
      return {
        delayMs,
        secondsToComplete: firstSeconds,
        first,
        requestsFirstDay,
        nextDay,
        requestsNextDay,
        marketplaces: links.length,
        queueMessages: queue.sent,
      };
    }

    // Amazon asks for at most one or two requests per advertiser, report type and day: the sandbox counts them per
    // profile, report type and UTC day.
    const perDay = Object.values(sandbox.ads.requestsPerDay);
    const maxPerTypeDay = perDay.length === 0 ? null : Math.max(...perDay);
    const [fast] = runs;
    return {
      id: FIGURE,
      title: 'ads: report requests per store-day; connect to a complete 30-day ads view (simulated clock)',
      rows: [
        row({
          name: 'report requests per profile, report type and day (max)',
          value: maxPerTypeDay,
          unit: 'requests',
          budget: { max: 2, text: 'at most two report requests per store, report type and day' },
        }),
        row({
          name: 'report requests per store-day, viewed daily (one marketplace)',
          value: fast?.requestsNextDay ?? null,
          unit: 'requests',
          note: 'the day after connecting, the view opened until complete: one request per report type (SP, SB, SD) re-reads the trailing days Amazon restates',
        }),
        row({
          name: 'report requests on the connect day (3 marketplaces × 3 report types, 31 days each)',
          value: fast?.requestsFirstDay ?? null,
          unit: 'requests',
        }),
        ...runs.map((run) =>
          row({
            name: `connect → complete 30-day view, report delay ${run.delayMs / 60_000} min`,
            value: Math.round(run.secondsToComplete),
            unit: 's (simulated)',
            note: `${run.first.views} views (opened again after each retryAfterSeconds); first view answered at once, complete: ${String(run.first.firstComplete)}`,
          }),
        ),
      ],
      notes: [
        'One process, one simulated clock for Date and the sandbox (report processing); the report queue honours each message delay on that clock; no function waits for a report.',
        "Ours: the Ads consent (PKCE) on the sandbox, the store's own profiles linked, one sync per marketplace, then the pipeline's messages as they fall due and the dashboard's views after each retryAfterSeconds.",
        'The sandbox completes a report a fixed delay after its creation (60 s, and 20 min as a slower Amazon); Amazon documents minutes, up to three hours.',
      ],
      details: { runs, requestsPerDay: sandbox.ads.requestsPerDay, counters: sandbox.ads.counters },
    };
  } finally {
    await sandbox.close();
  }
}

runFigureProcess(measure);
