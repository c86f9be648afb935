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

/**
 * Why an `unavailable` answer is one, for logs and tests: an HTTP status, no answer at all, no answer before the
 * request's deadline, or an answer that is not the JSON the operation's model promises (truncated, an HTML page,
 * a missing list). Every one of them is retried within bounds and never read as data.
 */
export type SpApiUnavailableReason = 'status' | 'network' | 'timeout' | 'malformed';

export class SpApiError extends Error {
  constructor(
    readonly kind: SpApiFailure,
    readonly status: number | undefined,
    readonly operation: string,
    readonly retryAfterSeconds?: number,
    readonly reason?: SpApiUnavailableReason,
  ) {
    const why = reason === 'malformed' || reason === 'timeout' ? ` (${reason})` : '';
    super(`SP-API ${operation} answered ${kind}${why}${status === undefined ? '' : ` (HTTP ${status})`}`);
    this.name = 'SpApiError';
  }
}

/** An answer that is not the JSON we rely on: Amazon is treated as unavailable for this call. */
export const malformedAnswer = (operation: string, status: number | undefined): SpApiError =>
  new SpApiError('unavailable', status, operation, undefined, 'malformed');

export function classifySpApiStatus(status: number): SpApiFailure {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}
