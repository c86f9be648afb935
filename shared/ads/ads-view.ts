import type { AdsSummary } from '../api/ads-contract';
import type { Caller } from '../auth/caller';
import type { DatasetName } from '../config/dataset-settings';
import { AdsNotConnected, BadRequest, DatasetNotEnabled } from '../errors';
import type { AuditTrail, Clock, SnapshotStore, StoreRepository } from '../ports';
import { auditedRead } from '../store-data/audited-read';
import type { StoreScope } from '../store-access/store-scope';
import { withStoreAccess, type AccessGate, type DataRequest } from '../store-data/store-access';
import { historyDays, loadedFromDate, storedHistory } from '../store-data/order-history-state';
import { KeptInMemory } from '../store-data/kept-in-memory';
import { snapshotVersionKey, type SnapshotVersions } from '../store-data/store-data-ports';
import { fromMinorUnits } from '../summaries/currency-amounts';
import type { StoreProfile } from '../stores/store';
import type { AdsReportQueue, AdsRepository } from './ads-ports';
import { summarizeAds } from './ads-summary';
import { decideJob, DEFAULT_VIEW_DAYS, MAX_REPORT_DAYS, readWindow, windowOf } from './report-window';

/** The view asks the pipeline for fresh data at most this often per (store, marketplace). */
const SYNC_REQUEST_INTERVAL_MS = 5 * 60_000;
/** Budget usage moves during the day: re-read this often while someone looks. */
const BUDGETS_STALE_MS = 15 * 60_000;
const MARKETPLACE_PATTERN = /^[A-Z0-9]{8,20}$/;

export interface AdsViewDependencies {
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly adsStore: Pick<
    AdsRepository,
    'getAdsLink' | 'listReportJobs' | 'listAdsDays' | 'getAdsBudgets' | 'markSyncRequested'
  >;
  /** The orders history the orders view keeps: the marketplace's total sales, for TACoS. */
  readonly snapshots: Pick<SnapshotStore, 'get' | 'versions'>;
  readonly queue: AdsReportQueue;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly datasets: ReadonlySet<DatasetName>;
  /** Past the gate, the store's items with its own credentials only (shared/store-access/store-scope.ts). */
  readonly scope?: StoreScope;
  /** Test-only: replaces the access gate. */
  readonly accessGate?: AccessGate;
}

export function parseDays(days: string | undefined): number {
  if (days === undefined) return DEFAULT_VIEW_DAYS;
  const value = Number(days);
  if (!/^\d{1,2}$/.test(days) || value < 1 || value > MAX_REPORT_DAYS)
    throw new BadRequest(`days must be a whole number from 1 to ${MAX_REPORT_DAYS}.`);
  return value;
}

/**
 * `GET /api/stores/{storeId}/ads`: served from what the report pipeline stored, never waiting for Amazon. When a
 * part of the window is missing or old, the pipeline is asked (through its queue) and the answer says
 * `complete: false` with a retry hint. Audited with dataset `ads` before the data leaves.
 */
export async function getAdsSummary(
  deps: AdsViewDependencies,
  caller: Caller,
  input: { storeId: string; marketplaceId?: string; days?: string; reason?: string; requestId: string },
): Promise<AdsSummary> {
  if (!deps.datasets.has('ads')) throw new DatasetNotEnabled('ads');
  const marketplaceId = input.marketplaceId;
  if (marketplaceId === undefined || !MARKETPLACE_PATTERN.test(marketplaceId))
    throw new BadRequest('marketplaceId is required.');
  const request: DataRequest = {
    caller,
    storeId: input.storeId,
    dataset: 'ads',
    operation: 'GetAds',
    marketplaceId,
    reason: input.reason,
    requestId: input.requestId,
  };
  const days = parseDays(input.days);
  return withStoreAccess(deps, request, 'NONE', (store) =>
    // Past the gate every outcome is recorded (auditedRead): `allowed` before the data leaves, or `error`,
    // including a store without the Ads consent (409: the access was allowed, there was nothing to return).
    auditedRead(deps, request, store, async () => {
      const response = await readAdsSummary(deps, store, marketplaceId, days);
      return { value: response, itemCount: response.campaigns.length, source: response.source };
    }),
  );
}

