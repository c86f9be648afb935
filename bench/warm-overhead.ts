import * as fs from 'node:fs';
import { SEEDED_OPERATORS } from '../local/auth/seeded-operators';
import { connectStore } from '../test/integration/workspace/workspace-client';
import { WARM_OVERHEAD } from './config';
import { countAwsCalls, difference, type AwsCallCounts } from './support/aws-call-counter';
import { startBenchWorkspace, type BenchWorkspace } from './support/bench-workspace';
import { progress, row, runFigureProcess, type FigureResult, type Row } from './support/figure';
import { coveredMs, recordHttpSpans, type HttpSpanRecorder } from './support/http-spans';
import { mean, percentile, round } from './support/statistics';

/**
 * Figure 4 — warm overhead. What our code adds to an inventory and an orders view once the execution environment
 * is warm (handler modules loaded, access token cached), with the Amazon sandbox answering as fast as it can and
 * never throttling. Each view is the real handler invoked as the gateway invokes it; its time minus the time spent
 * inside HTTP exchanges with the sandbox is our overhead. The part spent in DynamoDB Local and the other local AWS
 * stand-ins is shown separately (their latency is not AWS's), and what is left is our own compute.
 *
 * Snapshot freshness is set to 0 so every view reads Amazon (an inventory view: every page; an orders view: the
 * changes since the last sync), as a view past its snapshot's freshness window does.
 */

type Dataset = 'inventory' | 'orders';

interface ViewSample {
  readonly dataset: Dataset;
  readonly handlerMs: number;
  readonly amazonMs: number;
  readonly localAwsMs: number;
  readonly amazonCalls: number;
  readonly lwaCalls: number;
  readonly aws: AwsCallCounts;
  readonly auditBytes: number;
  readonly logBytes: number;
}

const LUMEN = { sellingPartnerId: 'A2LUMENCRAFT7Q', region: 'NA', marketplaceId: 'ATVPDKIKX0DER' } as const;
const OPERATOR = SEEDED_OPERATORS.find((operator) => operator.handle === 'lin') ?? SEEDED_OPERATORS[1];

/**
 * Bytes the functions write to stdout/stderr while `counting` (CloudWatch Logs ingestion in AWS). The local
 * workspace pretty-prints Powertools JSON; lines that parse as JSON are counted in their compact form, as a
 * deployed function writes them.
 */
