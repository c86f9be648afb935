import * as os from 'node:os';
import type { SandboxApp } from '../local/sandbox';
import { storeDataService } from '../shared/runtime/dependencies';
import type { StoreProfile } from '../shared/stores/store';
import { PACING, RATE_SCALE } from './config';
import type { PeerOutcome, PeerStore } from './peer/peer-runner';
import { progress, runFigureProcess, type FigureResult } from './support/figure';
import { connectStore, environmentFor, startLocalAws, type LocalAws } from './support/local-aws';
import { PEERS, runPeerProcess, type PeerName } from './support/peer-process';
import {
  childrenCpuSeconds,
  newSandboxApp,
  startSandboxHost,
  type SandboxEndpoint,
} from './support/sandbox-host';
import { refreshTokenFor } from './support/seller-authorization';
import { max, round, sum } from './support/statistics';
import { readStoresThroughViews } from './support/store-views';
import { pacingResult, type ClientName, type ClientRun, type MeasuredRun } from './pacing-report';
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
 * client, table and buckets), since our store id is (seller, region) and a deployment has one app.
 *
 * This module runs the clients and measures them; the stores, the page census and the minimum are in
 * pacing-scenario.ts, the figure made from the runs in pacing-report.ts.
 */

const difference = (after: number | undefined, before: number | undefined) =>
  after === undefined || before === undefined ? undefined : round(after - before, 2);

async function runOurs(
  aws: LocalAws,
  sandbox: SandboxEndpoint,
  apps: readonly SandboxApp[],
  stores: readonly PacingStore[],
  capMs: number,
): Promise<
  Omit<ClientRun, 'pagesNeeded' | 'cpuSeconds' | 'loadAverage' | 'callsByOperation' | 'throttled'> & {
    ourCpuSeconds: number;
  }
> {
  // One execution environment per app: its own StoreDataService (token cache, buckets, table), all in this process.
  const environments = await Promise.all(
    apps.map(async (app, appIndex) => {
      const tableName = `bench-pacing-${stores.length}-${appIndex}`;
      await aws.createTable(tableName);
      const env = environmentFor({ aws, tableName, sandbox, app });
      const profiles: StoreProfile[] = [];
      for (const { seller } of stores.filter((store) => store.appIndex === appIndex))
        profiles.push(await connectStore(env, sandbox, app, seller));
      return { service: storeDataService(env), profiles, label: `app ${appIndex + 1}` };
    }),
  );
  await sandbox.resetCounters();
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const outcomes = await Promise.all(
    environments.map(({ service, profiles, label }) =>
      readStoresThroughViews(service, profiles, label, capMs),
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    client: 'ours',
    stores: stores.length,
    finished: outcomes.every((outcome) => outcome.finished),
    wallSeconds,
    failures: sum(outcomes.map((outcome) => outcome.failures)),
    errorSamples: [...new Set(outcomes.flatMap((outcome) => outcome.errorSamples))].slice(0, 5),
    views: sum(outcomes.map((outcome) => outcome.views)),
    incompleteWithNothingPending: sum(outcomes.map((outcome) => outcome.incompleteWithNothingPending)),
    storeSeconds: outcomes.flatMap((outcome) => outcome.storeSeconds),
    ourCpuSeconds: (cpu.user + cpu.system) / 1e6,
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
    const cpuBefore = {
      sandbox: host.cpuSeconds(),
      dynamodb: childrenCpuSeconds('java'),
      self: process.cpuUsage(),
    };
    const run =
      client === 'ours'
        ? await runOurs(aws, sandbox, apps, stores, capSeconds * 1000)
        : await runPeer(client, sandbox, apps, stores, capSeconds * 1000);
    const cpuAfter = { sandbox: host.cpuSeconds(), dynamodb: childrenCpuSeconds('java') };
    const counters = await sandbox.counters();
    return {
      ...run,
      throttled: counters.totals.throttled,
      callsByOperation: counters.totals.spapi,
      pagesNeeded: {
        inventory: sum(stores.map(({ seller }) => census.get(seller.sellingPartnerId)?.inventory ?? 0)),
        orders: sum(stores.map(({ seller }) => census.get(seller.sellingPartnerId)?.orders ?? 0)),
      },
      cpuSeconds: {
        sandbox: difference(cpuAfter.sandbox, cpuBefore.sandbox),
        // Our client and DynamoDB Local; for a general client these are idle (its process is not measured).
        ...(client === 'ours'
          ? {
              ourProcess: round((run as { ourCpuSeconds?: number }).ourCpuSeconds ?? 0, 2),
              dynamoDbLocal: difference(cpuAfter.dynamodb, cpuBefore.dynamodb),
            }
          : {}),
      },
      loadAverage: os.loadavg()[0] ?? 0,
      minimumSeconds: minimum,
      capSeconds,
    };
  } finally {
    await host.stop();
  }
}

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
  return pacingResult(runs, census);
}

if (require.main === module) runFigureProcess(measurePacing);
