import { ROUTES } from '../../shared/api/routes';
import { DomainError } from '../../shared/errors';
import type { StoreDataService } from '../../shared/store-data/store-data-service';
import type { StoreProfile } from '../../shared/stores/store';
import { PACING } from '../config';
import { BENCH_OPERATOR } from './local-aws';

const ORDERS_ROUTE = ROUTES.find((route) => route.id === 'GetOrders');
/** What the handlers give the service: the function timeout less the 1.5 s they keep to answer. */
export const VIEW_DEADLINE_MS = (ORDERS_ROUTE?.timeoutSeconds ?? 28) * 1000 - 1500;

export interface StoreReadOutcome {
  readonly finished: boolean;
  readonly views: number;
  /** Answers flagged incomplete although nothing was pending (no Retry-After). */
  readonly incompleteWithNothingPending: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  /** Seconds from the start until each store's inventory and orders were read. */
  readonly storeSeconds: ReadonlyArray<{ store: string; inventorySeconds: number; ordersSeconds: number }>;
}

/**
 * Reads the stores as a dashboard opening the inventory view and the 90-day orders view of each would, all at
 * once, through StoreDataService exactly as the handlers call it; a partial answer is asked again after its
 * Retry-After. Stops waiting at `capMs` (unfinished reads are reported, not awaited).
 */
export async function readStoresThroughViews(
  service: StoreDataService,
  profiles: readonly StoreProfile[],
  label: string,
  capMs: number,
): Promise<StoreReadOutcome> {
  let views = 0;
  let incompleteWithNothingPending = 0;
  let failures = 0;
  const errorSamples = new Set<string>();
  const storeSeconds: Array<{ store: string; inventorySeconds: number; ordersSeconds: number }> = [];
  const reads = Promise.all(
    profiles.map((profile) =>
      readStore(
        service,
        profile,
        () => (views += 1),
        () => (incompleteWithNothingPending += 1),
      )
        .then((seconds) => storeSeconds.push({ store: `${label} ${profile.storeId}`, ...seconds }))
        .catch((error: unknown) => {
          failures += 1;
          if (errorSamples.size < 5)
            errorSamples.add(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), capMs);
  });
  const done = await Promise.race([reads.then(() => true as const), cap]);
  clearTimeout(timer);
  return {
    finished: done && failures === 0,
    views,
    incompleteWithNothingPending,
    failures,
    errorSamples: [...errorSamples],
    storeSeconds,
  };
}

async function readStore(
  service: StoreDataService,
  store: StoreProfile,
  onView: () => void,
  onIncompleteWithNothingPending: () => void,
): Promise<{ inventorySeconds: number; ordersSeconds: number }> {
  const started = performance.now();
  const marketplaceId = store.marketplaceIds[0] ?? '';
  const view = async (
    read: (deadlineMs: number) => Promise<{ complete: boolean; retryAfterSeconds?: number }>,
  ) => {
    for (let attempt = 1; attempt <= PACING.maxViewsPerDataset; attempt++) {
      onView();
      let retryAfterSeconds: number | undefined;
      try {
        const answer = await read(Date.now() + VIEW_DEADLINE_MS);
        if (answer.complete) return;
        // Partial without a Retry-After: nothing was left pending, yet the answer says "incomplete" (e.g. a window
        // that starts a few milliseconds after the one asked for). Asked again at once, and counted.
        if (answer.retryAfterSeconds === undefined) onIncompleteWithNothingPending();
        retryAfterSeconds = answer.retryAfterSeconds ?? 0;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'Throttled')) throw error;
        retryAfterSeconds = Number(error.details['retryAfterSeconds'] ?? 1);
      }
      await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000));
    }
    throw new Error(`not complete after ${PACING.maxViewsPerDataset} views`);
  };
  const request = { storeId: store.storeId, marketplaceId, requestId: 'bench' };
  const secondsSince = () => (performance.now() - started) / 1000;
  const [inventorySeconds, ordersSeconds] = await Promise.all([
    view(async (deadlineMs) => {
      await service.inventory(BENCH_OPERATOR, { ...request, reason: 'inventory-replenishment', deadlineMs });
      return { complete: true };
    }).then(secondsSince),
    view(async (deadlineMs) => {
      const orders = await service.orders(BENCH_OPERATOR, {
        ...request,
        reason: 'order-fulfillment-monitoring',
        days: String(PACING.orderDays),
        deadlineMs,
      });
      return {
        complete: orders.freshness.complete,
        ...(orders.freshness.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: orders.freshness.retryAfterSeconds }),
      };
    }).then(secondsSince),
  ]);
  return { inventorySeconds, ordersSeconds };
}
