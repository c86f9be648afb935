import { gunzipSync } from 'node:zlib';
import type { AxiosInstance } from 'axios';
import { SpApiError } from '../../amazon/amazon-errors';
import type { Region } from '../../amazon/marketplaces';
import type { ReportsSource } from '../../ports';
import { ORDER_REPORT_TYPE, parseOrderReport } from './order-report-rows';
import { parseAnswer, rateLimitOf, toSpApiError, withAccessToken } from './spapi-http';
import { createReportResponseSchema, reportDocumentSchema, reportSchema } from './spapi-schemas';

/** Report documents are read only from Amazon's report storage, or from the sandbox an endpoint points at. */
function allowedDocumentUrl(url: string, endpoint: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && parsed.hostname.endsWith('.amazonaws.com')) return true;
  const api = new URL(endpoint);
  return !api.hostname.endsWith('amazon.com') && parsed.origin === api.origin;
}

/** Decodes as the document says (order reports of some marketplaces are not UTF-8); UTF-8 otherwise. */
function decode(bytes: Buffer, contentType: unknown): string {
  const charset = /charset=([^;]+)/i
    .exec(String(contentType ?? ''))?.[1]
    ?.trim()
    .toLowerCase();
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * Reports API 2021-06-30 for the bulk order history: createReport (0.0167 rps, burst 15), getReport (2 rps),
 * getReportDocument (0.0167 rps), then the document from its presigned URL (gzip), parsed with the allow-list of
 * order-report-rows.ts so no buyer column is ever kept. Needs the Order Tracking role (no restricted data).
 */
export function createReportsSource(
  endpoints: Readonly<Record<Region, string>>,
  http: AxiosInstance,
): ReportsSource {
  const base = (region: Region) => `${endpoints[region]}/reports/2021-06-30`;
  return {
    async createOrderReport({ region, accessToken, marketplaceId, dataStartTime, dataEndTime }) {
      try {
        const response = await http.post(
          `${base(region)}/reports`,
          { reportType: ORDER_REPORT_TYPE, marketplaceIds: [marketplaceId], dataStartTime, dataEndTime },
          withAccessToken(accessToken),
        );
        const answer = parseAnswer(createReportResponseSchema, response, 'createReport');
        return { reportId: answer.reportId, rateLimit: rateLimitOf(response.headers) };
      } catch (error) {
        throw toSpApiError(error, 'createReport');
      }
    },
    async getReport({ region, accessToken, reportId }) {
      try {
        const response = await http.get(
          `${base(region)}/reports/${encodeURIComponent(reportId)}`,
          withAccessToken(accessToken),
        );
        const answer = parseAnswer(reportSchema, response, 'getReport');
        return {
          status: answer.processingStatus,
          reportDocumentId: answer.reportDocumentId,
          rateLimit: rateLimitOf(response.headers),
        };
      } catch (error) {
        throw toSpApiError(error, 'getReport');
      }
    },
    async getReportDocument({ region, accessToken, reportDocumentId }) {
      try {
        const response = await http.get(
          `${base(region)}/documents/${encodeURIComponent(reportDocumentId)}`,
          withAccessToken(accessToken),
        );
        const answer = parseAnswer(reportDocumentSchema, response, 'getReportDocument');
        if (!allowedDocumentUrl(answer.url, endpoints[region]))
          throw new SpApiError('unavailable', response.status, 'getReportDocument', undefined, 'status');
        return {
          url: answer.url,
          compressed: answer.compressionAlgorithm === 'GZIP',
          rateLimit: rateLimitOf(response.headers),
        };
      } catch (error) {
        throw toSpApiError(error, 'getReportDocument');
      }
    },
    async downloadOrderReport({ region, url, compressed, marketplaceId }) {
      if (!allowedDocumentUrl(url, endpoints[region]))
        throw new SpApiError('unavailable', undefined, 'downloadReport', undefined, 'status');
      try {
        // A presigned URL: no access token goes with it.
        const response = await http.get<ArrayBuffer>(url, {
          responseType: 'arraybuffer',
          headers: { accept: '*/*' },
        });
        const bytes = Buffer.from(response.data);
        return parseOrderReport(
          decode(compressed ? gunzipSync(bytes) : bytes, response.headers['content-type']),
          marketplaceId,
        );
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('The order report'))
          throw new SpApiError('unavailable', undefined, 'downloadReport', undefined, 'status');
        throw toSpApiError(error, 'downloadReport');
      }
    },
  };
}
