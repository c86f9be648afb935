import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time one outside call may take: until the request's deadline, and cancelled when the paced caller gives up
 * on it. The paced caller sets it around each attempt; HTTP layers (the SP-API axios instance) read it, so every
 * call made inside an attempt is capped without threading a signal through each port.
 */
export interface AttemptBudget {
  /** Epoch ms by which the call must have answered. */
  readonly deadlineMs: number;
  /** Aborted when the attempt's time is up. */
  readonly signal: AbortSignal;
}

const current = new AsyncLocalStorage<AttemptBudget>();

export const withAttemptBudget = <T>(budget: AttemptBudget, run: () => T): T => current.run(budget, run);

/** The budget of the attempt this code runs in; undefined outside the paced caller. */
export const currentAttemptBudget = (): AttemptBudget | undefined => current.getStore();

/** A timeout (ms) capped by the current attempt's budget; at least 1 ms, since 0 means "none" to axios. */
export function cappedTimeoutMs(timeoutMs: number, nowMs: number = Date.now()): number {
  const budget = currentAttemptBudget();
  if (budget === undefined) return timeoutMs;
  return Math.max(1, Math.min(timeoutMs, budget.deadlineMs - nowMs));
}
