import { Throttled } from '../../../shared/errors';
import { toErrorResponse } from '../../../shared/http/responses';
import { PacedCaller } from '../../../shared/pacing/paced-caller';
import {
  PaginationFailure,
  PaginationGuard,
  pagesAllowedWithin,
} from '../../../shared/pacing/pagination-guard';

describe('pagination guard', () => {
  it('lets a listing of new tokens end normally', () => {
    const guard = new PaginationGuard('getInventorySummaries');
    for (const token of ['a', 'b', 'c', undefined]) {
      guard.beforePage();
      guard.afterPage(token);
    }
    expect(guard.pagesRead).toBe(4);
  });

  it.each([
    ['the same token again', ['a', 'a']],
    ['a cycle', ['a', 'b', 'c', 'a']],
  ])('stops %s with a classified 503 that says "later"', (_label, tokens) => {
    const guard = new PaginationGuard('searchOrders');
    const error = (() => {
      try {
        for (const token of tokens) guard.afterPage(token);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PaginationFailure);
    expect(error).toMatchObject({ fault: 'repeated-next-token', code: 'AmazonUnavailable' });
    const response = toErrorResponse(error);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('60');
    expect(JSON.parse(String(response.body))).toMatchObject({
      error: { code: 'AmazonUnavailable', reason: 'repeated-next-token', retryAfterSeconds: 60 },
    });
  });

  it('counts the token a listing resumes from as seen', () => {
    const guard = new PaginationGuard('searchOrders', undefined, 'resume');
    expect(() => guard.afterPage('resume')).toThrow(PaginationFailure);
  });

  it('refuses a page beyond the limit, read before each page', () => {
    let limit = 2;
    const guard = new PaginationGuard('getInventorySummaries', () => limit);
    guard.beforePage();
    guard.afterPage('a');
    guard.beforePage();
    guard.afterPage('b');
    expect(() => guard.beforePage()).toThrow(expect.objectContaining({ fault: 'page-limit' }));
    limit = 3;
    expect(() => guard.beforePage()).not.toThrow();
  });

  it('computes what a bucket allows: its tokens, then the rate', () => {
    expect(pagesAllowedWithin({ tokens: 2, rate: 2 }, 0, 10_000)).toBe(22);
    expect(pagesAllowedWithin({ tokens: 20, rate: 0.0056 }, 0, 26_500)).toBe(20);
    expect(pagesAllowedWithin({ tokens: 1.5, rate: 2 }, 5_000, 4_000)).toBe(1);
  });
});

describe('a listing whose tokens never end', () => {
  it('fails with page-limit where the pacer would have answered a misleading Throttled', async () => {
    let nowMs = 0;
    const caller = new PacedCaller({
      now: () => nowMs,
      sleep: async (ms) => {
        nowMs += ms;
      },
      random: () => 0.5,
    });
    const deadlineMs = 26_500;
    const guard = new PaginationGuard(
      'getInventorySummaries',
      caller.pageLimit('store', 'getInventorySummaries', deadlineMs),
    );
    let calls = 0;
    const endless = async () => ({ value: `token-${++calls}`, rateLimit: 2 });

    const error = await (async () => {
      for (;;) {
        guard.beforePage();
        guard.afterPage(await caller.call('store', 'getInventorySummaries', deadlineMs, endless));
      }
    })().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaginationFailure);
    expect(error).not.toBeInstanceOf(Throttled);
    expect(error).toMatchObject({ fault: 'page-limit' });
    // 2 at once, then 2 a second until the deadline less the shortest attempt: every call the plan allowed.
    expect(calls).toBe(54);
    expect(nowMs).toBeLessThan(deadlineMs);
  });
});
