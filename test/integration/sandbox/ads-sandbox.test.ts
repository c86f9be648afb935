import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Ajv from 'ajv';
import type { AmazonSandbox } from '../../../local/sandbox';
import { startTestSandbox } from './sandbox-test-kit';

// The Amazon Ads stand-in: Login with Amazon consent with PKCE, the token endpoint, profiles, Reporting v3 with a
// delay, 425 duplicates, 429 with Retry-After, report files that behave like S3 pre-signed links. Report answers
// are validated against Amazon's Reporting v3 definition (local/sandbox/ads/models).

const ADS_APP = {
  clientId: 'amzn1.application-oa2-client.test-ads',
  clientSecret: 'test-ads-secret',
  redirectUris: ['http://localhost:3000/auth/amazon-ads/callback'],
};
const LUMEN = 'A2LUMENCRAFT7Q';
const US = 'ATVPDKIKX0DER';

const reporting = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../local/sandbox/ads/models/reporting.json'), 'utf8'),
) as { components: { schemas: Record<string, unknown> } };
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ components: reporting.components }, 'reporting');
const validAsyncReport = ajv.getSchema('reporting#/components/schemas/AsyncReport');

let sandbox: AmazonSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ adsApps: [ADS_APP] });
});
afterAll(async () => {
  await sandbox?.close();
});

async function consent(account: string, challenge?: string): Promise<URL> {
  const form: Record<string, string> = {
    client_id: ADS_APP.clientId,
    scope: 'advertising::campaign_management',
    response_type: 'code',
    redirect_uri: ADS_APP.redirectUris[0] ?? '',
    state: 'state-1',
    account,
    decision: 'allow',
    ...(challenge === undefined ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }),
  };
  const response = await fetch(`${sandbox.endpoints.ads.consent}/ap/oa`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

const token = (fields: Record<string, string>) =>
  fetch(sandbox.endpoints.ads.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: ADS_APP.clientId,
      client_secret: ADS_APP.clientSecret,
      ...fields,
    }),
  });

