import { randomUUID } from 'node:crypto';
import { SpApiError } from '../amazon/amazon-errors';
import { AmazonUnavailable, Throttled } from '../errors';
import { withAttemptBudget, type AttemptBudget } from './attempt-budget';
import { pagesAllowedWithin } from './pagination-guard';
import type { SharedPacing } from './shared-pacing';
import { TokenBucket, USAGE_PLANS, type PacedOperation } from './token-bucket';

/**
 * Epoch ms by which the caller must stop calling Amazon: a number, or a function when the deadline can move
 * (a fetch shared by several requests lasts as long as the latest of them).
 */
export type Deadline = number | (() => number);

export const resolveDeadline = (deadline: Deadline): number =>
  typeof deadline === 'function' ? deadline() : deadline;

export interface PacingOptions {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** 429s retried per call before giving up. @default 3 */
  readonly maxThrottleRetries?: number;
  /** 5xx / network failures retried per call. @default 2 */
  readonly maxUnavailableRetries?: number;
  /** No attempt starts with less time than this left before the deadline. @default 250 */
  readonly minAttemptMs?: number;
  /**
   * The bucket every execution environment shares (shared-pacing.ts). Without it pacing is per environment only,
   * as in unit tests and one-process tools.
   */
  readonly shared?: SharedPacing;
  /** Names this execution environment to the shared bucket. @default a random UUID per caller */
  readonly environmentId?: string;
}

export interface CallResult<T> {
  readonly value: T;
  /** The rate Amazon announced in `x-amzn-RateLimit-Limit`, when it sent one. */
  readonly rateLimit: number | undefined;
}

/**
 * Paces SP-API calls per (store, operation) with token buckets kept for the life of the execution environment,
 * checked against the bucket every environment shares when one is given (shared-pacing.ts), and retries within bounds: a 429 backs off with jitter, a 5xx, network failure, timeout or malformed answer is
 * retried a few times. The deadline is checked before every wait and every attempt, and each attempt is capped by
 * it (its budget is visible to the HTTP layer, and the attempt is abandoned when it runs out), so the caller gets
 * a clear Throttled/AmazonUnavailable with a Retry-After in time instead of a hung function. Nothing here
 * retries forever.
 */
export class PacedCaller {
  private readonly buckets = new Map<string, TokenBucket>();

  private readonly environmentId: string;

  constructor(private readonly options: PacingOptions) {
    this.environmentId = options.environmentId ?? randomUUID();
  }

  bucket(storeId: string, operation: PacedOperation): TokenBucket {
    const key = `${storeId}|${operation}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      const plan = USAGE_PLANS[operation];
      bucket = new TokenBucket(plan.rate, plan.burst, this.options.now());
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /**
   * For a listing starting now: how many pages the bucket can grant before the deadline (less the shortest
   * attempt), read each time it is asked so a moving deadline or an announced rate is followed.
   */
  pageLimit(storeId: string, operation: PacedOperation, deadline: Deadline): () => number {
    const bucket = this.bucket(storeId, operation);
    const startMs = this.options.now();
    const tokens = bucket.available(startMs);
    const minAttempt = this.options.minAttemptMs ?? 250;
    return () =>
      pagesAllowedWithin(
        { tokens, rate: bucket.ratePerSecond },
        startMs,
        resolveDeadline(deadline) - minAttempt,
      );
  }

  async call<T>(
    storeId: string,
    operation: PacedOperation,
    deadline: Deadline,
    request: (budget: AttemptBudget) => Promise<CallResult<T>>,
  ): Promise<T> {
    const deadlineMs = () => resolveDeadline(deadline);
    const now = () => this.options.now();
    const bucket = this.bucket(storeId, operation);
    const maxThrottle = this.options.maxThrottleRetries ?? 3;
    const maxUnavailable = this.options.maxUnavailableRetries ?? 2;
    const minAttempt = this.options.minAttemptMs ?? 250;
    const shared = this.options.shared;
    let throttled = 0;
    let unavailable = 0;
    for (;;) {
      const wait = bucket.waitMs(now());
      if (now() + wait + minAttempt > deadlineMs()) throw new Throttled(Math.max(1, Math.ceil(wait / 1000)));
      if (wait > 0) {
        await this.options.sleep(wait);
        // Other callers may have woken first and taken the token this one waited for: ask the bucket again
        // (the check and the take below run without an await between them, so they cannot interleave).
        continue;
      }
      // Checked again right before the attempt: the deadline may have moved.
      const attemptDeadline = deadlineMs();
      if (attemptDeadline - now() < minAttempt) throw new AmazonUnavailable();
      if (shared !== undefined) {
        // This environment's bucket only knows its own calls: the shared one decides. Its answer becomes the
        // local view, so the wait above (and pageLimit) follow what every environment has spent.
        const plan = { rate: bucket.ratePerSecond, burst: bucket.burstSize };
        const taken = await shared.take(storeId, operation, plan, now(), this.environmentId);
        if (!taken.taken) {
          bucket.syncTokens(1 - (taken.waitMs / 1000) * bucket.ratePerSecond, now());
          continue;
        }
        bucket.syncTokens(taken.tokensLeft + 1, now());
      }
      bucket.take(now());
      try {
        const result = await this.attempt(operation, attemptDeadline, request);
        if (result.rateLimit !== undefined) bucket.adjustRate(result.rateLimit, now());
        return result.value;
      } catch (error) {
        if (!(error instanceof SpApiError)) throw error;
        if (error.kind === 'throttled') {
          bucket.drain(now());
          await shared?.drain(
            storeId,
            operation,
            { rate: bucket.ratePerSecond, burst: bucket.burstSize },
            now(),
            this.environmentId,
          );
          if (++throttled > maxThrottle)
            throw new Throttled(Math.max(1, Math.ceil(1 / bucket.ratePerSecond)));
          // Jitter on top of the bucket's own wait spreads concurrent callers apart.
          const backoff = this.options.random() * (1000 / bucket.ratePerSecond);
          if (now() + backoff + minAttempt > deadlineMs())
            throw new Throttled(Math.max(1, Math.ceil(backoff / 1000)));
          await this.options.sleep(backoff);
          continue;
        }
        if (error.kind === 'unavailable') {
          if (++unavailable > maxUnavailable) throw new AmazonUnavailable();
          const backoff = this.options.random() * 200 * 2 ** unavailable;
          if (now() + backoff + minAttempt > deadlineMs()) throw new AmazonUnavailable();
          await this.options.sleep(backoff);
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * One attempt, given up at the deadline whatever the request does: its budget aborts the HTTP call, and the
   * race makes sure the caller moves on even if something inside ignores the signal.
   */
  private async attempt<T>(
    operation: PacedOperation,
    deadlineMs: number,
    request: (budget: AttemptBudget) => Promise<CallResult<T>>,
  ): Promise<CallResult<T>> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outOfTime = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          controller.abort();
          reject(new SpApiError('unavailable', undefined, operation, undefined, 'timeout'));
        },
        Math.max(0, deadlineMs - this.options.now()),
      );
    });
    const budget: AttemptBudget = { deadlineMs, signal: controller.signal };
    try {
      return await Promise.race([withAttemptBudget(budget, async () => request(budget)), outOfTime]);
    } finally {
      clearTimeout(timer);
    }
  }
}
