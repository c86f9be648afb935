import type { RevocationSweepReport } from '../shared/revocation/revocation-sweep';
import { connectStore, tableItems } from '../test/integration/workspace/workspace-client';
import { REVOCATION_LATENCY, WARM_OVERHEAD } from './config';
import { startBenchWorkspace, type BenchWorkspace } from './support/bench-workspace';
import { progress, runFigureProcess, type FigureResult } from './support/figure';
import { recordHttpSpans, type HttpSpanRecorder } from './support/http-spans';
import {
  callsAfterRevoked,
  DISCONNECT_STORE,
  fetchInventory,
  INVALID_GRANT_STORE,
  LOST_SHRED_STORE,
  loseTheShred,
  OWNER,
  readyStore,
  storeIdOf,
  waitUntilRevoked,
  waitUntilShredded,
} from './revocation-latency-probes';
import { revocationResult, type Measurement, type SweepMeasurement } from './revocation-latency-report';

/**
 * Figure 5 — revocation latency, through the real pipeline of the local workspace: the SQS emulator, the
 * workspace's queue poller (the event source mapping's stand-in) and the revocation worker.
 *
 * invalid_grant: the seller revokes the app in Seller Central ("Manage Your Apps"); Amazon sends nothing. The next
 * fetch that reaches Amazon meets a dead access token, re-mints, and LWA answers invalid_grant: that moment (the end
 * of that LWA exchange) is the signal. Measured: signal → that fetch refused, and signal → store REVOKED in the
 * table. Snapshot freshness is 0 here so the fetch after the revocation goes to Amazon at once.
 *
 * disconnect: the owner's DELETE /api/stores/{id}. Measured from the request: → store REVOKED, → its token
 * ciphertext gone from the table (crypto-shredded in the request itself), and → the first of back-to-back fetches
 * that is refused.
 *
 * lost shred → swept: a store whose profile says REVOKED while its ciphertext is still there (what a crash between
 * the status change and the shred would leave, written through the table's low-level API). The revocation sweep
 * completes it on its next run: measured on the real clock from the lost state to the ciphertext gone when the
 * workspace's schedule runs the sweep at once; the worst case adds one sweep period (EventBridge, every
 * REVOCATION_SWEEP_DEFINITION.periodMinutes in AWS; every 5 minutes locally).
 *
 * A store never REVOKED within the time limit (e.g. while the worker is still a placeholder that leaves messages on
 * the queue) makes the figure "not measured".
 *
 * This module measures; the stores, fetches and table polls are in revocation-latency-probes.ts, the figure made
 * from the runs in revocation-latency-report.ts.
 */

async function measureInvalidGrant(bench: BenchWorkspace, spans: HttpSpanRecorder): Promise<Measurement> {
  const store = INVALID_GRANT_STORE;
  await readyStore(bench, store);
  bench.sandbox.revoke(store.sellingPartnerId, store.region);
  spans.clear();
  const fetched = await fetchInventory(bench, store);
  const lwaRefusal = spans
    .since(fetched.startMs)
    .find((span) => span.target === 'lwa' && span.status === 400 && span.endMs !== undefined);
  if (!fetched.refused || lwaRefusal?.endMs === undefined) {
    return {
      signal: 'invalid_grant',
      toRevokedMs: null,
      toRefusedMs: null,
      fetchesServedAfterSignal: 0,
      amazonCallsAfterRevoked: null,
    };
  }
  const signalAt = lwaRefusal.endMs;
  const revokedAt = await waitUntilRevoked(bench, store, signalAt + REVOCATION_LATENCY.timeoutSeconds * 1000);
  return {
    signal: 'invalid_grant',
    toRevokedMs: revokedAt === null ? null : revokedAt - signalAt,
    toRefusedMs: fetched.endMs - signalAt,
    fetchesServedAfterSignal: 0,
    amazonCallsAfterRevoked: revokedAt === null ? null : await callsAfterRevoked(bench, store),
  };
}

