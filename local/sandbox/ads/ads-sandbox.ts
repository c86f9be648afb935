import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { SandboxClock } from '../clock';
import { html, page } from '../html';
import { firstValue, mediaType, readBody, redirect, sendHtml, sendJson, sendText } from '../http';
import type { SandboxRegion } from '../types';
import {
  adsAccounts,
  ATTRIBUTION_DAYS,
  budgetUsagePercent,
  calendarDate,
  campaignDay,
  campaignsOf,
  datesBetween,
  type AdProduct,
  type AdsAccount,
  type AdsProfileData,
} from './ads-data';

// The Amazon Ads API stand-in (docs/architecture.md, "Advertising"): Login with Amazon consent for the Ads security profile (PKCE), its token
// endpoint, profiles per region, Reporting v3 (async, with a delay, 425 duplicates, 429 with Retry-After), report
// files on a separate path that behaves like S3 pre-signed links, campaign lists and today's budget usage.
// Codes, tokens and secrets are never logged or echoed.

export const ADS_CONSENT_PATH = '/ap/oa';
export const ADS_TOKEN_PATH = '/ads-auth/o2/token';
export const ADS_API_PREFIX = '/ads-api/';
export const ADS_FILES_PREFIX = '/ads-report-files/';
export const ADS_CONTROL_PREFIX = '/__sandbox/ads/';
export const ADS_SCOPE = 'advertising::campaign_management';

export interface SandboxAdsApp {
  clientId: string;
  clientSecret: string;
  /** Allowed return URLs of the security profile. */
  redirectUris: string[];
}

export interface AdsFaults {
  /** The next N Ads API calls (not LWA, not files) answer 429 with Retry-After. */
  throttle: number;
  /** Seconds in Retry-After. @default 1 */
  retryAfterSeconds: number;
  /** The next N reports created end FAILED. */
  failReports: number;
  /** Sandbox-clock time from creation to COMPLETED. @default 60 000 */
  reportDelayMs: number;
}

interface Report {
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

const REGION_PATHS: Record<string, SandboxRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };
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
const ACCESS_TOKEN_SECONDS = 3600;
const CODE_LIFETIME_MS = 5 * 60_000;
const URL_LIFETIME_SECONDS = 3600;

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

export class AdsSandbox {
  readonly accounts: AdsAccount[] = adsAccounts();
  private readonly codes = new Map<
    string,
    {
      clientId: string;
      redirectUri: string;
      accountId: string;
      challenge: string | undefined;
      expiresAtMs: number;
      used: boolean;
    }
  >();
  private readonly refreshTokens = new Map<
    string,
    { clientId: string; accountId: string; revoked: boolean }
  >();
  private readonly accessTokens = new Map<
    string,
    { clientId: string; accountId: string; refresh: string; expiresAtMs: number }
  >();
  private readonly reports = new Map<string, Report>();
  private readonly fileKey = randomBytes(32);
  faults: AdsFaults = { throttle: 0, retryAfterSeconds: 1, failReports: 0, reportDelayMs: 60_000 };
  counters: Record<string, number> = {};
  /** Report requests per profile, report type and UTC day (Amazon asks for at most one or two). */
  requestsPerDay: Record<string, number> = {};

  constructor(
    private readonly clock: SandboxClock,
    private readonly apps: SandboxAdsApp[],
    private readonly baseUrl: () => string,
  ) {}

  private count(name: string): void {
    this.counters[name] = (this.counters[name] ?? 0) + 1;
  }

  private account(id: string): AdsAccount | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  /** Every profile the sandbox knows, for tests. */
  profiles(): AdsProfileData[] {
    return this.accounts.flatMap((a) => a.profiles);
  }

