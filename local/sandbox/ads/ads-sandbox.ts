import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock';
import { readBody, sendJson } from '../http';
import type { SandboxRegion } from '../types';
import {
  adsAccounts,
  ATTRIBUTION_DAYS,
  calendarDate,
  type AdProduct,
  type AdsAccount,
  type AdsProfileData,
} from './ads-data';
import { sendBudgetUsage, sendCampaignList, sendDisplayCampaigns } from './ads-campaigns';
import { AdsLoginWithAmazon } from './ads-login-with-amazon';
import { AdsReporting, type Report } from './ads-reporting';
import {
  ADS_API_PREFIX,
  ADS_CONSENT_PATH,
  ADS_CONTROL_PREFIX,
  ADS_FILES_PREFIX,
  ADS_TOKEN_PATH,
  type AdsFaults,
  type SandboxAdsApp,
} from './ads-sandbox-config';

// The Amazon Ads API stand-in (docs/architecture.md, "Advertising"): it routes each request to its part, Login
// with Amazon consent for the Ads security profile (PKCE) and its token endpoint (ads-login-with-amazon.ts),
// profiles per region, Reporting v3 (async, with a delay, 425 duplicates, 429 with Retry-After) and report files on
// a separate path that behaves like S3 pre-signed links (ads-reporting.ts), campaign lists and today's budget
// usage (ads-campaigns.ts), and the control surface for tests. Codes, tokens and secrets are never logged or echoed.

const REGION_PATHS: Record<string, SandboxRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };

export class AdsSandbox {
  readonly accounts: AdsAccount[] = adsAccounts();
  faults: AdsFaults = { throttle: 0, retryAfterSeconds: 1, failReports: 0, reportDelayMs: 60_000 };
  counters: Record<string, number> = {};
  private readonly login: AdsLoginWithAmazon;
  private readonly reporting: AdsReporting;

  constructor(
    private readonly clock: SandboxClock,
    apps: SandboxAdsApp[],
    baseUrl: () => string,
  ) {
    const count = (name: string) => this.count(name);
    this.login = new AdsLoginWithAmazon(clock, apps, this.accounts, count);
    this.reporting = new AdsReporting(
      clock,
      baseUrl,
      () => this.faults,
      count,
      () => this.profiles(),
    );
  }

  /** Report requests per profile, report type and UTC day (Amazon asks for at most one or two). */
  get requestsPerDay(): Record<string, number> {
    return this.reporting.requestsPerDay;
  }

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
    return this.login.revokeAccount(accountId);
  }

  /** The rows of a report: as Amazon would have generated them when it completed (restated days included). */
  rows(report: Report): Array<Record<string, unknown>> {
    return this.reporting.rows(report);
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (path === ADS_CONSENT_PATH) return this.login.consent(request, response, url).then(() => true);
    if (path === ADS_TOKEN_PATH) return this.login.tokenEndpoint(request, response).then(() => true);
    if (path.startsWith(ADS_FILES_PREFIX)) return (this.reporting.file(request, response, url), true);
    if (path.startsWith(ADS_API_PREFIX)) return this.api(request, response, url).then(() => true);
    if (path.startsWith(ADS_CONTROL_PREFIX)) return this.control(request, response, url).then(() => true);
    return false;
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
    const access = this.login.validAccess(bearer);
    if (access === undefined) return fail(401, 'UNAUTHORIZED', 'Not authorized to access this advertiser');
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
      return this.reporting.createReport(request, response, profile, json(), headers);
    const reportMatch = /^\/reporting\/reports\/([A-Za-z0-9-]+)$/.exec(path);
    if (request.method === 'GET' && reportMatch !== null)
      return this.reporting.getReport(response, profile, reportMatch[1] ?? '', headers);
    if (request.method === 'POST' && (path === '/sp/campaigns/list' || path === '/sb/v4/campaigns/list')) {
      const product: AdProduct = path.startsWith('/sp') ? 'SPONSORED_PRODUCTS' : 'SPONSORED_BRANDS';
      const today = calendarDate(this.clock.nowMs(), profile.timezone);
      return sendCampaignList(response, profile, product, today, headers);
    }
    if (request.method === 'GET' && path === '/sd/campaigns')
      return sendDisplayCampaigns(response, profile, headers);
    const usage = /^\/(sp|sb|sd)\/campaigns\/budget\/usage$/.exec(path);
    if (request.method === 'POST' && usage !== null) {
      const product = (
        { sp: 'SPONSORED_PRODUCTS', sb: 'SPONSORED_BRANDS', sd: 'SPONSORED_DISPLAY' } as const
      )[usage[1] as 'sp' | 'sb' | 'sd'];
      return sendBudgetUsage(response, profile, product, json()['campaignIds'], this.clock, headers);
    }
    return fail(404, 'NOT_FOUND', 'No such resource in the sandbox Ads API');
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
          reports: this.reporting.all().map((r) => ({
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
        const report = rows === null ? undefined : this.reporting.find(rows[1] ?? '');
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
