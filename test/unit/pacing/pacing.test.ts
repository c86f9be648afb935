import { SpApiError } from '../../../shared/amazon/amazon-errors';
import { AmazonUnavailable, Throttled } from '../../../shared/errors';
import { PacedCaller } from '../../../shared/pacing/paced-caller';
import { TokenBucket } from '../../../shared/pacing/token-bucket';
import { eventClock } from './event-clock';

/** A simulated clock: sleeping advances time instantly, so pacing is tested exactly and fast. */
function simulatedTime() {
  let nowMs = 0;
  const sleeps: number[] = [];
  return {
    now: () => nowMs,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    random: () => 0.5,
    sleeps,
  };
}

describe('token bucket', () => {
  it('allows the burst at once, then one request per 1/rate seconds', () => {
    const bucket = new TokenBucket(2, 2, 0);
    expect(bucket.waitMs(0)).toBe(0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.waitMs(0)).toBe(500);
    expect(bucket.waitMs(500)).toBe(0);
  });

  it('follows the rate Amazon announces and empties on a 429', () => {
    const bucket = new TokenBucket(0.0056, 20, 0);
    bucket.adjustRate(0.056, 0);
    bucket.drain(0);
    expect(bucket.waitMs(0)).toBe(Math.ceil((1 / 0.056) * 1000));
    bucket.adjustRate(-1, 0);
    expect(bucket.ratePerSecond).toBe(0.056);
  });
});

describe('paced caller', () => {
  const ok =
    <T>(value: T) =>
    async () => ({ value, rateLimit: undefined });

  it('spaces calls by the usage plan: P pages take (P − burst) / rate', async () => {
    const time = simulatedTime();
    const caller = new PacedCaller(time);
    for (let page = 0; page < 6; page++)
      await caller.call('store-a', 'getInventorySummaries', 60_000, ok(page));
    expect(time.now()).toBe(2000); // (6 − 2) / 2 rps
  });

  it('keeps one bucket per store and operation', async () => {
    const time = simulatedTime();
    const caller = new PacedCaller(time);
    for (let i = 0; i < 2; i++) await caller.call('store-a', 'getInventorySummaries', 60_000, ok(i));
    for (let i = 0; i < 2; i++) await caller.call('store-b', 'getInventorySummaries', 60_000, ok(i));
    expect(time.now()).toBe(0);
  });

  it('retries a 429 with backoff, a bounded number of times, then answers Throttled with a retry time', async () => {
    const time = simulatedTime();
    const caller = new PacedCaller({ ...time, maxThrottleRetries: 2 });
    let attempts = 0;
    const alwaysThrottled = async () => {
      attempts++;
      throw new SpApiError('throttled', 429, 'getInventorySummaries');
    };
    await expect(caller.call('s', 'getInventorySummaries', 60_000, alwaysThrottled)).rejects.toBeInstanceOf(
      Throttled,
    );
    expect(attempts).toBe(3);

    let failures = 1;
    const recovers = async () => {
      if (failures-- > 0) throw new SpApiError('throttled', 429, 'getInventorySummaries');
      return { value: 'ok', rateLimit: 2 };
    };
    await expect(new PacedCaller(time).call('s', 'getInventorySummaries', 60_000, recovers)).resolves.toBe(
      'ok',
    );
  });

  it('answers Throttled at once instead of waiting past the deadline', async () => {
    const time = simulatedTime();
    const caller = new PacedCaller(time);
    for (let i = 0; i < 20; i++) await caller.call('s', 'searchOrders', 10_000, ok(i));
    const error = await caller.call('s', 'searchOrders', 10_000, ok(21)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Throttled);
    expect((error as Throttled).retryAfterSeconds).toBe(179);
    expect(time.now()).toBe(0);
  });

  it('retries 5xx and network failures twice, never other errors', async () => {
    const time = simulatedTime();
    const caller = new PacedCaller(time);
    let attempts = 0;
    const down = async () => {
      attempts++;
      throw new SpApiError('unavailable', 503, 'getInventorySummaries');
    };
    await expect(caller.call('s', 'getInventorySummaries', 60_000, down)).rejects.toBeInstanceOf(
      AmazonUnavailable,
    );
    expect(attempts).toBe(3);

    attempts = 0;
    const unauthorized = async () => {
      attempts++;
      throw new SpApiError('unauthorized', 403, 'getInventorySummaries');
    };
    await expect(caller.call('t', 'getInventorySummaries', 60_000, unauthorized)).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(attempts).toBe(1);
  });
});

