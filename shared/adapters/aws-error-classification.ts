import { ServiceUnavailable } from '../errors';

/**
 * What an AWS SDK error means for the person waiting on the answer. Outages and throttling (5xx, network, timeouts,
 * throttling exceptions) and configuration faults (missing permissions, a missing or disabled table, key, queue or
 * secret) become a classified `ServiceUnavailable` (503 with Retry-After); a configuration fault is also marked so
 * the edge counts it for the operators' alarm. Everything else (conditional-check failures, cancelled transactions,
 * validation errors) is left for the adapter to interpret, unchanged.
 */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'KMSInternalException',
  'KeyUnavailableException',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'InternalErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
/** IAM refused the call: the credentials lack the permission (a configuration fault, unless the caller says otherwise). */
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'KMSAccessDeniedException']);
const CONFIGURATION = new Set([
  ...ACCESS_DENIED,
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ResourceNotFoundException',
  'NotFoundException',
  'DisabledException',
  'KMSInvalidStateException',
  'InvalidKeyUsageException',
  'IncorrectKeyException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function classifyAwsError(service: string, error: unknown): ServiceUnavailable | undefined {
  if (typeof error !== 'object' || error === null || error instanceof ServiceUnavailable) return undefined;
  // Duck-typed: errors of Node's own modules can come from another realm (as under jest).
  const details = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  const name = typeof details.name === 'string' ? details.name : '';
  const status = details.$metadata?.httpStatusCode;
  const code =
    typeof details.code === 'string'
      ? details.code
      : typeof details.message === 'string'
        ? /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(details.message)?.[1]
        : undefined;
  if (CONFIGURATION.has(name)) return withCause(new ServiceUnavailable(service, 30, 'configuration'), error);
  if (
    THROTTLING.has(name) ||
    details.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    (code !== undefined && NETWORK_CODES.has(code))
  )
    return withCause(new ServiceUnavailable(service), error);
  return undefined;
}

const withCause = (classified: ServiceUnavailable, cause: unknown): ServiceUnavailable =>
  Object.assign(classified, { cause });

/**
 * Adds the classification to every call of an SDK client, outermost (after the SDK's own bounded retries), so
 * every adapter on it answers outages the same way without repeating the rules. `onAccessDenied`, when given,
 * answers IAM's refusals instead (a store session's, which mean our code reached past its store, not a fault of
 * configuration).
 */
type Handler = (args: object) => Promise<unknown>;
interface InitializeStack {
  add(
    middleware: (next: Handler) => Handler,
    options: { step: 'initialize'; name: string; priority: 'high' },
  ): void;
}

export function withClassifiedErrors<C extends { readonly middlewareStack: object }>(
  client: C,
  service: string,
  options: { readonly onAccessDenied?: (error: unknown) => Error } = {},
): C {
  // Typed structurally: the SDK's generic middleware types come from a package we do not depend on directly.
  (client.middlewareStack as InitializeStack).add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const name = (error as { name?: unknown } | null)?.name;
        if (options.onAccessDenied !== undefined && typeof name === 'string' && ACCESS_DENIED.has(name))
          throw options.onAccessDenied(error);
        throw classifyAwsError(service, error) ?? error;
      }
    },
    { step: 'initialize', name: 'mintHubClassifyErrors', priority: 'high' },
  );
  return client;
}
