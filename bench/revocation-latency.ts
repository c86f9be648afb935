import { SEEDED_OPERATORS } from '../local/auth/seeded-operators';
import { connectStore, tableItems } from '../test/integration/workspace/workspace-client';
import { REVOCATION_LATENCY, WARM_OVERHEAD } from './config';
import { startBenchWorkspace, type BenchWorkspace } from './support/bench-workspace';
import { progress, row, runFigureProcess, type FigureResult } from './support/figure';
import { recordHttpSpans, type HttpSpanRecorder } from './support/http-spans';
import { max, median, round } from './support/statistics';

/**
 * Figure 5 — revocation latency, through the real pipeline of the local workspace: the SQS emulator, the
 * workspace's queue poller (the event source mapping's stand-in) and the revocation worker.
 *
 * invalid_grant: the seller revokes the app in Seller Central ("Manage Your Apps"); Amazon sends nothing. The next
 * fetch that reaches Amazon meets a dead access token, re-mints, and LWA answers invalid_grant: that moment (the end
 * of that LWA exchange) is the signal. Measured: signal → that fetch refused, and signal → store REVOKED in the
 * table. Snapshot freshness is 0 here so the fetch after the revocation goes to Amazon at once.
 *
 * disconnect: the owner's DELETE /api/stores/{id}. Measured from the request: → store REVOKED, and → the first of
 * back-to-back fetches that is refused.
 *
 * A store never REVOKED within the time limit (e.g. while the worker is still a placeholder that leaves messages on
 * the queue) makes the figure "not measured".
 */

interface Measurement {
  readonly signal: 'invalid_grant' | 'disconnect';
  readonly toRevokedMs: number | null;
  readonly toRefusedMs: number | null;
  /** Fetches answered with data after the signal, before one was refused. */
  readonly fetchesServedAfterSignal: number;
  /** LWA and SP-API calls the sandbox counted for the seller after REVOKED (a fetch attempted then included). */
  readonly amazonCallsAfterRevoked: number | null;
}

const OWNER = SEEDED_OPERATORS.find((operator) => operator.handle === 'lin') ?? SEEDED_OPERATORS[1];
const INVALID_GRANT_STORE = {
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
} as const;
const DISCONNECT_STORE = {
  sellingPartnerId: 'A1HARBORPINE3K',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
} as const;
type BenchStore = typeof INVALID_GRANT_STORE | typeof DISCONNECT_STORE;

const storeIdOf = (store: BenchStore) => `${store.sellingPartnerId}-${store.region}`;
const REFUSED = new Set(['StoreNotActive', 'AuthorizationRevoked', 'AccessDenied']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchInventory(bench: BenchWorkspace, store: BenchStore) {
  const result = await bench.invoke('GetInventory', {
    operatorId: OWNER?.id ?? '',
    pathParameters: { storeId: storeIdOf(store) },
    query: { marketplaceId: store.marketplaceId, reason: 'seller-request' },
  });
  const code = (result.body['error'] as { code?: string } | undefined)?.code;
  return { ...result, refused: result.statusCode >= 400 && code !== undefined && REFUSED.has(code), code };
}

/** Polls the store's PROFILE item until it says REVOKED; answers when (performance.now()), or null at the limit. */
async function waitUntilRevoked(
  bench: BenchWorkspace,
  store: BenchStore,
  deadlineMs: number,
): Promise<number | null> {
  const table = tableItems(bench.workspace);
  while (performance.now() < deadlineMs) {
    const profile = (await table.store(storeIdOf(store))).find((item) => item['sk'] === 'PROFILE');
    if (profile?.['status'] === 'REVOKED') return performance.now();
    await sleep(REVOCATION_LATENCY.pollMilliseconds);
  }
  return null;
}

async function amazonCallsFor(bench: BenchWorkspace, store: BenchStore): Promise<number> {
  const seen = bench.sandbox.counters().sellers[`${store.sellingPartnerId}/${store.region}`];
  if (seen === undefined) return 0;
  return (
    Object.values(seen.lwa).reduce((a, b) => a + b, 0) + Object.values(seen.spapi).reduce((a, b) => a + b, 0)
  );
}

/** Connects (or re-authorizes) the store and warms its access token with one served fetch. */
async function readyStore(bench: BenchWorkspace, store: BenchStore): Promise<void> {
  await connectStore(bench.workspace, OWNER?.handle ?? 'lin', store.sellingPartnerId, store.region);
  const warm = await fetchInventory(bench, store);
  if (warm.statusCode !== 200)
    throw new Error(`warm-up fetch answered ${warm.statusCode} ${warm.code ?? ''}`);
}

/** After REVOKED: one more fetch, which must be refused without a call to Amazon. */
async function callsAfterRevoked(bench: BenchWorkspace, store: BenchStore): Promise<number> {
  const before = await amazonCallsFor(bench, store);
  await fetchInventory(bench, store);
  return (await amazonCallsFor(bench, store)) - before;
}

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
  const disconnected = await bench.invoke('DisconnectStore', {
    operatorId: OWNER?.id ?? '',
    pathParameters: { storeId: storeIdOf(store) },
  });
  if (disconnected.statusCode !== 202) throw new Error(`DELETE answered ${disconnected.statusCode}`);
  const signalAt = disconnected.startMs;
  const deadline = signalAt + REVOCATION_LATENCY.timeoutSeconds * 1000;
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
    toRefusedMs: refusedAt === null ? null : refusedAt - signalAt,
    fetchesServedAfterSignal: served,
    amazonCallsAfterRevoked: revokedAt === null ? null : await callsAfterRevoked(bench, store),
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
  try {
    for (let repetition = 1; repetition <= REVOCATION_LATENCY.repetitions; repetition++) {
      progress('revocation-latency', `repetition ${repetition}: invalid_grant, then disconnect`);
      const invalidGrant = await measureInvalidGrant(bench, spans);
      measurements.push(invalidGrant);
      const disconnect = await measureDisconnect(bench);
      measurements.push(disconnect);
      // A placeholder worker never revokes: one timed-out repetition says so, no need to wait for more.
      if (invalidGrant.toRevokedMs === null || disconnect.toRevokedMs === null) break;
    }
    return revocationResult(measurements, bench.workspace.pollerStatus());
  } finally {
    spans.stop();
    await bench.stop();
  }
}

