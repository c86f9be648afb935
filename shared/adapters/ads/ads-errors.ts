/** What went wrong calling the Amazon Ads API, in the terms the domain acts on. Never carries a body or token. */
export type AdsApiFailure = 'unauthorized' | 'throttled' | 'unavailable' | 'bad_request' | 'not_found';

export class AdsApiError extends Error {
  constructor(
    readonly kind: AdsApiFailure,
    readonly status: number | undefined,
    readonly operation: string,
    /** `throttled`: Amazon's Retry-After in seconds, when it sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Ads API ${operation} failed: ${kind}${status === undefined ? '' : ` (${status})`}`);
    this.name = 'AdsApiError';
  }
}

export function classifyAdsStatus(status: number): AdsApiFailure {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), bounded to [1, 900]; undefined when absent. */
export function retryAfterSeconds(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header.trim())
    : Math.ceil((Date.parse(header) - nowMs) / 1000);
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(900, Math.max(1, seconds));
}
