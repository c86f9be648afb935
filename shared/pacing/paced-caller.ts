import { SpApiError } from '../amazon/amazon-errors';
import { AmazonUnavailable, Throttled } from '../errors';
import { TokenBucket, USAGE_PLANS, type PacedOperation } from './token-bucket';

export interface PacingOptions {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** 429s retried per call before giving up. @default 3 */
  readonly maxThrottleRetries?: number;
  /** 5xx / network failures retried per call. @default 2 */
  readonly maxUnavailableRetries?: number;
}

export interface CallResult<T> {
  readonly value: T;
  /** The rate Amazon announced in `x-amzn-RateLimit-Limit`, when it sent one. */
  readonly rateLimit: number | undefined;
}

/**
 * Paces SP-API calls per (store, operation) with token buckets kept for the life of the execution environment,
 * and retries within bounds: a 429 backs off with jitter, a 5xx or network failure is retried a few times, and
 * when the caller's deadline would pass first the caller gets a clear Throttled/AmazonUnavailable with a
 * Retry-After instead of a hung function. Nothing here retries forever.
 */
export class PacedCaller {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: PacingOptions) {}

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

  forget(storeId: string): void {
    for (const key of this.buckets.keys()) if (key.startsWith(`${storeId}|`)) this.buckets.delete(key);
  }

  async call<T>(
    storeId: string,
    operation: PacedOperation,
    deadlineMs: number,
    request: () => Promise<CallResult<T>>,
  ): Promise<T> {
    const bucket = this.bucket(storeId, operation);
    const maxThrottle = this.options.maxThrottleRetries ?? 3;
    const maxUnavailable = this.options.maxUnavailableRetries ?? 2;
    let throttled = 0;
    let unavailable = 0;
    for (;;) {
      const wait = bucket.waitMs(this.options.now());
      if (this.options.now() + wait > deadlineMs) throw new Throttled(Math.max(1, Math.ceil(wait / 1000)));
      if (wait > 0) await this.options.sleep(wait);
      bucket.take(this.options.now());
      try {
        const result = await request();
        if (result.rateLimit !== undefined) bucket.adjustRate(result.rateLimit, this.options.now());
        return result.value;
      } catch (error) {
        if (!(error instanceof SpApiError)) throw error;
        if (error.kind === 'throttled') {
          bucket.drain(this.options.now());
          if (++throttled > maxThrottle)
            throw new Throttled(Math.max(1, Math.ceil(1 / bucket.ratePerSecond)));
          // Jitter on top of the bucket's own wait spreads concurrent callers apart.
          const backoff = this.options.random() * (1000 / bucket.ratePerSecond);
          if (this.options.now() + backoff > deadlineMs)
            throw new Throttled(Math.max(1, Math.ceil(backoff / 1000)));
          await this.options.sleep(backoff);
          continue;
        }
        if (error.kind === 'unavailable') {
          if (++unavailable > maxUnavailable) throw new AmazonUnavailable();
          const backoff = this.options.random() * 200 * 2 ** unavailable;
          if (this.options.now() + backoff > deadlineMs) throw new AmazonUnavailable();
          await this.options.sleep(backoff);
          continue;
        }
        throw error;
      }
    }
  }
}
