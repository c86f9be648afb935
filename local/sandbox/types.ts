// The public contract of the Amazon sandbox. Other code (local start, integration and browser tests, the
// benchmark) is written against these types, so change them only together with those callers.

import type { AdsSandbox } from './ads/ads-sandbox';
import type { SandboxAdsApp } from './ads/ads-sandbox-config';

export type SandboxRegion = 'NA' | 'EU' | 'FE';

export interface SandboxApp {
  /** `amzn1.sellerapps.app.…`, as passed to the consent page. */
  applicationId: string;
  /** LWA client id of the app. */
  clientId: string;
  clientSecret: string;
  /** OAuth redirect URIs registered for the app; the first is the default, as on Amazon. */
  redirectUris: string[];
  /** OAuth login URI, called by the Appstore flow. */
  loginUri?: string;
  /** A draft app only authorizes with `version=beta`; a published app only without it. */
  draft?: boolean;
}

export interface SandboxOptions {
  /** Always a loopback address. @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  apps: SandboxApp[];
  /** Amazon Ads security profiles (client id, secret, allowed return URLs) the Ads consent and token host accept. */
  adsApps?: SandboxAdsApp[];
  /** Multiplies the rate (never the burst) of every usage plan; announced in `x-amzn-RateLimit-Limit`. @default 1 */
  rateScale?: number;
  /** Initial sandbox clock and the anchor of the seeded order history. @default the real current time */
  startTime?: Date;
  /**
   * The monotonic clock (ms) of the usage-plan buckets. The benchmark passes a simulated one, so hours of Amazon's
   * real usage plans pass in seconds. @default performance.now
   */
  usagePlanClock?: () => number;
  /** Seed of the deterministic catalog, stock and order history. @default 20261101 */
  seed?: number;
  /**
   * File where authorizations and refresh tokens are kept (mode 0600) so a restarted sandbox still honours the
   * refresh tokens it issued, as Amazon would. @default in memory only
   */
  stateFile?: string;
}

/**
 * What an operation fault does to a matching SP-API answer. Body faults apply to answers that would have been a
 * 200 and keep its status: `truncatedJson` cuts the JSON in half, `htmlBody` sends an HTML error page,
 * `missingList` leaves out the page's list (`payload.inventorySummaries`, `payload.Orders`, `orders`), and
 * `repeatedNextToken` answers the page with the next token the request carried, so the listing never ends.
 * `hang` holds the answer for `hangMs` and then answers normally; `serverError` answers `status` instead.
 */
export type OperationFaultKind =
  'truncatedJson' | 'htmlBody' | 'missingList' | 'repeatedNextToken' | 'hang' | 'serverError';

export interface OperationFault {
  /** The SP-API operationId, e.g. `getInventorySummaries`, `getOrders`, `searchOrders`. */
  operation: string;
  kind: OperationFaultKind;
  /**
   * Which requests match: `first` (no page token), `next` (a request carrying one: page 2 onwards) or `any`.
   * `repeatedNextToken` only ever matches requests carrying a token. @default 'any'
   */
  pages?: 'first' | 'next' | 'any';
  /** How many matching requests it applies to (a retry is another request). @default 1 */
  times?: number;
  /** `hang` only: how long the answer is held, at most 120 000 ms. @default 30 000 */
  hangMs?: number;
  /** `serverError` only. @default 503 */
  status?: 500 | 502 | 503 | 504;
}

export interface Faults {
  /** The next N LWA token requests answer 500 or 503 (alternating, 500 first). */
  lwa5xx: number;
  /** The next N SP-API calls answer 500 or 503 (alternating, 500 first). */
  spapi5xx: number;
  /** The next N SP-API calls answer 429 whatever the token buckets hold. */
  throttleStorm: number;
  /** Added to every Amazon-facing response (not to the `/__sandbox` control surface). */
  latencyMs: number;
  /**
   * Faults of single operations, checked after the access token and the usage plan (so only calls that would
   * have been answered consume them). Setting the list replaces it; the first matching entry applies.
   */
  operations: OperationFault[];
}

