import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type ErrorCode } from '../errors';

/** Headers every API answer carries: nothing here is cacheable, and no URL leaks through a Referer. */
export const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  AccessDenied: 403,
  StoreNotFound: 404,
  StoreNotActive: 409,
  OperatorNotFound: 404,
  MemberNotFound: 404,
  LastOwner: 409,
  AuthorizationRevoked: 409,
  Throttled: 429,
  AmazonUnavailable: 503,
  AuditUnavailable: 503,
  ServiceUnavailable: 503,
  NotImplemented: 501,
  AdsNotConnected: 409,
  DatasetNotEnabled: 404,
  SettingsConflict: 409,
  Internal: 500,
};

/** Bodies whose JSON text is known already (registered by {@link withJsonText}). */
const knownText = new WeakMap<object, string>();

/**
 * Registers the JSON text of a body that is frozen, so {@link json} sends it instead of serializing the body again:
 * a kept answer (hundreds of kilobytes for a large store) with only its freshness new costs a string join, not a
 * JSON.stringify. The caller guarantees `text` is `JSON.stringify(body)`.
 */
export function withJsonText<T extends object>(body: T, text: string): Readonly<T> {
  Object.freeze(body);
  knownText.set(body, text);
  return body;
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const known = typeof body === 'object' && body !== null ? knownText.get(body) : undefined;
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: known ?? JSON.stringify(body),
  };
}

export function errorResponse(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
  return json(STATUS_BY_CODE[code], { error: { code, message } }, headers);
}

/**
 * Maps any thrown value to the error contract `{"error":{"code","message"}}`. Domain errors keep their plain
 * message; anything else becomes a generic 500 so no stack, SDK message or Amazon body reaches a client.
 */
export function toErrorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const { retryAfterSeconds, ...details } = error.details;
    const headers: Record<string, string> =
      retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
    return json(
      STATUS_BY_CODE[error.code],
      {
        error: {
          code: error.code,
          message: error.message,
          ...details,
          ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        },
      },
      headers,
    );
  }
  return errorResponse('Internal', 'Something went wrong on our side. It has been logged; try again later.');
}

export function redirect(location: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: 302, headers: { location, ...SECURITY_HEADERS }, body: '' };
}
