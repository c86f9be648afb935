import type { SandboxApp, SandboxCounters, SandboxSeller } from '../local/sandbox';
import { SpApiError } from '../shared/amazon/amazon-errors';
import { readAmazonEndpoints, type Environment } from '../shared/config/settings';
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
import { progress, row, runFigureProcess, type FigureResult } from './support/figure';
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
import { max, mean, ratio, round, sum } from './support/statistics';

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
 */

type ClientName = 'ours' | PeerName;

interface StoreCount {
  readonly store: string;
  readonly lwaExchanges: number;
  readonly spApiCalls: number;
  readonly throttled: number;
  readonly kmsDecrypts: number | null;
}

interface ClientRun {
  readonly client: ClientName;
  readonly requests: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  readonly stores: readonly StoreCount[];
  readonly kmsDecryptsTotal: number | null;
  readonly wallSeconds: number;
  readonly capped: boolean;
}

const ROUNDS = TOKEN_REUSE.requests / (TOKEN_REUSE.stores * TOKEN_REUSE.concurrentPerStore);
const ADVANCE_MS_PER_ROUND = (TOKEN_REUSE.simulatedMinutes * 60_000) / ROUNDS;
const SELLERS_PER_SANDBOX = 4;

/** Splits the stores over sandboxes of at most four sellers each. */
function storeGroups(sellers: readonly SandboxSeller[]): SandboxSeller[][] {
  const groups: SandboxSeller[][] = [];
  for (let index = 0; index < TOKEN_REUSE.stores; index++) {
    const group = Math.floor(index / SELLERS_PER_SANDBOX);
    (groups[group] ??= []).push(sellers[index % SELLERS_PER_SANDBOX] as SandboxSeller);
  }
  return groups;
}

function countsFor(
  counters: SandboxCounters,
  seller: SandboxSeller,
  label: string,
): Omit<StoreCount, 'kmsDecrypts'> {
  const seen = counters.sellers[`${seller.sellingPartnerId}/${seller.region}`];
  return {
    store: label,
    lwaExchanges: seen?.lwa.refresh_token ?? 0,
    spApiCalls: sum(Object.values(seen?.spapi ?? {})),
    throttled: seen?.throttled ?? 0,
  };
}

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

