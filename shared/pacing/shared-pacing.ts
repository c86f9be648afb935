/**
 * Pacing shared by every execution environment. A usage plan belongs to the seller and the app, not to one Lambda
 * environment: two environments reading one store each holding a full local bucket would together send twice the
 * plan and meet 429s. The shared limiter is a GCRA (generic cell rate algorithm), the token bucket written as one
 * number per (store, operation), the theoretical arrival time `tat`: a request at `now` may go when
 * `tat − now ≤ (burst − 1) × interval`, and then `tat = max(tat, now) + interval`. One number means one conditional
 * write decides, so the DynamoDB adapter (shared/adapters/dynamodb-shared-pacing.ts) needs no read before it.
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
  /** Takes one token from the bucket every environment shares for this store and operation, or says when. */
  take(storeId: string, operation: PacedOperation, plan: PacingPlan, nowMs: number): Promise<SharedTake>;
  /** Amazon answered 429: its bucket is empty whatever ours says, for every environment. */
  drain(storeId: string, operation: PacedOperation, plan: PacingPlan, nowMs: number): Promise<void>;
}

/** Whole milliseconds (rounded up: never faster than the plan), so epoch-ms arithmetic stays exact everywhere. */
export const intervalMs = (plan: PacingPlan): number => Math.ceil(1000 / plan.rate);

/**
 * Requests decided in different environments reach Amazon after different delays (a conditional write, an HTTPS
 * request, a busy event loop): one decided first may arrive after one decided later. The shared bucket keeps this
 * much time in hand, so a late and an early arrival side by side are never a burst Amazon did not allow. At the
 * real plans (intervals of 500 ms and more) it costs at most a fifth of a token (the second request of a burst of two waits 100 ms); measured in `npm run bench`
 * (figure 9, environments as separate processes on a loaded machine), where the plans run 100 times faster.
 */
export const ARRIVAL_SPREAD_MS = 100;

/**
 * How far `tat` may run ahead of now while a request still goes: the burst less the one being sent, less the
 * arrival spread. Negative when the spread exceeds the burst's time: requests are then spaced wider than the plan.
 */
export const toleranceMs = (plan: PacingPlan): number =>
  (plan.burst - 1) * intervalMs(plan) - ARRIVAL_SPREAD_MS;

/** The decision for a request at `nowMs` given the stored `tat` (undefined: never used, a full bucket). */
export function gcraDecide(
  tat: number | undefined,
  plan: PacingPlan,
  nowMs: number,
):
  | { readonly allowed: true; readonly nextTat: number; readonly tokensLeft: number }
  | {
      readonly allowed: false;
      readonly waitMs: number;
      /** Set when the stored tat is beyond an empty bucket of this plan: store this instead (see below). */
      readonly rebaseTo?: number;
    } {
  // A tat further ahead than an empty bucket can only come from takes at a slower plan (an environment that had not
  // yet heard Amazon announce this one): no bucket of this plan is emptier than empty, so it counts as empty.
  const empty = drainedTat(plan, nowMs);
  if (tat !== undefined && tat > empty) return { allowed: false, waitMs: intervalMs(plan), rebaseTo: empty };
  const tolerance = toleranceMs(plan);
  if (tat !== undefined && tat - nowMs > tolerance)
    return { allowed: false, waitMs: Math.ceil(tat - nowMs - tolerance) };
  const nextTat = Math.max(tat ?? nowMs, nowMs) + intervalMs(plan);
  return { allowed: true, nextTat, tokensLeft: tokensAt(nextTat, plan, nowMs) };
}

/** Tokens the bucket holds at `nowMs` for a stored `tat` (fractional while refilling). */
export function tokensAt(tat: number | undefined, plan: PacingPlan, nowMs: number): number {
  if (tat === undefined || tat <= nowMs) return plan.burst;
  return Math.max(0, Math.min(plan.burst, plan.burst - (tat - nowMs) / intervalMs(plan)));
}

/** The `tat` of an empty bucket at `nowMs`: the next request may go one interval from now. */
export const drainedTat = (plan: PacingPlan, nowMs: number): number =>
  nowMs + intervalMs(plan) + toleranceMs(plan);

/**
 * The shared limiter in memory: what several PacedCallers of one process share in unit tests, and the model the
 * DynamoDB adapter's contract test holds it to.
 */
export class InMemorySharedPacing implements SharedPacing {
  private readonly tats = new Map<string, number>();

  async take(
    storeId: string,
    operation: PacedOperation,
    plan: PacingPlan,
    nowMs: number,
  ): Promise<SharedTake> {
    const key = `${storeId}|${operation}`;
    const decision = gcraDecide(this.tats.get(key), plan, nowMs);
    if (!decision.allowed) {
      if (decision.rebaseTo !== undefined) this.tats.set(key, decision.rebaseTo);
      return { taken: false, waitMs: decision.waitMs };
    }
    this.tats.set(key, decision.nextTat);
    return { taken: true, tokensLeft: decision.tokensLeft };
  }

  async drain(storeId: string, operation: PacedOperation, plan: PacingPlan, nowMs: number): Promise<void> {
    const key = `${storeId}|${operation}`;
    this.tats.set(key, Math.max(this.tats.get(key) ?? 0, drainedTat(plan, nowMs)));
  }
}
