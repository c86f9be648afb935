import { LwaError, type LwaFailure } from '../amazon/amazon-errors';
import type { GrantlessTokens } from '../notifications/ports';
import type { LwaClient, LwaTokens } from '../ports';

/**
 * Login with Amazon token endpoint, form-encoded as LWA documents. Hand-written (about 80 lines) because the
 * @sp-api-sdk auth client hard-codes Amazon's URL, posts JSON and has no authorization_code grant.
 * Retries only what may succeed on retry (5xx, timeouts, network), a bounded number of times; never a 4xx, and
 * never an authorization code: it is single-use, and a timed-out first attempt may have spent it at Amazon.
 * An `invalid_client` re-reads the client secret once (bypassing its cache: it may have been rotated) and, for the
 * refresh and client_credentials grants, tries once more if the secret changed; the code grant is still never
 * retried, but the next attempt uses the fresh secret.
 */
export interface LwaClientOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  /** `fresh`: bypass any cache (after an invalid_client). */
  readonly clientSecret: (options?: { readonly fresh?: boolean }) => Promise<string>;
  /** @default 5000 */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. @default 2 */
  readonly retries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly fetch?: typeof fetch;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createLwaClient(options: LwaClientOptions): LwaClient & GrantlessTokens {
  const timeoutMs = options.timeoutMs ?? 5000;
  const retries = options.retries ?? 2;
  const sleep = options.sleep ?? wait;
  const doFetch = options.fetch ?? fetch;

  async function post(
    fields: Record<string, string>,
    maxRetries = retries,
    explicitSecret?: string,
  ): Promise<Record<string, unknown>> {
    let secret = explicitSecret ?? (await options.clientSecret());
    // An explicit secret (a new one being proven) is never swapped for the configured one.
    let secretReread = explicitSecret !== undefined;
    for (let attempt = 0; ; attempt++) {
      const body = new URLSearchParams({ ...fields, client_id: options.clientId, client_secret: secret });
      let failure: LwaError;
      try {
        const response = await doFetch(options.tokenUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
            accept: 'application/json',
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.ok) return parsed;
        failure = new LwaError(classify(response.status, parsed['error']), response.status);
      } catch (error) {
        if (error instanceof LwaError) throw error;
        failure = new LwaError('unavailable', undefined);
      }
      if (failure.kind === 'invalid_client' && !secretReread) {
        secretReread = true;
        const fresh = await options.clientSecret({ fresh: true });
        if (fresh !== secret && fields['grant_type'] !== 'authorization_code') {
          secret = fresh;
          continue;
        }
      }
      if (failure.kind !== 'unavailable' || attempt >= maxRetries) throw failure;
      // Full jitter: 0–250 ms, then 0–500 ms.
      await sleep(Math.random() * 250 * 2 ** attempt);
    }
  }

  function tokens(
    parsed: Record<string, unknown>,
  ): Omit<LwaTokens, 'refreshToken'> & { refreshToken?: string } {
    const accessToken = parsed['access_token'];
    const expiresIn = Number(parsed['expires_in']);
    if (typeof accessToken !== 'string' || !Number.isFinite(expiresIn))
      throw new LwaError('unavailable', 200);
    const refreshToken = parsed['refresh_token'];
    return {
      accessToken,
      expiresInSeconds: expiresIn,
      ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
    };
  }

  return {
    async exchangeAuthorizationCode(code, redirectUri) {
      const result = tokens(
        await post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, 0),
      );
      if (result.refreshToken === undefined) throw new LwaError('unavailable', 200);
      return { ...result, refreshToken: result.refreshToken };
    },
    async refreshAccessToken(refreshToken) {
      const { accessToken, expiresInSeconds } = tokens(
        await post({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      );
      return { accessToken, expiresInSeconds };
    },
    async grantlessAccessToken(scope, grantOptions) {
      const { accessToken } = tokens(
        await post({ grant_type: 'client_credentials', scope }, retries, grantOptions?.clientSecret),
      );
      return accessToken;
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
