import { ApiError } from '../api/api-error';
import type { MessageKey, MessageParams } from '../i18n/i18n';
import { revokedCause, revokedMessageKey } from './store-status';

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
    case 'StoreNotActive': {
      const key = storeNotActiveKey(error);
      // Re-authorizing cannot bring back an account Amazon deactivated or suspended.
      const action =
        key === 'error.StoreNotActive.accountDeactivated' || key === 'error.StoreNotActive.suspended'
          ? 'none'
          : 'reauthorize';
      return { ...base, key, params: {}, action };
    }
    case 'AuthorizationRevoked':
      return { ...base, key: 'error.AuthorizationRevoked', params: {}, action: 'reauthorize' };
    case 'Unauthorized':
      return { ...base, key: 'error.Unauthorized', params: {}, action: 'sign-in' };
    case 'AccessDenied':
    case 'StoreNotFound':
    case 'NotImplemented':
    case 'BadRequest':
    case 'OperatorNotFound':
    case 'MemberNotFound':
    case 'LastOwner':
      return { ...base, key: `error.${error.code}`, params: {}, action: 'none' };
    case 'ServiceUnavailable': {
      const seconds = error.retryAfterSeconds;
      return seconds !== undefined && seconds > 0
        ? {
            ...base,
            key: 'error.ServiceUnavailable',
            params: { seconds },
            action: 'retry',
            retryAfterSeconds: seconds,
          }
        : { ...base, key: 'error.ServiceUnavailableSoon', params: {}, action: 'retry' };
    }
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

/**
 * A data route on an inactive store answers 409 StoreNotActive with the store's `status` and, when revoked,
 * `revokedReason`: an owner's own disconnect is not worded as the seller revoking.
 */
function storeNotActiveKey(error: ApiError): MessageKey {
  const { storeStatus, revokedReason } = error.details;
  if (storeStatus === 'SUSPENDED') return 'error.StoreNotActive.suspended';
  if (storeStatus === 'REAUTH_REQUIRED') return 'error.StoreNotActive.reauthRequired';
  if (storeStatus !== 'REVOKED') return 'error.StoreNotActive';
  return revokedMessageKey(revokedCause(revokedReason));
}
