import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { GrantKey } from '../authorizations';
import type { SandboxContext } from '../context';
import { sellerKey } from '../data/sellers';
import { readBody, sendJson } from '../http';
import { formatRate, type UsagePlan } from '../rate-limiter';
import { requestId } from '../secure-random';
import type { SandboxRegion } from '../types';
import { handleApplicationManagement, isApplicationManagementPath } from './application-management';
import {
  INTERNAL_FAILURE_BODY,
  invalidInput,
  NOT_FOUND_BODY,
  QUOTA_EXCEEDED_BODY,
  SERVICE_UNAVAILABLE_BODY,
  SpApiError,
  TOKEN_EXPIRED_DETAILS,
  TOKEN_INVALID_DETAILS,
  TOKEN_MISSING_DETAILS,
  unauthorized,
} from './errors';

// The Notifications API v1 (notifications.json): destinations (grantless), subscriptions (created and read by
// type with the seller's token; read and deleted by id grantless), each operation on its usage plan (1 rps, burst
// 5), and delivery of notifications to SQS destinations on the local SQS emulator. Amazon keeps destinations and
// subscriptions per region endpoint; so does the sandbox. Notification bodies use the envelope every official
// notification schema requires; ACCOUNT_STATUS_CHANGED names the subscription, never the seller, as Amazon's does.

export const NOTIFICATIONS_PATH_PREFIX = '/notifications/v1/';
const PLAN: UsagePlan = { rate: 1, burst: 5 };
export const ACCOUNT_STATUSES = ['NORMAL', 'AT_RISK', 'DEACTIVATED'] as const;
export type SandboxAccountStatus = (typeof ACCOUNT_STATUSES)[number];

interface Destination {
  readonly destinationId: string;
  readonly applicationId: string;
  readonly region: SandboxRegion;
  readonly name: string;
  readonly arn: string;
}

interface Subscription {
  readonly subscriptionId: string;
  readonly notificationType: string;
  readonly payloadVersion: string;
  readonly destinationId: string;
  readonly grant: GrantKey;
}

/** Destinations, subscriptions, Developer Central's app queues, and delivery to the SQS emulator. */
export class NotificationHub {
  private readonly destinations = new Map<string, Destination>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly applicationQueues = new Map<string, string>();
  private readonly accountStatuses = new Map<string, SandboxAccountStatus>();
  private sqs: SQSClient | undefined;
  /** Bodies delivered, newest last (for tests: no secret is ever printed; callers read them on purpose). */
  readonly delivered: Array<{ queueArn: string; body: string }> = [];

  /** Where the SQS destinations live: the local SQS emulator. */
  useSqsEndpoint(endpoint: string): void {
    this.sqs?.destroy();
    this.sqs = new SQSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
  }

  /** What registering a queue in Developer Central does: application notifications go there. */
  registerApplicationQueue(applicationId: string, queueArn: string): void {
    this.applicationQueues.set(applicationId, queueArn);
  }

  applicationQueueOf(applicationId: string): string | undefined {
    return this.applicationQueues.get(applicationId);
  }

  async deliver(queueArn: string, notification: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(notification);
    if (this.sqs === undefined)
      throw new Error('The sandbox has no SQS endpoint to deliver notifications to');
    const queueName = queueArn.split(':').at(-1) ?? '';
    const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    await this.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    this.delivered.push({ queueArn, body });
  }

  createDestination(applicationId: string, region: SandboxRegion, name: string, arn: string): Destination {
    const existing = [...this.destinations.values()].find(
      (item) => item.applicationId === applicationId && item.region === region && item.arn === arn,
    );
    if (existing !== undefined)
      throw new SpApiError(
        409,
        'Conflict',
        'A destination with this resource already exists.',
        existing.destinationId,
      );
    const destination = { destinationId: randomUUID(), applicationId, region, name, arn };
    this.destinations.set(destination.destinationId, destination);
    return destination;
  }

  listDestinations(applicationId: string, region: SandboxRegion): Destination[] {
    return [...this.destinations.values()].filter(
      (item) => item.applicationId === applicationId && item.region === region,
    );
  }