async function accessToken(): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const back = await consent(`ads-${LUMEN}`, createHash('sha256').update(verifier).digest('base64url'));
  const answer = await token({
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    redirect_uri: ADS_APP.redirectUris[0] ?? '',
    code_verifier: verifier,
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}

const api = (accessTokenValue: string, pathname: string, init: RequestInit & { scope?: string } = {}) =>
  fetch(`${sandbox.endpoints.ads.api.NA}${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${accessTokenValue}`,
      'amazon-advertising-api-clientid': ADS_APP.clientId,
      ...(init.scope === undefined ? {} : { 'amazon-advertising-api-scope': init.scope }),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

describe('Amazon Ads sandbox', () => {
  it('exchanges a code once, only with the PKCE verifier, and answers access_denied when the user declines', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const back = await consent(`ads-${LUMEN}`, createHash('sha256').update(verifier).digest('base64url'));
    expect(back.searchParams.get('scope')).toBe('advertising::campaign_management');
    const code = back.searchParams.get('code') ?? '';
    const redirect = ADS_APP.redirectUris[0] ?? '';
    expect(
      (
        await token({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirect,
          code_verifier: 'wrong',
        })
      ).status,
    ).toBe(400);
    const good = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^Atzr\|/),
    });
    const again = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
    });
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');

    const declined = await fetch(`${sandbox.endpoints.ads.consent}/ap/oa`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: ADS_APP.clientId,
        scope: 'advertising::campaign_management',
        response_type: 'code',
        redirect_uri: redirect,
        state: 's',
        decision: 'cancel',
      }),
      redirect: 'manual',
    });
    expect(new URL(declined.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('lists the profiles of the region, runs reports with a delay, answers 425 for a duplicate and 429 with Retry-After', async () => {
    const access = await accessToken();
    const profiles = (await (await api(access, '/v2/profiles')).json()) as Array<
      Record<string, unknown> & { profileId: number; accountInfo: Record<string, string> }
    >;
    expect(profiles.map((p) => p.accountInfo['marketplaceStringId']).sort()).toEqual(
      [US, 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'].sort(),
    );
    for (const p of profiles) {
      expect(p).toMatchObject({
        countryCode: expect.any(String),
        currencyCode: expect.any(String),
        timezone: expect.any(String),
        accountInfo: { id: LUMEN, type: 'seller' },
      });
    }
    const us = String(profiles.find((p) => p.accountInfo['marketplaceStringId'] === US)?.profileId);
    expect((await api(access, '/reporting/reports/x', { scope: '1' })).status).toBe(401);

    const body = JSON.stringify({
      startDate: '2026-11-01',
      endDate: '2026-11-30',
      configuration: {
        adProduct: 'SPONSORED_PRODUCTS',
        reportTypeId: 'spCampaigns',
        groupBy: ['campaign'],
        columns: ['date', 'campaignId', 'cost', 'sales7d'],
        timeUnit: 'DAILY',
        format: 'GZIP_JSON',
      },
    });
    const create = () =>
      api(access, '/reporting/reports', {
        method: 'POST',
        scope: us,
        body,
        headers: { 'content-type': 'application/vnd.createasyncreportrequest.v3+json' },
      });
    const created = await create();
    expect(created.status).toBe(200);
    const report = (await created.json()) as { reportId: string; status: string };
    expect(validAsyncReport?.(report)).toBe(true);
    expect(report.status).toBe('PENDING');
    const duplicate = await create();
    expect(duplicate.status).toBe(425);
    expect(((await duplicate.json()) as { detail: string }).detail).toBe(
      `The Request is a duplicate of : ${report.reportId}`,
    );

    await fetch(`${sandbox.url}/__sandbox/ads/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle: 1, retryAfterSeconds: 3 }),
    });
    const throttled = await api(access, `/reporting/reports/${report.reportId}`, { scope: us });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');

    sandbox.clock.advance(61_000);
    const done = (await (
      await api(access, `/reporting/reports/${report.reportId}`, { scope: us })
    ).json()) as { status: string; url: string; urlExpiresAt: string };
    expect(validAsyncReport?.(done)).toBe(true);
    expect(done.status).toBe('COMPLETED');
    // A pre-signed link: a second authorization is refused, the plain GET answers gzip JSON rows.
    expect((await fetch(done.url, { headers: { authorization: `Bearer ${access}` } })).status).toBe(400);
    const file = await fetch(done.url);
    const rows = JSON.parse(gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8')) as Array<
      Record<string, unknown>
    >;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({
      date: expect.any(String),
      campaignId: expect.any(Number),
      cost: expect.any(Number),
      sales7d: expect.any(Number),
    });
    sandbox.clock.advance(3_601_000);
    expect((await fetch(done.url)).status).toBe(403);
  });

  it("answers today's budget usage with 207, some campaigns over budget, and invalid_grant after revocation", async () => {
    const access = await accessToken();
    const profiles = (await (await api(access, '/v2/profiles')).json()) as Array<{ profileId: number }>;
    const scope = String(profiles[0]?.profileId);
    const list = (await (
      await api(access, '/sp/campaigns/list', {
        method: 'POST',
        scope,
        body: '{}',
        headers: { 'content-type': 'application/vnd.spCampaign.v3+json' },
      })
    ).json()) as { campaigns: Array<{ campaignId: string }> };
    const usage = await api(access, '/sp/campaigns/budget/usage', {
      method: 'POST',
      scope,
      body: JSON.stringify({ campaignIds: list.campaigns.map((c) => c.campaignId) }),
      headers: { 'content-type': 'application/vnd.spcampaignbudgetusage.v1+json' },
    });
    expect(usage.status).toBe(207);
    const { success } = (await usage.json()) as { success: Array<{ budgetUsagePercent: number }> };
    expect(success.some((s) => s.budgetUsagePercent > 100)).toBe(true);

    const refresh = await token({
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|unknown',
    });
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    expect(sandbox.ads.revokeAccount(`ads-${LUMEN}`)).toBeGreaterThan(0);
    expect((await api(access, '/v2/profiles')).status).toBe(401);
  });
});
