import type { Context } from 'aws-lambda';

/** Time kept back from the Lambda timeout to answer (429/503 with Retry-After) instead of timing out. */
const ANSWER_MARGIN_MS = 1500;

/** The epoch time by which a handler must stop calling Amazon to answer in time. */
export const answerDeadline = (context: Pick<Context, 'getRemainingTimeInMillis'>): number =>
  Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS;
