import { USAGE_PLANS } from '../shared/pacing/token-bucket';
import { PACING, RATE_SCALE } from './config';
import { PEERS, type PeerName } from './support/peer-process';
import { row, type Comparison, type FigureResult, type Row } from './support/figure';
import type { PacedCallRecord } from './support/pacing-environment';
import { ratio, round, sum } from './support/statistics';
import { VIEW_DEADLINE_MS } from './support/store-views';
import { scaled, type PageCensus } from './pacing-scenario';

/**
 * What a run of figure 2 (pacing.ts) measured, and the figure made from the runs: per N, our wall time over the
 * theoretical minimum, the wall time, the 429s received and the failed reads, each beside the general clients';
 * the machine's load while ours ran; and the notes that say how it was measured.
 */

export type ClientName = 'ours' | PeerName;

export interface ClientRun {
  readonly client: ClientName;
  readonly stores: number;
  readonly finished: boolean;
  readonly wallSeconds: number;
  readonly throttled: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  readonly callsByOperation: Readonly<Record<string, number>>;
  readonly pagesNeeded: { readonly inventory: number; readonly orders: number };
  /** Where the machine's two cores went during the run (Linux /proc and process.cpuUsage). */
  readonly cpuSeconds: {
    sandbox?: number | undefined;
    dynamoDbLocal?: number | undefined;
    /** Ours: all our execution environments (one process each), and the busiest of them. */
    ourProcesses?: number | undefined;
    busiestOurProcess?: number | undefined;
    /** Ours: the bench process, which hosts the IAM-enforcing proxies, STS and KMS stand-ins our calls go through. */
    benchProcess?: number | undefined;
  };
  /** 1-minute load average when the run ended: other work on the machine shows here. */
  readonly loadAverage: number;
  /** Ours only: views opened, answers flagged incomplete with nothing left to read, seconds until each store was read. */
  readonly views?: number;
  readonly incompleteWithNothingPending?: number;
  /** Peers only: pages their clients had returned when the run ended. */
  readonly pagesRead?: number;
  readonly storeSeconds?: ReadonlyArray<{ store: string; inventorySeconds: number; ordersSeconds: number }>;
  /** Ours only: each execution environment's process. */
  readonly environments?: readonly EnvironmentRecord[];
}

export interface EnvironmentRecord {
  readonly label: string;
  readonly stores: number;
  readonly finished: boolean;
  /** CPU of the process from the common start to its end, and before it (Node, tsx and imports starting). */
  readonly cpuSeconds: number;
  readonly startupCpuSeconds: number;
  /** How late after the common instant the process began its views (0: it was ready and waiting). */
  readonly lateStartMs: number;
  readonly endedSeconds: number;
}

/** One (store, operation) of our run, from the calls its environment recorded (times in s after the start). */
export interface OperationTimeline {
  /** Requests the sandbox admitted (429s not counted: they take no token). */
  readonly calls: number;
  readonly throttled: number;
  readonly firstSeconds: number;
  readonly lastEndSeconds: number;
  /** Time calls spent between being asked for and their first attempt: the pacing's waits. */
  readonly waitedSeconds: number;
  /**
   * When the last call could have gone at the earliest had the bucket been drained from the first call on:
   * first + (calls − burst) / rate. The last call went `lateSeconds` after that.
   */
  readonly lateSeconds: number;
}

export interface StoreTimeline {
  readonly store: string;
  readonly seller: string | undefined;
  readonly operations: Readonly<Record<string, OperationTimeline>>;
  /** Paced calls that gave up (Throttled with a Retry-After, or out of the view's time), by outcome. */
  readonly gaveUp: Readonly<Record<string, number>>;
}

