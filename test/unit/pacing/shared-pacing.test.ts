import { SpApiError } from '../../../shared/amazon/amazon-errors';
import { PacedCaller } from '../../../shared/pacing/paced-caller';
import {
  ARRIVAL_SPREAD_MS,
  drainedTat,
  gcraDecide,
  InMemorySharedPacing,
  tokensAt,
  type PacingPlan,
  type SharedBucketState,
} from '../../../shared/pacing/shared-pacing';
import { eventClock } from './event-clock';

const INVENTORY: PacingPlan = { rate: 2, burst: 2 };
const SEARCH_ORDERS: PacingPlan = { rate: 0.0056, burst: 20 };

describe('GCRA decision (the shared bucket as one number and its last taker)', () => {
  const take = (state: SharedBucketState | undefined, plan: PacingPlan, now: number, taker: string) =>
    gcraDecide(state, plan, now, taker);

  it('one environment alone: the burst at once, then one per interval, like the token bucket', () => {
    let state: { tat: number; by: string | undefined } | undefined;
    const grantedAt: number[] = [];
    for (let now = 0; grantedAt.length < 5; now += 50) {
      for (;;) {
        const decision = take(state, INVENTORY, now, 'A');
        if (!decision.allowed || grantedAt.length === 5) break;
        state = { tat: decision.nextTat, by: 'A' };
        grantedAt.push(now);
      }
    }
    expect(grantedAt).toEqual([0, 0, 500, 1000, 1500]);
  });

  it('after another environment took, keeps the arrival spread in hand before going', () => {
    const first = take(undefined, INVENTORY, 0, 'A');
    if (!first.allowed) throw new Error('the first request of a full bucket goes at once');
    const afterA = { tat: first.nextTat, by: 'A' };
    // A could take the burst's second at once; B waits until the bucket holds the spread more than it needs.
    expect(take(afterA, INVENTORY, 0, 'A')).toMatchObject({ allowed: true });
    expect(take(afterA, INVENTORY, 0, 'B')).toEqual({ allowed: false, waitMs: ARRIVAL_SPREAD_MS });
    expect(take(afterA, INVENTORY, ARRIVAL_SPREAD_MS, 'B')).toMatchObject({ allowed: true });
  });

  it('on a fast plan (the bench’s ×100 inventory: 5 ms) spaces different environments by the spread', () => {
    const fast: PacingPlan = { rate: 200, burst: 2 };
    const first = take(undefined, fast, 0, 'A');
    if (!first.allowed) throw new Error('the first request of a full bucket goes at once');
    const afterA = { tat: first.nextTat, by: 'A' };
    expect(take(afterA, fast, 1, 'A')).toMatchObject({ allowed: true });
    expect(take(afterA, fast, 1, 'B')).toEqual({ allowed: false, waitMs: ARRIVAL_SPREAD_MS - 1 });
    // A bucket that is merely busy is never rebased (only one beyond empty is).
    expect(take(afterA, fast, 1, 'B')).not.toHaveProperty('rebaseTo');
  });

  it('says how long until the next token, and how many are left', () => {
    expect(take(undefined, SEARCH_ORDERS, 0, 'A')).toMatchObject({ allowed: true, tokensLeft: 19 });
    expect(tokensAt(undefined, SEARCH_ORDERS, 0)).toBe(20);
    const empty = { tat: drainedTat(SEARCH_ORDERS, 0), by: 'A' };
    expect(tokensAt(empty.tat, SEARCH_ORDERS, 0)).toBeCloseTo(0);
    const interval = Math.ceil(1000 / 0.0056);
    expect(take(empty, SEARCH_ORDERS, 0, 'A')).toEqual({ allowed: false, waitMs: interval });
    expect(take(empty, SEARCH_ORDERS, 0, 'B')).toEqual({
      allowed: false,
      waitMs: interval + ARRIVAL_SPREAD_MS,
    });
    expect(take(empty, SEARCH_ORDERS, interval, 'A').allowed).toBe(true);
  });

  it('converts takes counted at another plan to the announced one: the tokens spent stay spent', () => {
    const announced: PacingPlan = { rate: 0.56, burst: 20 };
    const slowInterval = Math.ceil(1000 / 0.0056);
    // One take at the default plan: its bucket runs one slow interval ahead.
    const decision = take({ tat: slowInterval, by: 'A', interval: slowInterval }, announced, 0, 'A');
    expect(decision).toEqual({ allowed: false, waitMs: 0, rebaseTo: Math.ceil(1000 / 0.56) });
    // Rebased, 19 of the burst are left.
    const rebased = { tat: Math.ceil(1000 / 0.56), by: 'A', interval: Math.ceil(1000 / 0.56) };
    expect(take(rebased, announced, 0, 'A')).toMatchObject({ allowed: true, tokensLeft: 18 });
  });

  it('counts a bucket stored without its plan, pushed ahead at a slower one, as empty at the announced one', () => {
    const announced: PacingPlan = { rate: 0.56, burst: 20 };
    const slowTat = Math.ceil(1000 / 0.0056) * 19; // 19 takes at the default plan
    const decision = take({ tat: slowTat, by: 'A' }, announced, 0, 'A');
    expect(decision).toEqual({
      allowed: false,
      waitMs: Math.ceil(1000 / 0.56),
      rebaseTo: drainedTat(announced, 0),
    });
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

  it('with it, K environments together keep to the plan, different environments the spread apart', async () => {
    const clock = eventClock();
    const shared = new InMemorySharedPacing();
    const environments = Array.from(
      { length: 4 },
      (_, index) => new PacedCaller({ ...clock, shared, environmentId: `env-${index}` }),
    );
    const attempts: Array<{ at: number; by: string }> = [];
    await clock.run(
      Promise.all(
        environments.flatMap((caller, index) =>
          [0, 1].map(() =>
            caller.call('store-a', 'getInventorySummaries', 60_000, async () => {
              attempts.push({ at: clock.now(), by: `env-${index}` });
              return { value: 'page', rateLimit: undefined };
            }),
          ),
        ),
      ),
    );
    attempts.sort((a, b) => a.at - b.at);
    expect(attempts).toHaveLength(8);
    // Never three within one interval (burst 2 at 2/s), and another environment the spread later at least.
    const tooClose = attempts.filter((current, i) => i >= 2 && current.at - attempts[i - 2]!.at < 500);
    const spreadMissed = attempts.filter(
      (current, i) =>
        i >= 1 && current.by !== attempts[i - 1]!.by && current.at - attempts[i - 1]!.at < ARRIVAL_SPREAD_MS,
    );
    expect({ tooClose, spreadMissed }).toEqual({ tooClose: [], spreadMissed: [] });
    // And no slower than the plan plus one spread per change of environment.
    expect(attempts[attempts.length - 1]!.at).toBeLessThanOrEqual(6 * 500 + 4 * ARRIVAL_SPREAD_MS);
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
