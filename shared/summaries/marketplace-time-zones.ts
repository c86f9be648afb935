import { assertTimeZone, calendarDate, MILLISECONDS_PER_HOUR } from './calendar-days';
import { addDays } from './restock-calendar';

// One table of marketplace zones, kept with the restock calendar (Seller Central's days per marketplace).
export { addDays, marketplaceTimeZone } from './restock-calendar';

/**
 * The instant a calendar day starts in a time zone (DST-correct: 23- and 25-hour days come out right). Found by
 * stepping from UTC midnight by the zone's offset, which is exact once the offset of the answer is used.
 */
export function startOfDay(date: string, timeZone: string): number {
  assertTimeZone(timeZone);
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let guess = utcMidnight;
  for (let i = 0; i < 3; i++) {
    const offset = offsetMs(guess, timeZone);
    const next = utcMidnight - offset;
    if (next === guess) break;
    guess = next;
  }
  // A zone that skips midnight (DST at 00:00) starts the day at the first instant that is on that date.
  while (calendarDate(guess, timeZone) !== date) guess += MILLISECONDS_PER_HOUR / 4;
  while (calendarDate(guess - 1, timeZone) === date) guess -= MILLISECONDS_PER_HOUR / 4;
  return guess;
}

// One formatter per zone for the life of the execution environment: building one costs far more than using it
// (the history fold asks for offsets per order).
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetMs(epochMs: number, timeZone: string): number {
  const parts = offsetFormatterFor(timeZone).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - (epochMs - (epochMs % 1000));
}

/** An ISO-8601 instant with the zone's offset (`2026-11-12T00:00:00-08:00`), as the Sales API wants intervals. */
export function isoWithOffset(epochMs: number, timeZone: string): string {
  const offset = offsetMs(epochMs, timeZone);
  const local = new Date(epochMs + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset > 0 ? '+' : '-';
  const minutes = Math.abs(offset) / 60_000;
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The last `days` marketplace days ending with today (today included, as Seller Central's "Last 7 days"): the
 * first date, today's date and the instant the first day starts.
 */
export function marketplaceWindow(asOfMs: number, days: number, timeZone: string) {
  const today = calendarDate(asOfMs, timeZone);
  const firstDate = addDays(today, -(days - 1));
  return { firstDate, today, startMs: startOfDay(firstDate, timeZone) };
}
