/**
 * Ports of the advertising domain: the Amazon Ads API, its Login with Amazon client, where Ads links, report jobs
 * and report rows are kept, and the report queue. Adapters live in shared/adapters/ads and the DynamoDB repository.
 */
import type { SnapshotVersions } from '../store-data/store-data-ports';
import type { Region } from '../amazon/marketplaces';
import type { AdProduct } from '../api/ads-contract';

/** `GET /v2/profiles`, normalised: ids are strings everywhere in Mint Hub. */
export interface AdsProfile {
  readonly profileId: string;
  readonly countryCode: string;
  readonly currencyCode: string;
  readonly timezone: string;
  readonly accountInfo: {
    readonly marketplaceStringId: string;
    readonly id: string;
    readonly type: string;
    readonly name: string;
  };
}

export interface CreatedReport {
  readonly reportId: string;
  /** True when Amazon answered 425: an identical report was already running, and is reused. */
  readonly duplicate: boolean;
}

export type ReportStatus =
  | { readonly status: 'PENDING' | 'PROCESSING' }
  | { readonly status: 'COMPLETED'; readonly url: string; readonly urlExpiresAt: string | undefined }
  | { readonly status: 'FAILED'; readonly failureReason: string };

export interface ReportRequest {
  readonly adProduct: AdProduct;
  readonly startDate: string;
  readonly endDate: string;
}

/** One row of a campaign report (DAILY, groupBy campaign), as Amazon sends it. */
export type RawReportRow = Record<string, unknown>;

/** A campaign's current settings and today's budget usage (campaign list + budget usage endpoints). */
export interface CampaignBudget {
  readonly campaignId: string;
  readonly adProduct: AdProduct;
  readonly name: string;
  /** Upper case: ENABLED, PAUSED, ARCHIVED. */
  readonly state: string;
  readonly dailyBudget: number | null;
  readonly servingStatus: string | null;
  readonly budgetUsagePercent: number | null;
  readonly usageUpdatedAt: string | null;
}

export interface AdsCallContext {
  readonly region: Region;
  readonly accessToken: string;
}

/**
 * The Amazon Ads API. Throws AdsApiError (shared/adapters/ads/ads-errors.ts) with a kind the domain acts on:
 * `unauthorized`, `throttled` (retryAfterSeconds), `unavailable`, `bad_request`, `not_found`.
 */
export interface AdsApi {
  listProfiles(call: AdsCallContext): Promise<AdsProfile[]>;
  createReport(call: AdsCallContext, profileId: string, request: ReportRequest): Promise<CreatedReport>;
  getReport(call: AdsCallContext, profileId: string, reportId: string): Promise<ReportStatus>;
  /** Downloads and gunzips the report file: only from Amazon's report storage (or the sandbox's origin). */
  downloadReport(region: Region, url: string): Promise<RawReportRow[]>;
  listCampaignBudgets(call: AdsCallContext, profileId: string): Promise<CampaignBudget[]>;
}

export interface AdsTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
}

/** Login with Amazon for the Ads security profile, per region; authorization codes are never retried. */
export interface AdsLwaClient {
  exchangeAuthorizationCode(
    region: Region,
    args: { code: string; redirectUri: string; codeVerifier: string },
  ): Promise<AdsTokens>;
  refreshAccessToken(region: Region, refreshToken: string): Promise<Omit<AdsTokens, 'refreshToken'>>;
}

/** A store's link to one Ads profile, per marketplace. */
export interface AdsLink {
  readonly storeId: string;
  readonly marketplaceId: string;
  readonly profileId: string;
  readonly countryCode: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly accountName: string;
  readonly linkedAt: string;
  readonly linkedBy: string;
  /** When the view last asked the pipeline for fresh data (throttles its requests). */
  readonly syncRequestedAt?: string;
}