  revokeAccount(accountId: string): number {
    let revoked = 0;
    for (const record of this.refreshTokens.values())
      if (record.accountId === accountId && !record.revoked) {
        record.revoked = true;
        revoked += 1;
      }
    for (const [value, access] of this.accessTokens)
      if (access.accountId === accountId) this.accessTokens.delete(value);
    return revoked;
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (path === ADS_CONSENT_PATH) return this.consent(request, response, url).then(() => true);
    if (path === ADS_TOKEN_PATH) return this.tokenEndpoint(request, response).then(() => true);
    if (path.startsWith(ADS_FILES_PREFIX)) return (this.file(request, response, url), true);
    if (path.startsWith(ADS_API_PREFIX)) return this.api(request, response, url).then(() => true);
    if (path.startsWith(ADS_CONTROL_PREFIX)) return this.control(request, response, url).then(() => true);
    return false;
  }

  // ---- Login with Amazon consent ------------------------------------------------------------------------------

  private async consent(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const params =
      request.method === 'POST' ? new URLSearchParams(await readBody(request)) : url.searchParams;
    const clientId = firstValue(params, 'client_id');
    const redirectUri = firstValue(params, 'redirect_uri');
    const app = this.apps.find((a) => a.clientId === clientId);
    // Like LWA: an unknown client or a return URL that is not allowed gets an error page, never a redirect.
    if (app === undefined || redirectUri === undefined || !app.redirectUris.includes(redirectUri)) {
      return sendHtml(
        response,
        400,
        page(
          'Login with Amazon',
          html`<h1>An error occurred</h1>
            <p id="error-code">invalid_request: unknown client or return URL</p>`,
        ),
      );
    }
    const state = firstValue(params, 'state');
    const back = (fields: Record<string, string>) => {
      const target = new URL(redirectUri);
      for (const [name, value] of Object.entries(fields)) target.searchParams.set(name, value);
      if (state !== undefined) target.searchParams.set('state', state);
      redirect(response, target.toString());
    };
    if (firstValue(params, 'response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const scope = firstValue(params, 'scope');
    if (scope !== ADS_SCOPE) return back({ error: 'invalid_scope' });
    const challenge = firstValue(params, 'code_challenge');
    const method = firstValue(params, 'code_challenge_method');
    if (challenge !== undefined && method !== 'S256')
      return back({ error: 'invalid_request', error_description: 'code_challenge_method' });

    if (request.method !== 'POST') {
      const hidden = [
        'client_id',
        'scope',
        'response_type',
        'redirect_uri',
        'state',
        'code_challenge',
        'code_challenge_method',
      ]
        .filter((name) => params.get(name) !== null)
        .map((name) => html`<input type="hidden" name="${name}" value="${params.get(name) ?? ''}" />`);
      const choices = this.accounts.map(
        (a, index) =>
          html`<label class="seller"
            ><input type="radio" name="account" value="${a.id}" ${index === 0 ? html`checked` : html``} />
            ${a.label} <small>${a.profiles.length} profile(s)</small></label
          >`,
      );
      return sendHtml(
        response,
        200,
        page(
          'Amazon Ads: allow access',
          html`<h1>Mint Hub Operations would like to access your Amazon Advertising data</h1>
            <p class="muted">Scope: ${ADS_SCOPE}. Signed in as:</p>
            <form method="post" action="${ADS_CONSENT_PATH}">
              ${hidden}${choices}
              <div class="actions">
                <button class="primary" type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="cancel">Cancel</button>
              </div>
            </form>`,
        ),
      );
    }
    if (firstValue(params, 'decision') !== 'allow')
      return back({ error: 'access_denied', error_description: 'The user denied the request.' });
    const account = this.account(firstValue(params, 'account') ?? '');
    if (account === undefined) return back({ error: 'access_denied' });
    const code = token('ANe');
    this.codes.set(code, {
      clientId: app.clientId,
      redirectUri,
      accountId: account.id,
      challenge,
      expiresAtMs: this.clock.nowMs() + CODE_LIFETIME_MS,
      used: false,
    });
    back({ code, scope: ADS_SCOPE });
  }

  // ---- token endpoint -------------------------------------------------------------------------------------------

  private async tokenEndpoint(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: Record<string, unknown>) =>
      sendJson(response, status, body, {
        'cache-control': 'no-store',
        'content-type': 'application/json;charset=UTF-8',
      });
    const error = (status: number, code: string, description: string) =>
      reply(status, { error_description: description, error: code });
    if (request.method !== 'POST') return error(405, 'invalid_request', 'Malformed request');
    const body = await readBody(request);
    if (mediaType(request) !== 'application/x-www-form-urlencoded')
      return error(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server',
      );
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    this.count(`lwa:${grant ?? 'none'}`);
    const app = this.apps.find((a) => a.clientId === form.get('client_id'));
    if (app === undefined || app.clientSecret !== form.get('client_secret'))
      return error(401, 'invalid_client', 'Client authentication failed');
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (
        code === undefined ||
        code.used ||
        code.clientId !== app.clientId ||
        this.clock.nowMs() >= code.expiresAtMs
      )
        return error(400, 'invalid_grant', 'The request has an invalid grant parameter : code');
      if (code.redirectUri !== form.get('redirect_uri'))
        return error(400, 'invalid_grant', 'The request has an invalid grant parameter : redirect_uri');
      if (code.challenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== code.challenge)
          return error(400, 'invalid_grant', 'The request has an invalid grant parameter : code_verifier');
      }
      code.used = true;
      const refresh = token('Atzr|');
      this.refreshTokens.set(refresh, { clientId: app.clientId, accountId: code.accountId, revoked: false });
      return reply(200, {
        access_token: this.mintAccess(refresh),
        refresh_token: refresh,
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_SECONDS,
      });
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const record = this.refreshTokens.get(refresh);
      if (record === undefined || record.clientId !== app.clientId)
        return error(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
      if (record.revoked)
        return error(
          400,
          'invalid_grant',
          "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.",
        );
      return reply(200, {
        access_token: this.mintAccess(refresh),
        refresh_token: refresh,
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_SECONDS,
      });
    }
    return error(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server',
    );
  }

