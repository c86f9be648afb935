import type { ErrorCode } from './types';

/** Codes the dashboard adds for failures that never reached the API's error contract. */
export type ClientErrorCode = 'Network' | 'Unexpected';

/** What an error body may add to code and message (`StoreNotActive` sends the store's status and why). */
export interface ApiErrorDetails {
  readonly storeStatus?: string;
  readonly revokedReason?: string;
}

/**
 * A failed API call, carrying what the error messages need: the code, when throttled when to retry, and for
 * an inactive store its status and revocation reason.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode | string,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Turns a non-2xx answer into an ApiError; tolerates bodies that are not the JSON error contract. */
export function apiErrorFrom(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: unknown }).error
      : undefined;
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = typeof fields['code'] === 'string' ? fields['code'] : codeForStatus(status);
  const message = typeof fields['message'] === 'string' ? fields['message'] : `HTTP ${status}`;
  const bodyRetry = typeof fields['retryAfterSeconds'] === 'number' ? fields['retryAfterSeconds'] : undefined;
  const storeStatus = typeof fields['status'] === 'string' ? fields['status'] : undefined;
  const revokedReason = typeof fields['revokedReason'] === 'string' ? fields['revokedReason'] : undefined;
  return new ApiError(code, status, message, parseRetryAfter(retryAfterHeader) ?? bodyRetry, {
    ...(storeStatus === undefined ? {} : { storeStatus }),
    ...(revokedReason === undefined ? {} : { revokedReason }),
  });
}

/** For answers without the error contract (a gateway's own 401/429/503). */
export function codeForStatus(status: number): ErrorCode | ClientErrorCode {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'AccessDenied';
    case 404:
      return 'StoreNotFound';
    case 429:
      return 'Throttled';
    case 501:
      return 'NotImplemented';
    case 502:
    case 503:
    case 504:
      return 'AmazonUnavailable';
    default:
      return status >= 500 ? 'Internal' : 'Unexpected';
  }
}
