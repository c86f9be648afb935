// The Ads sandbox's addresses, the Ads apps it knows and the faults it can be told to inject: what the sandbox's
// index, its consent and token module (ads-login-with-amazon.ts), its Reporting v3 (ads-reporting.ts) and its
// request router (ads-sandbox.ts) share.

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
