import { row, type FigureResult } from './support/figure';

/**
 * The figure of ads (ads.ts) made from its runs: report requests per profile, report type and day against Amazon's
 * one or two, per store-day the day after connecting, on the connect day, and the simulated time from the consent
 * to a complete 30-day view at each report delay; and the notes that say how it was measured.
 */

/** One view opened until complete: what it took. */
export interface ViewUntilComplete {
  readonly seconds: number;
  readonly views: number;
  readonly firstComplete: boolean;
  readonly requests: number;
  readonly days: number;
  readonly campaigns: number;
}

/** One seller's consent at one report delay, then the view until complete, then the next day's. */
export interface AdsRun {
  readonly delayMs: number;
  readonly secondsToComplete: number;
  readonly first: ViewUntilComplete;
  readonly requestsFirstDay: number;
  readonly nextDay: ViewUntilComplete;
  readonly requestsNextDay: number;
  readonly marketplaces: number;
  readonly queueMessages: number;
}

export function adsResult(
  figure: 'ads',
  runs: readonly AdsRun[],
  requestsPerDay: Record<string, number>,
  counters: Record<string, number>,
): FigureResult {
  // Amazon asks for at most one or two requests per advertiser, report type and day: the sandbox counts them per
  // profile, report type and UTC day.
  const perDay = Object.values(requestsPerDay);
  const maxPerTypeDay = perDay.length === 0 ? null : Math.max(...perDay);
  const [fast] = runs;
  return {
    id: figure,
    title: 'ads: report requests per store-day; connect to a complete 30-day ads view (simulated clock)',
    rows: [
      row({
        name: 'report requests per profile, report type and day (max)',
        value: maxPerTypeDay,
        unit: 'requests',
        budget: { max: 2, text: 'at most two report requests per store, report type and day' },
      }),
      row({
        name: 'report requests per store-day, viewed daily (one marketplace)',
        value: fast?.requestsNextDay ?? null,
        unit: 'requests',
        note: 'the day after connecting, the view opened until complete: one request per report type (SP, SB, SD) re-reads the trailing days Amazon restates',
      }),
      row({
        name: 'report requests on the connect day (3 marketplaces × 3 report types, 31 days each)',
        value: fast?.requestsFirstDay ?? null,
        unit: 'requests',
      }),
      ...runs.map((run) =>
        row({
          name: `connect → complete 30-day view, report delay ${run.delayMs / 60_000} min`,
          value: Math.round(run.secondsToComplete),
          unit: 's (simulated)',
          note: `${run.first.views} views (opened again after each retryAfterSeconds); first view answered at once, complete: ${String(run.first.firstComplete)}`,
        }),
      ),
    ],
    notes: [
      'One process, one simulated clock for Date and the sandbox (report processing); the report queue honours each message delay on that clock; no function waits for a report.',
      "Ours: the Ads consent (PKCE) on the sandbox, the store's own profiles linked, one sync per marketplace, then the pipeline's messages as they fall due and the dashboard's views after each retryAfterSeconds.",
      'The sandbox completes a report a fixed delay after its creation (60 s, and 20 min as a slower Amazon); Amazon documents minutes, up to three hours.',
    ],
    details: { runs, requestsPerDay: requestsPerDay, counters: counters },
  };
}
