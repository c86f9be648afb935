import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './powertools';

/**
 * Every handler's Powertools, the way its examples wire them: the Lambda context in every log line (and keys
 * appended during an invocation cleared after it), metrics flushed once at the end with a cold-start metric, and
 * the invocation traced. HTTP, SQS and scheduled handlers all go through here, so no handler repeats it.
 */
export function instrumented<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  // Middy's own early timeout is off: every handler keeps its own deadline and answers before the timeout.
  return middy<E, R>({ timeoutEarlyInMillis: 0 })
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(handler);
}
