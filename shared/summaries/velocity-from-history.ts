import { calendarDate } from './calendar-days';
import { addDays } from './marketplace-time-zones';
import type { DayTotals } from './order-day-totals';
import type { SalesVelocity, SkuUnitsSold } from './sales-velocity';
import { MILLISECONDS_PER_DAY } from '../time';

/** The longest window the restock planner reads (sales-velocity.ts: d60). */
export const VELOCITY_DAYS = 60;

/**
 * Sales velocity counted from the folded order history: units per SKU over the last 7, 30 and 60 marketplace
 * days, today included. Only loaded days count: `coveredDays` says how far back that reaches, and a history that
 * does not reach 60 days (or is still loading) gives `complete: false`, so its numbers are provisional.
 */
export function velocityFromHistory(input: {
  readonly dayTotals: readonly DayTotals[];
  /** First marketplace date from which every order is counted; undefined when nothing is loaded. */
  readonly loadedFrom: string | undefined;
  /** The history has nothing left to read for the velocity window. */
  readonly historyComplete: boolean;
  readonly asOf: Date;
  readonly timeZone: string;
}): SalesVelocity {
  const today = calendarDate(input.asOf.getTime(), input.timeZone);
  const asOf = input.asOf.toISOString();
  if (input.loadedFrom === undefined || input.loadedFrom > today)
    return { source: 'unknown', coveredDays: 0, complete: false, unitsBySku: new Map(), asOf };
  const first60 = addDays(today, -(VELOCITY_DAYS - 1));
  const first30 = addDays(today, -29);
  const first7 = addDays(today, -6);
  const firstCounted = input.loadedFrom > first60 ? input.loadedFrom : first60;
  const coveredDays = Math.round((Date.parse(today) - Date.parse(firstCounted)) / MILLISECONDS_PER_DAY) + 1;
  const units = new Map<string, { d7: number; d30: number; d60: number }>();
  for (const day of input.dayTotals) {
    if (day.date < firstCounted || day.date > today) continue;
    for (const [sku, quantity] of Object.entries(day.units)) {
      let entry = units.get(sku);
      if (entry === undefined) units.set(sku, (entry = { d7: 0, d30: 0, d60: 0 }));
      entry.d60 += quantity;
      if (day.date >= first30) entry.d30 += quantity;
      if (day.date >= first7) entry.d7 += quantity;
    }
  }
  return {
    source: 'order-history',
    coveredDays,
    complete: input.historyComplete && coveredDays >= VELOCITY_DAYS,
    unitsBySku: units as ReadonlyMap<string, SkuUnitsSold>,
    asOf,
  };
}
