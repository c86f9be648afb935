import { SpApiError } from '../../../shared/amazon/amazon-errors';
import { PacedCaller } from '../../../shared/pacing/paced-caller';
import {
  ARRIVAL_SPREAD_MS,
  drainedTat,
  gcraDecide,
  InMemorySharedPacing,
  tokensAt,
  type PacingPlan,
} from '../../../shared/pacing/shared-pacing';
import { eventClock } from './event-clock';

const INVENTORY: PacingPlan = { rate: 2, burst: 2 };
const SEARCH_ORDERS: PacingPlan = { rate: 0.0056, burst: 20 };

describe('GCRA decision (the shared bucket as one number)', () => {
  it('spaces requests wider than the plan when the spread exceeds the burst time (a fast plan)', () => {
    const fast: PacingPlan = { rate: 200, burst: 2 }; // 5 ms apart: the spread decides
    let tat: number | undefined;
    const grantedAt: number[] = [];
    for (let now = 0; now <= 200; now += 1) {
      const decision = gcraDecide(tat, fast, now);
      if (decision.allowed) {
        tat = decision.nextTat;
        grantedAt.push(now);
      }
    }
    // The first at once, then every 5 + (100 − 5) = 100 ms: never two arrivals Amazon could see as three.
    expect(grantedAt).toEqual([0, 100, 200]);
  });

  it('grants the burst less the arrival spread, then one request per interval', () => {
    let tat: number | undefined;
    const grantedAt: number[] = [];
    for (let now = 0; grantedAt.length < 5; now += 50) {
      const decision = gcraDecide(tat, INVENTORY, now);
      if (decision.allowed) {
        tat = decision.nextTat;
        grantedAt.push(now);
        // Two may go in the same instant while the burst lasts.
        const again = gcraDecide(tat, INVENTORY, now);
        if (again.allowed && grantedAt.length < 5) {
          tat = again.nextTat;
          grantedAt.push(now);
        }
      }
    }
    // Burst 2 at 2/s: the second waits the 100 ms spread (ARRIVAL_SPREAD_MS), then one every 500 ms.
    expect(ARRIVAL_SPREAD_MS).toBe(100);
    expect(grantedAt).toEqual([0, 100, 600, 1100, 1600]);
  });

  it('says how long until the next token, and how many are left', () => {
    const first = gcraDecide(undefined, SEARCH_ORDERS, 0);
    expect(first).toMatchObject({ allowed: true, tokensLeft: 19 });
    expect(tokensAt(undefined, SEARCH_ORDERS, 0)).toBe(20);
    const empty = drainedTat(SEARCH_ORDERS, 0);
    expect(tokensAt(empty, SEARCH_ORDERS, 0)).toBeCloseTo(0);
    const refused = gcraDecide(empty, SEARCH_ORDERS, 0);
    expect(refused).toEqual({ allowed: false, waitMs: Math.ceil(1000 / 0.0056) });
    expect(gcraDecide(empty, SEARCH_ORDERS, Math.ceil(1000 / 0.0056)).allowed).toBe(true);
  });
});

describe('paced callers of several environments sharing one bucket', () => {
  it('without the shared bucket, two environments each spend the whole plan (the fault this fixes)', async () => {
    const clock = eventClock();
    const environments = [new PacedCaller(clock), new PacedCaller(clock)];
    const attemptsAt: number[] = [];
    const request = async () => {
      attemptsAt.push(clock.now());
      return { value: 'page', rateLimit: undefined };
    };
    await clock.run(
      Promise.all(
        environments.flatMap((caller) =>
          [0, 1].map(() => caller.call('store-a', 'getInventorySummaries', 60_000, request)),
        ),
      ),
    );
    // Four requests in the same instant against a burst of two: Amazon would answer two of them 429.
    expect(attemptsAt).toEqual([0, 0, 0, 0]);
  });

  it('with it, K environments together keep to the plan: the burst (less the spread), then one per interval', async () => {
    const clock = eventClock();
    const shared = new InMemorySharedPacing();
    const environments = Array.from({ length: 4 }, () => new PacedCaller({ ...clock, shared }));
    const attemptsAt: number[] = [];
    const request = async () => {
      attemptsAt.push(clock.now());
      return { value: 'page', rateLimit: undefined };
    };
    await clock.run(
      Promise.all(
        environments.flatMap((caller) =>
          [0, 1].map(() => caller.call('store-a', 'getInventorySummaries', 60_000, request)),
        ),
      ),
    );
    expect([...attemptsAt].sort((a, b) => a - b)).toEqual([0, 100, 600, 1100, 1600, 2100, 2600, 3100]);
  });

  it('a 429 seen by one environment empties the bucket for all of them', async () => {
    const clock = eventClock();
    const shared = new InMemorySharedPacing();
    const [first, second] = [new PacedCaller({ ...clock, shared }), new PacedCaller({ ...clock, shared })];
    const attemptsAt: Array<[string, number]> = [];
    await clock.run(
      first!.call('store-a', 'searchOrders', 10_000_000, async () => {
        attemptsAt.push(['first', clock.now()]);
        if (attemptsAt.length === 1) throw new SpApiError('throttled', 429, 'searchOrders');
        return { value: 'page', rateLimit: undefined };
      }),
    );
    const firstRetryAt = attemptsAt[1]?.[1] ?? 0;
    await clock.run(
      second!.call('store-a', 'searchOrders', 10_000_000, async () => {
        attemptsAt.push(['second', clock.now()]);
        return { value: 'page', rateLimit: undefined };
      }),
    );
    const interval = 1000 / 0.0056;
    // The first waits a full interval after its 429; the second, with a full local bucket, still waits its turn.
    expect(firstRetryAt).toBeGreaterThanOrEqual(interval);
    expect((attemptsAt[2]?.[1] ?? 0) - firstRetryAt).toBeGreaterThanOrEqual(interval - 1);
  });
});