function tokenReuseResult(runs: readonly ClientRun[]): FigureResult {
  const lastRequestSeconds = ((ROUNDS - 1) * ADVANCE_MS_PER_ROUND) / 1000;
  const allowedExchanges = 1 + Math.floor(lastRequestSeconds / (TOKEN_REUSE.reuseMinutes * 60));
  const byClient = (client: ClientName) => runs.find((run) => run.client === client);
  const ours = byClient('ours');
  const exchanges = (run: ClientRun | undefined) => run?.stores.map((store) => store.lwaExchanges) ?? [];
  const complete = (run: ClientRun | undefined) =>
    run !== undefined && !run.capped && run.requests === TOKEN_REUSE.requests;
  const statOf = (
    run: ClientRun | undefined,
    stat: (values: number[]) => number | undefined,
    values: (run: ClientRun) => number[],
  ) => (complete(run) ? (stat(values(run as ClientRun)) ?? null) : null);
  const peerComparisons = (
    value: (run: ClientRun | undefined) => number | null,
    note?: (run: ClientRun) => string,
  ) =>
    PEERS.map((peer) => {
      const run = byClient(peer);
      const theirs = value(run);
      return {
        against: peer,
        value: theirs === null ? null : round(theirs, 2),
        ratio: (() => {
          const r = ratio(value(ours), theirs);
          return r === null ? null : round(r, 2);
        })(),
        ...(run !== undefined && note !== undefined && note(run) !== '' ? { note: note(run) } : {}),
      };
    });
  const maxExchanges = (run: ClientRun | undefined) => statOf(run, max, (r) => exchanges(r));
  const meanExchanges = (run: ClientRun | undefined) => statOf(run, mean, (r) => exchanges(r));
  const decryptsPerExchange = (run: ClientRun | undefined) =>
    complete(run) && run?.kmsDecryptsTotal !== null
      ? (max(
          (run as ClientRun).stores.map((store) =>
            store.lwaExchanges === 0 ? 0 : (store.kmsDecrypts ?? 0) / store.lwaExchanges,
          ),
        ) ?? null)
      : null;
  const callsPerRequest = (run: ClientRun | undefined) =>
    complete(run)
      ? sum((run as ClientRun).stores.map((store) => store.spApiCalls)) / (run as ClientRun).requests
      : null;
  const failures = (run: ClientRun | undefined) => (run === undefined ? null : run.failures);

  return {
    id: 'token-reuse',
    title: `Token reuse — ${TOKEN_REUSE.requests} requests, ${TOKEN_REUSE.stores} stores, ${TOKEN_REUSE.simulatedMinutes / 60} simulated hours`,
    rows: [
      row({
        name: 'LWA exchanges per store (max)',
        value: maxExchanges(ours),
        unit: 'exchanges',
        budget: {
          max: allowedExchanges,
          text: `≤ 1 per store per ${TOKEN_REUSE.reuseMinutes} min per execution environment (${allowedExchanges} over ${round(lastRequestSeconds / 60, 0)} min)`,
        },
        comparisons: peerComparisons(maxExchanges),
      }),
      row({
        name: 'LWA exchanges per store (mean)',
        value: meanExchanges(ours),
        unit: 'exchanges',
        comparisons: peerComparisons(meanExchanges),
      }),
      row({
        name: 'KMS Decrypts per LWA exchange (max over stores)',
        value: decryptsPerExchange(ours),
        unit: 'decrypts',
        budget: { max: 1, text: '≤ 1 KMS Decrypt per exchange' },
        comparisons: PEERS.map((peer) => ({
          against: peer,
          value: null,
          ratio: null,
          note: 'no KMS: the refresh token is handed to the client in plaintext',
        })),
      }),
      row({
        name: 'SP-API calls per request',
        value: callsPerRequest(ours),
        unit: 'calls',
        comparisons: peerComparisons(callsPerRequest),
        note: 'above 1: calls repeated after a 403 (expired token) or a 429',
      }),
      row({
        name: '429s received',
        value: complete(ours) ? sum((ours as ClientRun).stores.map((store) => store.throttled)) : null,
        unit: '429s',
        comparisons: peerComparisons((run) =>
          complete(run) ? sum((run as ClientRun).stores.map((store) => store.throttled)) : null,
        ),
      }),
      row({
        name: 'failed requests',
        value: failures(ours),
        unit: 'requests',
        comparisons: peerComparisons(failures, (run) => run.errorSamples.join(' | ')),
      }),
    ],
    notes: [
      `Each request is one getInventorySummaries call; every round sends ${TOKEN_REUSE.concurrentPerStore} at once per store, then the sandbox clock moves ${round(ADVANCE_MS_PER_ROUND / 1000, 0)} s (${ROUNDS} rounds).`,
      `Ours: AccessTokenProvider (given a clock that follows the sandbox) + PacedCaller + the inventory adapter, built from shared/runtime/dependencies with DynamoDB Local and the KMS stand-in; KMS Decrypts counted at the TokenCipher port and cross-checked with the stand-in (${ours?.kmsDecryptsTotal ?? 'n/a'} in total).`,
      'Peers: one client per store as in their READMEs, in a child process whose Date follows the sandbox clock; amazon-sp-api refreshes when a call comes back 403 "expired", @sp-api-sdk/auth when its own expiry passes.',
      'Ten stores need three sandboxes (the sandbox seeds four sellers; a store is a seller and region), all registering the same app; counts per store come from each sandbox.',
    ],
    details: { allowedExchanges, rounds: ROUNDS, advanceMsPerRound: ADVANCE_MS_PER_ROUND, runs },
  };
}

if (require.main === module) runFigureProcess(measureTokenReuse);
