// The public contract of the Amazon sandbox. Other code (local start, integration and browser tests, the
// benchmark) is written against these types, so change them only together with those callers.

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
  /** Multiplies the rate (never the burst) of every usage plan; announced in `x-amzn-RateLimit-Limit`. @default 1 */
  rateScale?: number;
  /** Initial sandbox clock and the anchor of the seeded order history. @default the real current time */
  startTime?: Date;
  /** Seed of the deterministic catalog, stock and order history. @default 20261101 */
  seed?: number;
  /**
   * File where authorizations and refresh tokens are kept (mode 0600) so a restarted sandbox still honours the
   * refresh tokens it issued, as Amazon would. @default in memory only
   */
  stateFile?: string;
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

export interface AmazonSandbox {
  /** e.g. `http://127.0.0.1:43121`, no trailing slash. */
  url: string;
  endpoints: {
    sellerCentral: string;
    lwaToken: string;
    spapi: Record<SandboxRegion, string>;
  };
  clock: { now(): Date; advance(ms: number): void };
  faults: { set(faults: Partial<Faults>): void; clear(): void };
  counters(): SandboxCounters;
  resetCounters(): void;
  /** What "Manage Your Apps" does: every refresh and access token of the authorization stops working. */
  revoke(sellingPartnerId: string, region: SandboxRegion, applicationId?: string): void;
  sellers: ReadonlyArray<SandboxSeller>;
  close(): Promise<void>;
}
