/**
 * A discrete-event clock for concurrent callers: each sleep resolves at its own due time, in time order, so several
 * waiters on one bucket (or several "environments" sharing one) interleave as they would on a real event loop.
 */
export function eventClock() {
  let nowMs = 0;
  const timers: Array<{ readonly at: number; readonly resolve: () => void }> = [];
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => nowMs,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: nowMs + ms, resolve })),
    random: () => 0.5,
    /** Runs the timers in order until `work` settles (or nothing is left to wake). */
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const result = work.finally(() => {
        done = true;
      });
      for (;;) {
        await settle();
        if (done || timers.length === 0) break;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (next === undefined) break;
        nowMs = Math.max(nowMs, next.at);
        next.resolve();
      }
      return result;
    },
  };
}
