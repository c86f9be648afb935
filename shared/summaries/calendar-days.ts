import { BadRequest } from '../errors';
import { MILLISECONDS_PER_DAY, MILLISECONDS_PER_HOUR } from '../time';

// One definition of the day's length (shared/time.ts); re-exported for the summaries that import it from here.
export { MILLISECONDS_PER_DAY, MILLISECONDS_PER_HOUR };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      throw new BadRequest(`timeZone must be an IANA time zone such as UTC or America/Los_Angeles.`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws BadRequest unless the runtime knows this IANA time zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function calendarDate(epochMs: number, timeZone: string): string {
  if (timeZone === 'UTC') return new Date(epochMs).toISOString().slice(0, 10);
  let year = '';
  let month = '';
  let day = '';
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/** Every calendar date from `first` to `last` inclusive (both `YYYY-MM-DD`); plain date arithmetic, no DST. */
export function calendarDatesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end; at += MILLISECONDS_PER_DAY) {
    dates.push(new Date(at).toISOString().slice(0, 10));
  }
  return dates;
}

/** An ISO-8601 timestamp as epoch milliseconds, or undefined when it is missing or not a date. */
export function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