  private mintAccess(refresh: string): string {
    const record = this.refreshTokens.get(refresh);
    if (record === undefined) throw new Error('refresh token must exist');
    const access = token('Atza|');
    this.accessTokens.set(access, {
      clientId: record.clientId,
      accountId: record.accountId,
      refresh,
      expiresAtMs: this.clock.nowMs() + ACCESS_TOKEN_SECONDS * 1000,
    });
    return access;
  }

  // ---- Ads API ----------------------------------------------------------------------------------------------------

  private async api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const [, , regionPath, ...rest] = url.pathname.split('/');
    const region = REGION_PATHS[regionPath ?? ''];
    const path = `/${rest.join('/')}`;
    const headers = { 'x-amzn-RequestId': randomBytes(16).toString('hex') };
    const fail = (status: number, code: string, details: string, extra: Record<string, string> = {}) =>
      sendJson(response, status, { code, details }, { ...headers, ...extra });
    if (region === undefined) return fail(404, 'NOT_FOUND', 'Unknown region');
    const bearer = /^Bearer (.+)$/.exec(String(request.headers['authorization'] ?? ''))?.[1];
    const access = bearer === undefined ? undefined : this.accessTokens.get(bearer);
    if (
      access === undefined ||
      access.expiresAtMs <= this.clock.nowMs() ||
      this.refreshTokens.get(access.refresh)?.revoked
    )
      return fail(401, 'UNAUTHORIZED', 'Not authorized to access this advertiser');
    if (request.headers['amazon-advertising-api-clientid'] !== access.clientId)
      return fail(
        401,
        'UNAUTHORIZED',
        'Amazon-Advertising-API-ClientId is missing or does not match the token',
      );
    const account = this.account(access.accountId);
    const profiles = (account?.profiles ?? []).filter((p) => p.region === region);
    const operation = `${request.method ?? 'GET'} ${path.replace(/\/reporting\/reports\/[^/]+$/, '/reporting/reports/{reportId}')}`;
    this.count(operation);
    if (this.faults.throttle > 0) {
      this.faults.throttle -= 1;
      this.count('throttled');
      return fail(429, 'TOO_MANY_REQUESTS', 'Too Many Requests', {
        'retry-after': String(this.faults.retryAfterSeconds),
      });
    }
    if (request.method === 'GET' && path === '/v2/profiles')
      return sendJson(response, 200, profiles, headers);

