import type { SQSClient } from '@aws-sdk/client-sqs';
import { BACKGROUND_FUNCTIONS } from '../../shared/api/routes';
import { REVOCATION_SWEEP_DEFINITION } from '../../shared/revocation/revocation-sweep';
import { importHandlerModule, loadHandler, localFunctionName } from '../gateway/lambda-routes';
import { startScheduledJobs, type ScheduledJobs } from './scheduled-jobs';
import { startSqsPoller, type SqsPoller } from './sqs-poller';

// How the workspace runs the background functions, as AWS would: the event source mappings of the revocation, Ads
// report and client-secret queues (each worker module loads with its first batch), and EventBridge's schedule of
// the revocation sweep. Each registers its stop as soon as it runs.

/** Locally the sweep runs every 5 minutes (an hour in AWS): cheap here, and a drill sees it soon. */
const LOCAL_SWEEP_PERIOD_MS = 5 * 60_000;
const REVOCATION_WORKER = BACKGROUND_FUNCTIONS.find((definition) => definition.id === 'RevocationWorker');
const CLIENT_SECRET_WORKER = BACKGROUND_FUNCTIONS.find(
  (definition) => definition.id === 'ClientSecretRotationWorker',
);

interface Queue {
  readonly queueUrl: string;
  readonly queueArn: string;
}

export interface QueuePollers {
  readonly revocation: SqsPoller;
  readonly adsReports: SqsPoller;
  readonly clientSecret: SqsPoller;
}

/** The queues' event source mappings; call once the handlers' settings are in place. */
export function startQueuePollers(options: {
  readonly client: SQSClient;
  readonly revocationQueue: Queue;
  readonly adsReportQueue: Queue;
  readonly clientSecretQueue: Queue;
  readonly stops: Array<() => Promise<void> | void>;
  readonly log: (line: string) => void;
}): QueuePollers {
  const { client, stops, log } = options;
  // The revocation queue's event source mapping; the worker module loads with the first batch.
  if (REVOCATION_WORKER === undefined) throw new Error('RevocationWorker is missing from the manifest');
  const workerDefinition = REVOCATION_WORKER;
  let worker: ReturnType<typeof loadHandler> | undefined;
  const poller: SqsPoller = startSqsPoller({
    client,
    queueUrl: options.revocationQueue.queueUrl,
    queueArn: options.revocationQueue.queueArn,
    functionName: localFunctionName(workerDefinition.id),
    loadHandler: () => (worker ??= loadHandler(workerDefinition.handler, importHandlerModule)),
    log,
  });
  stops.push(() => poller.stop());
  // The Ads report pipeline's event source mapping (report polls ride on the queue's delays).
  const adsWorkerDefinition = BACKGROUND_FUNCTIONS.find((definition) => definition.id === 'AdsReportWorker');
  if (adsWorkerDefinition === undefined) throw new Error('AdsReportWorker is missing from the manifest');
  let adsWorker: ReturnType<typeof loadHandler> | undefined;
  const adsPoller: SqsPoller = startSqsPoller({
    client,
    queueUrl: options.adsReportQueue.queueUrl,
    queueArn: options.adsReportQueue.queueArn,
    functionName: localFunctionName(adsWorkerDefinition.id),
    loadHandler: () => (adsWorker ??= loadHandler(adsWorkerDefinition.handler, importHandlerModule)),
    timeoutMs: 60_000,
    batchSize: 5,
    log,
  });
  stops.push(() => adsPoller.stop());
  if (CLIENT_SECRET_WORKER === undefined)
    throw new Error('ClientSecretRotationWorker is missing from the manifest');
  const clientSecretWorkerDefinition = CLIENT_SECRET_WORKER;
  let clientSecretWorker: ReturnType<typeof loadHandler> | undefined;
  const clientSecretPoller: SqsPoller = startSqsPoller({
    client,
    queueUrl: options.clientSecretQueue.queueUrl,
    queueArn: options.clientSecretQueue.queueArn,
    functionName: localFunctionName(clientSecretWorkerDefinition.id),
    loadHandler: () =>
      (clientSecretWorker ??= loadHandler(clientSecretWorkerDefinition.handler, importHandlerModule)),
    log,
  });
  stops.push(() => clientSecretPoller.stop());
  return { revocation: poller, adsReports: adsPoller, clientSecret: clientSecretPoller };
}

/**
 * EventBridge's schedules, once handlers can load (the ESM hook): the revocation sweep at start (a stop may have
 * left a shred undone) and every LOCAL_SWEEP_PERIOD_MS after.
 */
export function startLocalSchedules(log: (line: string) => void): ScheduledJobs {
  const sweepDefinition = BACKGROUND_FUNCTIONS.find((definition) => definition.id === 'RevocationSweep');
  if (sweepDefinition === undefined) throw new Error('RevocationSweep is missing from the manifest');
  let sweep: ReturnType<typeof loadHandler> | undefined;
  return startScheduledJobs(
    [
      {
        id: sweepDefinition.id,
        functionName: localFunctionName(sweepDefinition.id),
        loadHandler: () =>
          (sweep ??= loadHandler(sweepDefinition.handler, importHandlerModule).catch((error: unknown) => {
            sweep = undefined; // a failed import is tried again on the next run
            throw error;
          })),
        periodMs: LOCAL_SWEEP_PERIOD_MS,
        timeoutMs: REVOCATION_SWEEP_DEFINITION.timeoutSeconds * 1000,
      },
    ],
    { log },
  );
}
