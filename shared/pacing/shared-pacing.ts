/**
 * Pacing shared by every execution environment. A usage plan belongs to the seller and the app, not to one Lambda
 * environment: two environments reading one store each holding a full local bucket would together send twice the
 * plan and meet 429s. The shared limiter is a GCRA (generic cell rate algorithm), the token bucket written as one
 * number per (store, operation), the theoretical arrival time `tat`: a request at `now` may go when
 * `tat − now ≤ (burst − 1) × interval`, and then `tat = max(tat, now) + interval`. One number (and who took last)
 * means one conditional write decides, so the DynamoDB adapter (shared/adapters/dynamodb-shared-pacing.ts) needs no
 * read before it.
 */
import type { PacedOperation } from './token-bucket';

export interface PacingPlan {
  /** Requests per second. */
  readonly rate: number;
  readonly burst: number;
}

export type SharedTake =
  /** A token was taken; `tokensLeft` is what the shared bucket holds after it. */
  | { readonly taken: true; readonly tokensLeft: number }
  /** None to take: one is free in `waitMs`. */
  | { readonly taken: false; readonly waitMs: number };

export interface SharedPacing {
  /**
   * Takes one token from the bucket every environment shares for this store and operation, or says when. `taker`
   * names the execution environment asking (see ARRIVAL_SPREAD_MS).
   */
  take(
    storeId: string,
    operation: PacedOperation,
    plan: PacingPlan,
    nowMs: number,
    taker: string,
  ): Promise<SharedTake>;
  /** Amazon answered 429: its bucket is empty whatever ours says, for every environment. */
  drain(
    storeId: string,
    operation: PacedOperation,
    plan: PacingPlan,
    nowMs: number,
    taker: string,
  ): Promise<void>;
}

/**
 * The bucket as stored: its theoretical arrival time, the environment that took last, and the interval (ms) of the
 * plan `tat` was counted at (absent on buckets stored before it was kept).
 */
export interface SharedBucketState {
  readonly tat: number;
  readonly by: string | undefined;
  readonly interval?: number;
}

/** Whole milliseconds (rounded up: never faster than the plan), so epoch-ms arithmetic stays exact everywhere. */
export const intervalMs = (plan: PacingPlan): number => Math.ceil(1000 / plan.rate);

/**
 * Requests decided in different environments reach Amazon after different delays (a conditional write, an HTTPS
 * request, a busy event loop): one decided first may arrive after one decided later, so two that the bucket spaced
 * correctly can arrive as a burst Amazon did not allow. One environment's requests leave in the order it decides
 * them, so the margin is kept only when the last token went to another environment: a request then goes only while
 * the bucket holds this much time more than it needs. At the real plans (intervals of 500 ms and more) it costs an
 * environment that takes over a bucket at most half a token; an environment reading alone paces at the plan.
 * Measured in `npm run bench` (figure 9: 16 environments as processes on two cores, plans 100 times faster).
 */
export const ARRIVAL_SPREAD_MS = 250;

/**
 * The last taker recorded by a conversion to another plan: no environment's own, so every environment keeps the
 * arrival spread after it. A conversion can hand back most of a burst at once, to requests several environments
 * decided under the old plan and still have on the way.
 */
export const REBASED_BY = 'rebased';

/** How far `tat` may run ahead of now while a request still goes: the burst less the one being sent. */
export const toleranceMs = (plan: PacingPlan): number => (plan.burst - 1) * intervalMs(plan);

/** The same when the last token went to another environment: less the arrival spread (may be negative). */
export const toleranceAfterOtherMs = (plan: PacingPlan): number => toleranceMs(plan) - ARRIVAL_SPREAD_MS;

/** The tolerance that applies to `taker` given who took last (nobody yet: the bucket is full, no margin needed). */
export const toleranceFor = (plan: PacingPlan, lastTaker: string | undefined, taker: string): number =>
  lastTaker === undefined || lastTaker === taker ? toleranceMs(plan) : toleranceAfterOtherMs(plan);

