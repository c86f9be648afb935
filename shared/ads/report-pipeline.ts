import { AD_PRODUCTS, type AdProduct } from '../api/ads-contract';
import { STORE_ID_PATTERN } from '../stores/store';
import { AdsApiError } from '../adapters/ads/ads-errors';
import type { Clock, StoreRepository } from '../ports';
import { UNCONFINED, type StoreScope } from '../store-access/store-scope';
import { calendarDatesBetween } from '../summaries/calendar-days';
import type { StoreProfile } from '../stores/store';
import { AdsAuthorizationRevoked, type AdsAccessTokenProvider } from './ads-access-token';
import type {
  AdsApi,
  AdsLink,
  AdsReportMessage,
  AdsReportQueue,
  AdsRepository,
  ReportJob,
  ReportStatus,
} from './ads-ports';
import { decideJob, readWindow, REPORT_ABANDON_AFTER_MS, requested } from './report-window';
import { normaliseReportRows } from './report-rows';

/** SQS delays top out at 15 minutes. */
const MAX_DELAY_SECONDS = 900;

export interface ReportPipelineDependencies {
  readonly stores: Pick<StoreRepository, 'getProfile'>;
  readonly adsStore: AdsRepository;
  readonly tokens: Pick<AdsAccessTokenProvider, 'accessTokenFor' | 'drop'>;
  readonly api: AdsApi;
  readonly queue: AdsReportQueue;
  readonly clock: Clock;
  /** First wait before a report is polled; doubled per poll up to eight times it. */
  readonly pollSeconds: number;
  /**
   * The store scopes of this environment (shared/store-access/store-scope.ts): each message runs on its store's
   * own `ADS` session (its items and its Ads token only). Unconfined when absent (the domain's own tests).
   */
  readonly scope?: StoreScope;
}

export type PipelineOutcome =
  | { readonly kind: 'skipped'; readonly reason: string }
  | {
      readonly kind: 'synced';
      readonly requested: number;
      readonly reused: number;
      readonly budgets: boolean;
    }
  | {
      readonly kind: 'polled';
      readonly status: string;
      readonly days?: number;
      readonly rejectedRows?: number;
    };

export function parseAdsReportMessage(body: string): AdsReportMessage {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const text = (name: string) => {
    const value = parsed[name];
    if (typeof value !== 'string' || value.length === 0 || value.length > 200)
      throw new Error(`report message without ${name}`);
    return value;
  };
  // A store id of another shape could only fail later, at the store session it names: refused here, by name.
  const storeId = () => {
    const value = text('storeId');
    if (!STORE_ID_PATTERN.test(value)) throw new Error('report message: storeId');
    return value;
  };
  if (parsed['kind'] === 'sync')
    return { kind: 'sync', storeId: storeId(), marketplaceId: text('marketplaceId') };
  if (parsed['kind'] === 'poll') {
    const adProduct = text('adProduct');
    if (!(AD_PRODUCTS as readonly string[]).includes(adProduct)) throw new Error('report message: adProduct');
    return {
      kind: 'poll',
      storeId: storeId(),
      marketplaceId: text('marketplaceId'),
      adProduct: adProduct as AdProduct,
      reportId: text('reportId'),
    };
  }
  throw new Error('report message of unknown kind');
}

/**
 * One message of the report pipeline. `sync` requests the reports a (store, marketplace) needs (within two per
 * store, report type and day; a 425 reuses the report already running) and reads campaign budgets and today's
 * usage; `poll` checks one report and, once COMPLETED, downloads, normalises and stores its rows. Nothing waits:
 * a report still running is polled again through the queue's delay. Idempotent: a message delivered twice finds
 * the job already moved on, or rewrites the same rows.
 */
export async function processAdsReportMessage(
  deps: ReportPipelineDependencies,
  message: AdsReportMessage,
): Promise<PipelineOutcome> {
  return (deps.scope ?? UNCONFINED).run({ storeId: message.storeId, purpose: 'ADS' }, async () => {
    const outcome = await processMessage(deps, message);
    // The Ads link may have been removed while this message wrote: whatever it wrote is purged again.
    if (
      outcome.kind !== 'skipped' &&
      (await deps.adsStore.getAdsLink(message.storeId, message.marketplaceId)) === undefined
    ) {
      await deps.adsStore.purgeAdsData(message.storeId);
      return { kind: 'skipped', reason: 'removed-meanwhile' } as const;
    }
    return outcome;
  });
}

