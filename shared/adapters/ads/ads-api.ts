import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import type { Region } from '../../amazon/marketplaces';
import type { AdProduct } from '../../api/ads-contract';
import type {
  AdsApi,
  AdsCallContext,
  AdsProfile,
  CampaignBudget,
  RawReportRow,
  ReportRequest,
  ReportStatus,
} from '../../ads/ads-ports';
import { AdsApiError, classifyAdsStatus, retryAfterSeconds } from './ads-errors';
import {
  BudgetUsageSchema,
  DuplicateSchema,
  duplicateReportId,
  ProfilesSchema,
  ReportSchema,
  SbCampaignsSchema,
  SdCampaignsSchema,
  SpCampaignsSchema,
} from './ads-schemas';
import { isAllowedReportUrl } from './report-file-hosts';

export interface AdsApiOptions {
  readonly endpoints: Readonly<Record<Region, string>>;
  readonly clientId: string;
  readonly userAgent: string;
  /** @default 10000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** Report type and columns per ad product (Reporting v3, campaign level, DAILY). */
export const REPORT_TYPES: Readonly<Record<AdProduct, { reportTypeId: string; columns: readonly string[] }>> =
  {
    SPONSORED_PRODUCTS: {
      reportTypeId: 'spCampaigns',
      columns: [
        'date',
        'campaignId',
        'campaignName',
        'campaignStatus',
        'campaignBudgetAmount',
        'campaignBudgetType',
        'campaignBudgetCurrencyCode',
        'impressions',
        'clicks',
        'cost',
        'purchases7d',
        'sales7d',
      ],
    },
    SPONSORED_BRANDS: {
      reportTypeId: 'sbCampaigns',
      columns: [
        'date',
        'campaignId',
        'campaignName',
        'campaignStatus',
        'campaignBudgetAmount',
        'campaignBudgetType',
        'campaignBudgetCurrencyCode',
        'impressions',
        'clicks',
        'cost',
        'purchases',
        'sales',
      ],
    },
    SPONSORED_DISPLAY: {
      reportTypeId: 'sdCampaigns',
      columns: [
        'date',
        'campaignId',
        'campaignName',
        'campaignStatus',
        'campaignBudgetAmount',
        'campaignBudgetCurrencyCode',
        'impressions',
        'clicks',
        'cost',
        'purchases',
        'sales',
      ],
    },
  };

const REPORT_MEDIA = {
  create: 'application/vnd.createasyncreportrequest.v3+json',
  created: 'application/vnd.createasyncreportresponse.v3+json',
  get: 'application/vnd.getasyncreportresponse.v3+json',
};
const MAX_REPORT_BYTES = 50 * 1024 * 1024;
const MAX_PAGES = 50;

/**
 * The Amazon Ads API over fetch: the headers Amazon asks for on every call (bearer token, client id, the profile
 * as scope except when listing profiles), answers checked with zod, statuses classified. Nothing of a body or a
 * token reaches an error. No retries here: the report pipeline retries through its queue, with Retry-After.
 */
export function createAdsApi(options: AdsApiOptions): AdsApi {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;

  async function call<T>(
    operation: string,
    ctx: AdsCallContext,
    path: string,
    init: { method?: string; profileId?: string; body?: unknown; contentType?: string; accept?: string },
    schema: z.ZodType<T>,
    acceptStatus: (status: number) => boolean = (status) => status >= 200 && status < 300,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${ctx.accessToken}`,
      'amazon-advertising-api-clientid': options.clientId,
      'user-agent': options.userAgent,
      accept: init.accept ?? 'application/json',
    };
    if (init.profileId !== undefined) headers['amazon-advertising-api-scope'] = init.profileId;
    if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${options.endpoints[ctx.region]}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch {
      throw new AdsApiError('unavailable', undefined, operation);
    }
    const text = await response.text().catch(() => '');
    if (!acceptStatus(response.status)) {
      const kind = classifyAdsStatus(response.status);
      throw new AdsApiError(
        kind,
        response.status,
        operation,
        kind === 'throttled'
          ? (retryAfterSeconds(response.headers.get('retry-after'), now()) ?? 60)
          : undefined,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AdsApiError('unavailable', response.status, operation);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AdsApiError('unavailable', response.status, operation);
    return { status: response.status, body: parsed.data };
  }

  async function usage(
    ctx: AdsCallContext,
    profileId: string,
    product: 'sp' | 'sb' | 'sd',
    campaignIds: readonly string[],
  ): Promise<Map<string, { percent: number | null; at: string | null }>> {
    const result = new Map<string, { percent: number | null; at: string | null }>();
    for (let i = 0; i < campaignIds.length; i += 100) {
      const { body } = await call(
        `${product}BudgetUsage`,
        ctx,
        `/${product}/campaigns/budget/usage`,
        {
          method: 'POST',
          profileId,
          body: { campaignIds: campaignIds.slice(i, i + 100) },
          contentType: `application/vnd.${product}campaignbudgetusage.v1+json`,
          accept: `application/vnd.${product}campaignbudgetusage.v1+json`,
        },
        BudgetUsageSchema,
      );
      for (const entry of body.success)
        result.set(entry.campaignId, {
          percent: entry.budgetUsagePercent ?? null,
          at: entry.usageUpdatedTimestamp ?? null,
        });
    }
    return result;
  }

  return {
    async listProfiles(ctx): Promise<AdsProfile[]> {
      return (await call('listProfiles', ctx, '/v2/profiles', {}, ProfilesSchema)).body;
    },

    async createReport(ctx, profileId, request: ReportRequest) {
      const type = REPORT_TYPES[request.adProduct];
      {
        const { body } = await call(
          'createAsyncReport',
          ctx,
          '/reporting/reports',
          {
            method: 'POST',
            profileId,
            contentType: REPORT_MEDIA.create,
            accept: REPORT_MEDIA.created,
            body: {
              name: `mint-hub ${type.reportTypeId} ${request.startDate}..${request.endDate}`,
              startDate: request.startDate,
              endDate: request.endDate,
              configuration: {
                adProduct: request.adProduct,
                reportTypeId: type.reportTypeId,
                groupBy: ['campaign'],
                columns: type.columns,
                timeUnit: 'DAILY',
                format: 'GZIP_JSON',
              },
            },
          },
          ReportSchema.or(DuplicateSchema),
          (status) => status === 200 || status === 425,
        );
        if ('reportId' in body) return { reportId: body.reportId, duplicate: false };
        const reportId = duplicateReportId(body.detail);
        if (reportId === undefined) throw new AdsApiError('unavailable', 425, 'createAsyncReport');
        return { reportId, duplicate: true };
      }
    },

    async getReport(ctx, profileId, reportId): Promise<ReportStatus> {
      const { body } = await call(
        'getAsyncReport',
        ctx,
        `/reporting/reports/${encodeURIComponent(reportId)}`,
        { profileId, accept: REPORT_MEDIA.get },
        ReportSchema,
      );
      if (body.status === 'COMPLETED') {
        if (typeof body.url !== 'string') throw new AdsApiError('unavailable', 200, 'getAsyncReport');
        return { status: 'COMPLETED', url: body.url, urlExpiresAt: body.urlExpiresAt ?? undefined };
      }
      if (body.status === 'FAILED')
        return { status: 'FAILED', failureReason: body.failureReason ?? 'unknown' };
      return { status: body.status };
    },

    async downloadReport(region, url): Promise<RawReportRow[]> {
      if (!isAllowedReportUrl(url, options.endpoints[region]))
        throw new AdsApiError('bad_request', undefined, 'downloadReport');
      let response: Response;
      try {
        // A pre-signed link: a plain GET without any Amazon header (S3 refuses a second authorization).
        response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs * 3), redirect: 'error' });
      } catch {
        throw new AdsApiError('unavailable', undefined, 'downloadReport');
      }
      if (!response.ok) {
        // 403 from S3 is an expired link: the caller asks for the report again, which signs a new one.
        throw new AdsApiError(
          response.status === 403 ? 'unauthorized' : classifyAdsStatus(response.status),
          response.status,
          'downloadReport',
        );
      }
      const compressed = Buffer.from(await response.arrayBuffer());
      let rows: unknown;
      try {
        rows = JSON.parse(gunzipSync(compressed, { maxOutputLength: MAX_REPORT_BYTES }).toString('utf8'));
      } catch {
        throw new AdsApiError('unavailable', response.status, 'downloadReport');
      }
      if (!Array.isArray(rows)) throw new AdsApiError('unavailable', response.status, 'downloadReport');
      return rows.filter((row): row is RawReportRow => typeof row === 'object' && row !== null);
    },

    async listCampaignBudgets(ctx, profileId): Promise<CampaignBudget[]> {
      const campaigns: CampaignBudget[] = [];
      const states = ['ENABLED', 'PAUSED'];

      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { body }: { body: z.infer<typeof SpCampaignsSchema> } = await call(
          'listSponsoredProductsCampaigns',
          ctx,
          '/sp/campaigns/list',
          {
            method: 'POST',
            profileId,
            contentType: 'application/vnd.spCampaign.v3+json',
            accept: 'application/vnd.spCampaign.v3+json',
            body: {
              stateFilter: { include: states },
              maxResults: 100,
              includeExtendedDataFields: true,
              ...(nextToken === undefined ? {} : { nextToken }),
            },
          },
          SpCampaignsSchema,
        );
        for (const c of body.campaigns)
          campaigns.push({
            campaignId: c.campaignId,
            adProduct: 'SPONSORED_PRODUCTS',
            name: c.name,
            state: c.state.toUpperCase(),
            dailyBudget: c.budget?.budget ?? null,
            servingStatus: c.extendedData?.servingStatus ?? null,
            budgetUsagePercent: null,
            usageUpdatedAt: null,
          });
        nextToken = body.nextToken ?? undefined;
        if (nextToken === undefined) break;
      }

      nextToken = undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { body }: { body: z.infer<typeof SbCampaignsSchema> } = await call(
          'listSponsoredBrandsCampaigns',
          ctx,
          '/sb/v4/campaigns/list',
          {
            method: 'POST',
            profileId,
            contentType: 'application/vnd.sbcampaignresource.v4+json',
            accept: 'application/vnd.sbcampaignresource.v4+json',
            body: {
              stateFilter: { include: states },
              maxResults: 100,
              includeExtendedDataFields: true,
              ...(nextToken === undefined ? {} : { nextToken }),
            },
          },
          SbCampaignsSchema,
        );
        for (const c of body.campaigns)
          campaigns.push({
            campaignId: c.campaignId,
            adProduct: 'SPONSORED_BRANDS',
            name: c.name,
            state: c.state.toUpperCase(),
            dailyBudget:
              c.budgetType === undefined || c.budgetType === null || c.budgetType === 'DAILY'
                ? (c.budget ?? null)
                : null,
            servingStatus: c.extendedData?.servingStatus ?? null,
            budgetUsagePercent: null,
            usageUpdatedAt: null,
          });
        nextToken = body.nextToken ?? undefined;
        if (nextToken === undefined) break;
      }

      const sdAnswer: { body: z.infer<typeof SdCampaignsSchema> } = await call(
        'listSponsoredDisplayCampaigns',
        ctx,
        '/sd/campaigns?stateFilter=enabled,paused',
        { profileId },
        SdCampaignsSchema,
      );
      for (const c of sdAnswer.body)
        campaigns.push({
          campaignId: c.campaignId,
          adProduct: 'SPONSORED_DISPLAY',
          name: c.name,
          state: c.state.toUpperCase(),
          dailyBudget:
            c.budgetType === undefined || c.budgetType === null || c.budgetType === 'daily'
              ? (c.budget ?? null)
              : null,
          servingStatus: c.servingStatus ?? null,
          budgetUsagePercent: null,
          usageUpdatedAt: null,
        });

      const byProduct = {
        sp: 'SPONSORED_PRODUCTS',
        sb: 'SPONSORED_BRANDS',
        sd: 'SPONSORED_DISPLAY',
      } as const;
      const usages = new Map<string, { percent: number | null; at: string | null }>();
      for (const [product, adProduct] of Object.entries(byProduct) as Array<
        [keyof typeof byProduct, AdProduct]
      >) {
        const ids = campaigns
          .filter((c) => c.adProduct === adProduct && c.state === 'ENABLED')
          .map((c) => c.campaignId);
        if (ids.length === 0) continue;
        for (const [campaignId, value] of await usage(ctx, profileId, product, ids))
          usages.set(`${adProduct}#${campaignId}`, value);
      }
      return campaigns.map((c) => {
        const used = usages.get(`${c.adProduct}#${c.campaignId}`);
        return used === undefined ? c : { ...c, budgetUsagePercent: used.percent, usageUpdatedAt: used.at };
      });
    },
  };
}