  destination(applicationId: string, region: SandboxRegion, id: string): Destination | undefined {
    const destination = this.destinations.get(id);
    return destination?.applicationId === applicationId && destination.region === region
      ? destination
      : undefined;
  }

  deleteDestination(id: string): void {
    this.destinations.delete(id);
  }

  subscriptionOf(grant: GrantKey, notificationType: string): Subscription | undefined {
    return [...this.subscriptions.values()].find(
      (item) =>
        item.notificationType === notificationType &&
        item.grant.applicationId === grant.applicationId &&
        item.grant.sellingPartnerId === grant.sellingPartnerId &&
        item.grant.region === grant.region,
    );
  }

  subscribe(
    grant: GrantKey,
    notificationType: string,
    payloadVersion: string,
    destinationId: string,
  ): Subscription {
    if (this.subscriptionOf(grant, notificationType) !== undefined)
      throw new SpApiError(409, 'Conflict', 'A subscription for this notification type already exists.');
    const subscription = {
      subscriptionId: randomUUID(),
      notificationType,
      payloadVersion,
      destinationId,
      grant,
    };
    this.subscriptions.set(subscription.subscriptionId, subscription);
    return subscription;
  }

  subscriptionById(applicationId: string, region: SandboxRegion, id: string): Subscription | undefined {
    const subscription = this.subscriptions.get(id);
    return subscription?.grant.applicationId === applicationId && subscription.grant.region === region
      ? subscription
      : undefined;
  }

  deleteSubscription(id: string): void {
    this.subscriptions.delete(id);
  }

  /** Sellers subscribed to a type, for tests. */
  subscriptionsOf(notificationType: string): ReadonlyArray<Readonly<Subscription>> {
    return [...this.subscriptions.values()].filter((item) => item.notificationType === notificationType);
  }

  /**
   * What Amazon does when a seller's account status changes: one ACCOUNT_STATUS_CHANGED per subscription of the
   * seller in that region (one per app), to its destination. Answers how many were delivered.
   */
  async changeAccountStatus(
    sellingPartnerId: string,
    region: SandboxRegion,
    status: SandboxAccountStatus,
    now: Date,
  ): Promise<number> {
    const key = sellerKey(sellingPartnerId, region);
    const previous = this.accountStatuses.get(key) ?? 'NORMAL';
    this.accountStatuses.set(key, status);
    let delivered = 0;
    for (const subscription of this.subscriptionsOf('ACCOUNT_STATUS_CHANGED')) {
      if (subscription.grant.sellingPartnerId !== sellingPartnerId || subscription.grant.region !== region)
        continue;
      const destination = this.destinations.get(subscription.destinationId);
      if (destination === undefined) continue;
      await this.deliver(destination.arn, {
        notificationVersion: '1.0',
        notificationType: 'ACCOUNT_STATUS_CHANGED',
        payloadVersion: subscription.payloadVersion,
        eventTime: now.toISOString(),
        payload: {
          accountStatusChangeNotification: { previousAccountStatus: previous, currentAccountStatus: status },
        },
        notificationMetadata: {
          applicationId: subscription.grant.applicationId,
          subscriptionId: subscription.subscriptionId,
          publishTime: now.toISOString(),
          notificationId: randomUUID(),
        },
      });
      delivered += 1;
    }
    return delivered;
  }

  close(): void {
    this.sqs?.destroy();
  }
}

export function isNotificationsPath(path: string): boolean {
  return path.startsWith(NOTIFICATIONS_PATH_PREFIX);
}

type Caller =
  | { readonly kind: 'grantless'; readonly applicationId: string }
  | { readonly kind: 'seller'; readonly grant: GrantKey };

