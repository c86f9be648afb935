/**
 * Moves this process's `Date` forward in step with the sandbox clock, for the token-reuse run: the sandbox decides
 * when an access token has expired on its own clock, and a client that tracks expiry (e.g. @sp-api-sdk/auth, with
 * `new Date()` and `Date.now()`) must see the same simulated hours, just as our AccessTokenProvider is given a clock
 * that follows the sandbox. Timers (setTimeout) keep real time: only the calendar jumps.
 */
export interface SimulatedClock {
  advance(ms: number): void;
  readonly offsetMs: number;
}

export function installSimulatedClock(): SimulatedClock {
  const RealDate = Date;
  let offsetMs = 0;
  class SimulatedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offsetMs;
    }
  }
  globalThis.Date = SimulatedDate as DateConstructor;
  return {
    advance: (ms) => {
      offsetMs += ms;
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}
