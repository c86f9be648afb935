/**
 * The daily health check's last result per store (`STORE#{storeId}` / `HEALTH_CHECK`): what the admin screens
 * show beside a store's status. The `authorization-check` audit record stays the history; this is only the latest
 * answer, kept so a listing of every store does not have to search the audit log. It names no token and no
 * Amazon body: the classified result, when, and the run's request id.
 */
import type { CheckResult } from './authorization-health-check';

export interface HealthCheckResult {
  readonly storeId: string;
  readonly result: CheckResult;
  /** ISO time the check finished. */
  readonly checkedAt: string;
  /** Whole days until reauthorizeBy at the time of the check (negative once past). */
  readonly reauthorizeInDays: number;
  /** The health check run's invocation id, as in its audit record. */
  readonly requestId: string;
}

export interface HealthCheckResultStore {
  /** Keeps the result unless a later one is kept already (two runs overlapping never go back in time). */
  saveHealthCheckResult(result: HealthCheckResult): Promise<void>;
  /** The last result of each store that has one; stores never checked are absent. */
  getHealthCheckResults(storeIds: readonly string[]): Promise<Map<string, HealthCheckResult>>;
}

/** The in-memory stand-in for unit tests; the port contract suite holds it to the DynamoDB adapter's behaviour. */
export function createInMemoryHealthCheckResults(): HealthCheckResultStore & {
  readonly results: Map<string, HealthCheckResult>;
} {
  const results = new Map<string, HealthCheckResult>();
  return {
    results,
    async saveHealthCheckResult(result) {
      const kept = results.get(result.storeId);
      if (kept !== undefined && Date.parse(kept.checkedAt) > Date.parse(result.checkedAt)) return;
      results.set(result.storeId, { ...result });
    },
    async getHealthCheckResults(storeIds) {
      const found = new Map<string, HealthCheckResult>();
      for (const storeId of storeIds) {
        const result = results.get(storeId);
        if (result !== undefined) found.set(storeId, { ...result });
      }
      return found;
    },
  };
}