/** What the pipeline knows about one (profile, ad product): the report in flight, what is stored, the ledger. */
export interface ReportJob {
  readonly storeId: string;
  readonly profileId: string;
  readonly adProduct: AdProduct;
  readonly current?: {
    readonly reportId: string;
    readonly startDate: string;
    readonly endDate: string;
    readonly requestedAt: string;
    readonly polls: number;
  };
  /** The window of the last completed report, and when it was read. */
  readonly coverage?: { readonly startDate: string; readonly endDate: string; readonly readAt: string };
  /** Report requests made on `requestDay` (UTC): at most two per store, report type and day. */
  readonly requestDay?: string;
  readonly requestCount?: number;
  readonly lastFailure?: { readonly at: string; readonly reason: string };
  /** Optimistic concurrency: every write is conditioned on the version it read. */
  readonly version: number;
}

/** One campaign's figures on one day (normalised report row). */
export interface CampaignDay {
  readonly campaignId: string;
  readonly name: string;
  readonly status: string;
  readonly dailyBudget: number | null;
  readonly impressions: number;
  readonly clicks: number;
  readonly cost: number;
  /** 7-day attribution for SP, 14-day for SB and SD. */
  readonly attributedSales: number;
  readonly attributedOrders: number;
}

export interface AdsDayRecord {
  readonly profileId: string;
  readonly adProduct: AdProduct;
  readonly date: string;
  readonly campaigns: readonly CampaignDay[];
  readonly readAt: string;
}

export interface AdsBudgetsRecord {
  readonly profileId: string;
  readonly campaigns: readonly CampaignBudget[];
  readonly readAt: string;
}

export interface AdsRepository {
  getAdsLink(storeId: string, marketplaceId: string): Promise<AdsLink | undefined>;
  listAdsLinks(storeId: string): Promise<AdsLink[]>;
  /**
   * Stores the encrypted Ads refresh token (`TOKEN#ADS`) and the links in one transaction, on condition that the
   * store is ACTIVE and `ownerUserId` is its owner at the time of the write; throws NotAnOwner otherwise.
   */
  saveAdsAuthorization(command: {
    storeId: string;
    ownerUserId: string;
    token: { ciphertext: string; keyId: string };
    links: readonly AdsLink[];
    now: string;
  }): Promise<void>;
  /**
   * Deletes the Ads token (crypto-shred), then every link, then every job, report row and budget of the store. The
   * links go before the rest, so a pipeline write racing the removal finds the link gone and purges after itself.
   */
  removeAdsAuthorization(storeId: string): Promise<{ removedLinks: number }>;
  /** Deletes every stored Ads item of the store except the token (the pipeline's cleanup after a raced removal). */
  purgeAdsData(storeId: string): Promise<void>;
  /** Sets `syncRequestedAt` when it is older than `olderThan`; answers whether it did (one request per interval). */
  markSyncRequested(storeId: string, marketplaceId: string, now: string, olderThan: string): Promise<boolean>;
  listReportJobs(storeId: string, profileId: string): Promise<ReportJob[]>;
  /** Writes the job if its stored version is still `job.version - 1` (or absent for version 1). */
  putReportJob(job: ReportJob): Promise<boolean>;
  putAdsDays(storeId: string, days: readonly AdsDayRecord[]): Promise<void>;
  /**
   * The report days of a profile from `from` to `to`. With the store's versions just read (`known`), days this
   * execution environment read under the same version are answered without reading them again.
   */
  listAdsDays(
    storeId: string,
    profileId: string,
    from: string,
    to: string,
    known?: { readonly versions: SnapshotVersions },
  ): Promise<readonly AdsDayRecord[]>;
  putAdsBudgets(storeId: string, record: AdsBudgetsRecord): Promise<void>;
  getAdsBudgets(storeId: string, profileId: string): Promise<AdsBudgetsRecord | undefined>;
}

/** Messages of the report pipeline's queue. Bodies carry ids only: never a token or a URL. */
export type AdsReportMessage =
  | { readonly kind: 'sync'; readonly storeId: string; readonly marketplaceId: string }
  | {
      readonly kind: 'poll';
      readonly storeId: string;
      readonly marketplaceId: string;
      readonly adProduct: AdProduct;
      readonly reportId: string;
    };

export interface AdsReportQueue {
  send(message: AdsReportMessage, delaySeconds?: number): Promise<void>;
}
