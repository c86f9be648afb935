import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SEEDED_OPERATORS } from '../local/auth/seeded-operators';
import {
  REVOCATION_SWEEP_DEFINITION,
  type RevocationSweepReport,
} from '../shared/revocation/revocation-sweep';
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
 */

interface Measurement {
  readonly signal: 'invalid_grant' | 'disconnect';
  readonly toRevokedMs: number | null;
  /** Signal → no TOKEN# item of the store left in the table (disconnect only). */
  readonly toCiphertextGoneMs?: number | null;
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
const LOST_SHRED_STORE = {
  sellingPartnerId: 'A3BRIGHTFIELD9E',
  region: 'EU',
  marketplaceId: 'A1PA6795UKMFR9',
} as const;
type BenchStore = typeof INVALID_GRANT_STORE | typeof DISCONNECT_STORE | typeof LOST_SHRED_STORE;

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

/** Polls the store's items until `done` holds; answers when (performance.now()), or null at the limit. */
async function waitUntilStore(
  bench: BenchWorkspace,
  store: BenchStore,
  deadlineMs: number,
  done: (items: Record<string, unknown>[]) => boolean,
): Promise<number | null> {
  const table = tableItems(bench.workspace);
  while (performance.now() < deadlineMs) {
    if (done(await table.store(storeIdOf(store)))) return performance.now();
    await sleep(REVOCATION_LATENCY.pollMilliseconds);
  }
  return null;
}

/** Until the store's PROFILE item says REVOKED. */
const waitUntilRevoked = (bench: BenchWorkspace, store: BenchStore, deadlineMs: number) =>
  waitUntilStore(bench, store, deadlineMs, (items) =>
    items.some((item) => item['sk'] === 'PROFILE' && item['status'] === 'REVOKED'),
  );

/** Until the store has no TOKEN# item left: its ciphertexts are gone. */
const waitUntilShredded = (bench: BenchWorkspace, store: BenchStore, deadlineMs: number) =>
  waitUntilStore(
    bench,
    store,
    deadlineMs,
    (items) => !items.some((item) => String(item['sk']).startsWith('TOKEN#')),
  );

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

interface SweepMeasurement {
  /** Lost state written → ciphertext gone, with the sweep run started at once. */
  readonly toSweptMs: number | null;
  /** The sweep run alone (the handler's invocation). */
  readonly runMs: number;
  readonly tableItems: number;
  readonly report: RevocationSweepReport | undefined;
}

/** The lost state: REVOKED in the profile, the ciphertext left, as a crash between the two writes leaves it. */
async function loseTheShred(bench: BenchWorkspace, store: BenchStore): Promise<void> {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: bench.workspace.endpoints.dynamodb,
  });
  try {
    const now = new Date().toISOString();
    await DynamoDBDocumentClient.from(client).send(
      new UpdateCommand({
        TableName: bench.workspace.tableName,
        Key: { pk: `STORE#${storeIdOf(store)}`, sk: 'PROFILE' },
        UpdateExpression:
          'SET #status = :revoked, revokedAt = :now, revokedReason = :reason, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':revoked': 'REVOKED', ':now': now, ':reason': 'disconnect' },
      }),
    );
  } finally {
    client.destroy();
  }
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

function revocationResult(
  measurements: readonly Measurement[],
  sweeps: readonly SweepMeasurement[],
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
      ...(signal === 'disconnect'
        ? [
            row({
              name: `${signal}: ${from} → token ciphertext gone (median)`,
              value: stat(
                runs.map((run) => run.toCiphertextGoneMs ?? null),
                median,
              ),
              unit: 'ms',
              note: 'crypto-shredded inside the request, before the 202',
            }),
          ]
        : []),
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
  const swept = sweeps.map((sweep) => sweep.toSweptMs);
  const periodSeconds = REVOCATION_SWEEP_DEFINITION.periodMinutes * 60;
  const worstRunSeconds =
    complete(swept) === undefined ? null : (max(complete(swept) as number[]) ?? 0) / 1000;
  rows.push(
    row({
      name: 'lost shred: REVOKED with ciphertext → ciphertext gone, one sweep run (median)',
      value: stat(swept, median),
      unit: 'ms',
      note:
        complete(swept) === undefined
          ? `the sweep did not remove the ciphertext within ${REVOCATION_LATENCY.timeoutSeconds} s`
          : `sweep run started at once; ${sweeps.map((s) => s.tableItems).join(', ')} table items; swept ${sweeps.map((s) => s.report?.storesSwept ?? '?').join(', ')}`,
    }),
    row({
      name: `lost shred → swept, worst case (sweep every ${REVOCATION_SWEEP_DEFINITION.periodMinutes} min in AWS)`,
      value: worstRunSeconds === null ? null : round((periodSeconds + worstRunSeconds) / 60, 2),
      unit: 'min',
      budget: {
        max: REVOCATION_SWEEP_DEFINITION.periodMinutes + REVOCATION_SWEEP_DEFINITION.timeoutSeconds / 60,
        text: 'one sweep period plus one run',
      },
      note: 'one period (the schedule, not measured) + the slowest measured run; locally the workspace sweeps at start and every 5 min',
    }),
  );
  return {
    id: 'revocation-latency',
    title:
      'Revocation latency — signal to store REVOKED, to ciphertext gone and to the first refused fetch; lost shred to swept',
    rows,
    notes: [
      `${REVOCATION_LATENCY.repetitions} runs per signal on the local workspace: SQS emulator, the workspace's queue poller (long polls of 1 s, which the emulator only answers when the wait is over: up to ~1 s of the figure is that) and the revocation worker module; the table polled every ${REVOCATION_LATENCY.pollMilliseconds} ms.`,
      'In AWS the event source mapping long-polls too, but a long poll returns as soon as a message arrives.',
      `Lost shred: the profile set to REVOKED through the table's low-level API with the ciphertext left; the workspace's schedule runs the revocation sweep at once (in AWS every ${REVOCATION_SWEEP_DEFINITION.periodMinutes} min by EventBridge, locally at start and every 5 min), and the table is polled until no TOKEN# item is left. Disconnect → ciphertext gone is watched from before the request: the shred is in it.`,
    ],
    details: { measurements, sweeps, poller },
  };
}

if (require.main === module) runFigureProcess(measureRevocationLatency);