function countLogBytes(): { reset(): void; take(): number; counting: boolean } {
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

function targetsOf(bench: BenchWorkspace) {
  const portOf = (url: string) => new URL(url).port;
  const ports = new Map([
    [portOf(bench.sandbox.url), 'amazon'],
    [portOf(bench.workspace.endpoints.dynamodb), 'dynamodb'],
    [portOf(bench.workspace.endpoints.kms), 'kms'],
    [portOf(bench.workspace.endpoints.sqs), 'sqs'],
  ]);
  return (origin: string, path: string) => {
    const target = ports.get(new URL(origin).port) ?? 'other';
    return target === 'amazon' && path.startsWith('/auth/o2/token') ? 'lwa' : target;
  };
}

async function measureView(
  bench: BenchWorkspace,
  spans: HttpSpanRecorder,
  counter: ReturnType<typeof countAwsCalls>,
  logs: ReturnType<typeof countLogBytes>,
  dataset: Dataset,
): Promise<ViewSample> {
  const awsBefore = counter.snapshot();
  const auditBefore = fs.existsSync(bench.auditFile) ? fs.statSync(bench.auditFile).size : 0;
  logs.reset();
  logs.counting = true;
  const result = await bench.invoke(dataset === 'inventory' ? 'GetInventory' : 'GetOrders', {
    operatorId: OPERATOR?.id ?? '',
    pathParameters: { storeId: `${LUMEN.sellingPartnerId}-${LUMEN.region}` },
    query:
      dataset === 'inventory'
        ? { marketplaceId: LUMEN.marketplaceId, reason: 'inventory-replenishment' }
        : { marketplaceId: LUMEN.marketplaceId, days: '30', reason: 'order-fulfillment-monitoring' },
  });
  logs.counting = false;
  if (result.statusCode !== 200)
    throw new Error(`${dataset} view answered ${result.statusCode}: ${JSON.stringify(result.body)}`);
  const during = spans.since(result.startMs).filter((span) => span.startMs <= result.endMs);
  const of = (...targets: string[]) => during.filter((span) => targets.includes(span.target));
  return {
    dataset,
    handlerMs: result.endMs - result.startMs,
    amazonMs: coveredMs(of('amazon', 'lwa'), result.startMs, result.endMs),
    localAwsMs: coveredMs(of('dynamodb', 'kms', 'sqs'), result.startMs, result.endMs),
    amazonCalls: of('amazon').length,
    lwaCalls: of('lwa').length,
    aws: difference(awsBefore, counter.snapshot()),
    auditBytes: (fs.existsSync(bench.auditFile) ? fs.statSync(bench.auditFile).size : 0) - auditBefore,
    logBytes: logs.take(),
  };
}

export async function measureWarmOverhead(): Promise<FigureResult> {
  const logs = countLogBytes();
  const bench = await startBenchWorkspace({
    rateScale: WARM_OVERHEAD.rateScale,
    settings: {
      MINT_HUB_INVENTORY_SNAPSHOT_SECONDS: '0',
      MINT_HUB_ORDERS_SNAPSHOT_SECONDS: '0',
      // The stack's level (lib/mint-hub-function.ts).
      POWERTOOLS_LOG_LEVEL: 'INFO',
    },
  });
  const spans = recordHttpSpans(targetsOf(bench));
  try {
    const counter = countAwsCalls();
    progress('warm-overhead', 'connecting a store through the OAuth flow');
    await connectStore(bench.workspace, OPERATOR?.handle ?? 'lin', LUMEN.sellingPartnerId, LUMEN.region);
    progress('warm-overhead', `warming up, then ${WARM_OVERHEAD.samples} views per dataset`);
    for (let index = 0; index < WARM_OVERHEAD.warmupViews; index++) {
      for (const dataset of ['inventory', 'orders'] as const)
        await measureView(bench, spans, counter, logs, dataset);
    }
    spans.clear();
    const samples: ViewSample[] = [];
    for (let index = 0; index < WARM_OVERHEAD.samples; index++) {
      for (const dataset of ['inventory', 'orders'] as const) {
        samples.push(await measureView(bench, spans, counter, logs, dataset));
        spans.clear();
      }
    }
    return warmOverheadResult(samples);
  } finally {
    spans.stop();
    await bench.stop();
  }
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

function perViewCounts(samples: readonly ViewSample[]): PerViewCounts {
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
    amazonCalls: average(samples.map((sample) => sample.amazonCalls)),
    dynamoDbReadUnits: average(samples.map((sample) => sample.aws.dynamoDbReadUnits)),
    dynamoDbWriteUnits: average(samples.map((sample) => sample.aws.dynamoDbWriteUnits)),
    kmsCalls: average(samples.map(callsOf('kms:'))),
    sqsCalls: average(samples.map(callsOf('sqs:'))),
    auditBytes: average(samples.map((sample) => sample.auditBytes)),
    logBytes: average(samples.map((sample) => sample.logBytes)),
    awsCalls: Object.fromEntries(Object.entries(awsCalls).map(([name, count]) => [name, round(count, 2)])),
  };
}

function warmOverheadResult(samples: readonly ViewSample[]): FigureResult {
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const budget = { max: 9.99, text: 'single-digit milliseconds' };
  for (const dataset of ['inventory', 'orders'] as const) {
    const views = samples.filter((sample) => sample.dataset === dataset);
    const overhead = views.map((sample) => sample.handlerMs - sample.amazonMs);
    const compute = views.map((sample) => sample.handlerMs - sample.amazonMs - sample.localAwsMs);
    const counts = perViewCounts(views);
    const p = (values: number[], q: number) => {
      const value = percentile(values, q);
      return value === undefined ? null : round(value, 2);
    };
    const context = `handler p50 ${p(
      views.map((sample) => sample.handlerMs),
      50,
    )} ms, of which Amazon ${p(
      views.map((sample) => sample.amazonMs),
      50,
    )} ms over ${round(counts.amazonCalls, 1)} SP-API calls; ${round(counts.dynamoDbReadUnits, 1)} RRU + ${round(counts.dynamoDbWriteUnits, 1)} WRU, ${round(counts.kmsCalls, 2)} KMS and ${round(
      views.reduce((total, sample) => total + sample.lwaCalls, 0) / views.length,
      2,
    )} LWA calls per view`;
    rows.push(
      row({
        name: `${dataset} view: our overhead p50`,
        value: p(overhead, 50),
        unit: 'ms',
        budget,
        note: context,
      }),
      row({ name: `${dataset} view: our overhead p99`, value: p(overhead, 99), unit: 'ms', budget }),
      row({
        name: `${dataset} view: of which DynamoDB Local / local AWS p50`,
        value: p(
          views.map((sample) => sample.localAwsMs),
          50,
        ),
        unit: 'ms',
      }),
      row({ name: `${dataset} view: our compute only p50`, value: p(compute, 50), unit: 'ms' }),
      row({ name: `${dataset} view: our compute only p99`, value: p(compute, 99), unit: 'ms' }),
    );
    details[dataset] = {
      samples: views.length,
      handlerMs: {
        p50: p(
          views.map((sample) => sample.handlerMs),
          50,
        ),
        p99: p(
          views.map((sample) => sample.handlerMs),
          99,
        ),
      },
      amazonMs: {
        p50: p(
          views.map((sample) => sample.amazonMs),
          50,
        ),
        p99: p(
          views.map((sample) => sample.amazonMs),
          99,
        ),
      },
      overheadMs: { p50: p(overhead, 50), p99: p(overhead, 99) },
      localAwsMs: {
        p50: p(
          views.map((sample) => sample.localAwsMs),
          50,
        ),
        p99: p(
          views.map((sample) => sample.localAwsMs),
          99,
        ),
      },
      computeMs: { p50: p(compute, 50), p99: p(compute, 99) },
      perView: counts,
    };
  }
  return {
    id: 'warm-overhead',
    title: 'Warm overhead — what our code adds to a view, Amazon excluded (sandbox answering instantly)',
    rows,
    notes: [
      `${WARM_OVERHEAD.samples} views per dataset after ${WARM_OVERHEAD.warmupViews} warm-up views, alternating, of the largest seeded store (Lumen Craft, US: ~380 SKUs, ~8 inventory pages; orders: the changes since the last sync), each the real handler invoked as the local gateway invokes it.`,
      "Overhead = handler time − time inside HTTP exchanges with the sandbox (diagnostics channels, union of intervals). It includes DynamoDB Local, whose latency is not DynamoDB's (local/emulators README); 'compute only' leaves it out too.",
      'The per-view counts in the note (capacity units, KMS, LWA) feed the cost model.',
    ],
    details,
  };
}

if (require.main === module) runFigureProcess(measureWarmOverhead);
