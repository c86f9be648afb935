import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SandboxSeller } from '../sandbox';
import { SEEDED_OPERATORS, type SeededOperator } from '../auth/seeded-operators';

/**
 * Connects demo stores on a fresh workspace through the product's real flow, as a person would: an operator
 * starts an authorization in the API, follows the consent URL to the sandbox's Seller Central, approves it there
 * (posting the consent form as the page does), and Amazon's redirect lands on the OAuth callback. Nothing is
 * written to the table directly, so the demo exercises exactly the code that runs in AWS.
 * - lin: the first NA seller (and the second, if the sandbox has one); sofia: the EU seller; ada (admin): none.
 */
export interface SeedOptions {
  /** The gateway, `http://localhost:PORT`. */
  readonly url: string;
  /** The sandbox's Seller Central origin; consent pages elsewhere are not approved automatically. */
  readonly sellerCentralUrl: string;
  readonly sellers: ReadonlyArray<SandboxSeller>;
  readonly issueAccessToken: (operator: SeededOperator) => Promise<string>;
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly log: (line: string) => void;
}

export type StoreOutcome =
  | { readonly kind: 'connected'; readonly operator: string; readonly seller: SandboxSeller }
  | { readonly kind: 'not-built'; readonly step: string }
  | {
      readonly kind: 'failed';
      readonly operator: string;
      readonly seller: SandboxSeller;
      readonly reason: string;
    };

export type SeedResult =
  | { readonly kind: 'skipped'; readonly reason: 'stores-exist' }
  | { readonly kind: 'not-built' }
  | { readonly kind: 'done'; readonly outcomes: readonly StoreOutcome[] };

export const NOT_BUILT_LINE = 'seller authorization not built yet: demo stores not connected';

export interface DemoStore {
  readonly operator: SeededOperator;
  readonly seller: SandboxSeller;
}

export function demoStorePlan(sellers: ReadonlyArray<SandboxSeller>): DemoStore[] {
  const operator = (handle: string) => SEEDED_OPERATORS.find((candidate) => candidate.handle === handle);
  const lin = operator('lin');
  const sofia = operator('sofia');
  const na = sellers.filter((seller) => seller.region === 'NA');
  const eu = sellers.filter((seller) => seller.region === 'EU');
  const plan: DemoStore[] = [];
  if (lin) for (const seller of na.slice(0, 2)) plan.push({ operator: lin, seller });
  if (sofia && eu[0]) plan.push({ operator: sofia, seller: eu[0] });
  return plan;
}

export async function seedDemoStores(options: SeedOptions): Promise<SeedResult> {
  if (await hasAnyStore(options.dynamodb, options.tableName)) {
    return { kind: 'skipped', reason: 'stores-exist' };
  }
  const outcomes: StoreOutcome[] = [];
  for (const store of demoStorePlan(options.sellers)) {
    const outcome = await connectStore(store, options);
    if (outcome.kind === 'not-built') {
      options.log(NOT_BUILT_LINE);
      return { kind: 'not-built' };
    }
    outcomes.push(outcome);
    options.log(
      outcome.kind === 'connected'
        ? `seeded: ${store.operator.handle} connected ${store.seller.name} (${store.seller.sellingPartnerId}, ${store.seller.region})`
        : `seeding: ${store.operator.handle} could not connect ${store.seller.name}: ${outcome.reason}`,
    );
  }
  return { kind: 'done', outcomes };
}

/** Any store profile in the table means the workspace has been used: leave it as it is. */
async function hasAnyStore(client: DynamoDBClient, tableName: string): Promise<boolean> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :profile',
        ExpressionAttributeValues: { ':profile': { S: 'PROFILE' } },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: startKey,
      }),
    );
    if ((page.Count ?? 0) > 0) return true;
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return false;
}

