/**
 * Amazon failures, classified. Callers branch on `kind`, never on a raw body; no Amazon body, token or code is
 * ever kept in these errors' messages.
 */
export type LwaFailure = 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'throttled' | 'unavailable';

export class LwaError extends Error {
  constructor(
    readonly kind: LwaFailure,
    readonly status: number | undefined,
  ) {
    super(`Login with Amazon answered ${kind}${status === undefined ? '' : ` (HTTP ${status})`}`);
    this.name = 'LwaError';
  }
}

export type SpApiFailure = 'unauthorized' | 'throttled' | 'unavailable' | 'bad_request' | 'not_found';

export class SpApiError extends Error {
  constructor(
    readonly kind: SpApiFailure,
    readonly status: number | undefined,
    readonly operation: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`SP-API ${operation} answered ${kind}${status === undefined ? '' : ` (HTTP ${status})`}`);
    this.name = 'SpApiError';
  }
}

export function classifySpApiStatus(status: number): SpApiFailure {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}
