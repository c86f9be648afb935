// Usage-plan token buckets, one per (application, seller, region, operation), as Amazon meters them.
// They run on real (monotonic) time, never on the sandbox clock: pacing tests and the benchmark measure
// wall time, and advancing the sandbox clock must not refill a bucket.

export interface UsagePlan {
  /** Requests per second (before rateScale). */
  rate: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  refilledAtMs: number;
}

export type RateDecision = { allowed: true; rate: number } | { allowed: false; rate: number };

export class UsagePlanLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rateScale: number,
    private readonly monotonicNowMs: () => number = () => performance.now(),
  ) {}

  /** The rate the caller is held to, as announced in x-amzn-RateLimit-Limit. */
  effectiveRate(plan: UsagePlan): number {
    return plan.rate * this.rateScale;
  }

  tryTake(key: string, plan: UsagePlan): RateDecision {
    const rate = this.effectiveRate(plan);
    const now = this.monotonicNowMs();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: plan.burst, refilledAtMs: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(plan.burst, bucket.tokens + ((now - bucket.refilledAtMs) / 1000) * rate);
    bucket.refilledAtMs = now;
    if (bucket.tokens < 1) return { allowed: false, rate };
    bucket.tokens -= 1;
    return { allowed: true, rate };
  }
}

/** "2.0", "0.0167", "1.67": the way Amazon prints rates in x-amzn-RateLimit-Limit. */
export function formatRate(rate: number): string {
  const rounded = Number(rate.toPrecision(6));
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}