async function connectStore(store: DemoStore, options: SeedOptions): Promise<StoreOutcome> {
  const { operator, seller } = store;
  const failed = (reason: string): StoreOutcome => ({
    kind: 'failed',
    operator: operator.handle,
    seller,
    reason,
  });
  const token = await options.issueAccessToken(operator);
  // The operator's browser: cookies the app sets (the OAuth binding cookie) go back to the app's origin only.
  const appCookies = new Map<string, string>();

  // 1. The operator starts the authorization in the dashboard (POST /api/authorizations).
  const started = await fetch(`${options.url}/api/authorizations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ region: seller.region }),
    redirect: 'manual',
  });
  if (started.status === 501) return { kind: 'not-built', step: 'POST /api/authorizations' };
  if (!started.ok) return failed(`POST /api/authorizations answered ${started.status}`);
  keepCookies(appCookies, started.headers.getSetCookie());
  const redirectUrl = ((await started.json()) as { redirectUrl?: unknown }).redirectUrl;
  if (typeof redirectUrl !== 'string') return failed('POST /api/authorizations answered no redirectUrl');
  const consentUrl = new URL(redirectUrl);
  if (consentUrl.origin !== new URL(options.sellerCentralUrl).origin) {
    return failed(`the consent URL is not on the sandbox (${consentUrl.origin})`);
  }

  // 2. The browser opens Seller Central's consent page; 3. the seller picks the account and confirms.
  const consentPage = await fetch(consentUrl, { redirect: 'manual' });
  if (consentPage.status !== 200) return failed(`the consent page answered ${consentPage.status}`);
  const form = parseConsentForm(await consentPage.text(), consentUrl);
  if (form === undefined) return failed('the consent page has no consent form');
  form.fields.set('selling_partner_id', seller.sellingPartnerId);
  form.fields.set('decision', 'approve');
  const approved = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.fields,
    redirect: 'manual',
  });
  const callback = approved.headers.get('location');
  if (approved.status !== 302 || callback === null) return failed(`the consent answered ${approved.status}`);
  const callbackUrl = new URL(callback, form.action);
  if (callbackUrl.origin !== new URL(options.url).origin) {
    return failed(`the consent redirected elsewhere (${callbackUrl.origin})`);
  }

  // 4. Amazon's redirect reaches the OAuth callback, which answers with a redirect to the dashboard's result.
  const result = await fetch(callbackUrl, {
    headers:
      appCookies.size === 0
        ? {}
        : { cookie: [...appCookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    redirect: 'manual',
  });
  if (result.status === 501) return { kind: 'not-built', step: 'GET /auth/amazon/callback' };
  const landing = result.headers.get('location');
  if (result.status !== 302 || landing === null)
    return failed(`the OAuth callback answered ${result.status}`);
  // The dashboard's result page: `connected=<storeId>` or `authError=<code>` (functions/oauth-callback.ts).
  const outcome = new URL(landing, options.url).searchParams;
  const error = outcome.get('authError') ?? outcome.get('error');
  if (error !== null) return failed(`the OAuth callback reported ${error}`);
  if (outcome.get('connected') === null) return failed('the OAuth callback reported no connected store');
  return { kind: 'connected', operator: operator.handle, seller };
}

/** Stores `name=value` of each Set-Cookie (attributes aside); a cookie set to expire is dropped. */
function keepCookies(jar: Map<string, string>, setCookies: readonly string[]): void {
  for (const setCookie of setCookies) {
    const [pair = '', ...attributes] = setCookie.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(attribute));
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(separator + 1).trim());
  }
}

/** The consent form's action and fields, read the way a browser reads the page. */
export function parseConsentForm(
  html: string,
  pageUrl: URL,
): { action: string; fields: URLSearchParams } | undefined {
  const formMatch = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (formMatch === null) return undefined;
  const formAttributes = attributesOf(formMatch[1] ?? '');
  if ((formAttributes.get('method') ?? 'get').toLowerCase() !== 'post') return undefined;
  const action = new URL(formAttributes.get('action') ?? pageUrl.pathname, pageUrl).toString();
  const fields = new URLSearchParams();
  for (const input of (formMatch[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const attributes = attributesOf(input[1] ?? '');
    if (attributes.get('type')?.toLowerCase() !== 'hidden') continue;
    const name = attributes.get('name');
    if (name !== undefined) fields.append(name, attributes.get('value') ?? '');
  }
  return { action, fields };
}

function attributesOf(markup: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of markup.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"([^"]*)"/g)) {
    attributes.set((match[1] ?? '').toLowerCase(), decodeEntities(match[2] ?? ''));
  }
  return attributes;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