/** The view from what the pipeline stored, asking the pipeline for what is missing or old. */
async function readAdsSummary(
  deps: AdsViewDependencies,
  store: StoreProfile,
  marketplaceId: string,
  days: number,
): Promise<AdsSummary> {
  // The link and the snapshots' versions at once, then everything the link names at once: two round trips.
  const [link, versions] = await Promise.all([
    deps.adsStore.getAdsLink(store.storeId, marketplaceId),
    deps.snapshots.versions(store.storeId),
  ]);
  if (link === undefined) throw new AdsNotConnected();

  const now = deps.clock.now();
  const nowMs = now.getTime();
  const window = windowOf(nowMs, link.timeZone, days);
  const [jobs, dayRecords, budgets, sales] = await Promise.all([
    deps.adsStore.listReportJobs(store.storeId, link.profileId),
    deps.adsStore.listAdsDays(store.storeId, link.profileId, window.startDate, window.endDate, { versions }),
    deps.adsStore.getAdsBudgets(store.storeId, link.profileId),
    totalSales(deps, store.storeId, link, window, versions),
  ]);

  // What the pipeline would do now decides whether to ask it, and how long the dashboard should wait.
  const today = readWindow(nowMs, link.timeZone).today;
  const decisions = ['SPONSORED_PRODUCTS', 'SPONSORED_BRANDS', 'SPONSORED_DISPLAY'].map((p) =>
    decideJob(
      jobs.find((j) => j.adProduct === p),
      nowMs,
      today,
    ),
  );
  const needsReports = decisions.some((d) => d.action === 'request');
  const budgetsStale = budgets === undefined || nowMs - Date.parse(budgets.readAt) > BUDGETS_STALE_MS;
  if (needsReports || budgetsStale) {
    const asked = await deps.adsStore.markSyncRequested(
      store.storeId,
      link.marketplaceId,
      now.toISOString(),
      new Date(nowMs - SYNC_REQUEST_INTERVAL_MS).toISOString(),
    );
    if (asked)
      await deps.queue.send({ kind: 'sync', storeId: store.storeId, marketplaceId: link.marketplaceId });
  }
  const limited = decisions.flatMap((d) => (d.action === 'limit' ? [d.retryAt] : []));
  const retryAfterSeconds = decisions.some((d) => d.action === 'wait' || d.action === 'request')
    ? 30
    : limited.length > 0
      ? Math.max(60, Math.ceil((Math.min(...limited) - nowMs) / 1000))
      : 30;

  const summary = summarizeAds({
    link,
    window,
    days: dayRecords,
    budgets,
    jobs,
    totalSales: sales,
    nowMs,
    retryAfterSeconds,
  });
  return { storeId: store.storeId, marketplaceId: link.marketplaceId, ...summary };
}

/** Window totals per (history content, currency, window), per execution environment: a few bytes each. */
const windowSales = new KeptInMemory<{ readonly sum: number | undefined }>(1024 * 1024);

/**
 * The marketplace's total sales in the window, from the orders history the orders view keeps, in the profile's
 * currency: the same revenue as the orders view's (CANCELLED and UNFULFILLABLE left out), by the history's
 * marketplace days. Undefined (TACoS null) when that history does not cover the window or counts its days in
 * another zone than the profile's.
 */
async function totalSales(
  deps: Pick<AdsViewDependencies, 'snapshots'>,
  storeId: string,
  link: { marketplaceId: string; currency: string; timeZone: string },
  window: { startDate: string; endDate: string },
  versions: SnapshotVersions,
): Promise<number | undefined> {
  const version = versions.get(snapshotVersionKey('orders', link.marketplaceId));
  const key = [
    link.marketplaceId,
    version?.content,
    link.currency,
    link.timeZone,
    window.startDate,
    window.endDate,
  ].join('|');
  const kept = version === undefined ? undefined : windowSales.get(storeId, key);
  if (kept !== undefined) return kept.sum;
  const snapshot = await deps.snapshots
    .get<unknown>(storeId, 'orders', link.marketplaceId, { versions })
    .catch(() => undefined);
  const history = storedHistory(snapshot?.data, link.timeZone);
  let sum: number | undefined;
  const loadedFrom = history === undefined ? undefined : loadedFromDate(history);
  if (history !== undefined && loadedFrom !== undefined && loadedFrom <= window.startDate) {
    let minor = 0;
    for (const day of historyDays(history))
      if (day.date >= window.startDate && day.date <= window.endDate)
        minor += day.revenueMinor[link.currency] ?? 0;
    sum = fromMinorUnits(minor, link.currency);
  }
  if (snapshot?.content !== undefined && snapshot.content === version?.content)
    windowSales.set(storeId, key, { sum }, 64);
  return sum;
}
