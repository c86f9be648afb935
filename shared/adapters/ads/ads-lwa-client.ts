import { LwaError, type LwaFailure } from '../../amazon/amazon-errors';
import type { Region } from '../../amazon/marketplaces';
import type { AdsLwaClient } from '../../ads/ads-ports';

export interface AdsLwaClientOptions {
  readonly tokenUrls: Readonly<Record<Region, string>>;
  readonly clientId: string;
  readonly clientSecret: () => Promise<string>;
  /** @default 5000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Login with Amazon for the Ads security profile: the region's token endpoint, form-encoded, PKCE verifier on the
 * code exchange. As for SP-API (lwa-client.ts): a refresh is retried twice on 5xx/timeouts; an authorization code
 * never is, because a timed-out first attempt may have spent it.
 */
export function createAdsLwaClient(options: AdsLwaClientOptions): AdsLwaClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? wait;
  const timeoutMs = options.timeoutMs ?? 5000;

  async function post(region: Region, fields: Record<string, string>, retries: number) {
    const body = new URLSearchParams({
      ...fields,
      client_id: options.clientId,
      client_secret: await options.clientSecret(),
    });
    for (let attempt = 0; ; attempt++) {
      let failure: LwaError;
      try {
        const response = await doFetch(options.tokenUrls[region], {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
            accept: 'application/json',
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.ok) {
          const accessToken = parsed['access_token'];
          const expiresIn = Number(parsed['expires_in']);
          if (typeof accessToken !== 'string' || !Number.isFinite(expiresIn))
            throw new LwaError('unavailable', 200);
          const refreshToken = parsed['refresh_token'];
          return {
            accessToken,
            expiresInSeconds: expiresIn,
            refreshToken: typeof refreshToken === 'string' ? refreshToken : undefined,
          };
        }
        failure = new LwaError(classify(response.status, parsed['error']), response.status);
      } catch (error) {
        if (error instanceof LwaError) throw error;
        failure = new LwaError('unavailable', undefined);
      }
      if (failure.kind !== 'unavailable' || attempt >= retries) throw failure;
      await sleep(Math.random() * 250 * 2 ** attempt);
    }
  }

  return {
    async exchangeAuthorizationCode(region, { code, redirectUri, codeVerifier }) {
      const result = await post(
        region,
        { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier },
        0,
      );
      if (result.refreshToken === undefined) throw new LwaError('unavailable', 200);
      return {
        accessToken: result.accessToken,
        refreshToken: result.refreshToken,
        expiresInSeconds: result.expiresInSeconds,
      };
    },
    async refreshAccessToken(region, refreshToken) {
      const result = await post(region, { grant_type: 'refresh_token', refresh_token: refreshToken }, 2);
      return { accessToken: result.accessToken, expiresInSeconds: result.expiresInSeconds };
    },
  };
}

function classify(status: number, error: unknown): LwaFailure {
  if (status >= 500) return 'unavailable';
  if (status === 429) return 'throttled';
  if (error === 'invalid_grant') return 'invalid_grant';
  if (error === 'invalid_client' || status === 401) return 'invalid_client';
  return 'invalid_request';
}
