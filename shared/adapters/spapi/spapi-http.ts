import axios, { AxiosError, type AxiosInstance, type RawAxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { classifySpApiStatus, malformedAnswer, SpApiError } from '../../amazon/amazon-errors';
import { logger } from '../../observability/powertools';
import { cappedTimeoutMs, currentAttemptBudget } from '../../pacing/attempt-budget';

/** Amazon's own gateway gives up later than this; past it we would rather answer the caller. */
export const SPAPI_TIMEOUT_MS = 10_000;

/**
 * The HTTP layer under the generated @sp-api-sdk API classes: our own axios instance (timeout, user-agent, no
 * retries of its own — pacing and retries are ours), the access token per request, and errors classified
 * without keeping Amazon's body. Inside a paced attempt, the timeout is capped by the attempt's budget (the
 * request's remaining deadline) and the call is cancelled when the attempt is given up.
 */
export function createSpApiAxios(userAgent: string, timeoutMs = SPAPI_TIMEOUT_MS): AxiosInstance {
  const instance = axios.create({
    timeout: timeoutMs,
    headers: { 'user-agent': userAgent, accept: 'application/json' },
  });
  instance.interceptors.request.use((config) => {
    const budget = currentAttemptBudget();
    if (budget !== undefined) {
      config.timeout = cappedTimeoutMs(config.timeout || timeoutMs);
      config.signal ??= budget.signal;
    }
    return config;
  });
  return instance;
}

export const withAccessToken = (accessToken: string): RawAxiosRequestConfig => ({
  headers: { 'x-amz-access-token': accessToken },
});

export function rateLimitOf(headers: unknown): number | undefined {
  const value = Number((headers as Record<string, unknown> | undefined)?.['x-amzn-ratelimit-limit']);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Parses one answer against the shape we rely on. axios hands an unparseable body (truncated JSON, an HTML page)
 * over as a string, and a page without its list would read as an empty last page: both are an unavailable
 * Amazon, retried within bounds, never data. The log names the operation and where the shape broke, never the body.
 */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  response: { data: unknown; status: number },
  operation: string,
): z.infer<S> {
  const parsed = schema.safeParse(response.data);
  if (parsed.success) return parsed.data;
  logger.warn('SP-API answer is not in the expected shape', {
    operation,
    status: response.status,
    bodyType: typeof response.data,
    // Paths and issue codes only: zod does not copy input values into issues unless asked to.
    issues: parsed.error.issues
      .slice(0, 5)
      .map((issue) => ({ path: issue.path.join('.'), code: issue.code })),
  });
  throw malformedAnswer(operation, response.status);
}

export function toSpApiError(error: unknown, operation: string): SpApiError {
  if (error instanceof SpApiError) return error;
  if (error instanceof AxiosError) {
    const status = error.response?.status;
    if (status === undefined) {
      const timedOut =
        error.code === AxiosError.ECONNABORTED ||
        error.code === AxiosError.ETIMEDOUT ||
        error.code === AxiosError.ERR_CANCELED;
      return new SpApiError('unavailable', undefined, operation, undefined, timedOut ? 'timeout' : 'network');
    }
    const retryAfter = Number(error.response?.headers?.['retry-after']);
    const kind = classifySpApiStatus(status);
    return new SpApiError(
      kind,
      status,
      operation,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
      kind === 'unavailable' ? 'status' : undefined,
    );
  }
  return new SpApiError('unavailable', undefined, operation, undefined, 'network');
}
