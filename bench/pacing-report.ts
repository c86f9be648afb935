import { USAGE_PLANS } from '../shared/pacing/token-bucket';
import { PACING, RATE_SCALE } from './config';
import { PEERS, type PeerName } from './support/peer-process';
import { row, type Comparison, type FigureResult, type Row } from './support/figure';
import { ratio, round } from './support/statistics';
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
  /** Where the machine's two cores went during the run (Linux /proc); at N=50 they are the limit. */
  readonly cpuSeconds: {
    sandbox?: number | undefined;
    ourProcess?: number | undefined;
    dynamoDbLocal?: number | undefined;
  };
  /** 1-minute load average when the run ended: other work on the machine shows here. */
  readonly loadAverage: number;
  /** Ours only: views opened, answers flagged incomplete with nothing left to read, seconds until each store was read. */
  readonly views?: number;
  readonly incompleteWithNothingPending?: number;
  /** Peers only: pages their clients had returned when the run ended. */
  readonly pagesRead?: number;
  readonly storeSeconds?: ReadonlyArray<{ store: string; inventorySeconds: number; ordersSeconds: number }>;
}

export type MeasuredRun = ClientRun & { minimumSeconds: number; capSeconds: number };

/**
 * How busy the machine was while our client ran. Our execution environments share this process's one event loop
 * (Lambda would give each its own CPU), so when it nears 100% the bench, not the usage plans, sets the pace; the
 * first store done (one that needed no pacing) shows the same.
 */
function machineLoad(run: MeasuredRun): string {
  const { ourProcess, sandbox, dynamoDbLocal } = run.cpuSeconds;
  const firstDone = Math.min(
    ...(run.storeSeconds ?? []).map((store) => Math.max(store.inventorySeconds, store.ordersSeconds)),
  );
  return [
    `our event loop ${round((100 * (ourProcess ?? 0)) / run.wallSeconds, 0)}% busy`,
    `sandbox ${sandbox ?? '?'} CPU-s`,
    `DynamoDB Local ${dynamoDbLocal ?? '?'} CPU-s`,
    `first store done at ${Number.isFinite(firstDone) ? round(firstDone, 1) : '?'} s`,
    `load ${round(run.loadAverage, 1)}`,
  ].join(', ');
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
              note: `${ours.finished ? `minimum ${round(ours.minimumSeconds, 2)} s` : (unfinished(ours) ?? 'unfinished')}; ${machineLoad(ours)}`,
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
      `N stores = ceil(N/4) apps registered in one sandbox × the four seeded sellers (buckets are per app, seller and operation). Ours: one execution environment per app (StoreDataService from shared/runtime/dependencies), the inventory and the ${PACING.orderDays}-day orders view of every store opened at once, a partial answer asked again after its Retry-After, as the dashboard does.`,
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