export interface LwaGrantCounters {
  authorization_code: number;
  refresh_token: number;
  client_credentials: number;
}

export interface CallCounters {
  /** LWA token requests by grant type, whatever their outcome. */
  lwa: LwaGrantCounters;
  /** SP-API calls by operationId, whatever their outcome (403, 429 and faults included). */
  spapi: Record<string, number>;
  /** SP-API calls answered 429 (token bucket or throttle storm). */
  throttled: number;
  /** The same 429s by operationId, where the operation is known. */
  throttledByOperation: Record<string, number>;
}

export interface SandboxCounters {
  /**
   * Keyed `${sellingPartnerId}/${region}`; every seeded seller is present from the start. A call is counted
   * for a seller as soon as it carries a code or token that was issued for that seller, even a revoked or
   * expired one, so "zero calls after revocation" can be asserted.
   */
  sellers: Record<string, CallCounters>;
  /** Every call, including those that name no seller (client_credentials, unknown tokens). */
  totals: CallCounters;
}

export interface SandboxSeller {
  sellingPartnerId: string;
  region: SandboxRegion;
  name: string;
  marketplaceIds: string[];
}

export type SandboxAccountStatus = 'NORMAL' | 'AT_RISK' | 'DEACTIVATED';

/**
 * Amazon's notifications, delivered to SQS queues of the local SQS emulator: the Notifications API's destinations
 * and subscriptions (what the app creates), Developer Central's application queue, and the events that make Amazon
 * send something. `applicationId` defaults to the first app.
 */
export interface SandboxNotifications {
  /** The SQS endpoint (the local emulator) that queue ARNs resolve against. Set before anything is delivered. */
  useSqsEndpoint(endpoint: string): void;
  /** What registering a queue in Developer Central does: APPLICATION_OAUTH_CLIENT_* notifications go there. */
  registerApplicationQueue(queueArn: string, applicationId?: string): void;
  /** A seller's account status changes: ACCOUNT_STATUS_CHANGED to each subscription; answers how many. */
  changeAccountStatus(
    sellingPartnerId: string,
    region: SandboxRegion,
    status: SandboxAccountStatus,
  ): Promise<number>;
  /** APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY for the app's current secret. */
  sendClientSecretExpiry(applicationId?: string): Promise<void>;
  /** What rotateApplicationClientSecret does (new secret, the old one valid 7 more days, NEW_SECRET delivered). */
  rotateClientSecret(applicationId?: string): Promise<void>;
  /** Bodies delivered so far, oldest first. They hold secrets: tests read them, nothing prints them. */
  delivered(): ReadonlyArray<{ readonly queueArn: string; readonly body: string }>;
  /** Current subscriptions to a notification type. */
  subscriptions(notificationType: string): ReadonlyArray<{
    readonly subscriptionId: string;
    readonly applicationId: string;
    readonly sellingPartnerId: string;
    readonly region: SandboxRegion;
    readonly destinationId: string;
  }>;
}

export interface AmazonSandbox {
  /** e.g. `http://127.0.0.1:43121`, no trailing slash. */
  url: string;
  endpoints: {
    sellerCentral: string;
    lwaToken: string;
    spapi: Record<SandboxRegion, string>;
    /** The Ads API stand-in: consent host (`{consent}/ap/oa`), token endpoint and API host per region. */
    ads: { consent: string; token: string; api: Record<SandboxRegion, string> };
  };
  /** The Ads API stand-in's state: accounts, faults, counters, revocation (also on `/__sandbox/ads/…`). */
  ads: AdsSandbox;
  clock: { now(): Date; advance(ms: number): void };
  faults: { set(faults: Partial<Faults>): void; clear(): void };
  counters(): SandboxCounters;
  resetCounters(): void;
  /** What "Manage Your Apps" does: every refresh and access token of the authorization stops working. */
  revoke(sellingPartnerId: string, region: SandboxRegion, applicationId?: string): void;
  notifications: SandboxNotifications;
  sellers: ReadonlyArray<SandboxSeller>;
  close(): Promise<void>;
}
