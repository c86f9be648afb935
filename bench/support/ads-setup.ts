import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BACKGROUND_FUNCTIONS } from '../../shared/api/routes';
import { ENV } from '../../shared/config/settings';
import { importHandlerModule, loadHandler } from '../../local/gateway/lambda-routes';
import { newBrowser, request, tokenFor } from '../../test/integration/workspace/workspace-client';
import type { BenchWorkspace } from './bench-workspace';
import type { AwsCallCounts } from './aws-call-counter';
import type { QueueWorkerMeter } from './queue-worker-meter';

/**
 * The Ads side of figure 4's setup, as test/integration/workspace/ads.test.ts drives it: the Amazon Ads consent
 * through the workspace (start, the sandbox's consent page, our callback), then the report pipeline the callback
 * queued, run by the workspace's own queue poller and the Ads report worker, until every report of the connect day
 * is stored and the queue is empty. The sandbox completes a report a minute after creation on its own clock; the
 * bench moves that clock past each report's completion instead of waiting for it.
 */

/** The Ads consent as the dashboard and the seller's browser do it; answers where our callback sent the browser. */
export async function connectAds(
  bench: BenchWorkspace,
  operatorHandle: string,
  storeId: string,
  account: string,
): Promise<URL> {
  const ws = bench.workspace;
  const token = await tokenFor(ws, operatorHandle);
  const browser = newBrowser();
  const started = await request(browser, `${ws.url}/api/stores/${storeId}/ads-authorization`, {
    method: 'POST',
    token,
  });
  if (started.status !== 200) throw new Error(`Ads consent start: ${started.status} ${await started.text()}`);
  const consent = new URL(((await started.json()) as { redirectUrl: string }).redirectUrl);
  const decided = await request(newBrowser(), `${consent.origin}${consent.pathname}`, {
    form: { ...Object.fromEntries(consent.searchParams), account, decision: 'allow' },
  });
  const back = decided.headers.get('location');
  if (decided.status !== 302 || back === null) throw new Error(`Ads consent: ${decided.status}`);
  const callback = await request(browser, back);
  const location = callback.headers.get('location');
  if (callback.status !== 302 || location === null) throw new Error(`Ads callback: ${callback.status}`);
  return new URL(location);
}

/**
 * The Ads report worker module loaded before the pipeline's first message, as a warm execution environment has
 * it: the module cache is the process's, so the poller's own import finds it loaded and the worker's measured time
 * holds no module initialisation (figure 3 measures that).
 */
export async function preloadAdsReportWorker(): Promise<void> {
  const worker = BACKGROUND_FUNCTIONS.find((definition) => definition.id === 'AdsReportWorker');
  if (worker === undefined) throw new Error('AdsReportWorker is missing from the manifest');
  await loadHandler(worker.handler, importHandlerModule);
}

export const adsReportQueueUrl = (): string => {
  const url = process.env[ENV.adsReportQueueUrl];
  if (url === undefined || url === '')
    throw new Error(`${ENV.adsReportQueueUrl} is not set by the workspace`);
  return url;
};

/** Messages waiting, delayed or in flight on the Ads report queue (a client of the bench's own, not counted). */
export async function adsQueueDepth(bench: BenchWorkspace): Promise<number> {
  const sqs = new SQSClient({
    endpoint: bench.workspace.endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { Attributes: counts = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: adsReportQueueUrl(), AttributeNames: ['All'] }),
    );
    return (
      Number(counts.ApproximateNumberOfMessages ?? 0) +
      Number(counts.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(counts.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  } finally {
    sqs.destroy();
  }
}

interface SandboxReport {
  readonly reportId: string;
  readonly readyAt: string;
}

/** The sandbox's Ads reports so far (its control surface), and whether each is complete on the sandbox clock. */
export async function sandboxAdsReports(
  bench: BenchWorkspace,
): Promise<{ reports: SandboxReport[]; pendingUntilMs: number | undefined }> {
  const response = await fetch(`${bench.sandbox.url}/__sandbox/ads/reports`);
  const { reports } = (await response.json()) as { reports: SandboxReport[] };
  const nowMs = bench.sandbox.clock.now().getTime();
  const pending = reports.map((report) => Date.parse(report.readyAt)).filter((readyAt) => readyAt > nowMs);
  return { reports, pendingUntilMs: pending.length === 0 ? undefined : Math.max(...pending) };
}

/** What the connect day's report pipeline cost: the worker's invocations and its AWS and Ads API calls. */
export interface AdsPipelineCounts {
  /** Report requests (`POST /reporting/reports`) the sandbox received. */
  readonly reportRequests: number;
  /** Every Ads API call of the pipeline (profiles, reports, report status, files, campaigns, budgets, LWA). */
  readonly adsApiCalls: Readonly<Record<string, number>>;
  readonly messages: number;
  readonly invocations: number;
  /** Sum of the worker's invocations, start to end (Lambda's billed duration). */
  readonly workerMs: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly kmsCalls: number;
  /**
   * SQS requests: the worker's own sends (next polls, delayed), plus one ReceiveMessage that brought each batch and
   * one DeleteMessageBatch after it (the event source mapping's requests, billed as SQS requests).
   */
  readonly sqsCalls: number;
  readonly awsCalls: Readonly<Record<string, number>>;
}

export function adsPipelineCounts(args: {
  aws: AwsCallCounts;
  invocations: ReturnType<QueueWorkerMeter['take']>;
  adsCountersBefore: Readonly<Record<string, number>>;
  adsCountersAfter: Readonly<Record<string, number>>;
}): AdsPipelineCounts {
  const adsApiCalls: Record<string, number> = {};
  for (const [name, count] of Object.entries(args.adsCountersAfter)) {
    const delta = count - (args.adsCountersBefore[name] ?? 0);
    if (delta !== 0) adsApiCalls[name] = delta;
  }
  const callsOf = (prefix: string) =>
    Object.entries(args.aws.calls)
      .filter(([name]) => name.startsWith(prefix))
      .reduce((total, [, count]) => total + count, 0);
  return {
    reportRequests: adsApiCalls['POST /reporting/reports'] ?? 0,
    adsApiCalls,
    messages: args.invocations.reduce((total, invocation) => total + invocation.messages, 0),
    invocations: args.invocations.length,
    workerMs: args.invocations.reduce(
      (total, invocation) => total + invocation.endMs - invocation.startMs,
      0,
    ),
    readUnits: args.aws.dynamoDbReadUnits,
    writeUnits: args.aws.dynamoDbWriteUnits,
    kmsCalls: callsOf('kms:'),
    sqsCalls: callsOf('sqs:') + 2 * args.invocations.length,
    awsCalls: args.aws.calls,
  };
}