/** The stores' timelines, and the least time the plans allow for the calls ours actually made. */
export function storeTimelines(
  calls: readonly (PacedCallRecord & { environment: string })[],
  sellerOf: (storeId: string) => string | undefined,
  census: Map<string, PageCensus>,
): { storeTimelines: StoreTimeline[]; callsMinimumSeconds: number; extraCalls: Record<string, number> } {
  const byStore = new Map<string, Array<PacedCallRecord & { environment: string }>>();
  for (const call of calls) {
    const key = `${call.environment} ${call.storeId}`;
    const ofStore = byStore.get(key) ?? [];
    ofStore.push(call);
    byStore.set(key, ofStore);
  }
  const timelines: StoreTimeline[] = [];
  let callsMinimumSeconds = 0;
  const extraCalls: Record<string, number> = {};
  for (const [store, storeCalls] of byStore) {
    const operations: Record<string, OperationTimeline> = {};
    const gaveUp: Record<string, number> = {};
    for (const operation of new Set(storeCalls.map((call) => call.operation))) {
      const ofOperation = storeCalls.filter((call) => call.operation === operation);
      const attempts = ofOperation.flatMap((call) => call.attempts);
      const admitted = attempts.filter((attempt) => attempt.outcome !== '429');
      const starts = admitted.map((attempt) => attempt.startMs);
      const plan = USAGE_PLANS[operation as keyof typeof USAGE_PLANS];
      const first = Math.min(...starts);
      const last = Math.max(...starts);
      const drainSeconds =
        plan === undefined ? 0 : Math.max(0, admitted.length - plan.burst) / scaled(plan).rate;
      callsMinimumSeconds = Math.max(callsMinimumSeconds, drainSeconds);
      operations[operation] = {
        calls: admitted.length,
        throttled: attempts.length - admitted.length,
        firstSeconds: round(first / 1000, 2),
        lastEndSeconds: round(Math.max(...admitted.map((attempt) => attempt.endMs)) / 1000, 2),
        waitedSeconds: round(
          sum(ofOperation.map((call) => (call.attempts[0]?.startMs ?? call.endMs) - call.askedMs)) / 1000,
          2,
        ),
        lateSeconds: admitted.length === 0 ? 0 : round((last - first) / 1000 - drainSeconds, 2),
      };
      for (const call of ofOperation)
        if (call.outcome !== 'ok') gaveUp[call.outcome] = (gaveUp[call.outcome] ?? 0) + 1;
    }
    const seller = sellerOf(storeCalls[0]?.storeId ?? '');
    const needed = seller === undefined ? undefined : census.get(seller);
    // Calls beyond the census's pages: what the product reads besides one listing of each (open orders, metrics…).
    const pagesOf = (operation: string, pages: number | undefined) => {
      const made = operations[operation]?.calls ?? 0;
      if (pages !== undefined && made !== pages)
        extraCalls[operation] = (extraCalls[operation] ?? 0) + made - pages;
    };
    pagesOf('getInventorySummaries', needed?.inventory);
    pagesOf('searchOrders', needed?.orders);
    timelines.push({ store, seller, operations, gaveUp });
  }
  return { storeTimelines: timelines, callsMinimumSeconds, extraCalls };
}

export type MeasuredRun = ClientRun & {
  minimumSeconds: number;
  capSeconds: number;
  /** Ours only: per-store timelines, and the least time the usage plans allow for the calls ours made. */
  storeTimelines?: readonly StoreTimeline[];
  callsMinimumSeconds?: number;
  /** Ours only: calls per operation beyond the census's pages (negative: fewer, e.g. another source was used). */
  extraCalls?: Readonly<Record<string, number>>;
};

/**
 * How busy the machine was while our client ran. Each of our execution environments is a process of its own, so
 * no event loop is shared; the busiest one's share of a core says whether one environment's CPU set its pace, and
 * the sum with the sandbox's, DynamoDB Local's and the bench process's (the IAM proxies and stand-ins every call goes
 * through) against the two cores whether the machine did. The first store done (one that needed no pacing) shows
 * the same.
 */
