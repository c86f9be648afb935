import { createHash, randomBytes } from 'node:crypto';
import { installSimulatedClock } from './peer/simulated-clock';
import { progress, runFigureProcess, type FigureResult } from './support/figure';
import type { AdsLink } from '../shared/ads/ads-ports';
import { adsResult, type AdsRun } from './ads-report';
import { DelayQueue, memoryAdsRepository } from './ads-stand-ins';

/**
 * Figure 8, ads: from the Amazon Ads consent of a seeded seller (Lumen Craft, three NA marketplaces) to a complete
 * 30-day ads view of amazon.com, on a simulated clock, with our report pipeline (shared/ads/report-pipeline.ts)
 * and view (shared/ads/ads-view.ts) against the sandbox's Ads stand-in: Reporting v3 with its processing delay,
 * campaign lists and budget usage. The queue is an in-memory stand-in that honours each message's delay on the
 * simulated clock (SQS's DelaySeconds), and the dashboard is simulated as the ads view does it: opened, then again
 * after each `retryAfterSeconds`, until `freshness.complete`. Then a day later, the same view again: what one more
 * store-day costs in report requests (the trailing days Amazon restates are read again).
 *
 * This module measures; the in-memory table and queue are in ads-stand-ins.ts, the figure made from the runs in
 * ads-report.ts.
 */
const FIGURE = 'ads' as const;
const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const US = 'ATVPDKIKX0DER';
const DAYS = 30;
/** Amazon's processing time, as the sandbox simulates it: "usually minutes" (Amazon's Reporting v3 guide). */
const REPORT_DELAYS_MS = [60_000, 20 * 60_000] as const;
const MAX_VIEWS = 400;

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

    const runs: AdsRun[] = [];
    for (const delayMs of REPORT_DELAYS_MS) {
      sandbox.ads.faults.reportDelayMs = delayMs;
      runs.push(await connectAndView(delayMs));
      // The next run starts a day later, on fresh report quotas and a fresh store.
      clock.advance(2 * 86_400_000);
    }

    /** One seller's consent, then the dashboard until complete, then the next day's view until complete. */
    async function connectAndView(delayMs: number): Promise<AdsRun> {
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
        snapshots: { get: async () => undefined, versions: async () => new Map() },
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

    return adsResult(FIGURE, runs, sandbox.ads.requestsPerDay, sandbox.ads.counters);
  } finally {
    await sandbox.close();
  }
}

runFigureProcess(measure);
