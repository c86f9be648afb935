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

/** How far `tat` may run ahead of now while a request still goes: the burst less the one being sent. */
export const toleranceMs = (plan: PacingPlan): number => (plan.burst - 1) * intervalMs(plan);

/** The decision for a request at `nowMs` given the stored `tat` (undefined: never used, a full bucket). */
export function gcraDecide(
  tat: number | undefined,
  plan: PacingPlan,
  nowMs: number,
): { readonly allowed: true; readonly nextTat: number; readonly tokensLeft: number } | {
  readonly allowed: false;
  readonly waitMs: number;
} {
  const interval = intervalMs(plan);
  const start = Math.max(tat ?? nowMs, nowMs);
  const ahead = start - nowMs;
  if (ahead > toleranceMs(plan)) return { allowed: false, waitMs: Math.ceil(ahead - toleranceMs(plan)) };
  const nextTat = start + interval;
  return { allowed: true, nextTat, tokensLeft: tokensAt(nextTat, plan, nowMs) };
}

/** Tokens the bucket holds at `nowMs` for a stored `tat` (fractional while refilling). */
export function tokensAt(tat: number | undefined, plan: PacingPlan, nowMs: number): number {
  if (tat === undefined || tat <= nowMs) return plan.burst;
  return Math.max(0, Math.min(plan.burst, plan.burst - (tat - nowMs) / intervalMs(plan)));
}

/** The `tat` of an empty bucket at `nowMs`: the next request may go one interval from now. */
export const drainedTat = (plan: PacingPlan, nowMs: number): number => nowMs + toleranceMs(plan) + intervalMs(plan);

/**
 * The shared limiter in memory: what several PacedCallers of one process share in unit tests, and the model the
 * DynamoDB adapter's contract test holds it to.
 */
export class InMemorySharedPacing implements SharedPacing {
  private readonly tats = new Map<string, number>();

  async take(storeId: string, operation: PacedOperation, plan: PacingPlan, nowMs: number): Promise<SharedTake> {
    const key = `${storeId}|${operation}`;
    const decision = gcraDecide(this.tats.get(key), plan, nowMs);
    if (!decision.allowed) return { taken: false, waitMs: decision.waitMs };
    this.tats.set(key, decision.nextTat);
    return { taken: true, tokensLeft: decision.tokensLeft };
  }

  async drain(storeId: string, operation: PacedOperation, plan: PacingPlan, nowMs: number): Promise<void> {
    const key = `${storeId}|${operation}`;
    this.tats.set(key, Math.max(this.tats.get(key) ?? 0, drainedTat(plan, nowMs)));
  }
}
