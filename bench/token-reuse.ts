import type { SandboxApp, SandboxSeller } from '../local/sandbox';
import { SpApiError } from '../shared/amazon/amazon-errors';
import { readAmazonEndpoints, type Environment } from '../shared/config';
import { createInventorySource } from '../shared/adapters/spapi/inventory-source';
import { createSpApiAxios } from '../shared/adapters/spapi/spapi-http';
import { PacedCaller } from '../shared/pacing/paced-caller';
import type { Clock } from '../shared/ports';
import {
  lwaClient,
  revocationQueue,
  storeRepository,
  tokenCipher,
  USER_AGENT,
} from '../shared/runtime/dependencies';
import { AccessTokenProvider } from '../shared/store-data/access-token-provider';
import type { StoreProfile } from '../shared/stores/store';
import { RATE_SCALE, TOKEN_REUSE } from './config';
import { progress, runFigureProcess, type FigureResult } from './support/figure';
import {
  connectStore,
  countingCipher,
  environmentFor,
  startLocalAws,
  type LocalAws,
} from './support/local-aws';
import { PEERS, runPeerProcess, type PeerName } from './support/peer-process';
import { newSandboxApp, startSandboxHost, type SandboxEndpoint } from './support/sandbox-host';
import { refreshTokenFor } from './support/seller-authorization';
import { sum } from './support/statistics';
import { tokenReuseResult } from './token-reuse-report';
import {
  ADVANCE_MS_PER_ROUND,
  countsFor,
  ROUNDS,
  SELLERS_PER_SANDBOX,
  storeGroups,
  type ClientRun,
  type StoreCount,
} from './token-reuse-scenario';

/**
 * Figure 1 — token reuse. 1,000 SP-API requests over 10 stores and a simulated 2 hours: how many LWA exchanges and
 * KMS Decrypts each store costs, through our AccessTokenProvider and through the two general clients (one client
 * per store, as their READMEs show).
 *
 * The sandbox seeds four sellers, and our store id is (seller, region), so ten distinct stores need three sandboxes
 * (4 + 4 + 2 sellers), each registering the same app, as Amazon would for one app and ten sellers. Each sandbox is
 * served by its own execution environment of ours (its own table, token cache and buckets), which changes nothing
 * per store: the cache is keyed by store. Per-store counts come from each sandbox's own counters.
 *
 * Every round sends `concurrentPerStore` requests at once for every store, then moves the sandbox clock (and the
 * clock our provider is given, and the peers' Date) forward by 2 h / rounds. Token buckets run on real time, so the
 * simulated hours never refill them.
 *
 * This module runs the clients; the rounds, stores and per-store counts are in token-reuse-scenario.ts, the figure
 * made from the runs in token-reuse-report.ts.
 */

/** Our clock for the provider: the sandbox's, which runs on real time plus every advance we make. */
function sandboxFollowingClock(offsetMs: number): Clock & { advance(ms: number): void } {
  let advancedMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs + advancedMs),
    advance: (ms) => {
      advancedMs += ms;
    },
  };
}

