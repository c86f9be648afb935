import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The invocations of the function behind one queue's event source mapping in the local workspace, seen from the
 * SQS client the mapping polls with (local/runtime/sqs-poller.ts): an invocation starts when a ReceiveMessage of
 * that queue answers messages and ends at that client's next request for the queue (the DeleteMessageBatch of the
 * handled messages, or the next ReceiveMessage when all failed). The poller hands one batch at a time to the
 * function, so these are the function's invocations, start to end, as Lambda would bill them. Requests of other
 * clients for the queue (the function's own SendMessage of its next poll, a bench probe) neither open nor close one.
 *
 * Works by wrapping `SQSClient.prototype.send` of this process (every SQS client of the workspace is one of these);
 * requests pass unchanged. `stop()` puts the prototype back.
 */
export interface QueueWorkerInvocation {
  readonly startMs: number;
  readonly endMs: number;
  readonly messages: number;
}

export interface QueueWorkerMeter {
  /** True while a batch received from the queue is with its function. */
  busy(): boolean;
  /** Invocations that ended since the last `take()`. */
  take(): QueueWorkerInvocation[];
  stop(): void;
}

type Send = (
  this: SQSClient,
  command: { input?: unknown; constructor: { name: string } },
  ...rest: unknown[]
) => Promise<unknown>;

export function meterQueueWorker(queueUrl: string): QueueWorkerMeter {
  const prototype = SQSClient.prototype as unknown as { send: Send };
  const hadOwnSend = Object.prototype.hasOwnProperty.call(prototype, 'send');
  const original = prototype.send;
  const open = new Map<SQSClient, { startMs: number; messages: number }>();
  let ended: QueueWorkerInvocation[] = [];
  prototype.send = function send(this: SQSClient, command, ...rest) {
    const forQueue = (command.input as { QueueUrl?: string } | undefined)?.QueueUrl === queueUrl;
    const pending = forQueue ? open.get(this) : undefined;
    if (pending !== undefined) {
      open.delete(this);
      ended.push({ ...pending, endMs: performance.now() });
    }
    const sent = original.call(this, command, ...rest);
    if (!forQueue || command.constructor.name !== 'ReceiveMessageCommand') return sent;
    return sent.then((output) => {
      const messages = (output as { Messages?: unknown[] }).Messages?.length ?? 0;
      if (messages > 0) open.set(this, { startMs: performance.now(), messages });
      return output;
    });
  };
  return {
    busy: () => open.size > 0,
    take: () => {
      const taken = ended;
      ended = [];
      return taken;
    },
    stop: () => {
      if (hadOwnSend) prototype.send = original;
      else delete (prototype as { send?: Send }).send;
    },
  };
}
