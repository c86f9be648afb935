// Shared helpers for the sandbox's own integration tests: start a sandbox on a free port and drive it over
// real HTTP, exactly as the app and browser tests will.
import {
  startAmazonSandbox,
  type AmazonSandbox,
  type SandboxApp,
  type SandboxOptions,
} from '../../../local/sandbox';

export const START_TIME = new Date('2026-11-02T15:30:00Z');

/** Nothing listens on port 9 (discard): redirects are only inspected, never followed. */
export const TEST_APP: SandboxApp = {
  applicationId: 'amzn1.sellerapps.app.0b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  clientId: 'amzn1.application-oa2-client.0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  clientSecret: 'amzn1.oa2-cs.v1.test-secret-for-the-published-app',
  redirectUris: ['http://127.0.0.1:9/auth/amazon/callback', 'http://127.0.0.1:9/auth/amazon/callback-alt'],
  loginUri: 'http://127.0.0.1:9/auth/amazon/login',
};

export const DRAFT_APP: SandboxApp = {
  applicationId: 'amzn1.sellerapps.app.99999999-8888-4777-8666-555555555555',
  clientId: 'amzn1.application-oa2-client.99999999888877776666555544443333',
  clientSecret: 'amzn1.oa2-cs.v1.test-secret-for-the-draft-app',
  redirectUris: ['http://127.0.0.1:9/draft/callback'],
  loginUri: 'http://127.0.0.1:9/draft/login',
  draft: true,
};

export const NA_SELLER = 'A2LUMENCRAFT7Q';
export const NA_SELLER_2 = 'A1HARBORPINE3K';
export const EU_SELLER = 'A3BRIGHTFIELD9E';
export const FE_SELLER = 'A4SAKURALOOM2J';
export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const MX = 'A1AM78C64UM0Y8';
export const UK = 'A1F83G8C2ARO7P';
export const DE = 'A1PA6795UKMFR9';
export const JP = 'A1VC38T7YXB528';

export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<AmazonSandbox> {
  return startAmazonSandbox({ apps: [TEST_APP, DRAFT_APP], startTime: START_TIME, ...options });
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

async function asJson<T>(response: Response): Promise<JsonResponse<T>> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
}

export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.append(name, value);
  return params;
}

/** GET without following redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers, redirect: 'manual' });
}

/** POST a form without following redirects. */
export function postForm(url: string, fields: Record<string, string | undefined>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
    redirect: 'manual',
  });
}

export function locationOf(response: Response): URL {
  const location = response.headers.get('location');
  if (!location) throw new Error(`Expected a redirect, got ${response.status}`);
  return new URL(location);
}

/** Submits the website consent form as the seller would; returns the redirect the browser is sent to. */
export async function submitConsent(
  sandbox: AmazonSandbox,
  fields: {
    app?: SandboxApp;
    sellingPartnerId?: string;
    state?: string;
    decision?: 'approve' | 'deny';
    version?: string;
    redirectUri?: string;
  } = {},
): Promise<Response> {
  return postForm(`${sandbox.endpoints.sellerCentral}/apps/authorize/consent`, {
    application_id: (fields.app ?? TEST_APP).applicationId,
    state: fields.state ?? 'state-123',
    selling_partner_id: fields.sellingPartnerId ?? NA_SELLER,
    decision: fields.decision ?? 'approve',
    version: fields.version,
    redirect_uri: fields.redirectUri,
  });
}

export async function lwaToken(
  sandbox: AmazonSandbox,
  fields: Record<string, string | undefined>,
): Promise<JsonResponse<Record<string, string | number>>> {
  return asJson(
    await fetch(sandbox.endpoints.lwaToken, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: form(fields),
    }),
  );
}

export function exchangeCode(
  sandbox: AmazonSandbox,
  code: string,
  redirectUri: string,
  app: SandboxApp = TEST_APP,
): Promise<JsonResponse<Record<string, string | number>>> {
  return lwaToken(sandbox, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
}

export function refreshAccessToken(
  sandbox: AmazonSandbox,
  refreshToken: string,
  app: SandboxApp = TEST_APP,
): Promise<JsonResponse<Record<string, string | number>>> {
  return lwaToken(sandbox, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
}

export interface SellerTokens {
  refreshToken: string;
  accessToken: string;
}

/** Website consent + code exchange: the tokens an app holds after a seller authorized it. */
export async function authorizeSeller(
  sandbox: AmazonSandbox,
  sellingPartnerId: string,
  app: SandboxApp = TEST_APP,
): Promise<SellerTokens> {
  const consent = await submitConsent(sandbox, {
    app,
    sellingPartnerId,
    version: app.draft ? 'beta' : undefined,
  });
  const redirect = locationOf(consent);
  const code = redirect.searchParams.get('spapi_oauth_code');
  if (!code) throw new Error('No spapi_oauth_code in the redirect');
  const redirectUri = `${redirect.origin}${redirect.pathname}`;
  const exchanged = await exchangeCode(sandbox, code, redirectUri, app);
  if (exchanged.status !== 200) throw new Error(`Code exchange failed: ${JSON.stringify(exchanged.body)}`);
  return {
    refreshToken: String(exchanged.body.refresh_token),
    accessToken: String(exchanged.body.access_token),
  };
}

export type Region = 'NA' | 'EU' | 'FE';

/** One SP-API call; query arrays are sent comma-separated, like the generated clients do. */
export async function spapi<T = Record<string, unknown>>(
  sandbox: AmazonSandbox,
  region: Region,
  path: string,
  query: Record<string, string | number | boolean | string[] | undefined>,
  accessToken: string | undefined,
): Promise<JsonResponse<T>> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const headers: Record<string, string> = {
    'user-agent': 'mint-hub-sandbox-tests/1.0 (Language=TypeScript)',
  };
  if (accessToken !== undefined) headers['x-amz-access-token'] = accessToken;
  const search = params.toString();
  return asJson(
    await fetch(`${sandbox.endpoints.spapi[region]}${path}${search ? `?${search}` : ''}`, { headers }),
  );
}

export const INVENTORY_PATH = '/fba/inventory/v1/summaries';
export const ORDERS_V0_PATH = '/orders/v0/orders';
export const ORDERS_2026_PATH = '/orders/2026-01-01/orders';
export const SELLERS_PATH = '/sellers/v1/marketplaceParticipations';

export function inventoryQuery(
  marketplaceId: string,
  extra: Record<string, string | boolean | string[]> = {},
) {
  return {
    granularityType: 'Marketplace',
    granularityId: marketplaceId,
    marketplaceIds: [marketplaceId],
    ...extra,
  };
}

export function sellerCounters(sandbox: AmazonSandbox, sellingPartnerId: string, region: Region) {
  const counters = sandbox.counters().sellers[`${sellingPartnerId}/${region}`];
  if (!counters) throw new Error(`No counters for ${sellingPartnerId}/${region}`);
  return counters;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const DAY_MS = 24 * 3600 * 1000;