async function runOurs(
  aws: LocalAws,
  sandboxes: readonly SandboxEndpoint[],
  app: SandboxApp,
  groups: SandboxSeller[][],
): Promise<ClientRun> {
  const environments = await Promise.all(
    groups.map(async (sellers, groupIndex) => {
      const sandbox = sandboxes[groupIndex] as SandboxEndpoint;
      const tableName = `bench-token-reuse-${groupIndex}`;
      await aws.createTable(tableName);
      const env: Environment = environmentFor({ aws, tableName, sandbox, app });
      const stores: StoreProfile[] = [];
      for (const seller of sellers) stores.push(await connectStore(env, sandbox, app, seller));
      const clock = sandboxFollowingClock((await sandbox.now()).getTime() - Date.now());
      const counting = countingCipher(tokenCipher(env));
      // The pieces StoreDataService composes for one SP-API call, built from the same settings and builders.
      const tokens = new AccessTokenProvider({
        stores: storeRepository(env),
        cipher: counting.cipher,
        lwa: lwaClient(env),
        revocations: revocationQueue(env),
        clock,
      });
      const pacing = new PacedCaller({
        now: () => Date.now(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
      });
      const inventory = createInventorySource(readAmazonEndpoints(env).spapi, createSpApiAxios(USER_AGENT));
      return {
        sandbox,
        sellers,
        stores,
        clock,
        tokens,
        pacing,
        inventory,
        decrypts: counting.decryptsByStore,
      };
    }),
  );
  await Promise.all(sandboxes.map((sandbox) => sandbox.resetCounters()));
  const kmsBefore = aws.kmsCounters().Decrypt;

  let requests = 0;
  let failures = 0;
  const errorSamples = new Set<string>();
  const started = performance.now();
  // As StoreDataService.spApi does it: a paced call with the store's token; a 401/403 on a cached token drops it
  // and tries once more.
  const request = async (environment: (typeof environments)[number], store: StoreProfile) => {
    const marketplaceId = store.marketplaceIds[0] ?? '';
    const attempt = () =>
      environment.pacing.call(store.storeId, 'getInventorySummaries', Date.now() + 10_000, async () => {
        const page = await environment.inventory.fetchInventoryPage({
          region: store.region,
          accessToken: await environment.tokens.accessTokenFor(store),
          marketplaceId,
          nextToken: undefined,
        });
        return { value: page, rateLimit: page.rateLimit };
      });
    requests += 1;
    try {
      try {
        await attempt();
      } catch (error) {
        if (!(error instanceof SpApiError && error.kind === 'unauthorized')) throw error;
        environment.tokens.drop(store.storeId);
        await attempt();
      }
    } catch (error) {
      failures += 1;
      if (errorSamples.size < 5)
        errorSamples.add(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  };
  await Promise.all(
    environments.map(async (environment) => {
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          environment.stores.flatMap((store) =>
            Array.from({ length: TOKEN_REUSE.concurrentPerStore }, () => request(environment, store)),
          ),
        );
        await environment.sandbox.advanceClock(ADVANCE_MS_PER_ROUND);
        environment.clock.advance(ADVANCE_MS_PER_ROUND);
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;

  const stores: StoreCount[] = [];
  for (const [groupIndex, environment] of environments.entries()) {
    const counters = await environment.sandbox.counters();
    for (const [index, seller] of environment.sellers.entries()) {
      const store = environment.stores[index] as StoreProfile;
      stores.push({
        ...countsFor(counters, seller, `sandbox ${groupIndex + 1} ${store.storeId}`),
        kmsDecrypts: environment.decrypts.get(store.storeId) ?? 0,
      });
    }
  }
  return {
    client: 'ours',
    requests,
    failures,
    errorSamples: [...errorSamples],
    stores,
    kmsDecryptsTotal: aws.kmsCounters().Decrypt - kmsBefore,
    wallSeconds,
    capped: false,
  };
}

async function runPeer(
  peer: PeerName,
  sandboxes: readonly SandboxEndpoint[],
  app: SandboxApp,
  groups: SandboxSeller[][],
): Promise<ClientRun> {
  const specs = await Promise.all(
    groups.map(async (sellers, groupIndex) => {
      const sandbox = sandboxes[groupIndex] as SandboxEndpoint;
      const stores = [];
      for (const seller of sellers) {
        stores.push({
          key: `${seller.sellingPartnerId}/${seller.region}`,
          sellingPartnerId: seller.sellingPartnerId,
          region: seller.region,
          marketplaceId: seller.marketplaceIds[0] ?? '',
          refreshToken: await refreshTokenFor(sandbox, app, seller.sellingPartnerId),
          clientId: app.clientId,
          clientSecret: app.clientSecret,
        });
      }
      return { sandbox, sellers, stores };
    }),
  );
  await Promise.all(sandboxes.map((sandbox) => sandbox.resetCounters()));
  const started = performance.now();
  const outcomes = await Promise.all(
    specs.map(({ sandbox, stores }) =>
      runPeerProcess(
        peer,
        {
          kind: 'token-reuse',
          sandboxUrl: sandbox.url,
          stores,
          rounds: ROUNDS,
          concurrentPerStore: TOKEN_REUSE.concurrentPerStore,
          advanceMsPerRound: ADVANCE_MS_PER_ROUND,
          capMs: TOKEN_REUSE.capSeconds * 1000,
        },
        sandbox.url,
      ),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const stores: StoreCount[] = [];
  for (const [groupIndex, { sandbox, sellers }] of specs.entries()) {
    const counters = await sandbox.counters();
    for (const seller of sellers) {
      stores.push({
        ...countsFor(
          counters,
          seller,
          `sandbox ${groupIndex + 1} ${seller.sellingPartnerId}-${seller.region}`,
        ),
        kmsDecrypts: null,
      });
    }
  }
  return {
    client: peer,
    requests: sum(outcomes.map((outcome) => outcome.requests)),
    failures: sum(outcomes.map((outcome) => outcome.failures)),
    errorSamples: [...new Set(outcomes.flatMap((outcome) => outcome.errorSamples))].slice(0, 5),
    stores,
    kmsDecryptsTotal: null,
    wallSeconds,
    capped: outcomes.some((outcome) => outcome.capped),
  };
}

export async function measureTokenReuse(): Promise<FigureResult> {
  const aws = await startLocalAws();
  const runs: ClientRun[] = [];
  try {
    for (const client of ['ours', ...PEERS] as const) {
      // Fresh sandboxes per client: clocks at "now", buckets full, counters at zero.
      const app = newSandboxApp('token-reuse');
      const groupCount = Math.ceil(TOKEN_REUSE.stores / SELLERS_PER_SANDBOX);
      const host = await startSandboxHost({
        sandboxes: Array.from({ length: groupCount }, () => ({ apps: [app], rateScale: RATE_SCALE })),
      });
      try {
        const sellers = await (host.sandboxes[0] as SandboxEndpoint).sellers();
        const groups = storeGroups(sellers);
        progress('token-reuse', `${client}: ${TOKEN_REUSE.requests} requests, ${TOKEN_REUSE.stores} stores`);
        runs.push(
          client === 'ours'
            ? await runOurs(aws, host.sandboxes, app, groups)
            : await runPeer(client, host.sandboxes, app, groups),
        );
      } finally {
        await host.stop();
      }
    }
  } finally {
    await aws.stop();
  }
  return tokenReuseResult(runs);
}

if (require.main === module) runFigureProcess(measureTokenReuse);
