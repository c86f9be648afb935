import type { IncomingMessage, ServerResponse } from 'node:http';
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
// 5). Amazon keeps destinations and subscriptions per region endpoint; so does the sandbox (notification-hub.ts,
// which also delivers the notifications).

export const NOTIFICATIONS_PATH_PREFIX = '/notifications/v1/';
const PLAN: UsagePlan = { rate: 1, burst: 5 };

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
