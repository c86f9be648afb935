import * as fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { SEEDED_OPERATORS } from '../../local/auth/seeded-operators';
import type { AwsCallCounts, countAwsCalls } from './aws-call-counter';
import type { BenchWorkspace } from './bench-workspace';
import { row, type Budget, type Row } from './figure';
import { coveredMs, type HttpSpan, type HttpSpanRecorder } from './http-spans';
import { withinInvocation } from './invocation-context';
import { mean, percentile, round } from './statistics';

/**
 * What figures 4 (warm overhead, views served from stored data) and 4b (refresh overhead, views that read Amazon)
 * share: one view invoked as the gateway invokes it and what it cost — handler time, the time inside its own HTTP
 * exchanges with the sandbox and with the local AWS stand-ins, its AWS calls and capacity units, its audit and log
 * bytes — and the rows made from many of them.
 *
 * Attribution: each view runs inside `withinInvocation(label)`; an HTTP span or an AWS call counts for the view
 * only when it was started in that async context. The workspace's queue pollers long-poll the SQS emulator in this
 * process and the Ads report worker runs from them; their requests overlap views in time but carry no label, so
 * they never count as the view's. Any Amazon (SP-API, LWA, Ads) exchange overlapping a view, whoever made it, is
 * recorded apart (`foreignAmazonCalls`) so a figure can refuse a sample taken while Amazon was being called.
 */

/** The three store views, and the overview across the operator's stores (stored data only, by its route). */
export type Dataset = 'inventory' | 'orders' | 'ads' | 'overview';

export const LUMEN = {
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
} as const;
export const LUMEN_STORE_ID = `${LUMEN.sellingPartnerId}-${LUMEN.region}`;
export const OPERATOR = SEEDED_OPERATORS.find((operator) => operator.handle === 'lin') ?? SEEDED_OPERATORS[1];

const ROUTE_OF: Record<Dataset, 'GetInventory' | 'GetOrders' | 'GetAds' | 'GetOverview'> = {
  inventory: 'GetInventory',
  orders: 'GetOrders',
  ads: 'GetAds',
  overview: 'GetOverview',
};

const QUERY_OF: Record<Dataset, Record<string, string>> = {
  inventory: { marketplaceId: LUMEN.marketplaceId, reason: 'inventory-replenishment' },
  orders: { marketplaceId: LUMEN.marketplaceId, days: '30', reason: 'order-fulfillment-monitoring' },
  ads: { marketplaceId: LUMEN.marketplaceId, days: '30', reason: 'ad-budget-review' },
  overview: { reason: 'order-fulfillment-monitoring' },
};

/** Span targets that are Amazon: SP-API, its LWA, and the Amazon Ads API with its own LWA and consent. */
const AMAZON_TARGETS = ['amazon', 'lwa', 'ads'];
/** Span targets that are the local AWS stand-ins (DynamoDB Local and the KMS stand-in behind their IAM proxies). */
const LOCAL_AWS_TARGETS = ['dynamodb', 'kms', 'sqs', 'sts'];

export interface ViewSample {
  readonly dataset: Dataset;
  readonly statusCode: number;
  readonly body: Record<string, unknown>;
  readonly handlerMs: number;
  readonly amazonMs: number;
  readonly localAwsMs: number;
  readonly amazonCalls: number;
  readonly lwaCalls: number;
  readonly adsApiCalls: number;
  /** Amazon exchanges overlapping the view that it did not make (the Ads report worker, a refresh elsewhere). */
  readonly foreignAmazonCalls: number;
  /** The view's own exchanges with the local AWS stand-ins. */
  readonly localAwsCalls: number;
  /** Local AWS exchanges overlapping the view that were not its own (queue pollers' long polls…), left out. */
  readonly foreignLocalAwsCalls: number;
  readonly aws: AwsCallCounts;
  readonly auditBytes: number;
  readonly logBytes: number;
  /** CPU time (user + system) of this whole process during the view: ours, and the in-process stand-ins'. */
  readonly processCpuMs: number;
  /** Garbage-collection pauses of this process overlapping the view. */
  readonly gcMs: number;
}