/** The decision for `taker`'s request at `nowMs` given the stored bucket (undefined: never used, a full bucket). */
export function gcraDecide(
  stored: SharedBucketState | undefined,
  plan: PacingPlan,
  nowMs: number,
  taker: string,
):
  | { readonly allowed: true; readonly nextTat: number; readonly tokensLeft: number }
  | {
      readonly allowed: false;
      readonly waitMs: number;
      /** Set when the stored tat is beyond an empty bucket of this plan: store this instead (see below). */
      readonly rebaseTo?: number;
    } {
  const tolerance = toleranceFor(plan, stored?.by, taker);
  // Counted at another plan (an environment that had not yet heard Amazon announce this one, or a plan Amazon
  // changed): it is still Amazon's one bucket, so the tokens used then are the tokens used now, counted at this
  // plan's interval. Rebased first (one more conditional write, once per change of plan), then decided as usual.
  // Without this a single take at the documented plan (one per 178.6 s for searchOrders) would look like an empty
  // bucket at a faster announced one and lose the rest of the burst.
  if (stored?.interval !== undefined && stored.interval !== intervalMs(plan)) {
    const used = Math.min(plan.burst, Math.max(0, stored.tat - nowMs) / stored.interval);
    return { allowed: false, waitMs: 0, rebaseTo: Math.ceil(nowMs + used * intervalMs(plan)) };
  }
  // A bucket stored without its interval, further ahead than an empty bucket: takes at a slower plan, of which
  // nothing else is known. No bucket of this plan is emptier than empty, so it counts as empty.
  const empty = drainedTat(plan, nowMs);
  if (stored !== undefined && stored.tat > empty)
    return { allowed: false, waitMs: Math.ceil(empty - nowMs - tolerance), rebaseTo: empty };
  if (stored !== undefined && stored.tat - nowMs > tolerance)
    return { allowed: false, waitMs: Math.ceil(stored.tat - nowMs - tolerance) };
  const nextTat = Math.max(stored?.tat ?? nowMs, nowMs) + intervalMs(plan);
  return { allowed: true, nextTat, tokensLeft: tokensAt(nextTat, plan, nowMs) };
}

/** Tokens the bucket holds at `nowMs` for a stored `tat` (fractional while refilling). */
export function tokensAt(tat: number | undefined, plan: PacingPlan, nowMs: number): number {
  if (tat === undefined || tat <= nowMs) return plan.burst;
  return Math.max(0, Math.min(plan.burst, plan.burst - (tat - nowMs) / intervalMs(plan)));
}

/** The `tat` of an empty bucket at `nowMs`, the furthest ahead a bucket of this plan can be: next in one interval. */
export const drainedTat = (plan: PacingPlan, nowMs: number): number =>
  nowMs + intervalMs(plan) + toleranceMs(plan);

/**
 * The shared limiter in memory: what several PacedCallers of one process share in unit tests, and the model the
 * DynamoDB adapter's contract test holds it to.
 */
export class InMemorySharedPacing implements SharedPacing {
  private readonly buckets = new Map<string, SharedBucketState>();

  async take(
    storeId: string,
    operation: PacedOperation,
    plan: PacingPlan,
    nowMs: number,
    taker: string,
  ): Promise<SharedTake> {
    const key = `${storeId}|${operation}`;
    const stored = this.buckets.get(key);
    const decision = gcraDecide(stored, plan, nowMs, taker);
    if (!decision.allowed) {
      // A rebase keeps who took last: the request they sent is still the one to keep the margin from.
      if (decision.rebaseTo !== undefined)
        this.buckets.set(key, {
          tat: decision.rebaseTo,
          by: stored?.interval === undefined ? stored?.by : REBASED_BY,
          interval: intervalMs(plan),
        });
      return { taken: false, waitMs: decision.waitMs };
    }
    this.buckets.set(key, { tat: decision.nextTat, by: taker, interval: intervalMs(plan) });
    return { taken: true, tokensLeft: decision.tokensLeft };
  }

  async drain(
    storeId: string,
    operation: PacedOperation,
    plan: PacingPlan,
    nowMs: number,
    taker: string,
  ): Promise<void> {
    const key = `${storeId}|${operation}`;
    const empty = drainedTat(plan, nowMs);
    const stored = this.buckets.get(key);
    if (stored === undefined || stored.tat < empty)
      this.buckets.set(key, { tat: empty, by: taker, interval: intervalMs(plan) });
  }
}
