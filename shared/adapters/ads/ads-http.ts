/**
 * One Amazon Ads API call over fetch: the headers Amazon asks for on every call (bearer token, client id, the
 * profile as scope except when listing profiles), answers checked with zod, statuses classified. Nothing of a body
 * or a token reaches an error. No retries here: the report pipeline retries through its queue, with Retry-After.
 */
import type { z } from 'zod';
import type { Region } from '../../amazon/marketplaces';
import type { AdsCallContext } from '../../ads/ads-ports';
import { AdsApiError, classifyAdsStatus, retryAfterSeconds } from './ads-errors';

export interface AdsApiOptions {
  readonly endpoints: Readonly<Record<Region, string>>;
  readonly clientId: string;
  readonly userAgent: string;
  /** @default 10000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export interface AdsHttp {
  call<T>(
    operation: string,
    ctx: AdsCallContext,
    path: string,
    init: { method?: string; profileId?: string; body?: unknown; contentType?: string; accept?: string },
    schema: z.ZodType<T>,
    acceptStatus?: (status: number) => boolean,
  ): Promise<{ status: number; body: T }>;
  /** The fetch every call uses, for the one request that is not an Ads API call (the report file). */
  readonly doFetch: typeof fetch;
  readonly timeoutMs: number;
}

export function createAdsHttp(options: AdsApiOptions): AdsHttp {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;

  async function call<T>(
    operation: string,
    ctx: AdsCallContext,
    path: string,
    init: { method?: string; profileId?: string; body?: unknown; contentType?: string; accept?: string },
    schema: z.ZodType<T>,
    acceptStatus: (status: number) => boolean = (status) => status >= 200 && status < 300,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${ctx.accessToken}`,
      'amazon-advertising-api-clientid': options.clientId,
      'user-agent': options.userAgent,
      accept: init.accept ?? 'application/json',
    };
    if (init.profileId !== undefined) headers['amazon-advertising-api-scope'] = init.profileId;
    if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${options.endpoints[ctx.region]}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch {
      throw new AdsApiError('unavailable', undefined, operation);
    }
    const text = await response.text().catch(() => '');
    if (!acceptStatus(response.status)) {
      const kind = classifyAdsStatus(response.status);
      throw new AdsApiError(
        kind,
        response.status,
        operation,
        kind === 'throttled'
          ? (retryAfterSeconds(response.headers.get('retry-after'), now()) ?? 60)
          : undefined,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AdsApiError('unavailable', response.status, operation);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AdsApiError('unavailable', response.status, operation);
    return { status: response.status, body: parsed.data };
  }

  return { call, doFetch, timeoutMs };
}