function machineLoad(run: MeasuredRun): string {
  const { ourProcesses, busiestOurProcess, benchProcess, sandbox, dynamoDbLocal } = run.cpuSeconds;
  const firstDone = Math.min(
    ...(run.storeSeconds ?? []).map((store) => Math.max(store.inventorySeconds, store.ordersSeconds)),
  );
  const environments = run.environments ?? [];
  const late = Math.max(0, ...environments.map((environment) => environment.lateStartMs));
  const percentOfCore = (seconds: number | undefined) => round((100 * (seconds ?? 0)) / run.wallSeconds, 0);
  return [
    `${environments.length} environment processes ${ourProcesses ?? '?'} CPU-s (busiest ${percentOfCore(busiestOurProcess)}% of a core)`,
    `bench process (IAM proxies, stand-ins) ${benchProcess ?? '?'} CPU-s`,
    `sandbox ${sandbox ?? '?'} CPU-s`,
    `DynamoDB Local ${dynamoDbLocal ?? '?'} CPU-s`,
    ...(late > 0 ? [`one environment began ${round(late / 1000, 2)} s late`] : []),
    `first store done at ${Number.isFinite(firstDone) ? round(firstDone, 1) : '?'} s`,
    `load ${round(run.loadAverage, 1)}`,
  ].join(', ');
}

/** What ours called besides the census's pages, and the least time the plans allow for the calls it made. */
function callsNote(run: MeasuredRun): string {
  if (run.callsMinimumSeconds === undefined) return '';
  const extra = Object.entries(run.extraCalls ?? {})
    .filter(([, calls]) => calls !== 0)
    .map(([operation, calls]) => `${calls > 0 ? '+' : ''}${calls} ${operation}`);
  return `; the calls ours made allow ${round(run.callsMinimumSeconds, 2)} s${extra.length === 0 ? '' : ` (${extra.join(', ')} against the census)`}`;
}

/**
 * Our orders answers flagged "incomplete" with nothing left to read: the view checks coverage from a window start
 * taken a few milliseconds before the one the sync reads from (two clock.now() calls in store-data-service.ts).
 * The bench asks again at once (the answer then comes from the snapshot); the dashboard would show the data as
 * still loading.
 */
function incompleteAnswersNote(runs: readonly MeasuredRun[]): string[] {
  const ours = runs.filter((run) => run.client === 'ours' && (run.incompleteWithNothingPending ?? 0) > 0);
  if (ours.length === 0) return [];
  const counts = ours
    .map((run) => `${run.incompleteWithNothingPending} of ${run.stores} at N=${run.stores}`)
    .join(', ');
  return [
    `Our first orders answer said "incomplete" with nothing pending and no Retry-After for ${counts} stores, although every page had been read (the view's window start and the sync's are two clock readings apart); the bench asked again at once and was served from the snapshot.`,
  ];
}