    const scope = String(request.headers['amazon-advertising-api-scope'] ?? '');
    const profile = profiles.find((p) => String(p.profileId) === scope);
    if (profile === undefined) return fail(401, 'UNAUTHORIZED', 'Not authorized to access scope');
    const body = request.method === 'POST' ? await readBody(request) : '';
    const json = (): Record<string, unknown> => {
      try {
        const parsed = JSON.parse(body === '' ? '{}' : body) as unknown;
        return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      } catch {
        return {};
      }
    };

    if (request.method === 'POST' && path === '/reporting/reports')
      return this.createReport(request, response, profile, json(), headers);
    const reportMatch = /^\/reporting\/reports\/([A-Za-z0-9-]+)$/.exec(path);
    if (request.method === 'GET' && reportMatch !== null)
      return this.getReport(response, profile, reportMatch[1] ?? '', headers);
    if (request.method === 'POST' && (path === '/sp/campaigns/list' || path === '/sb/v4/campaigns/list')) {
      const product: AdProduct = path.startsWith('/sp') ? 'SPONSORED_PRODUCTS' : 'SPONSORED_BRANDS';
      const campaigns = campaignsOf(profile).filter((c) => c.adProduct === product);
      const today = calendarDate(this.clock.nowMs(), profile.timezone);
      return sendJson(
        response,
        200,
        {
          campaigns: campaigns.map((c) => {
            const out = c.state === 'ENABLED' && c.overspends && budgetUsagePercent(c, today) >= 100;
            return product === 'SPONSORED_PRODUCTS'
              ? {
                  campaignId: String(c.campaignId),
                  name: c.name,
                  state: c.state,
                  targetingType: 'MANUAL',
                  budget: { budget: c.dailyBudget, budgetType: 'DAILY' },
                  extendedData: {
                    servingStatus: out
                      ? 'CAMPAIGN_OUT_OF_BUDGET'
                      : c.state === 'ENABLED'
                        ? 'CAMPAIGN_STATUS_ENABLED'
                        : 'CAMPAIGN_PAUSED',
                  },
                }
              : {
                  campaignId: String(c.campaignId),
                  name: c.name,
                  state: c.state,
                  budget: c.dailyBudget,
                  budgetType: 'DAILY',
                  extendedData: {
                    servingStatus: out ? 'OUT_OF_BUDGET' : c.state === 'ENABLED' ? 'RUNNING' : 'PAUSED',
                  },
                };
          }),
          totalResults: campaigns.length,
        },
        headers,
      );
    }
    if (request.method === 'GET' && path === '/sd/campaigns') {
      return sendJson(
        response,
        200,
        campaignsOf(profile)
          .filter((c) => c.adProduct === 'SPONSORED_DISPLAY')
          .map((c) => ({
            campaignId: c.campaignId,
            name: c.name,
            state: c.state.toLowerCase(),
            budget: c.dailyBudget,
            budgetType: 'daily',
            tactic: 'T00020',
          })),
        headers,
      );
    }
    const usage = /^\/(sp|sb|sd)\/campaigns\/budget\/usage$/.exec(path);
    if (request.method === 'POST' && usage !== null) {
      const product = (
        { sp: 'SPONSORED_PRODUCTS', sb: 'SPONSORED_BRANDS', sd: 'SPONSORED_DISPLAY' } as const
      )[usage[1] as 'sp' | 'sb' | 'sd'];
      const ids = json()['campaignIds'];
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100)
        return fail(400, 'INVALID_ARGUMENT', 'campaignIds must list 1 to 100 campaign ids');
      const today = calendarDate(this.clock.nowMs(), profile.timezone);
      const campaigns = campaignsOf(profile).filter((c) => c.adProduct === product);
      const success: unknown[] = [];
      const error: unknown[] = [];
      ids.forEach((id, index) => {
        const campaign = campaigns.find((c) => String(c.campaignId) === String(id));
        if (campaign === undefined)
          error.push({
            index,
            campaignId: String(id),
            code: 'INVALID_CAMPAIGN_ID',
            details: 'Campaign not found',
          });
        else
          success.push({
            index,
            campaignId: String(campaign.campaignId),
            budget: campaign.dailyBudget,
            budgetUsagePercent: budgetUsagePercent(campaign, today),
            usageUpdatedTimestamp: this.clock.now().toISOString(),
          });
      });
      return sendJson(response, 207, { success, error }, headers);
    }
    return fail(404, 'NOT_FOUND', 'No such resource in the sandbox Ads API');
  }

  private createReport(
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
    const fails = this.faults.failReports > 0;
    if (fails) this.faults.failReports -= 1;
    const report: Report = {
      reportId: crypto.randomUUID(),
      profileId: profile.profileId,
      region: profile.region,
      adProduct,
      key,
      startDate,
      endDate,
      createdAtMs: now,
      readyAtMs: now + this.faults.reportDelayMs,
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

  private getReport(
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
  private file(request: IncomingMessage, response: ServerResponse, url: URL): void {
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

  // ---- control surface (tests) ------------------------------------------------------------------------------------

  private async control(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const route = `${request.method ?? 'GET'} ${url.pathname.slice(ADS_CONTROL_PREFIX.length - 1)}`;
    const readJson = async (): Promise<Record<string, unknown>> => {
      const text = await readBody(request);
      try {
        return text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        return {};
      }
    };
    switch (route) {
      case 'GET /accounts':
        return sendJson(response, 200, { accounts: this.accounts });
      case 'POST /faults': {
        const body = await readJson();
        for (const name of ['throttle', 'retryAfterSeconds', 'failReports', 'reportDelayMs'] as const) {
          const value = body[name];
          if (typeof value === 'number' && Number.isFinite(value) && value >= 0) this.faults[name] = value;
        }
        return sendJson(response, 200, { faults: this.faults });
      }
      case 'GET /counters':
        return sendJson(response, 200, { counters: this.counters, requestsPerDay: this.requestsPerDay });
      case 'POST /revoke': {
        const body = await readJson();
        return sendJson(response, 200, { revoked: this.revokeAccount(String(body['accountId'] ?? '')) });
      }
      case 'GET /reports':
        return sendJson(response, 200, {
          reports: [...this.reports.values()].map((r) => ({
            reportId: r.reportId,
            profileId: String(r.profileId),
            adProduct: r.adProduct,
            startDate: r.startDate,
            endDate: r.endDate,
            createdAt: new Date(r.createdAtMs).toISOString(),
            readyAt: new Date(r.readyAtMs).toISOString(),
            fails: r.fails,
          })),
        });
      default: {
        const rows = /^GET \/reports\/([A-Za-z0-9-]+)\/rows$/.exec(route);
        const report = rows === null ? undefined : this.reports.get(rows[1] ?? '');
        if (report !== undefined) return sendJson(response, 200, { rows: this.rows(report) });
        return sendJson(response, 404, { error: `No Ads control route ${route}` });
      }
    }
  }
}

export { ATTRIBUTION_DAYS };

const instances = new WeakMap<object, AdsSandbox>();

/** The Ads sandbox of one sandbox instance (created with it, see index.ts). */
export function attachAdsSandbox(
  owner: object,
  clock: SandboxClock,
  apps: SandboxAdsApp[],
  baseUrl: () => string,
): AdsSandbox {
  const ads = new AdsSandbox(clock, apps, baseUrl);
  instances.set(owner, ads);
  return ads;
}

export const adsSandboxOf = (owner: object): AdsSandbox | undefined => instances.get(owner);
