import { ApiError } from '../api/api-error';
import type { MessageKey, MessageParams } from '../i18n/i18n';

export type ErrorAction = 'retry' | 'reauthorize' | 'sign-in' | 'none';

export interface ErrorMessage {
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** What the notice offers next to the message. */
  readonly action: ErrorAction;
  /** The code, shown small for support. */
  readonly code: string;
  /** Throttled: seconds before a retry makes sense. */
  readonly retryAfterSeconds?: number;
}

/** Maps a failed call (an ApiError, or anything thrown) to a translated message and the action that helps. */
export function errorMessage(error: unknown): ErrorMessage {
  if (!(error instanceof ApiError)) {
    return { key: 'error.Internal', params: {}, action: 'retry', code: 'Unexpected' };
  }
  const base = { code: error.code };
  switch (error.code) {
    case 'Throttled': {
      const seconds = error.retryAfterSeconds;
      return seconds !== undefined && seconds > 0
        ? {
            ...base,
            key: 'error.Throttled',
            params: { seconds },
            action: 'retry',
            retryAfterSeconds: seconds,
          }
        : { ...base, key: 'error.ThrottledSoon', params: {}, action: 'retry' };
    }
    case 'StoreNotActive':
    case 'AuthorizationRevoked':
      return { ...base, key: `error.${error.code}`, params: {}, action: 'reauthorize' };
    case 'Unauthorized':
      return { ...base, key: 'error.Unauthorized', params: {}, action: 'sign-in' };
    case 'AccessDenied':
    case 'StoreNotFound':
    case 'NotImplemented':
    case 'BadRequest':
      return { ...base, key: `error.${error.code}`, params: {}, action: 'none' };
    case 'AmazonUnavailable':
    case 'AuditUnavailable':
    case 'Internal':
    case 'Network':
      return {
        ...base,
        key: `error.${error.code}`,
        params: {},
        action: 'retry',
        ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      };
    default:
      return { ...base, key: 'error.Unexpected', params: { status: error.status }, action: 'retry' };
  }
}
