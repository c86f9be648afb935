/**
 * The sandbox clock drives every Amazon-side expiry (codes, amazon_state, access tokens, pagination tokens).
 * It ticks with real time from `startTime` so a long `npm start` session behaves like Amazon, and tests
 * jump ahead with `advance` instead of sleeping. Token buckets deliberately do not use it: pacing is
 * measured in real time.
 */
export class SandboxClock {
  private readonly startedAtRealMs = Date.now();
  private advancedMs = 0;

  constructor(private readonly startTime: Date) {}

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.startTime.getTime() + (Date.now() - this.startedAtRealMs) + this.advancedMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError('The sandbox clock only moves forward: advance(ms) needs a finite ms >= 0.');
    }
    this.advancedMs += ms;
  }
}
