import { DomainError, Throttled } from '../errors';
import { resolveDeadline, type Deadline, type PacedCaller } from '../pacing/paced-caller';
import { USAGE_PLANS } from '../pacing/token-bucket';
import type { SalesSource, SnapshotStore } from '../ports';
import type { InventoryItemRecord } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import {
  salesApiInterval,
  skusToRead,
  storedCheckpoint,
  unitsFromDailyMetrics,
  velocityFromSalesApi,
  withReadings,
  type SalesApiSkuEntry,
  type SalesApiVelocityCheckpoint,
} from '../summaries/sales-api-velocity';
import type { SalesVelocity } from '../summaries/sales-velocity';
import type { SpApiCaller } from './token-retry';
import { SECONDS_PER_DAY } from '../time';

/** The checkpoint's snapshot dataset (`SNAPSHOT#sales-velocity#{marketplaceId}`): purged with the store. */
export const SALES_VELOCITY_DATASET = 'sales-velocity';
/** Kept a little longer than its entries are used (sales-api-velocity.ts). */
export const SALES_VELOCITY_RETENTION_SECONDS = 2 * SECONDS_PER_DAY;
/**
 * How long one view spends asking the Sales API, at most (and never past its deadline), retries included: it
 * spends the tokens the bucket holds (the burst on a first view) without waiting for more; the rest is left to
 * the next view, which the answer's `retryAfterSeconds` invites.
 */
export const SALES_VELOCITY_BUDGET_MS = 4_000;
/**
 * Tokens of the getOrderMetrics bucket left for the history: its source choice (history-sync.ts) asks the same
 * operation, and a throttled choice would send a small store to the slow report path.
 */
const HISTORY_RESERVE = 2;
/** Requests in flight at once: the bucket paces them; this only hides Amazon's latency. */
const CONCURRENCY = 3;
/** The pacing's shortest attempt (paced-caller.ts): less time than this left is out of time, not a failure. */
const MIN_ATTEMPT_MS = 250;

export interface SalesApiVelocityDeps {
  readonly sales: SalesSource;
  readonly pacing: Pick<PacedCaller, 'bucket'>;
  readonly snapshots: SnapshotStore;
  readonly callSpApi: SpApiCaller;
}

export interface SalesApiVelocityResult {
  readonly velocity: SalesVelocity;
  /** SKUs of the listing still without numbers (or due for a refresh). */
  readonly remaining: number;
  /** When to ask again for more, while SKUs remain. */
  readonly retryAfterSeconds?: number;
}

const amazonBusy = (error: unknown) =>
  error instanceof Throttled || (error instanceof DomainError && error.code === 'AmazonUnavailable');

/**
 * Reads per-SKU velocity from the Sales API for the SKUs that matter first, within the pacing bucket, the view's
 * deadline and SALES_VELOCITY_BUDGET_MS, and keeps what it read as the checkpoint. Amazon being busy (throttled,
 * unavailable) ends the round and leaves the rest unknown ("sales history loading", never 0); a SKU Amazon fails
 * on alone is set aside for a while so it never blocks the others. A revoked store or refused access fails the view.
 */
export async function advanceSalesApiVelocity(
  deps: SalesApiVelocityDeps,
  store: StoreProfile,
  marketplaceId: string,
  items: readonly InventoryItemRecord[],
  hint: SalesVelocity,
  options: {
    readonly timeZone: string;
    readonly deadline: Deadline;
    readonly now: Date;
    readonly budgetMs?: number;
    /** The clock deadlines and the pacing are measured on. @default Date.now */
    readonly clockMs?: () => number;
  },
): Promise<SalesApiVelocityResult> {
  const { timeZone, now } = options;
  const stored = await deps.snapshots.get<SalesApiVelocityCheckpoint>(
    store.storeId,
    SALES_VELOCITY_DATASET,
    marketplaceId,
  );
  const checkpoint = storedCheckpoint(stored?.data, timeZone);
  const queue = skusToRead(items, checkpoint, hint, now);
  const clockMs = options.clockMs ?? Date.now;
  const budgetEndMs = clockMs() + (options.budgetMs ?? SALES_VELOCITY_BUDGET_MS);
  const deadline = () => Math.min(resolveDeadline(options.deadline), budgetEndMs);
  const interval = salesApiInterval(now, timeZone);

  const readings = new Map<string, SalesApiSkuEntry>();
  const failures = new Map<string, string>();
  let next = 0;
  let busy = false;
  const bucket = deps.pacing.bucket(store.storeId, 'getOrderMetrics');
  const worker = async () => {
    while (!busy && next < queue.length) {
      // Only what the bucket holds now, less the history's reserve: this never waits for a token (the next view
      // goes on), and the check and the take are one synchronous step, so concurrent workers never overdraw.
      if (bucket.available(clockMs()) < HISTORY_RESERVE + 1) return;
      const sku = queue[next++] as string;
      try {
        const { metrics } = await deps.callSpApi(store, 'getOrderMetrics', deadline, (accessToken) =>
          deps.sales.getOrderMetrics({
            region: store.region,
            accessToken,
            marketplaceId,
            interval,
            granularity: 'Day',
            timeZone,
            sku,
          }),
        );
        readings.set(sku, { ...unitsFromDailyMetrics(metrics, now, timeZone), readAt: now.toISOString() });
      } catch (error) {
        busy = true;
        if (!amazonBusy(error)) throw error;
        // Throttled, or out of this view's time: the plan (or this view's share of it) is spent. Unavailable
        // otherwise: Amazon failed on this SKU after its retries; it is set aside for a while, and the round
        // ends rather than hammering Amazon.
        const outOfTime = clockMs() + MIN_ATTEMPT_MS >= deadline();
        if (!(error instanceof Throttled) && !outOfTime) failures.set(sku, now.toISOString());
      }
    }
  };
  let current = checkpoint;
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  } finally {
    if (readings.size > 0 || failures.size > 0) {
      // Read again right before writing: another execution environment may have added SKUs meanwhile.
      const latest = await deps.snapshots.get<SalesApiVelocityCheckpoint>(
        store.storeId,
        SALES_VELOCITY_DATASET,
        marketplaceId,
      );
      current = withReadings(
        latest === undefined ? checkpoint : storedCheckpoint(latest.data, timeZone),
        readings,
        failures,
        now,
        new Set(items.map((item) => item.sellerSku)),
      );
      await deps.snapshots.put(
        store.storeId,
        SALES_VELOCITY_DATASET,
        marketplaceId,
        { fetchedAt: now.toISOString(), data: current },
        SALES_VELOCITY_RETENTION_SECONDS,
      );
    }
  }

  const remaining = skusToRead(items, current, hint, now).length;
  const plan = USAGE_PLANS.getOrderMetrics;
  return {
    velocity: velocityFromSalesApi(current, now),
    remaining,
    // The time the bucket takes to hold what is left (at most a full burst) again.
    ...(remaining > 0
      ? {
          retryAfterSeconds: Math.max(
            2,
            Math.ceil(
              (Math.min(remaining + HISTORY_RESERVE, plan.burst) - bucket.available(clockMs())) / plan.rate,
            ),
          ),
        }
      : {}),
  };
}