function revocationResult(
  measurements: readonly Measurement[],
  poller: ReturnType<BenchWorkspace['workspace']['pollerStatus']>,
): FigureResult {
  const of = (signal: Measurement['signal']) =>
    measurements.filter((measurement) => measurement.signal === signal);
  const complete = (values: Array<number | null>) =>
    values.length > 0 && values.every((value) => value !== null) ? (values as number[]) : undefined;
  const stat = (values: Array<number | null>, pick: (numbers: number[]) => number | undefined) => {
    const numbers = complete(values);
    const value = numbers === undefined ? undefined : pick(numbers);
    return value === undefined ? null : round(value, 0);
  };
  const notRevoked =
    `not REVOKED within ${REVOCATION_LATENCY.timeoutSeconds} s: is the revocation worker still a placeholder? ` +
    `(poller: ${poller.messagesReceived} received, ${poller.messagesFailed} failed, ${poller.messagesDeleted} deleted)`;
  const rows = (['invalid_grant', 'disconnect'] as const).flatMap((signal) => {
    const runs = of(signal);
    const toRevoked = runs.map((run) => run.toRevokedMs);
    const toRefused = runs.map((run) => run.toRefusedMs);
    const afterRevoked = runs.map((run) => run.amazonCallsAfterRevoked);
    const from = signal === 'invalid_grant' ? 'LWA invalid_grant' : 'DELETE /api/stores/{id}';
    return [
      row({
        name: `${signal}: ${from} → store REVOKED (median)`,
        value: stat(toRevoked, median),
        unit: 'ms',
        note:
          complete(toRevoked) === undefined
            ? notRevoked
            : `max ${stat(toRevoked, max)} ms over ${runs.length} runs`,
      }),
      row({
        name: `${signal}: ${from} → first refused fetch (median)`,
        value: stat(toRefused, median),
        unit: 'ms',
        note:
          signal === 'disconnect'
            ? `fetches still served meanwhile: ${runs.map((run) => run.fetchesServedAfterSignal).join(', ')}`
            : 'the fetch that met invalid_grant is itself refused',
      }),
      row({
        name: `${signal}: Amazon calls after REVOKED`,
        value:
          complete(afterRevoked) === undefined ? null : (max(complete(afterRevoked) as number[]) ?? null),
        unit: 'calls',
        budget: { max: 0, text: 'a revoked store is never touched again' },
      }),
    ];
  });
  return {
    id: 'revocation-latency',
    title:
      'Revocation latency — signal to store REVOKED and to the first refused fetch (SQS emulator + worker)',
    rows,
    notes: [
      `${REVOCATION_LATENCY.repetitions} runs per signal on the local workspace: SQS emulator, the workspace's queue poller (long polls of 1 s, which the emulator only answers when the wait is over: up to ~1 s of the figure is that) and the revocation worker module; the table polled every ${REVOCATION_LATENCY.pollMilliseconds} ms.`,
      'In AWS the event source mapping long-polls too, but a long poll returns as soon as a message arrives.',
    ],
    details: { measurements, poller },
  };
}

if (require.main === module) runFigureProcess(measureRevocationLatency);
