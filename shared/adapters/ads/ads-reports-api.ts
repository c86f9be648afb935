/** Reporting v3: a campaign-level DAILY report requested (a 425 duplicate answers its id), polled, downloaded. */
import { gunzipSync } from 'node:zlib';
import type { AdProduct } from '../../api/ads-contract';
import type { AdsApi, RawReportRow, ReportRequest, ReportStatus } from '../../ads/ads-ports';
import { AdsApiError, classifyAdsStatus } from './ads-errors';
import type { AdsApiOptions, AdsHttp } from './ads-http';
import { DuplicateSchema, duplicateReportId, ReportSchema } from './ads-schemas';
import { isAllowedReportUrl } from './report-file-hosts';

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

export function createAdsReportsApi(
  options: AdsApiOptions,
  { call, doFetch, timeoutMs }: AdsHttp,
): Pick<AdsApi, 'createReport' | 'getReport' | 'downloadReport'> {
  return {
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
  };
}