/** {spapi}/notifications/v1/… of one region endpoint. */
export async function handleNotifications(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  region: SandboxRegion,
  path: string,
): Promise<void> {
  const text = await readBody(request);
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId() };
  const reply = (status: number, body: unknown) => sendJson(response, status, body, headers);
  const method = request.method ?? 'GET';
  const parts = path.slice(NOTIFICATIONS_PATH_PREFIX.length).split('/').map(decodeURIComponent);
  const route = routeOf(method, parts);
  if (route === undefined) return reply(404, NOT_FOUND_BODY);

  const token = request.headers['x-amz-access-token'];
  const inspection =
    typeof token === 'string' && token !== '' ? context.ledger.inspectAccessToken(token) : undefined;
  const namedGrant = inspection !== undefined && 'grant' in inspection ? inspection.grant : undefined;
  const callerKey = namedGrant ? sellerKey(namedGrant.sellingPartnerId, namedGrant.region) : undefined;
  context.counters.countSpApi(route.operationId, callerKey);

  // The same injected faults as every other SP-API operation (faults.ts): 5xx and throttle storms first.
  const serverError = context.faults.takeSpApiServerError();
  if (serverError === 500) return reply(500, INTERNAL_FAILURE_BODY);
  if (serverError === 503) return reply(503, SERVICE_UNAVAILABLE_BODY);
  if (context.faults.takeThrottle()) {
    context.counters.countThrottled(callerKey);
    return reply(429, QUOTA_EXCEEDED_BODY);
  }

  if (inspection === undefined) return reply(403, unauthorized(TOKEN_MISSING_DETAILS));
  if (inspection.status === 'unknown' || inspection.status === 'revoked')
    return reply(403, unauthorized(TOKEN_INVALID_DETAILS));
  if (inspection.status === 'expired') return reply(403, unauthorized(TOKEN_EXPIRED_DETAILS));
  const caller: Caller =
    inspection.status === 'grantless'
      ? { kind: 'grantless', applicationId: inspection.applicationId }
      : { kind: 'seller', grant: inspection.grant };
  // Grantless operations take a grantless token only, seller operations a seller token of this region only.
  if (route.grantless !== (caller.kind === 'grantless')) return reply(403, unauthorized(''));
  if (caller.kind === 'seller' && caller.grant.region !== region) return reply(403, unauthorized(''));

  const applicationId = caller.kind === 'grantless' ? caller.applicationId : caller.grant.applicationId;
  const bucket = `${applicationId}|${caller.kind === 'seller' ? caller.grant.sellingPartnerId : '-'}|${region}|${route.operationId}`;
  const decision = context.limiter.tryTake(bucket, PLAN);
  if (!decision.allowed) {
    context.counters.countThrottled(callerKey);
    return reply(429, QUOTA_EXCEEDED_BODY);
  }
  headers['x-amzn-RateLimit-Limit'] = formatRate(decision.rate);
  // Operation faults (e.g. `{"operation":"createSubscription","kind":"serverError"}`): an outage of one operation.
  const fault = context.faults.takeOperationFault(route.operationId, false);
  if (fault?.kind === 'hang') await context.faults.hold(fault.hangMs);
  if (fault?.kind === 'serverError')
    return reply(fault.status, fault.status === 500 ? INTERNAL_FAILURE_BODY : SERVICE_UNAVAILABLE_BODY);
  if (fault !== undefined && fault.kind !== 'hang') {
    // Broken 200 answers: half a JSON body is what these operations' clients can meet.
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end('{"payload":{');
    return;
  }

  try {
    const body = text.trim() === '' ? {} : parseJson(text);
    const hub = context.notifications;
    const view = (destination: { destinationId: string; name: string; arn: string }) => ({
      name: destination.name,
      destinationId: destination.destinationId,
      resource: { sqs: { arn: destination.arn } },
    });
    switch (route.operationId) {
      case 'createDestination': {
        const arn = (body['resourceSpecification'] as { sqs?: { arn?: unknown } } | undefined)?.sqs?.arn;
        const name = body['name'];
        if (typeof arn !== 'string' || !/^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/.test(arn))
          throw invalidInput('resourceSpecification.sqs.arn must be an SQS queue ARN');
        if (typeof name !== 'string' || name === '' || name.length > 256)
          throw invalidInput('name is required');
        return reply(200, { payload: view(hub.createDestination(applicationId, region, name, arn)) });
      }
      case 'getDestinations':
        return reply(200, { payload: hub.listDestinations(applicationId, region).map(view) });
      case 'getDestination':
      case 'deleteDestination': {
        const destination = hub.destination(applicationId, region, parts[1] ?? '');
        if (destination === undefined) return reply(404, NOT_FOUND_BODY);
        if (route.operationId === 'getDestination') return reply(200, { payload: view(destination) });
        hub.deleteDestination(destination.destinationId);
        return reply(200, {});
      }
      case 'createSubscription': {
        if (caller.kind !== 'seller') throw new Error('unreachable');
        const payloadVersion = body['payloadVersion'];
        const destinationId = body['destinationId'];
        if (typeof payloadVersion !== 'string' || payloadVersion === '')
          throw invalidInput('payloadVersion is required');
        if (
          typeof destinationId !== 'string' ||
          hub.destination(applicationId, region, destinationId) === undefined
        )
          throw invalidInput('destinationId names no destination of this application');
        const subscription = hub.subscribe(caller.grant, parts[1] ?? '', payloadVersion, destinationId);
        return reply(200, {
          payload: {
            subscriptionId: subscription.subscriptionId,
            payloadVersion: subscription.payloadVersion,
            destinationId: subscription.destinationId,
          },
        });
      }
      case 'getSubscription': {
        if (caller.kind !== 'seller') throw new Error('unreachable');
        const subscription = hub.subscriptionOf(caller.grant, parts[1] ?? '');
        if (subscription === undefined) return reply(404, NOT_FOUND_BODY);
        return reply(200, {
          payload: {
            subscriptionId: subscription.subscriptionId,
            payloadVersion: subscription.payloadVersion,
            destinationId: subscription.destinationId,
          },
        });
      }
      case 'getSubscriptionById':
      case 'deleteSubscriptionById': {
        const subscription = hub.subscriptionById(applicationId, region, parts[2] ?? '');
        if (subscription === undefined || subscription.notificationType !== parts[1])
          return reply(404, NOT_FOUND_BODY);
        if (route.operationId === 'deleteSubscriptionById') {
          hub.deleteSubscription(subscription.subscriptionId);
          return reply(200, {});
        }
        return reply(200, {
          payload: {
            subscriptionId: subscription.subscriptionId,
            payloadVersion: subscription.payloadVersion,
            destinationId: subscription.destinationId,
          },
        });
      }
    }
  } catch (error) {
    if (error instanceof SpApiError) return reply(error.status, error.toBody());
    throw error;
  }
}

