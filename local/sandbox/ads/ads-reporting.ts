import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { SandboxClock } from '../clock';
import { mediaType, sendJson, sendText } from '../http';
import type { SandboxRegion } from '../types';
import {
  calendarDate,
  campaignDay,
  campaignsOf,
  datesBetween,
  type AdProduct,
  type AdsProfileData,
} from './ads-data';
import { ADS_FILES_PREFIX, type AdsFaults } from './ads-sandbox-config';

// Reporting v3 of the Ads sandbox, the report lifecycle: creation (validated, 425 for a duplicate still running,
// counted per profile, report type and UTC day), PENDING -> PROCESSING -> COMPLETED or FAILED on the sandbox
// clock, the rows Amazon would have generated, and the report files on a separate path that behaves like S3
// pre-signed links.

export interface Report {
  reportId: string;
  profileId: number;
  region: SandboxRegion;
  adProduct: AdProduct;
  key: string;
  startDate: string;
  endDate: string;
  createdAtMs: number;
  readyAtMs: number;
  fails: boolean;
  configuration: Record<string, unknown>;
  name: string | undefined;
}

const REPORT_TYPES: Record<AdProduct, string> = {
  SPONSORED_PRODUCTS: 'spCampaigns',
  SPONSORED_BRANDS: 'sbCampaigns',
  SPONSORED_DISPLAY: 'sdCampaigns',
};
const RETENTION_DAYS: Record<AdProduct, number> = {
  SPONSORED_PRODUCTS: 95,
  SPONSORED_BRANDS: 60,
  SPONSORED_DISPLAY: 65,
};
const URL_LIFETIME_SECONDS = 3600;

export class AdsReporting {
  private readonly reports = new Map<string, Report>();
  private readonly fileKey = randomBytes(32);
  /** Report requests per profile, report type and UTC day (Amazon asks for at most one or two). */
  readonly requestsPerDay: Record<string, number> = {};

  constructor(
    private readonly clock: SandboxClock,
    private readonly baseUrl: () => string,
    private readonly faults: () => AdsFaults,
    private readonly count: (name: string) => void,
    private readonly profiles: () => AdsProfileData[],
  ) {}

  /** Every report created, oldest first. */
  all(): Report[] {
    return [...this.reports.values()];
  }

  find(reportId: string): Report | undefined {
    return this.reports.get(reportId);
  }

  createReport(
    request: IncomingMessage,
    response: ServerResponse,
    profile: AdsProfileData,
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): void {
    const fail = (status: number, details: string) =>
      sendJson(response, status, { code: String(status), detail: details }, headers);
    if (mediaType(request) !== 'application/vnd.createasyncreportrequest.v3+json')
      return fail(415, 'Unsupported Media Type');
    const configuration = (body['configuration'] ?? {}) as Record<string, unknown>;
    const adProduct = configuration['adProduct'] as AdProduct;
    const startDate = String(body['startDate'] ?? '');
    const endDate = String(body['endDate'] ?? '');
    if (!(adProduct in REPORT_TYPES) || configuration['reportTypeId'] !== REPORT_TYPES[adProduct])
      return fail(400, 'configuration.reportTypeId does not match configuration.adProduct');
    if (!Array.isArray(configuration['columns']) || configuration['columns'].length === 0)
      return fail(400, 'configuration.columns must not be empty');
    if (!Array.isArray(configuration['groupBy']) || !configuration['groupBy'].includes('campaign'))
      return fail(400, 'configuration.groupBy must include campaign');
    if (configuration['format'] !== 'GZIP_JSON') return fail(400, 'configuration.format must be GZIP_JSON');
    if (configuration['timeUnit'] !== 'DAILY' && configuration['timeUnit'] !== 'SUMMARY')
      return fail(400, 'configuration.timeUnit');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(endDate) || startDate > endDate)
      return fail(400, 'startDate and endDate must be dates, startDate first');
    const days = datesBetween(startDate, endDate).length;
    if (days > 31) return fail(400, 'The date range cannot exceed 31 days');
    const today = calendarDate(this.clock.nowMs(), profile.timezone);
    if (datesBetween(startDate, today).length > RETENTION_DAYS[adProduct])
      return fail(400, `startDate must be within ${RETENTION_DAYS[adProduct]} days`);

