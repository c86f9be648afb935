import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '../gateway/api-gateway-event';

/**
 * Runs a handler the way the Lambda runtime would, in this process: a realistic context (request id, function
 * name and ARN, log group, remaining time counting down from the function timeout), and the outcome Lambda
 * reports: a result, an error (the handler threw or rejected), or a timeout. JavaScript cannot be stopped from
 * outside, so a timed-out handler keeps running in the background; its late result is ignored, as Lambda would.
 */
/** Any handler: each declares its own event type (`never` here accepts them all). */
export type LambdaHandler = (event: never, context: Context) => unknown;

export type InvocationOutcome<TResult> =
  | { readonly kind: 'result'; readonly result: TResult }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' };

export interface InvocationOptions {
  readonly functionName: string;
  readonly timeoutMs: number;
  /** @default 512, the function construct's default */
  readonly memoryLimitMb?: number;
  readonly region?: string;
}

export const LOCAL_REGION = 'us-east-1';
/** The function construct's default timeout (lib/mint-hub-function.ts): what an API route's function gets. */
export const ROUTE_FUNCTION_TIMEOUT_MS = 10_000;

export async function invokeLambda<TResult>(
  handler: LambdaHandler,
  event: unknown,
  options: InvocationOptions,
): Promise<InvocationOutcome<TResult>> {
  const deadline = Date.now() + options.timeoutMs;
  const context = createLambdaContext(options, deadline);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationOutcome<TResult>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), options.timeoutMs);
    timer.unref(); // a stuck handler must not keep the process alive on its own
  });
  const run = (async (): Promise<InvocationOutcome<TResult>> => {
    try {
      const invoke = handler as (event: unknown, context: Context) => unknown;
      return { kind: 'result', result: (await invoke(event, context)) as TResult };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createLambdaContext(options: InvocationOptions, deadline: number): Context {
  const region = options.region ?? LOCAL_REGION;
  const { functionName } = options;
  const unsupported = () => {
    throw new Error('Callback-style context methods are not supported: return a promise from the handler');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: logStreamName(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** `2026/11/23/[$LATEST]0f1e2d…`, the shape of a Lambda log stream name. */
function logStreamName(): string {
  const now = new Date();
  const date = [
    now.getUTCFullYear(),
    String(now.getUTCMonth() + 1).padStart(2, '0'),
    String(now.getUTCDate()).padStart(2, '0'),
  ].join('/');
  return `${date}/[$LATEST]${randomBytes(16).toString('hex')}`;
}
