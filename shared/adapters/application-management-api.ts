import { SpApiError, classifySpApiStatus } from '../amazon/amazon-errors';
import type { ApplicationManagementApi } from '../notifications/ports';

export const ROTATE_CLIENT_SECRET_PATH = '/applications/2023-11-30/clientSecret';

/**
 * Amazon's Application Management API (application_2023-11-30): one operation, rotateApplicationClientSecret,
 * grantless, 0.0167 requests per second. It answers 204; Amazon then delivers the new secret to the queue
 * registered in Developer Central. A 400 means the app is not enrolled for rotation notifications (Developer
 * Central). Never retried here: the schedule runs again tomorrow, and a second rotation is not wanted.
 */
export function createApplicationManagementApi(options: {
  /** An SP-API endpoint (e.g. https://sellingpartnerapi-na.amazon.com): the app is global, any region answers. */
  readonly endpoint: string;
  readonly userAgent: string;
  /** @default 10000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}): ApplicationManagementApi {
  const doFetch = options.fetch ?? fetch;
  return {
    async rotateApplicationClientSecret(accessToken) {
      let response: Response;
      try {
        response = await doFetch(`${options.endpoint}${ROTATE_CLIENT_SECRET_PATH}`, {
          method: 'POST',
          headers: {
            'x-amz-access-token': accessToken,
            'user-agent': options.userAgent,
            accept: 'application/json',
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch {
        throw new SpApiError('unavailable', undefined, 'rotateApplicationClientSecret', undefined, 'network');
      }
      // The body (an error list at most) is drained, never kept.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status === 204 || response.status === 200) return;
      throw new SpApiError(
        classifySpApiStatus(response.status),
        response.status,
        'rotateApplicationClientSecret',
        undefined,
        'status',
      );
    },
  };
}