    const key = JSON.stringify([profile.profileId, startDate, endDate, configuration]);
    const running = [...this.reports.values()].find((r) => r.key === key && this.clock.nowMs() < r.readyAtMs);
    if (running !== undefined) {
      this.count('duplicate');
      return sendJson(
        response,
        425,
        { code: '425', detail: `The Request is a duplicate of : ${running.reportId}` },
        headers,
      );
    }
    const dayKey = `${profile.profileId}/${REPORT_TYPES[adProduct]}/${new Date(this.clock.nowMs()).toISOString().slice(0, 10)}`;
    this.requestsPerDay[dayKey] = (this.requestsPerDay[dayKey] ?? 0) + 1;
    const now = this.clock.nowMs();
    const fails = this.faults().failReports > 0;
    if (fails) this.faults().failReports -= 1;
    const report: Report = {
      reportId: crypto.randomUUID(),
      profileId: profile.profileId,
      region: profile.region,
      adProduct,
      key,
      startDate,
      endDate,
      createdAtMs: now,
      readyAtMs: now + this.faults().reportDelayMs,
      fails,
      configuration,
      name: typeof body['name'] === 'string' ? body['name'] : undefined,
    };
    this.reports.set(report.reportId, report);
    sendJson(response, 200, this.reportView(report), headers);
  }

  private reportView(report: Report): Record<string, unknown> {
    const now = this.clock.nowMs();
    const status =
      now < report.createdAtMs + (report.readyAtMs - report.createdAtMs) / 2
        ? 'PENDING'
        : now < report.readyAtMs
          ? 'PROCESSING'
          : report.fails
            ? 'FAILED'
            : 'COMPLETED';
    const iso = (ms: number) => new Date(ms).toISOString();
    const base = {
      configuration: report.configuration,
      createdAt: iso(report.createdAtMs),
      endDate: report.endDate,
      ...(report.name === undefined ? {} : { name: report.name }),
      reportId: report.reportId,
      startDate: report.startDate,
      status,
      updatedAt: iso(Math.min(now, report.readyAtMs)),
    };
    if (status === 'FAILED') return { ...base, failureReason: 'Report generation failed (sandbox fault)' };
    if (status !== 'COMPLETED') return base;
    const file = gzipSync(JSON.stringify(this.rows(report)));
    return {
      ...base,
      fileSize: file.length,
      generatedAt: iso(report.readyAtMs),
      url: this.signedUrl(report.reportId, now),
      urlExpiresAt: iso(now + URL_LIFETIME_SECONDS * 1000),
    };
  }

  getReport(
    response: ServerResponse,
    profile: AdsProfileData,
    reportId: string,
    headers: Record<string, string>,
  ): void {
    const report = this.reports.get(reportId);
    if (report === undefined || report.profileId !== profile.profileId)
      return sendJson(response, 404, { code: '404', detail: 'Report not found' }, headers);
    sendJson(response, 200, this.reportView(report), headers);
  }

  /** The rows of a report: as Amazon would have generated them when it completed (restated days included). */
  rows(report: Report): Array<Record<string, unknown>> {
    const profile = this.profiles().find((p) => p.profileId === report.profileId);
    if (profile === undefined) return [];
    const asOf = calendarDate(report.readyAtMs, profile.timezone);
    const rows: Array<Record<string, unknown>> = [];
    const sp = report.adProduct === 'SPONSORED_PRODUCTS';
    for (const campaign of campaignsOf(profile).filter((c) => c.adProduct === report.adProduct)) {
      for (const date of datesBetween(report.startDate, report.endDate)) {
        const day = campaignDay(profile, campaign, date, asOf);
        if (day === undefined) continue;
        rows.push({
          date,
          campaignId: campaign.campaignId,
          campaignName: campaign.name,
          campaignStatus: campaign.state,
          campaignBudgetAmount: campaign.dailyBudget,
          ...(report.adProduct === 'SPONSORED_DISPLAY' ? {} : { campaignBudgetType: 'DAILY_BUDGET' }),
          campaignBudgetCurrencyCode: profile.currencyCode,
          impressions: day.impressions,
          clicks: day.clicks,
          cost: day.cost,
          ...(sp
            ? { purchases7d: day.orders, sales7d: day.sales, purchases14d: day.orders, sales14d: day.sales }
            : { purchases: day.orders, sales: day.sales }),
        });
      }
    }
    return rows;
  }

  private signature(reportId: string, issuedAtMs: number): string {
    return createHmac('sha256', this.fileKey).update(`${reportId}\n${issuedAtMs}`).digest('hex');
  }

  private signedUrl(reportId: string, issuedAtMs: number): string {
    const url = new URL(
      `${ADS_FILES_PREFIX}offline-report-storage-sandbox/${reportId}.json.gz`,
      this.baseUrl(),
    );
    url.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    url.searchParams.set('X-Amz-Date', String(issuedAtMs));
    url.searchParams.set('X-Amz-Expires', String(URL_LIFETIME_SECONDS));
    url.searchParams.set('X-Amz-Signature', this.signature(reportId, issuedAtMs));
    return url.toString();
  }

  /** The report file host: behaves like an S3 pre-signed GET (no second authorization, expiry, XML errors). */
  file(request: IncomingMessage, response: ServerResponse, url: URL): void {
    this.count('download');
    const xml = (status: number, code: string, message: string) =>
      sendText(
        response,
        status,
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
      );
    if (request.method !== 'GET')
      return xml(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    if (request.headers['authorization'] !== undefined)
      return xml(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    const reportId = /\/([A-Za-z0-9-]+)\.json\.gz$/.exec(url.pathname)?.[1] ?? '';
    const issuedAtMs = Number(url.searchParams.get('X-Amz-Date'));
    const report = this.reports.get(reportId);
    if (
      report === undefined ||
      url.searchParams.get('X-Amz-Signature') !== this.signature(reportId, issuedAtMs)
    )
      return xml(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    if (this.clock.nowMs() > issuedAtMs + URL_LIFETIME_SECONDS * 1000)
      return xml(403, 'AccessDenied', 'Request has expired');
    const file = gzipSync(JSON.stringify(this.rows(report)));
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
    response.end(file);
  }
}
