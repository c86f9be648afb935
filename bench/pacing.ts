import * as fs from 'node:fs';
import * as os from 'node:os';
import type { SandboxApp } from '../local/sandbox';
import { storeIdOf, type StoreProfile } from '../shared/stores/store';
import type { Region } from '../shared/amazon/marketplaces';
import { PACING, RATE_SCALE } from './config';
import type { PeerOutcome, PeerStore } from './peer/peer-runner';
import { progress, runFigureProcess, type FigureResult } from './support/figure';
import { connectStore, environmentFor, startLocalAws, type LocalAws } from './support/local-aws';
import { PEERS, runPeerProcess, type PeerName } from './support/peer-process';
import { runPacingEnvironment, type PacedCallRecord } from './support/pacing-environment';
import {
  childrenCpuSeconds,
  newSandboxApp,
  startSandboxHost,
  type SandboxEndpoint,
} from './support/sandbox-host';
import { refreshTokenFor } from './support/seller-authorization';
import { max, round, sum } from './support/statistics';
import {
  pacingResult,
  storeTimelines,
  type ClientName,
  type ClientRun,
  type EnvironmentRecord,
  type MeasuredRun,
} from './pacing-report';
import {
  censusOfPages,
  mainMarketplace,
  pacingStores,
  SELLERS_PER_APP,
  theoreticalMinimumSeconds,
  type PacingStore,
  type PageCensus,
} from './pacing-scenario';

/**
 * Figure 2 — pacing. Every inventory page and 90 days of orders of N stores (N = 1, 10, 50), read at once under
 * the sandbox's usage plans scaled by RATE_SCALE, against the least time the token buckets allow:
 * for P pages of one (app, seller, operation) bucket with burst B and rate r that is (P − B) / r when P > B, and
 * the buckets of different stores and operations drain in parallel, so the minimum of the whole read is the largest
 * of those. Our client, then the two general clients with their default retry behaviour, each against a fresh
 * sandbox (full buckets, counters at zero) in its own process.
 *
 * N stores from four seeded sellers: one sandbox registering ceil(N / 4) apps, each authorized by the four sellers.
 * Usage plans are per (application, seller, operation), so app k + seller s is a store with buckets of its own,
 * as a separate seller would be. Our side mirrors the deployment: one execution environment per app (its own LWA
 * client, table and buckets), since our store id is (seller, region) and a deployment has one app; each is a Node
 * process of its own (support/pacing-environment.ts, as figure 9 runs them), as Lambda gives each environment its
 * own CPU, so no shared event loop sets the pace. Every call they make is recorded, for per-store timelines.
 *
 * This module runs the clients and measures them; the stores, the page census and the minimum are in
 * pacing-scenario.ts, the figure made from the runs in pacing-report.ts.
 */

const difference = (after: number | undefined, before: number | undefined) =>
  after === undefined || before === undefined ? undefined : round(after - before, 2);

/** CPU seconds used so far by the processes a run of ours involves, besides our own environments. */
interface CpuSample {
  readonly sandbox: number | undefined;
  readonly dynamodb: number | undefined;
  readonly bench: number;
}

async function runOurs(
  aws: LocalAws,
  sandbox: SandboxEndpoint,
  apps: readonly SandboxApp[],
  stores: readonly PacingStore[],
  capMs: number,
  cpuNow: () => CpuSample,
): Promise<
  Omit<ClientRun, 'pagesNeeded' | 'loadAverage' | 'callsByOperation' | 'throttled'> & {
    environments: readonly EnvironmentRecord[];
    calls: readonly (PacedCallRecord & { environment: string })[];
  }