interface Route {
  readonly operationId: string;
  readonly grantless: boolean;
}

function routeOf(method: string, parts: readonly string[]): Route | undefined {
  const [collection, second, third] = parts;
  if (collection === 'destinations') {
    if (parts.length === 1 && method === 'POST') return { operationId: 'createDestination', grantless: true };
    if (parts.length === 1 && method === 'GET') return { operationId: 'getDestinations', grantless: true };
    if (parts.length === 2 && second && method === 'GET')
      return { operationId: 'getDestination', grantless: true };
    if (parts.length === 2 && second && method === 'DELETE')
      return { operationId: 'deleteDestination', grantless: true };
  }
  if (collection === 'subscriptions' && second) {
    if (parts.length === 2 && method === 'POST')
      return { operationId: 'createSubscription', grantless: false };
    if (parts.length === 2 && method === 'GET') return { operationId: 'getSubscription', grantless: false };
    if (parts.length === 3 && third && method === 'GET')
      return { operationId: 'getSubscriptionById', grantless: true };
    if (parts.length === 3 && third && method === 'DELETE')
      return { operationId: 'deleteSubscriptionById', grantless: true };
  }
  return undefined;
}

function parseJson(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SpApiError(400, 'InvalidInput', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SpApiError(400, 'InvalidInput', 'The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

const REGION_SEGMENTS: Record<string, SandboxRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };

/**
 * The router's hook for the two APIs with their own handling (grantless tokens, JSON bodies, DELETE): answers true
 * when it served the request.
 */
export async function handleNotificationApis(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const match = /^\/spapi\/([a-z]+)(\/.*)$/.exec(url.pathname);
  const region = REGION_SEGMENTS[match?.[1] ?? ''];
  const path = match?.[2] ?? '';
  if (region === undefined) return false;
  if (isNotificationsPath(path)) {
    await handleNotifications(context, request, response, region, path);
    return true;
  }
  if (isApplicationManagementPath(path)) {
    await handleApplicationManagement(context, request, response);
    return true;
  }
  return false;
}