async function processMessage(
  deps: ReportPipelineDependencies,
  message: AdsReportMessage,
): Promise<PipelineOutcome> {
  const store = await deps.stores.getProfile(message.storeId);
  if (store === undefined || store.status !== 'ACTIVE')
    return { kind: 'skipped', reason: 'store-not-active' };
  const link = await deps.adsStore.getAdsLink(message.storeId, message.marketplaceId);
  if (link === undefined) return { kind: 'skipped', reason: 'not-linked' };
  let accessToken: string;
  try {
    accessToken = await deps.tokens.accessTokenFor(store);
  } catch (error) {
    // Revoked: the link was removed with its token; nothing is left to read.
    if (error instanceof AdsAuthorizationRevoked) return { kind: 'skipped', reason: 'ads-revoked' };
    throw error;
  }
  const run = (token: string) => {
    const call = { region: store.region, accessToken: token };
    return message.kind === 'sync'
      ? sync(deps, store, link, call)
      : poll(deps, store, link, call, message.adProduct, message.reportId);
  };
  try {
    return await run(accessToken);
  } catch (error) {
    if (!(error instanceof AdsApiError && error.kind === 'unauthorized')) throw error;
  }
  // Amazon refused the token (revoked, or expired early): mint a new one once. A revoked authorization answers
  // invalid_grant there, which removes the Ads link; the message is then done.
  deps.tokens.drop(store.storeId);
  try {
    accessToken = await deps.tokens.accessTokenFor(store);
  } catch (error) {
    if (error instanceof AdsAuthorizationRevoked) return { kind: 'skipped', reason: 'ads-revoked' };
    throw error;
  }
  return run(accessToken);
}

async function sync(
  deps: ReportPipelineDependencies,
  store: StoreProfile,
  link: AdsLink,
  call: { region: StoreProfile['region']; accessToken: string },
): Promise<PipelineOutcome> {
  const nowMs = deps.clock.now().getTime();
  const window = readWindow(nowMs, link.timeZone);
  const jobs = await deps.adsStore.listReportJobs(store.storeId, link.profileId);
  let requestedCount = 0;
  let reused = 0;
  let throttledFor: number | undefined;
  for (const adProduct of AD_PRODUCTS) {
    const job = jobs.find((j) => j.adProduct === adProduct);
    const decision = decideJob(job, nowMs, window.today);
    if (decision.action !== 'request' || throttledFor !== undefined) continue;
    let created;
    try {
      created = await deps.api.createReport(call, link.profileId, {
        adProduct,
        startDate: window.startDate,
        endDate: window.endDate,
      });
    } catch (error) {
      // 429: nothing was requested; the whole sync comes back after Amazon's Retry-After.
      if (error instanceof AdsApiError && error.kind === 'throttled') {
        throttledFor = error.retryAfterSeconds ?? 60;
        continue;
      }
      throw error;
    }
    const next = requested(
      job,
      { storeId: store.storeId, profileId: link.profileId, adProduct },
      { reportId: created.reportId, startDate: window.startDate, endDate: window.endDate },
      nowMs,
    );
    // Another worker moved the job meanwhile: its report stands, and a 425 made ours the same one anyway.
    if (!(await deps.adsStore.putReportJob(next))) continue;
    if (created.duplicate) reused += 1;
    else requestedCount += 1;
    await deps.queue.send(
      {
        kind: 'poll',
        storeId: store.storeId,
        marketplaceId: link.marketplaceId,
        adProduct,
        reportId: created.reportId,
      },
      deps.pollSeconds,
    );
  }
  if (throttledFor !== undefined) {
    await deps.queue.send(
      { kind: 'sync', storeId: store.storeId, marketplaceId: link.marketplaceId },
      Math.min(MAX_DELAY_SECONDS, throttledFor),
    );
  }

  let budgets = false;
  try {
    const campaigns = await deps.api.listCampaignBudgets(call, link.profileId);
    await deps.adsStore.putAdsBudgets(store.storeId, {
      profileId: link.profileId,
      campaigns,
      readAt: deps.clock.now().toISOString(),
    });
    budgets = true;
  } catch (error) {
    // Budgets are refreshed on the next sync; reports already requested must not be requested again for them.
    // A refused token is not swallowed: the caller mints a new one (and hears invalid_grant if revoked).
    if (!(error instanceof AdsApiError) || error.kind === 'unauthorized') throw error;
  }
  return { kind: 'synced', requested: requestedCount, reused, budgets };
}

