import { DomainError, Throttled } from '../errors';
import type { Deadline } from '../pacing/paced-caller';
import type { ReportsSource } from '../ports';
import type { StoreProfile } from '../stores/store';
import { MILLISECONDS_PER_DAY } from '../summaries/calendar-days';
import { addLoadedOrders, type OrderHistory, type ReportChunk } from './order-history-state';
import type { SpApiCaller } from './token-retry';

/** One order report covers at most this many days (Amazon's limit for the order reports is 30). */
export const REPORT_CHUNK_DAYS = 30;
/** Each report asks for this much more on both sides; rows are then kept by purchase date, so none is lost. */
const REPORT_MARGIN_MS = 60 * 60_000;
/**
 * Order reports lag up to 30 minutes (Amazon: "the fulfillable date of an order is usually 30 minutes after it
 * is created"): the newest hour is read again from the Orders API as changes after the report.
 */
const REPORT_LAG_MS = 60 * 60_000;
/** How soon to look again at a report Amazon is still processing. */
export const REPORT_POLL_SECONDS = 20;

export interface ReportHistoryDeps {
  readonly reports: ReportsSource;
  readonly callSpApi: SpApiCaller;
}

/** The reports that read [from, to), newest first, each at most REPORT_CHUNK_DAYS long. */
export function reportChunks(from: Date, to: Date): ReportChunk[] {
  const chunks: ReportChunk[] = [];
  for (let end = to.getTime(); end > from.getTime(); end -= REPORT_CHUNK_DAYS * MILLISECONDS_PER_DAY) {
    const start = Math.max(from.getTime(), end - REPORT_CHUNK_DAYS * MILLISECONDS_PER_DAY);
    chunks.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  }
  return chunks;
}

/**
 * Moves the bulk history on as far as the deadline and the usage plans allow: every report not yet requested
 * is requested (they process in parallel at Amazon), then the newest is polled and, once DONE, downloaded and
 * folded in; `from` moves back one report at a time, so what is counted is always contiguous up to now. Never
 * waits for Amazon's processing: a report still IN_PROGRESS answers `retryAfterSeconds`, and the checkpoint
 * (report ids) is in the stored history for the next view.
 */
export async function advanceReports(
  deps: ReportHistoryDeps,
  store: StoreProfile,
  marketplaceId: string,
  start: OrderHistory,
  deadline: Deadline,
  now: Date,
): Promise<{ history: OrderHistory; retryAfterSeconds?: number }> {
  let history = start;
  try {
    const requested: ReportChunk[] = [];
    for (const chunk of history.reports) {
      if (chunk.reportId !== undefined) {
        requested.push(chunk);
        continue;
      }
      const { reportId } = await deps.callSpApi(store, 'createReport', deadline, (accessToken) =>
        deps.reports.createOrderReport({
          region: store.region,
          accessToken,
          marketplaceId,
          dataStartTime: new Date(Date.parse(chunk.start) - REPORT_MARGIN_MS).toISOString(),
          dataEndTime: new Date(
            Math.min(Date.parse(chunk.end) + REPORT_MARGIN_MS, now.getTime() - 120_000),
          ).toISOString(),
        }),
      );
      requested.push({ ...chunk, reportId, requestedAt: now.toISOString() });
      history = { ...history, reports: [...requested, ...history.reports.slice(requested.length)] };
    }
    while (history.reports.length > 0) {
      const [newest, ...rest] = history.reports as [ReportChunk, ...ReportChunk[]];
      const report = await deps.callSpApi(store, 'getReport', deadline, (accessToken) =>
        deps.reports.getReport({ region: store.region, accessToken, reportId: newest.reportId as string }),
      );
      if (report.status === 'IN_QUEUE' || report.status === 'IN_PROGRESS')
        return { history, retryAfterSeconds: REPORT_POLL_SECONDS };
      if (report.status !== 'DONE' || report.reportDocumentId === undefined) {
        // CANCELLED means "no data in the window" for order reports; FATAL is asked for again next time.
        if (report.status === 'CANCELLED') {
          history = { ...history, reports: rest, from: newest.start };
          continue;
        }
        const { reportId: _dropped, requestedAt: _at, ...again } = newest;
        return { history: { ...history, reports: [again, ...rest] }, retryAfterSeconds: REPORT_POLL_SECONDS };
      }
      const documentId = report.reportDocumentId;
      const document = await deps.callSpApi(store, 'getReportDocument', deadline, (accessToken) =>
        deps.reports.getReportDocument({ region: store.region, accessToken, reportDocumentId: documentId }),
      );
      const rows = await deps.reports.downloadOrderReport({
        region: store.region,
        url: document.url,
        compressed: document.compressed,
        marketplaceId,
      });
      const startMs = Date.parse(newest.start);
      const endMs = Date.parse(newest.end);
      const inWindow = rows.filter((order) => {
        const created = Date.parse(order.createdTime);
        return created >= startMs && created < endMs;
      });
      const newestChunk = history.syncedThrough === undefined;
      history = {
        ...addLoadedOrders(history, inWindow, now),
        reports: rest,
        from: newest.start,
        ...(newestChunk ? { syncedThrough: new Date(endMs - REPORT_LAG_MS).toISOString() } : {}),
      };
    }
    return { history };
  } catch (error) {
    if (error instanceof Throttled) return { history, retryAfterSeconds: error.retryAfterSeconds };
    // A report that cannot be read now is read again by a later view: the checkpoint stays as it is.
    if (error instanceof DomainError && error.code === 'AmazonUnavailable')
      return { history, retryAfterSeconds: REPORT_POLL_SECONDS };
    throw error;
  }
}
