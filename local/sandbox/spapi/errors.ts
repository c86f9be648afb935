// SP-API error bodies. Every operation's model wraps errors the same way: {"errors":[{code,message,details}]}.

export interface SpApiErrorBody {
  errors: Array<{ code: string; message: string; details: string }>;
}

export function errorBody(code: string, message: string, details = ''): SpApiErrorBody {
  return { errors: [{ code, message, details }] };
}

/** Thrown by operation handlers; the router turns it into the response. */
export class SpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details = '',
  ) {
    super(message);
  }

  toBody(): SpApiErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}

/** The generic 400 most SP-API validation failures come back with. */
export const INVALID_INPUT_MESSAGE =
  'The input you have submitted is not valid. Please check your input and try again.';

/** A 400 InvalidInput; `details` says what the sandbox rejected (Amazon often leaves it empty). */
export function invalidInput(details: string, message = INVALID_INPUT_MESSAGE): SpApiError {
  return new SpApiError(400, 'InvalidInput', message, details);
}

export const ACCESS_DENIED_MESSAGE = 'Access to requested resource is denied.';
export const TOKEN_MISSING_DETAILS = 'Access token is missing in the request header.';
export const TOKEN_INVALID_DETAILS = 'The access token you provided is revoked, malformed or invalid.';
export const TOKEN_EXPIRED_DETAILS = 'The access token you provided has expired.';

export function unauthorized(details: string): SpApiErrorBody {
  return errorBody('Unauthorized', ACCESS_DENIED_MESSAGE, details);
}

export const QUOTA_EXCEEDED_BODY = errorBody(
  'QuotaExceeded',
  'You exceeded your quota for the requested resource.',
);
export const INTERNAL_FAILURE_BODY = errorBody(
  'InternalFailure',
  'We encountered an internal error. Please try again.',
);
export const SERVICE_UNAVAILABLE_BODY = errorBody(
  'ServiceUnavailable',
  'Service temporarily unavailable. Please try again later.',
);
export const NOT_FOUND_BODY = errorBody('NotFound', "The requested resource doesn't exist.");
