import type { Faults } from './types';

const NO_FAULTS: Faults = { lwa5xx: 0, spapi5xx: 0, throttleStorm: 0, latencyMs: 0 };

export type ServerErrorStatus = 500 | 503;

/** Injected failures. Counts are consumed one per matching request; 5xx alternate 500, 503, 500… */
export class FaultInjector {
  private faults: Faults = { ...NO_FAULTS };
  private lwaServed = 0;
  private spapiServed = 0;

  set(partial: Partial<Faults>): void {
    const updates: Partial<Faults> = {};
    for (const [name, value] of Object.entries(partial)) {
      if (value === undefined) continue;
      if (!(name in NO_FAULTS)) throw new TypeError(`Unknown fault "${name}"`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new TypeError(`Fault "${name}" must be a non-negative integer`);
      }
      updates[name as keyof Faults] = value;
    }
    if (updates.lwa5xx !== undefined) this.lwaServed = 0;
    if (updates.spapi5xx !== undefined) this.spapiServed = 0;
    this.faults = { ...this.faults, ...updates };
  }

  clear(): void {
    this.faults = { ...NO_FAULTS };
    this.lwaServed = 0;
    this.spapiServed = 0;
  }

  current(): Faults {
    return { ...this.faults };
  }

  get latencyMs(): number {
    return this.faults.latencyMs;
  }

  takeLwaServerError(): ServerErrorStatus | undefined {
    if (this.faults.lwa5xx <= 0) return undefined;
    this.faults.lwa5xx -= 1;
    this.lwaServed += 1;
    return this.lwaServed % 2 === 1 ? 500 : 503;
  }

  takeSpApiServerError(): ServerErrorStatus | undefined {
    if (this.faults.spapi5xx <= 0) return undefined;
    this.faults.spapi5xx -= 1;
    this.spapiServed += 1;
    return this.spapiServed % 2 === 1 ? 500 : 503;
  }

  takeThrottle(): boolean {
    if (this.faults.throttleStorm <= 0) return false;
    this.faults.throttleStorm -= 1;
    return true;
  }
}