export function pacingResult(runs: readonly MeasuredRun[], census: Map<string, PageCensus>): FigureResult {
  const rows: Row[] = [];
  for (const storeCount of PACING.storeCounts) {
    const of = (client: ClientName) => runs.find((run) => run.client === client && run.stores === storeCount);
    const ours = of('ours');
    const multiple = (run: (ClientRun & { minimumSeconds: number }) | undefined) =>
      run !== undefined && run.finished && run.minimumSeconds > 0
        ? run.wallSeconds / run.minimumSeconds
        : null;
    const unfinished = (run: (ClientRun & { capSeconds: number }) | undefined) =>
      run === undefined || run.finished
        ? undefined
        : `unfinished at the ${round(run.capSeconds, 0)} s cap${
            run.pagesRead === undefined
              ? ''
              : ` (${run.pagesRead} of ${run.pagesNeeded.inventory + run.pagesNeeded.orders} pages read)`
          }${run.failures > 0 ? `; ${run.errorSamples.join(' | ')}` : ''}`;
    const compare = (value: (run: ReturnType<typeof of>) => number | null, withNote = false): Comparison[] =>
      PEERS.map((peer) => {
        const run = of(peer);
        const theirs = value(run);
        const note = withNote ? unfinished(run) : undefined;
        const r = ratio(value(ours), theirs);
        return {
          against: peer,
          value: theirs === null ? null : round(theirs, 2),
          ratio: r === null ? null : round(r, 2),
          ...(note === undefined ? {} : { note }),
        };
      });
    const label = `N=${storeCount}`;
    rows.push(
      row({
        name: `${label}: wall time / theoretical minimum`,
        value: multiple(ours) === null ? null : round(multiple(ours) as number, 3),
        unit: '×',
        budget: { max: 1.1, text: 'within 1.1× of what the usage plans allow' },
        comparisons: compare(multiple, true),
        ...(ours === undefined
          ? { note: 'not run' }
          : {
              note: `${ours.finished ? `minimum ${round(ours.minimumSeconds, 2)} s` : (unfinished(ours) ?? 'unfinished')}${callsNote(ours)}; ${machineLoad(ours)}`,
            }),
      }),
      row({
        name: `${label}: wall time`,
        value: ours?.finished ? round(ours.wallSeconds, 2) : null,
        unit: 's',
        comparisons: compare((run) => (run?.finished ? run.wallSeconds : null), true),
      }),
      row({
        name: `${label}: 429s received`,
        value: ours === undefined ? null : ours.throttled,
        unit: '429s',
        comparisons: compare((run) => (run === undefined ? null : run.throttled)),
      }),
      row({
        name: `${label}: failed reads (429 or error left unhandled)`,
        value: ours === undefined ? null : ours.failures,
        unit: 'stores',
        budget: { max: 0, text: 'no 429 left unhandled' },
        comparisons: compare((run) => (run === undefined ? null : run.failures)),
      }),
    );
  }
  const inventoryPlan = scaled(USAGE_PLANS.getInventorySummaries);
  const ordersPlan = scaled(USAGE_PLANS.searchOrders);
  return {
    id: 'pacing',
    title: `Pacing — all inventory pages and ${PACING.orderDays} days of orders for N stores at once (rateScale ${RATE_SCALE})`,
    rows,
    notes: [
      `Usage plans ×${RATE_SCALE} (rate only, burst unchanged, announced in x-amzn-RateLimit-Limit): getInventorySummaries ${inventoryPlan.rate} rps burst ${inventoryPlan.burst}; searchOrders ${round(ordersPlan.rate, 2)} rps burst ${ordersPlan.burst}.`,
      `Pages per store (main marketplace): ${[...census.entries()].map(([id, pages]) => `${id} ${pages.inventory} inventory + ${pages.orders} orders`).join('; ')}. Minimum = max over stores and operations of (P − B) / r.`,
      `N stores = ceil(N/4) apps registered in one sandbox × the four seeded sellers (buckets are per app, seller and operation). Ours: one execution environment per app (StoreDataService from shared/runtime/dependencies, shared pacing on the app's table), each a Node process of its own (support/pacing-environment.ts), all begun at one instant the wall time is measured from; the inventory and the ${PACING.orderDays}-day orders view of every store opened at once, a partial answer asked again after its Retry-After, as the dashboard does.`,
      `Peers: one client per store, both datasets read at once, default retries (amazon-sp-api: its restore_rate, 180 s for searchOrders and 0.5 s for inventory, forever; @sp-api-sdk with the README's rateLimiting.retry: 3 retries after 1000/rate + 1500 ms from its documented plans). Each run stops at max(${PACING.minimumCapSeconds} s, ${PACING.capMultiple}× minimum).`,
      'A 429 counts when the sandbox answered one; "failed reads" are stores whose read ended in an error.',
      ...incompleteAnswersNote(runs),
    ],
    details: {
      viewDeadlineMs: VIEW_DEADLINE_MS,
      census: Object.fromEntries(census),
      runs,
    },
  };
}