describe('paced caller and the request deadline (real time, short deadlines)', () => {
  const realTime = {
    now: () => Date.now(),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  };

  it('caps each attempt by the deadline: a call that never answers is abandoned and aborted in time', async () => {
    const caller = new PacedCaller({ ...realTime, random: () => 0 });
    const signals: AbortSignal[] = [];
    const hangs = ({ signal }: { signal: AbortSignal }) => {
      signals.push(signal);
      return new Promise<never>(() => undefined);
    };
    const started = Date.now();
    const deadline = started + 400;

    const error = await caller.call('s', 'getInventorySummaries', deadline, hangs).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AmazonUnavailable);
    expect(Date.now()).toBeLessThan(deadline + 150);
    expect(signals).toHaveLength(1); // no second attempt without time for it
    expect(signals[0]?.aborted).toBe(true);
  });

  it('checks the deadline before each attempt: no retry starts without time left', async () => {
    const caller = new PacedCaller({ ...realTime, random: () => 0.5, minAttemptMs: 250 });
    let attempts = 0;
    const down = async () => {
      attempts++;
      throw new SpApiError('unavailable', 503, 'getInventorySummaries');
    };

    await expect(caller.call('s', 'getInventorySummaries', Date.now() + 300, down)).rejects.toBeInstanceOf(
      AmazonUnavailable,
    );
    expect(attempts).toBe(1);
  });

  it('follows a deadline that moves later while it runs', async () => {
    const caller = new PacedCaller({ ...realTime, random: () => 0 });
    let deadline = Date.now() + 300;
    let attempts = 0;
    const slowOnce = ({ signal }: { signal: AbortSignal }) => {
      attempts++;
      if (attempts === 1) {
        deadline = Date.now() + 2_000; // another request joined with more time
        return new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      }
      return Promise.resolve({ value: 'page', rateLimit: undefined });
    };

    await expect(caller.call('s', 'getInventorySummaries', () => deadline, slowOnce)).resolves.toBe('page');
    expect(attempts).toBe(2);
  });
});

describe('paced caller with concurrent waiters', () => {
  it('never lets waiters for one bucket take more tokens than it holds (no debt after waking together)', async () => {
    const clock = eventClock();
    const caller = new PacedCaller(clock);
    const attemptsAt: number[] = [];
    const request = async () => {
      attemptsAt.push(clock.now());
      return { value: 'page', rateLimit: undefined };
    };
    await clock.run(
      Promise.all(
        Array.from({ length: 6 }, () => caller.call('store-a', 'getInventorySummaries', 60_000, request)),
      ),
    );
    // rate 2/s, burst 2: two at once, then one every 500 ms.
    expect(attemptsAt).toEqual([0, 0, 500, 1000, 1500, 2000]);
  });

  it('after a 429, parallel waiters resume one token at a time', async () => {
    const clock = eventClock();
    const caller = new PacedCaller(clock);
    const attemptsAt: number[] = [];
    let throttleOnce = true;
    const request = async () => {
      attemptsAt.push(clock.now());
      if (throttleOnce) {
        throttleOnce = false;
        throw new SpApiError('throttled', 429, 'getInventorySummaries');
      }
      return { value: 'page', rateLimit: undefined };
    };
    await clock.run(
      Promise.all(
        Array.from({ length: 4 }, () => caller.call('store-a', 'getInventorySummaries', 60_000, request)),
      ),
    );
    const sorted = [...attemptsAt].sort((a, b) => a - b);
    // After the 429 at t=0 the bucket is empty: at most one attempt per 500 ms from then on.
    for (let i = 2; i < sorted.length; i++) {
      expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);
    }
  });
});
