import { calendarDate, MILLISECONDS_PER_DAY } from './calendar-days';

/**
 * The time zone whose calendar days Seller Central reports a marketplace in (and the Sales API's
 * `granularityTimeZone` for it): restock dates and sales days are in it. An unknown marketplace falls back to UTC
 * rather than failing a summary.
 */
const TIME_ZONES: Readonly<Record<string, string>> = {
  ATVPDKIKX0DER: 'America/Los_Angeles', // amazon.com
  A2EUQ1WTGCTBG2: 'America/Los_Angeles', // amazon.ca
  A1AM78C64UM0Y8: 'America/Los_Angeles', // amazon.com.mx
  A2Q3Y263D00KWC: 'America/Sao_Paulo', // amazon.com.br
  A1F83G8C2ARO7P: 'Europe/London', // amazon.co.uk
  A1PA6795UKMFR9: 'Europe/Berlin', // amazon.de
  A13V1IB3VIYZZH: 'Europe/Paris', // amazon.fr
  APJ6JRA9NG5V4: 'Europe/Rome', // amazon.it
  A1RKKUPIHCS9HS: 'Europe/Madrid', // amazon.es
  A1805IZSGTT6HS: 'Europe/Amsterdam', // amazon.nl
  A1C3SOZRARQ6R3: 'Europe/Warsaw', // amazon.pl
  A2NODRKZP88ZB9: 'Europe/Stockholm', // amazon.se
  AMEN7PMS3EDWL: 'Europe/Brussels', // amazon.com.be
  A33AVAJ2PDY3EV: 'Europe/Istanbul', // amazon.com.tr
  A2VIGQ35RCS4UG: 'Asia/Dubai', // amazon.ae
  A17E79C6D8DWNP: 'Asia/Riyadh', // amazon.sa
  ARBP9OOSHTCHU: 'Africa/Cairo', // amazon.eg
  A21TJRUUN4KGV: 'Asia/Kolkata', // amazon.in
  A28R8C7NBKEWEA: 'Europe/Dublin', // amazon.ie
  AE08WJ6YKNBMC: 'Africa/Johannesburg', // amazon.co.za
  A1VC38T7YXB528: 'Asia/Tokyo', // amazon.co.jp
  A39IBJ37TRP1C6: 'Australia/Sydney', // amazon.com.au
  A19VAU5U5O7RUS: 'Asia/Singapore', // amazon.sg
};

export function marketplaceTimeZone(marketplaceId: string): string {
  return TIME_ZONES[marketplaceId] ?? 'UTC';
}

/** Today's date (`YYYY-MM-DD`) in a time zone. */
export const today = (at: Date, timeZone: string): string => calendarDate(at.getTime(), timeZone);

/**
 * Results of addDays kept per execution environment: planning every SKU of 150 marketplaces asks for the same few
 * hundred (date, days) pairs tens of thousands of times (today plus a lead time, a stock-out date less the safety
 * days), and building a Date and an ISO string each time was the overview's first-answer cost. Bounded: cleared
 * when full.
 */
const ADDED_DAYS = new Map<string, string>();
const ADDED_DAYS_LIMIT = 20_000;

/** A calendar date plus (or minus) whole days: plain date arithmetic, no time zone or DST involved. */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  const known = ADDED_DAYS.get(key);
  if (known !== undefined) return known;
  const result = new Date(Date.parse(`${date}T00:00:00Z`) + days * MILLISECONDS_PER_DAY)
    .toISOString()
    .slice(0, 10);
  if (ADDED_DAYS.size >= ADDED_DAYS_LIMIT) ADDED_DAYS.clear();
  ADDED_DAYS.set(key, result);
  return result;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MILLISECONDS_PER_DAY);
}