> {
  // One execution environment per app (its own StoreDataService: token cache, buckets, table), each a Node process
  // of its own as Lambda environments are, so no event loop is shared between them. The stores are connected here
  // first, as the OAuth callback would have done before anyone opens a view.
  const environments = await Promise.all(
    apps.map(async (app, appIndex) => {
      const tableName = `bench-pacing-${stores.length}-${appIndex}`;
      await aws.createTable(tableName);
      const env = environmentFor({ aws, tableName, sandbox, app });
      const profiles: StoreProfile[] = [];
      for (const { seller } of stores.filter((store) => store.appIndex === appIndex))
        profiles.push(await connectStore(env, sandbox, app, seller));
      return { env, profiles, label: `app ${appIndex + 1}` };
    }),
  );
  await sandbox.resetCounters();
  // Node + tsx start in about a second each, and the two cores start them in turn: all begin at one instant, the
  // instant the wall time is measured from.
  const startAtMs = Date.now() + PACING.startupMs + apps.length * PACING.startupMsPerEnvironment;
  let atStart: CpuSample | undefined;
  const startTimer = setTimeout(() => (atStart = cpuNow()), Math.max(0, startAtMs - Date.now()));
  const outcomes = await Promise.all(
    environments.map(({ env, profiles, label }) =>
      runPacingEnvironment({ env, profiles, label, capMs, pacing: 'shared', startAtMs, timeline: true }),
    ),
  );
  clearTimeout(startTimer);
  const atEnd = cpuNow();
  const endedAtMs = max(outcomes.map((outcome) => outcome.endedAtMs)) ?? startAtMs;
  const ourCpu = outcomes.map((outcome) => outcome.cpuSeconds ?? 0);
  return {
    client: 'ours',
    stores: stores.length,
    finished: outcomes.every((outcome) => outcome.finished),
    wallSeconds: (endedAtMs - startAtMs) / 1000,
    failures: sum(outcomes.map((outcome) => outcome.failures)),
    errorSamples: [...new Set(outcomes.flatMap((outcome) => outcome.errorSamples))].slice(0, 5),
    views: sum(outcomes.map((outcome) => outcome.views)),
    incompleteWithNothingPending: sum(outcomes.map((outcome) => outcome.incompleteWithNothingPending)),
    storeSeconds: outcomes.flatMap((outcome) => outcome.storeSeconds),
    cpuSeconds: {
      sandbox: difference(atEnd.sandbox, atStart?.sandbox),
      dynamoDbLocal: difference(atEnd.dynamodb, atStart?.dynamodb),
      ourProcesses: round(sum(ourCpu), 2),
      busiestOurProcess: round(max(ourCpu) ?? 0, 2),
      benchProcess: atStart === undefined ? undefined : round(atEnd.bench - atStart.bench, 2),
    },
    environments: outcomes.map((outcome, index) => ({
      label: environments[index]?.label ?? '?',
      stores: environments[index]?.profiles.length ?? 0,
      finished: outcome.finished,
      cpuSeconds: round(outcome.cpuSeconds ?? 0, 2),
      startupCpuSeconds: round(outcome.startupCpuSeconds ?? 0, 2),
      // Positive: the process was still starting at the common instant, and its stores began that much late.
      lateStartMs: Math.max(0, (outcome.readyAtMs ?? startAtMs) - startAtMs, outcome.startedAtMs - startAtMs),
      endedSeconds: round((outcome.endedAtMs - startAtMs) / 1000, 2),
    })),
    calls: outcomes.flatMap((outcome, index) =>
      (outcome.calls ?? []).map((call) => ({ ...call, environment: environments[index]?.label ?? '?' })),
    ),
  };
}

async function runPeer(
  peer: PeerName,
  sandbox: SandboxEndpoint,
  apps: readonly SandboxApp[],
  stores: readonly PacingStore[],
  capMs: number,
): Promise<Omit<ClientRun, 'pagesNeeded' | 'cpuSeconds' | 'loadAverage' | 'callsByOperation' | 'throttled'>> {
  const peerStores: PeerStore[] = [];
  for (const { seller, appIndex } of stores) {
    const app = apps[appIndex] as SandboxApp;
    peerStores.push({
      key: `app ${appIndex + 1} ${seller.sellingPartnerId}/${seller.region}`,
      sellingPartnerId: seller.sellingPartnerId,
      region: seller.region,
      marketplaceId: mainMarketplace(seller),
      refreshToken: await refreshTokenFor(sandbox, app, seller.sellingPartnerId),
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    });
  }
  await sandbox.resetCounters();
  const outcome: PeerOutcome = await runPeerProcess(
    peer,
    { kind: 'pacing', stores: peerStores, orderDays: PACING.orderDays, capMs },
    sandbox.url,
  );
  const finishedAt = outcome.stores.map((store) => store.finishedAtMs ?? 0);
  const finished = !outcome.capped && outcome.stores.every((store) => store.finished);
  return {
    client: peer,
    stores: stores.length,
    finished,
    wallSeconds: (finished ? (max(finishedAt) ?? outcome.wallMs) : outcome.wallMs) / 1000,
    failures: outcome.failures,
    errorSamples: outcome.errorSamples,
    pagesRead: sum(outcome.stores.map((store) => store.inventoryPages + store.orderPages)),
  };
}

