import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '../gateway/api-gateway-event';
import { invokeLambda, LOCAL_REGION, type LambdaHandler } from './lambda-invocation';

/**
 * A local Lambda event source mapping for one SQS queue: long-polls it, hands batches of up to ten messages to
 * the function as a real-shaped `SQSEvent`, and, with partial batch responses on (as the stack configures), deletes
 * every message not listed in `batchItemFailures`. Failed messages stay on the queue and come back after the
 * visibility timeout; the queue's redrive policy moves them to the DLQ after maxReceiveCount receives. A handler
 * that throws, times out, or answers with an unknown message id fails the whole batch, as Lambda does.
 * Message bodies are never logged: they can carry tokens and codes.
 */
export interface SqsPollerOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  readonly loadHandler: () => Promise<LambdaHandler>;
  /** @default 30 s, the worker's timeout in the stack */
  readonly timeoutMs?: number;
  /** @default 10, the stack's batch size */
  readonly batchSize?: number;
  /**
   * Long-poll wait of each receive, in seconds (0–20). Lambda waits 20 s; the SQS emulator answers a long poll
   * only when the wait is over, even if a message arrived meanwhile, so a short wait keeps delivery prompt.
   * @default 1
   */
  readonly waitTimeSeconds?: number;
  /** Longest pause between receives when the queue stays empty or unreachable. @default 5 s */
  readonly maxBackoffMs?: number;
  readonly log?: (line: string) => void;
}

export interface SqsPollerStatus {
  readonly running: boolean;
  readonly receives: number;
  readonly batches: number;
  readonly messagesReceived: number;
  readonly messagesDeleted: number;
  readonly messagesFailed: number;
  readonly lastReceiveAt: string | undefined;
}

export interface SqsPoller {
  status(): SqsPollerStatus;
  /** Stops after the batch in hand (if any) is finished; an idle long poll is cancelled. */
  stop(): Promise<void>;
}

const FIRST_BACKOFF_MS = 100;
const DEFAULT_WAIT_SECONDS = 1;

export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const log = options.log ?? (() => undefined);
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  const abort = new AbortController();
  let wakeUp: () => void = () => undefined;
  let backoffMs = 0;
  let lastError: string | undefined;
  const counts = {
    receives: 0,
    batches: 0,
    messagesReceived: 0,
    messagesDeleted: 0,
    messagesFailed: 0,
    lastReceiveAt: undefined as string | undefined,
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const backOff = async () => {
    backoffMs = Math.min(maxBackoffMs, backoffMs === 0 ? FIRST_BACKOFF_MS : backoffMs * 2);
    await pause(backoffMs);
  };

  async function receive(): Promise<Message[]> {
    const { Messages } = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.batchSize ?? 10,
        WaitTimeSeconds: options.waitTimeSeconds ?? DEFAULT_WAIT_SECONDS,
        // The emulator reports ApproximateReceiveCount only through the older AttributeNames parameter.
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );
    counts.receives += 1;
    counts.lastReceiveAt = new Date().toISOString();
    return Messages ?? [];
  }

  async function deliver(messages: Message[]): Promise<void> {
    const records = messages.map((message) => toSqsRecord(message, options.queueArn));
    const event: SQSEvent = { Records: records };
    counts.batches += 1;
    counts.messagesReceived += records.length;
    let failedIds: Set<string>;
    try {
      const handler = await options.loadHandler();
      const outcome = await invokeLambda<SQSBatchResponse | undefined>(handler, event, {
        functionName: options.functionName,
        timeoutMs: options.timeoutMs ?? 30_000,
      });
      failedIds = failedMessageIds(outcome, records, log, options.functionName);
    } catch (error) {
      log(
        `[sqs] ${options.functionName} failed to initialise: ${error instanceof Error ? error.message : 'unknown'}`,
      );
      failedIds = new Set(records.map((record) => record.messageId));
    }
    counts.messagesFailed += failedIds.size;
    const done = messages.filter(
      (message) => message.MessageId !== undefined && !failedIds.has(message.MessageId),
    );
    if (done.length === 0) return;
    const result = await options.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
    counts.messagesDeleted += result.Successful?.length ?? 0;
  }

  const loop = (async () => {
    while (!abort.signal.aborted) {
      let messages: Message[];
      const receiveStarted = Date.now();
      try {
        messages = await receive();
        lastError = undefined;
      } catch (error) {
        if (abort.signal.aborted) break;
        const message = error instanceof Error ? error.name : 'unknown error';
        if (message !== lastError)
          log(`[sqs] receiving from the revocation queue failed (${message}); retrying`);
        lastError = message;
        await backOff();
        continue;
      }
      if (messages.length === 0) {
        // A long poll that waited is pause enough; one that came back at once (no long polling) is backed off.
        const waitMs = (options.waitTimeSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
        if (waitMs === 0 || Date.now() - receiveStarted < waitMs / 2) await backOff();
        else backoffMs = 0;
        continue;
      }
      backoffMs = 0;
      try {
        await deliver(messages);
      } catch (error) {
        // Deleting failed: the messages come back after the visibility timeout, which is at-least-once anyway.
        log(`[sqs] completing a batch failed (${error instanceof Error ? error.name : 'unknown error'})`);
      }
    }
  })();

  return {
    status: () => ({ running: !abort.signal.aborted, ...counts }),
    async stop() {
      abort.abort();
      wakeUp();
      await loop;
    },
  };
}

/** Which messages to keep, from the function's outcome, following Lambda's partial batch response rules. */
function failedMessageIds(
  outcome: Awaited<ReturnType<typeof invokeLambda<SQSBatchResponse | undefined>>>,
  records: readonly SQSRecord[],
  log: (line: string) => void,
  functionName: string,
): Set<string> {
  const all = new Set(records.map((record) => record.messageId));
  if (outcome.kind === 'timeout') {
    log(`[sqs] ${functionName}: Task timed out; the batch stays on the queue`);
    return all;
  }
  if (outcome.kind === 'error') {
    const error = outcome.error;
    log(
      `[sqs] ${functionName}: unhandled ${error instanceof Error ? error.name : 'error'}; the batch stays on the queue`,
    );
    return all;
  }
  const failures = outcome.result?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return all;
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown })?.itemIdentifier;
    // An empty, missing or unknown identifier makes Lambda treat the whole batch as failed.
    if (typeof id !== 'string' || !all.has(id)) return all;
    failed.add(id);
  }
  return failed;
}

/** An `SQSRecord` as Lambda builds it from a received message. */
export function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(value.BinaryValue === undefined
        ? {}
        : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
    };
  }
  const region = queueArn.split(':')[3] || LOCAL_REGION;
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? LOCAL_ACCOUNT_ID,
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.AWSTraceHeader === undefined ? {} : { AWSTraceHeader: attributes.AWSTraceHeader }),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