/**
 * Garbage-collection pauses of this process, for telling a slow sample's cause: a pause of ours (GC), or the
 * machine (wall time with little CPU: other processes on its two cores). Started once per process.
 */
const gcPauses: Array<{ startMs: number; endMs: number }> = [];
let gcObserver: PerformanceObserver | undefined;
function observeGc(): void {
  if (gcObserver !== undefined) return;
  gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gcPauses.push({ startMs: entry.startTime, endMs: entry.startTime + entry.duration });
    // Only the last few hundred matter (each view looks at its own window).
    if (gcPauses.length > 1000) gcPauses.splice(0, gcPauses.length - 1000);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}

export interface LogByteCounter {
  reset(): void;
  take(): number;
  counting: boolean;
}

/**
 * Bytes the functions write to stdout/stderr while `counting` (CloudWatch Logs ingestion in AWS). The local
 * workspace pretty-prints Powertools JSON; lines that parse as JSON are counted in their compact form, as a
 * deployed function writes them.
 */
export function countLogBytes(): LogByteCounter {
  let bytes = 0;
  const state = { counting: false, reset: () => (bytes = 0), take: () => bytes };
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (state.counting) {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        try {
          bytes += JSON.stringify(JSON.parse(text)).length + 1;
        } catch {
          bytes += Buffer.byteLength(text);
        }
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  return state;
}

/** Labels an HTTP exchange by where it went: the sandbox (SP-API, LWA, Ads) or a local AWS stand-in. */
export function targetsOf(bench: BenchWorkspace): (origin: string, path: string) => string {
  const portOf = (url: string) => new URL(url).port;
  const ports = new Map([
    [portOf(bench.sandbox.url), 'amazon'],
    [portOf(bench.workspace.endpoints.dynamodb), 'dynamodb'],
    [portOf(bench.workspace.endpoints.kms), 'kms'],
    [portOf(bench.workspace.endpoints.sqs), 'sqs'],
    [portOf(bench.workspace.endpoints.sts), 'sts'],
  ]);
  return (origin: string, path: string) => {
    const target = ports.get(new URL(origin).port) ?? 'other';
    if (target !== 'amazon') return target;
    if (path.startsWith('/auth/o2/token')) return 'lwa';
    // The sandbox's Ads stand-in: API, report files, its LWA and consent (local/sandbox/ads/ads-sandbox-config.ts).
    if (/^\/(ads-api|ads-auth|ads-report-files)\//.test(path) || path.startsWith('/ap/oa')) return 'ads';
    return target;
  };
}

export interface ViewMeter {
  readonly bench: BenchWorkspace;
  readonly spans: HttpSpanRecorder;
  readonly counter: ReturnType<typeof countAwsCalls>;
  readonly logs: LogByteCounter;
}

const overlaps = (span: HttpSpan, fromMs: number, toMs: number) =>
  span.startMs <= toMs && (span.endMs ?? Number.POSITIVE_INFINITY) >= fromMs;

let invocationNumber = 0;

/**
 * One view, the real handler invoked as the local gateway invokes it, inside an invocation context of its own.
 * The spans that ended by the view's end are dropped after it, so each view's spans are looked at alone.
 */
export async function measureView(meter: ViewMeter, dataset: Dataset): Promise<ViewSample> {
  const { bench, spans, counter, logs } = meter;
  invocationNumber += 1;
  const label = `view-${invocationNumber}`;
  observeGc();
  const auditBefore = fs.existsSync(bench.auditFile) ? fs.statSync(bench.auditFile).size : 0;
  const cpuBefore = process.cpuUsage();
  logs.reset();
  logs.counting = true;
  const result = await withinInvocation(label, () =>
    bench.invoke(ROUTE_OF[dataset], {
      operatorId: OPERATOR?.id ?? '',
      // The overview's route has no path parameter: the gateway gives its handler none.
      ...(dataset === 'overview' ? {} : { pathParameters: { storeId: LUMEN_STORE_ID } }),
      query: QUERY_OF[dataset],
    }),
  );
  logs.counting = false;
  const cpu = process.cpuUsage(cpuBefore);
  const during = spans
    .since(Number.NEGATIVE_INFINITY)
    .filter((span) => overlaps(span, result.startMs, result.endMs));
  // Kept: what is still open (a queue poller's long poll), so the next view sees it overlapping too.
  spans.prune(result.endMs);
  const own = during.filter((span) => span.context === label);
  const foreign = during.filter((span) => span.context !== label);
  const of = (list: readonly HttpSpan[], targets: readonly string[]) =>
    list.filter((span) => targets.includes(span.target));
  return {
    dataset,
    statusCode: result.statusCode,
    body: result.body,
    handlerMs: result.endMs - result.startMs,
    amazonMs: coveredMs(of(own, AMAZON_TARGETS), result.startMs, result.endMs),
    localAwsMs: coveredMs(of(own, LOCAL_AWS_TARGETS), result.startMs, result.endMs),
    amazonCalls: of(own, ['amazon']).length,
    lwaCalls: of(own, ['lwa']).length,
    adsApiCalls: of(own, ['ads']).length,
    foreignAmazonCalls: of(foreign, AMAZON_TARGETS).length,
    localAwsCalls: of(own, LOCAL_AWS_TARGETS).length,
    foreignLocalAwsCalls: of(foreign, LOCAL_AWS_TARGETS).length,
    // Only the calls this view made (the counter asks the same async context); nothing else can be in it.
    aws: counter.snapshot(label),
    auditBytes: (fs.existsSync(bench.auditFile) ? fs.statSync(bench.auditFile).size : 0) - auditBefore,
    logBytes: logs.take(),
    processCpuMs: (cpu.user + cpu.system) / 1000,
    gcMs: coveredMs(
      gcPauses
        .filter((pause) => pause.endMs >= result.startMs && pause.startMs <= result.endMs)
        .map((pause) => ({ ...pause, target: 'gc', path: '', context: undefined, status: undefined })),
      result.startMs,
      result.endMs,
    ),
  };
}

export interface PerViewCounts {
  readonly handlerMsMean: number;
  readonly overheadMsMean: number;
  readonly amazonCalls: number;
  readonly dynamoDbReadUnits: number;
  readonly dynamoDbWriteUnits: number;
  readonly kmsCalls: number;
  readonly sqsCalls: number;
  readonly auditBytes: number;
  readonly logBytes: number;
  readonly awsCalls: Readonly<Record<string, number>>;
}

export function perViewCounts(samples: readonly ViewSample[]): PerViewCounts {
  const average = (values: number[]) => mean(values) ?? 0;
  const callsOf = (prefix: string) => (sample: ViewSample) =>
    Object.entries(sample.aws.calls)
      .filter(([name]) => name.startsWith(prefix))
      .reduce((total, [, count]) => total + count, 0);
  const awsCalls: Record<string, number> = {};
  for (const sample of samples)
    for (const [name, count] of Object.entries(sample.aws.calls))
      awsCalls[name] = (awsCalls[name] ?? 0) + count / samples.length;
  return {
    handlerMsMean: average(samples.map((sample) => sample.handlerMs)),
    overheadMsMean: average(samples.map((sample) => sample.handlerMs - sample.amazonMs)),
    amazonCalls: average(samples.map((sample) => sample.amazonCalls + sample.adsApiCalls)),
    dynamoDbReadUnits: average(samples.map((sample) => sample.aws.dynamoDbReadUnits)),
    dynamoDbWriteUnits: average(samples.map((sample) => sample.aws.dynamoDbWriteUnits)),
    kmsCalls: average(samples.map(callsOf('kms:'))),
    sqsCalls: average(samples.map(callsOf('sqs:'))),
    auditBytes: average(samples.map((sample) => sample.auditBytes)),
    logBytes: average(samples.map((sample) => sample.logBytes)),
    awsCalls: Object.fromEntries(Object.entries(awsCalls).map(([name, count]) => [name, round(count, 2)])),
  };
}

const p = (values: readonly number[], q: number) => {
  const value = percentile(values, q);
  return value === undefined ? null : round(value, 2);
};

const both = (values: readonly number[]) => ({ p50: p(values, 50), p99: p(values, 99) });

/** Budgets of one dataset's rows; a figure without budgets reports the same rows bare. */
export interface OverheadBudgets {
  readonly overheadP50: Budget;
  readonly overheadP99: Budget;
  readonly computeP50: Budget;
}

/** The rows and details of one dataset's views: overhead and compute p50/p99, the local AWS share, the counts. */
export function overheadRows(
  dataset: Dataset,
  views: readonly ViewSample[],
  budgets?: OverheadBudgets,
  label = `${dataset} view`,
): { rows: Row[]; details: Record<string, unknown> } {
  const overhead = views.map((sample) => sample.handlerMs - sample.amazonMs);
  const compute = views.map((sample) => sample.handlerMs - sample.amazonMs - sample.localAwsMs);
  const localAws = views.map((sample) => sample.localAwsMs);
  const handler = views.map((sample) => sample.handlerMs);
  const amazon = views.map((sample) => sample.amazonMs);
  const counts = perViewCounts(views);
  const perView = (pick: (sample: ViewSample) => number) =>
    round(views.reduce((total, sample) => total + pick(sample), 0) / Math.max(1, views.length), 2);
  const note = `${views.length} views; handler p50 ${p(handler, 50)} ms, of which Amazon ${p(amazon, 50)} ms over ${round(
    counts.amazonCalls,
    1,
  )} Amazon calls; ${round(counts.dynamoDbReadUnits, 1)} RRU + ${round(counts.dynamoDbWriteUnits, 1)} WRU, ${round(
    counts.kmsCalls,
    2,
  )} KMS, ${round(counts.sqsCalls, 2)} SQS and ${perView((sample) => sample.lwaCalls)} LWA calls, ${perView(
    (sample) => sample.localAwsCalls,
  )} local AWS exchanges (${perView((sample) => sample.foreignLocalAwsCalls)} others' overlapping, left out), ${round(
    counts.auditBytes,
    0,
  )} B audit + ${round(counts.logBytes, 0)} B log per view`;
  const rows = [
    row({
      name: `${label}: our overhead p50`,
      value: p(overhead, 50),
      unit: 'ms',
      ...(budgets === undefined ? {} : { budget: budgets.overheadP50 }),
      note,
    }),
    row({
      name: `${label}: our overhead p99`,
      value: p(overhead, 99),
      unit: 'ms',
      ...(budgets === undefined ? {} : { budget: budgets.overheadP99 }),
    }),
    row({
      name: `${label}: our compute only p50`,
      value: p(compute, 50),
      unit: 'ms',
      ...(budgets === undefined ? {} : { budget: budgets.computeP50 }),
    }),
    row({ name: `${label}: our compute only p99`, value: p(compute, 99), unit: 'ms' }),
    row({
      name: `${label}: of which DynamoDB Local / local AWS p50`,
      value: p(localAws, 50),
      unit: 'ms',
    }),
  ];
  return {
    rows,
    details: {
      samples: views.length,
      handlerMs: both(handler),
      amazonMs: both(amazon),
      overheadMs: both(overhead),
      localAwsMs: both(localAws),
      computeMs: both(compute),
      // The tail, for telling a slow path from a pause of the machine (other processes share its two cores).
      slowest: [...views]
        .sort((a, b) => b.handlerMs - b.amazonMs - (a.handlerMs - a.amazonMs))
        .slice(0, 5)
        .map((sample) => ({
          overheadMs: round(sample.handlerMs - sample.amazonMs, 1),
          localAwsMs: round(sample.localAwsMs, 1),
          processCpuMs: round(sample.processCpuMs, 1),
          gcMs: round(sample.gcMs, 1),
        })),
      gcMsPerView: round(
        views.reduce((total, sample) => total + sample.gcMs, 0) / Math.max(1, views.length),
        2,
      ),
      perView: counts,
    },
  };
}