async function poll(
  deps: ReportPipelineDependencies,
  store: StoreProfile,
  link: AdsLink,
  call: { region: StoreProfile['region']; accessToken: string },
  adProduct: AdProduct,
  reportId: string,
): Promise<PipelineOutcome> {
  const jobs = await deps.adsStore.listReportJobs(store.storeId, link.profileId);
  const job = jobs.find((j) => j.adProduct === adProduct);
  const current = job?.current;
  if (job === undefined || current === undefined || current.reportId !== reportId)
    return { kind: 'skipped', reason: 'stale-poll' };
  const nowMs = deps.clock.now().getTime();
  const again = async (delaySeconds: number, polls = current.polls + 1) => {
    await deps.adsStore.putReportJob({ ...job, current: { ...current, polls }, version: job.version + 1 });
    await deps.queue.send(
      { kind: 'poll', storeId: store.storeId, marketplaceId: link.marketplaceId, adProduct, reportId },
      Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.round(delaySeconds))),
    );
  };

  let report: ReportStatus;
  try {
    report = await deps.api.getReport(call, link.profileId, reportId);
  } catch (error) {
    if (error instanceof AdsApiError && error.kind === 'throttled') {
      await again(error.retryAfterSeconds ?? 60, current.polls);
      return { kind: 'polled', status: 'THROTTLED' };
    }
    throw error;
  }

  if (report.status === 'PENDING' || report.status === 'PROCESSING') {
    if (nowMs - Date.parse(current.requestedAt) > REPORT_ABANDON_AFTER_MS) {
      await deps.adsStore.putReportJob(abandon(job, nowMs, 'still running after 3.5 hours'));
      return { kind: 'polled', status: 'ABANDONED' };
    }
    // Exponential backoff with a cap: 1×, 2×, 4×, then every 8× the first wait (8 minutes in AWS).
    await again(deps.pollSeconds * 2 ** Math.min(current.polls + 1, 3));
    return { kind: 'polled', status: report.status };
  }
  if (report.status === 'FAILED') {
    await deps.adsStore.putReportJob(abandon(job, nowMs, report.failureReason.slice(0, 200)));
    return { kind: 'polled', status: 'FAILED' };
  }

  if (report.status !== 'COMPLETED') return { kind: 'skipped', reason: 'unknown-status' };
  // COMPLETED: the link expires after about an hour; an expired one is signed anew by asking for the report again.
  if (report.urlExpiresAt !== undefined && Date.parse(report.urlExpiresAt) <= nowMs) {
    await again(0, current.polls);
    return { kind: 'polled', status: 'URL_EXPIRED' };
  }
  let rows;
  try {
    rows = await deps.api.downloadReport(store.region, report.url);
  } catch (error) {
    if (error instanceof AdsApiError && error.kind === 'unauthorized') {
      await again(0, current.polls);
      return { kind: 'polled', status: 'URL_EXPIRED' };
    }
    throw error;
  }
  const readAt = deps.clock.now().toISOString();
  const normalised = normaliseReportRows({
    profileId: link.profileId,
    adProduct,
    startDate: current.startDate,
    endDate: current.endDate,
    dates: calendarDatesBetween(current.startDate, current.endDate),
    rows,
    readAt,
  });
  await deps.adsStore.putAdsDays(store.storeId, normalised.days);
  const { current: _done, ...rest } = job;
  void _done;
  await deps.adsStore.putReportJob({
    ...rest,
    coverage: { startDate: current.startDate, endDate: current.endDate, readAt },
    version: job.version + 1,
  });
  return {
    kind: 'polled',
    status: 'COMPLETED',
    days: normalised.days.length,
    rejectedRows: normalised.rejected,
  };
}

function abandon(job: ReportJob, nowMs: number, reason: string): ReportJob {
  const { current: _gone, ...rest } = job;
  void _gone;
  return { ...rest, lastFailure: { at: new Date(nowMs).toISOString(), reason }, version: job.version + 1 };
}
