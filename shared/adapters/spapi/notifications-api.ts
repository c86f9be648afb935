import * as z from 'zod';
import { classifySpApiStatus, malformedAnswer, SpApiError } from '../../amazon/amazon-errors';
import type { Region } from '../../amazon/marketplaces';
import type { NotificationsApi, NotificationSubscription } from '../../notifications/account-status-ports';

/**
 * Amazon's Notifications API v1 (notifications.json), the operations the account-status subscriptions need. Every
 * one is on the usage plan 1 request per second, burst 5, per application (and seller, for the seller-token ones):
 * these calls are one-offs (a connect, a retry, a disconnect), so none is paced or retried here; a 429 is reported
 * as `throttled` and the caller records the subscription as pending for the next try. Bodies are read through the
 * model's shapes; nothing of an error body is kept.
 */
const SubscriptionSchema = z.object({
  subscriptionId: z.string().min(1).max(256),
  payloadVersion: z.string().min(1).max(64),
  destinationId: z.string().min(1).max(256),
});
const SubscriptionAnswer = z.object({ payload: SubscriptionSchema });
const DestinationSchema = z.object({
  destinationId: z.string().min(1).max(256),
  name: z.string().optional(),
  resource: z.object({ sqs: z.object({ arn: z.string() }).optional() }).optional(),
});
const DestinationAnswer = z.object({ payload: DestinationSchema });
const DestinationsAnswer = z.object({ payload: z.array(DestinationSchema).max(1000) });

export const NOTIFICATIONS_BASE_PATH = '/notifications/v1';

export function createNotificationsApi(options: {
  readonly endpoints: Readonly<Record<Region, string>>;
  readonly userAgent: string;
  /** @default 5000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}): NotificationsApi {
  const doFetch = options.fetch ?? fetch;

  async function call(
    operation: string,
    region: Region,
    path: string,
    token: string,
    init: { method: 'GET' | 'POST' | 'DELETE'; body?: unknown },
  ): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await doFetch(`${options.endpoints[region]}${NOTIFICATIONS_BASE_PATH}${path}`, {
        method: init.method,
        headers: {
          'x-amz-access-token': token,
          'user-agent': options.userAgent,
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (error) {
      const timeout = (error as Error)?.name === 'TimeoutError';
      throw new SpApiError('unavailable', undefined, operation, undefined, timeout ? 'timeout' : 'network');
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      try {
        return { status: response.status, body: text.trim() === '' ? {} : JSON.parse(text) };
      } catch {
        throw malformedAnswer(operation, response.status);
      }
    }
    // 404 and 409 are answers the callers branch on; every other status is classified and its body dropped.
    if (response.status === 404 || response.status === 409)
      return { status: response.status, body: undefined };
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new SpApiError(
      classifySpApiStatus(response.status),
      response.status,
      operation,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      'status',
    );
  }

  const subscriptionOf = (operation: string, status: number, body: unknown): NotificationSubscription => {
    const parsed = SubscriptionAnswer.safeParse(body);
    if (!parsed.success) throw malformedAnswer(operation, status);
    return parsed.data.payload;
  };

  const unexpected = (operation: string, status: number) =>
    new SpApiError(classifySpApiStatus(status), status, operation, undefined, 'status');

  return {
    async createDestination({ region, grantlessToken, name, sqsArn }) {
      const operation = 'createDestination';
      const answer = await call(operation, region, '/destinations', grantlessToken, {
        method: 'POST',
        body: { name, resourceSpecification: { sqs: { arn: sqsArn } } },
      });
      if (answer.status === 409) return { status: 'exists' };
      if (answer.status === 404) throw unexpected(operation, 404);
      const parsed = DestinationAnswer.safeParse(answer.body);
      if (!parsed.success) throw malformedAnswer(operation, answer.status);
      return { status: 'created', destinationId: parsed.data.payload.destinationId };
    },

    async getDestinations({ region, grantlessToken }) {
      const operation = 'getDestinations';
      const answer = await call(operation, region, '/destinations', grantlessToken, { method: 'GET' });
      if (answer.status === 404 || answer.status === 409) throw unexpected(operation, answer.status);
      const parsed = DestinationsAnswer.safeParse(answer.body);
      if (!parsed.success) throw malformedAnswer(operation, answer.status);
      return parsed.data.payload.map((destination) => ({
        destinationId: destination.destinationId,
        sqsArn: destination.resource?.sqs?.arn,
      }));
    },

    async createSubscription({ region, accessToken, notificationType, payloadVersion, destinationId }) {
      const operation = 'createSubscription';
      const answer = await call(
        operation,
        region,
        `/subscriptions/${encodeURIComponent(notificationType)}`,
        accessToken,
        { method: 'POST', body: { payloadVersion, destinationId } },
      );
      if (answer.status === 409) return { status: 'exists' };
      if (answer.status === 404) throw unexpected(operation, 404);
      return { status: 'created', subscription: subscriptionOf(operation, answer.status, answer.body) };
    },

    async getSubscription({ region, accessToken, notificationType }) {
      const operation = 'getSubscription';
      const answer = await call(
        operation,
        region,
        `/subscriptions/${encodeURIComponent(notificationType)}`,
        accessToken,
        { method: 'GET' },
      );
      if (answer.status === 404) return undefined;
      if (answer.status === 409) throw unexpected(operation, 409);
      return subscriptionOf(operation, answer.status, answer.body);
    },

    async deleteSubscriptionById({ region, grantlessToken, notificationType, subscriptionId }) {
      const operation = 'deleteSubscriptionById';
      const answer = await call(
        operation,
        region,
        `/subscriptions/${encodeURIComponent(notificationType)}/${encodeURIComponent(subscriptionId)}`,
        grantlessToken,
        { method: 'DELETE' },
      );
      if (answer.status === 404) return 'not-found';
      if (answer.status === 409) throw unexpected(operation, 409);
      return 'deleted';
    },
  };
}
