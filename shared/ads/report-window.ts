import { AD_PRODUCTS, ATTRIBUTION_DAYS, type AdProduct } from '../api/ads-contract';
import { calendarDate, calendarDatesBetween, MILLISECONDS_PER_DAY } from '../summaries/calendar-days';
import type { ReportJob } from './ads-ports';
import { MILLISECONDS_PER_HOUR } from '../time';

/** Amazon allows 31 days per report request; the view's window is at most that. */
export const MAX_REPORT_DAYS = 31;
export const DEFAULT_VIEW_DAYS = 30;
/** Amazon asks for one or two report requests per advertiser, report type and day. */
export const MAX_REQUESTS_PER_DAY = 2;
/** A stored read older than this is re-read (restated days), within the daily request limit. */
export const REREAD_AFTER_MS = 6 * MILLISECONDS_PER_HOUR;
/** Reports can take up to three hours; one still running after this is given up and requested again. */
export const REPORT_ABANDON_AFTER_MS = 3.5 * MILLISECONDS_PER_HOUR;
/** Clicks and impressions can change for 3 days (invalid-traffic filtering). */
export const TRAFFIC_RESTATEMENT_DAYS = 3;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);

/** The profile's today and the dates of a window of `days` ending today, in the profile's time zone. */
export function windowOf(nowMs: number, timeZone: string, days: number) {
  const today = calendarDate(nowMs, timeZone);
  const startDate = addDays(today, -(days - 1));
  return { today, startDate, endDate: today, dates: calendarDatesBetween(startDate, today) };
}

/** The window each report request reads: the last 31 days, so every request re-reads what Amazon restated. */
export const readWindow = (nowMs: number, timeZone: string) => windowOf(nowMs, timeZone, MAX_REPORT_DAYS);

/**
 * The first day Amazon may still restate: conversions keep arriving through the attribution window (7 days for
 * Sponsored Products, 14 for Brands and Display), clicks for 3 days. Older days are final enough to show as such.
 * (Amazon restates conversions for up to 28/42 days in rare cases; the daily 31-day re-read covers most of it.)
 */
export function provisionalFrom(today: string, products: readonly AdProduct[]): string {
  const window = Math.max(TRAFFIC_RESTATEMENT_DAYS, ...products.map((p) => ATTRIBUTION_DAYS[p]));
  return addDays(today, -(window - 1));
}

export const utcDay = (nowMs: number): string => new Date(nowMs).toISOString().slice(0, 10);

export type JobDecision =
  | { readonly action: 'wait' } // a report is in flight
  | { readonly action: 'fresh' } // the stored read covers today and is recent
  | { readonly action: 'limit'; readonly retryAt: number } // two requests already made today
  | { readonly action: 'request'; readonly abandoned: boolean };

/** Whether a (profile, ad product) needs a report request now, within Amazon's request limit. */
export function decideJob(job: ReportJob | undefined, nowMs: number, today: string): JobDecision {
  let abandoned = false;
  if (job?.current !== undefined) {
    if (nowMs - Date.parse(job.current.requestedAt) < REPORT_ABANDON_AFTER_MS) return { action: 'wait' };
    abandoned = true;
  }
  const coverage = job?.coverage;
  if (
    !abandoned &&
    coverage !== undefined &&
    coverage.endDate >= today &&
    nowMs - Date.parse(coverage.readAt) < REREAD_AFTER_MS
  )
    return { action: 'fresh' };
  if (job?.requestDay === utcDay(nowMs) && (job.requestCount ?? 0) >= MAX_REQUESTS_PER_DAY) {
    const tomorrow = Date.parse(`${utcDay(nowMs)}T00:00:00Z`) + MILLISECONDS_PER_DAY;
    return { action: 'limit', retryAt: tomorrow };
  }
  return { action: 'request', abandoned };
}

/** The job after a report was requested (200 or a reused 425 duplicate). */
export function requested(
  job: ReportJob | undefined,
  base: Pick<ReportJob, 'storeId' | 'profileId' | 'adProduct'>,
  report: { reportId: string; startDate: string; endDate: string },
  nowMs: number,
): ReportJob {
  const day = utcDay(nowMs);
  return {
    ...base,
    ...(job ?? {}),
    current: { ...report, requestedAt: new Date(nowMs).toISOString(), polls: 0 },
    requestDay: day,
    requestCount: job?.requestDay === day ? (job.requestCount ?? 0) + 1 : 1,
    version: (job?.version ?? 0) + 1,
  };
}

export const ALL_AD_PRODUCTS: readonly AdProduct[] = AD_PRODUCTS;