/** One client's read of N stores against a fresh sandbox of its own (full buckets, counters at zero). */
async function measureRun(
  client: ClientName,
  storeCount: number,
  aws: LocalAws,
  census: Map<string, PageCensus>,
): Promise<MeasuredRun> {
  const appCount = Math.ceil(storeCount / SELLERS_PER_APP);
  const apps = Array.from({ length: appCount }, (_, index) => newSandboxApp(`pacing${index + 1}`));
  const host = await startSandboxHost({ sandboxes: [{ apps, rateScale: RATE_SCALE }] });
  try {
    const sandbox = host.sandboxes[0] as SandboxEndpoint;
    const stores = pacingStores(storeCount, await sandbox.sellers());
    const minimum = theoreticalMinimumSeconds(stores, census);
    const capSeconds = Math.max(PACING.minimumCapSeconds, PACING.capMultiple * minimum);
    progress(
      'pacing',
      `N=${storeCount} ${client}: minimum ${round(minimum, 1)} s, cap ${round(capSeconds, 0)} s`,
    );
    const cpuNow = (): CpuSample => {
      const self = process.cpuUsage();
      return {
        sandbox: host.cpuSeconds(),
        dynamodb: childrenCpuSeconds('java'),
        bench: (self.user + self.system) / 1e6,
      };
    };
    const measured = async () => {
      const counters = await sandbox.counters();
      return {
        throttled: counters.totals.throttled,
        callsByOperation: counters.totals.spapi,
        pagesNeeded: {
          inventory: sum(stores.map(({ seller }) => census.get(seller.sellingPartnerId)?.inventory ?? 0)),
          orders: sum(stores.map(({ seller }) => census.get(seller.sellingPartnerId)?.orders ?? 0)),
        },
        loadAverage: os.loadavg()[0] ?? 0,
        minimumSeconds: minimum,
        capSeconds,
      };
    };
    if (client === 'ours') {
      const { calls, ...ours } = await runOurs(aws, sandbox, apps, stores, capSeconds * 1000, cpuNow);
      if (timelineFile !== undefined) timelines.push({ stores: storeCount, calls });
      const sellerOf = new Map(
        stores.map(({ seller }) => [
          storeIdOf(seller.sellingPartnerId, seller.region as Region),
          seller.sellingPartnerId,
        ]),
      );
      return {
        ...ours,
        ...(await measured()),
        ...storeTimelines(calls, (storeId) => sellerOf.get(storeId), census),
      };
    }
    const cpuBefore = cpuNow();
    const run = await runPeer(client, sandbox, apps, stores, capSeconds * 1000);
    const cpuAfter = cpuNow();
    return {
      ...run,
      ...(await measured()),
      // For a general client only the sandbox is measured: its own process is not, and ours are idle.
      cpuSeconds: { sandbox: difference(cpuAfter.sandbox, cpuBefore.sandbox) },
    };
  } finally {
    await host.stop();
  }
}

/** `--timeline <file>` also writes every SP-API call our environments made (a look behind the figure). */
const timelineFile = process.argv.includes('--timeline')
  ? process.argv[process.argv.indexOf('--timeline') + 1]
  : undefined;
const timelines: Array<{ stores: number; calls: readonly unknown[] }> = [];

export async function measurePacing(): Promise<FigureResult> {
  progress('pacing', 'counting pages per seller');
  const census = await censusOfPages();
  const aws = await startLocalAws();
  const runs: MeasuredRun[] = [];
  try {
    for (const storeCount of PACING.storeCounts) {
      // Ours alone, so nothing else competes for the two cores while it is timed.
      runs.push(await measureRun('ours', storeCount, aws, census));
      // The general clients side by side, each with its own sandbox process: they spend the run waiting out fixed
      // retry intervals and stop at the cap, so running them together costs them nothing measurable.
      runs.push(...(await Promise.all(PEERS.map((peer) => measureRun(peer, storeCount, aws, census)))));
    }
  } finally {
    await aws.stop();
  }
  if (timelineFile !== undefined) fs.writeFileSync(timelineFile, JSON.stringify(timelines));
  return pacingResult(runs, census);
}

if (require.main === module) runFigureProcess(measurePacing);