async function measureDisconnect(bench: BenchWorkspace): Promise<Measurement> {
  const store = DISCONNECT_STORE;
  await readyStore(bench, store);
  // Watched from before the request: the shred happens inside it.
  const watchFrom = performance.now();
  const shredded = waitUntilShredded(bench, store, watchFrom + REVOCATION_LATENCY.timeoutSeconds * 1000);
  const disconnected = await bench.invoke('DisconnectStore', {
    operatorId: OWNER?.id ?? '',
    pathParameters: { storeId: storeIdOf(store) },
  });
  if (disconnected.statusCode !== 202) throw new Error(`DELETE answered ${disconnected.statusCode}`);
  const signalAt = disconnected.startMs;
  const deadline = signalAt + REVOCATION_LATENCY.timeoutSeconds * 1000;
  const goneAt = await shredded;
  let served = 0;
  const firstRefusal = (async () => {
    // Back to back, as a busy dashboard would: each one either serves data or is the first refusal.
    while (performance.now() < deadline) {
      const fetched = await fetchInventory(bench, store);
      if (fetched.refused) return fetched.endMs;
      if (fetched.statusCode === 200) served += 1;
    }
    return null;
  })();
  const [revokedAt, refusedAt] = await Promise.all([waitUntilRevoked(bench, store, deadline), firstRefusal]);
  return {
    signal: 'disconnect',
    toRevokedMs: revokedAt === null ? null : revokedAt - signalAt,
    toCiphertextGoneMs: goneAt === null ? null : Math.max(0, goneAt - signalAt),
    toRefusedMs: refusedAt === null ? null : refusedAt - signalAt,
    fetchesServedAfterSignal: served,
    amazonCallsAfterRevoked: revokedAt === null ? null : await callsAfterRevoked(bench, store),
  };
}

async function measureLostShred(bench: BenchWorkspace): Promise<SweepMeasurement> {
  const store = LOST_SHRED_STORE;
  await connectStore(bench.workspace, OWNER?.handle ?? 'lin', store.sellingPartnerId, store.region);
  await loseTheShred(bench, store);
  const lostAt = performance.now();
  const run = await bench.workspace.runScheduledJob('RevocationSweep');
  const ranAt = performance.now();
  const goneAt = await waitUntilShredded(bench, store, ranAt + REVOCATION_LATENCY.timeoutSeconds * 1000);
  return {
    toSweptMs: goneAt === null ? null : goneAt - lostAt,
    runMs: ranAt - lostAt,
    tableItems: (await tableItems(bench.workspace).all()).length,
    report: run.kind === 'result' ? (run.result as RevocationSweepReport) : undefined,
  };
}

export async function measureRevocationLatency(): Promise<FigureResult> {
  const bench = await startBenchWorkspace({
    rateScale: WARM_OVERHEAD.rateScale,
    settings: { MINT_HUB_INVENTORY_SNAPSHOT_SECONDS: '0', POWERTOOLS_LOG_LEVEL: 'INFO' },
  });
  const sandboxPort = new URL(bench.sandbox.url).port;
  const spans = recordHttpSpans((origin, path) =>
    new URL(origin).port === sandboxPort ? (path.startsWith('/auth/o2/token') ? 'lwa' : 'amazon') : 'other',
  );
  const measurements: Measurement[] = [];
  const sweeps: SweepMeasurement[] = [];
  try {
    for (let repetition = 1; repetition <= REVOCATION_LATENCY.repetitions; repetition++) {
      progress('revocation-latency', `repetition ${repetition}: invalid_grant, then disconnect`);
      const invalidGrant = await measureInvalidGrant(bench, spans);
      measurements.push(invalidGrant);
      const disconnect = await measureDisconnect(bench);
      measurements.push(disconnect);
      // A placeholder worker never revokes: one timed-out repetition says so, no need to wait for more.
      if (invalidGrant.toRevokedMs === null || disconnect.toRevokedMs === null) break;
      progress('revocation-latency', `repetition ${repetition}: lost shred, then the sweep`);
      sweeps.push(await measureLostShred(bench));
    }
    return revocationResult(measurements, sweeps, bench.workspace.pollerStatus());
  } finally {
    spans.stop();
    await bench.stop();
  }
}

if (require.main === module) runFigureProcess(measureRevocationLatency);
