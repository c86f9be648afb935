import axios, { AxiosError, type AxiosInstance, type RawAxiosRequestConfig } from 'axios';
import { classifySpApiStatus, SpApiError } from '../../amazon/amazon-errors';

/**
 * The HTTP layer under the generated @sp-api-sdk API classes: our own axios instance (timeout, user-agent, no
 * retries of its own — pacing and retries are ours), the access token per request, and errors classified
 * without keeping Amazon's body.
 */
export function createSpApiAxios(userAgent: string, timeoutMs = 10_000): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    headers: { 'user-agent': userAgent, accept: 'application/json' },
  });
}

export const withAccessToken = (accessToken: string): RawAxiosRequestConfig => ({
  headers: { 'x-amz-access-token': accessToken },
});

export function rateLimitOf(headers: unknown): number | undefined {
  const value = Number((headers as Record<string, unknown> | undefined)?.['x-amzn-ratelimit-limit']);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function toSpApiError(error: unknown, operation: string): SpApiError {
  if (error instanceof AxiosError) {
    const status = error.response?.status;
    if (status === undefined) return new SpApiError('unavailable', undefined, operation);
    const retryAfter = Number(error.response?.headers?.['retry-after']);
    return new SpApiError(
      classifySpApiStatus(status),
      status,
      operation,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  return new SpApiError('unavailable', undefined, operation);
}
