import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context';
import { readBody, sendJson } from '../http';
import { formatRate, type UsagePlan } from '../rate-limiter';
import { requestId } from '../secure-random';
import type { SandboxApp } from '../types';
import {
  NOT_FOUND_BODY,
  QUOTA_EXCEEDED_BODY,
  SpApiError,
  TOKEN_INVALID_DETAILS,
  unauthorized,
} from './errors';

// The Application Management API (application_2023-11-30): rotateApplicationClientSecret, grantless, with its
// usage plan. A rotation makes a new LWA client secret (valid 180 days), gives the old one 7 more days, and
// delivers APPLICATION_OAUTH_CLIENT_NEW_SECRET to the queue the app registered in "Developer Central"
// (`registerApplicationQueue`); without one Amazon answers 400, as the model says.

export const ROTATE_CLIENT_SECRET_PATH = '/applications/2023-11-30/clientSecret';
const ROTATE_PLAN: UsagePlan = { rate: 0.0167, burst: 1 };
const DAY_MS = 86_400_000;
export const CLIENT_SECRET_LIFETIME_MS = 180 * DAY_MS;
/** How long Amazon keeps the old secret working after a rotation ("about 7 days"). */
export const OLD_SECRET_GRACE_MS = 7 * DAY_MS;

interface ClientSecretRecord {
  readonly value: string;
  expiresAtMs: number;
}

/** Every LWA client secret an app has had, with its expiry on the sandbox clock. Values are never logged. */
export class ClientSecretBook {
  private readonly secrets = new Map<string, ClientSecretRecord[]>();

  constructor(
    apps: readonly SandboxApp[],
    private readonly nowMs: () => number,
  ) {
    for (const app of apps)
      this.secrets.set(app.applicationId, [
        { value: app.clientSecret, expiresAtMs: nowMs() + CLIENT_SECRET_LIFETIME_MS },
      ]);
  }

  /** What LWA checks: the secret is one of the app's and has not expired. */
  accepts(applicationId: string, secret: string): boolean {
    const now = this.nowMs();
    return (this.secrets.get(applicationId) ?? []).some(
      (record) => record.value === secret && now < record.expiresAtMs,
    );
  }

  /** A new secret; every older one stops working after the grace period (sooner if it expires sooner). */
  rotate(applicationId: string): { secret: string; newExpiresAtMs: number; oldExpiresAtMs: number } {
    const now = this.nowMs();
    const records = this.secrets.get(applicationId) ?? [];
    const oldExpiresAtMs = now + OLD_SECRET_GRACE_MS;
    for (const record of records) record.expiresAtMs = Math.min(record.expiresAtMs, oldExpiresAtMs);
    const secret = `amzn1.oa2-cs.v1.${randomBytes(32).toString('hex')}`;
    const newExpiresAtMs = now + CLIENT_SECRET_LIFETIME_MS;
    records.push({ value: secret, expiresAtMs: newExpiresAtMs });
    this.secrets.set(applicationId, records);
    return { secret, newExpiresAtMs, oldExpiresAtMs };
  }

  /** The expiry of the newest secret, for the expiry notice. */
  currentExpiry(applicationId: string): number | undefined {
    return this.secrets.get(applicationId)?.at(-1)?.expiresAtMs;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The notification bodies, in the envelope every official notification schema requires. */
export function newClientSecretNotification(
  app: SandboxApp,
  rotation: { secret: string; newExpiresAtMs: number; oldExpiresAtMs: number },
  now: Date,
): Record<string, unknown> {
  return {
    notificationVersion: '1.0',
    notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
    payloadVersion: '2023-11-30',
    eventTime: now.toISOString(),
    payload: {
      applicationOAuthClientNewSecret: {
        clientId: app.clientId,
        newClientSecret: rotation.secret,
        newClientSecretExpiryTime: iso(rotation.newExpiresAtMs),
        oldClientSecretExpiryTime: iso(rotation.oldExpiresAtMs),
      },
    },
    notificationMetadata: {
      applicationId: app.applicationId,
      publishTime: now.toISOString(),
      notificationId: randomUUID(),
    },
  };
}

export function clientSecretExpiryNotification(
  app: SandboxApp,
  expiresAtMs: number,
  now: Date,
): Record<string, unknown> {
  return {
    notificationVersion: '1.0',
    notificationType: 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY',
    payloadVersion: '2023-11-30',
    eventTime: now.toISOString(),
    payload: {
      applicationOAuthClientSecretExpiry: {
        clientId: app.clientId,
        clientSecretExpiryTime: iso(expiresAtMs),
        clientSecretExpiryReason: 'PERIODIC_ROTATION',
      },
    },
    notificationMetadata: {
      applicationId: app.applicationId,
      publishTime: now.toISOString(),
      notificationId: randomUUID(),
    },
  };
}

/** Rotates the app's secret and delivers the new one to the app's queue (the control surface uses it too). */
export async function rotateClientSecret(context: SandboxContext, app: SandboxApp): Promise<void> {
  const queueArn = context.notifications.applicationQueueOf(app.applicationId);
  if (queueArn === undefined)
    throw new SpApiError(
      400,
      'InvalidInput',
      'Application is not enrolled for rotation notification. Please update application notification preference in Developer console.',
    );
  const rotation = context.clientSecrets.rotate(app.applicationId);
  await context.notifications.deliver(
    queueArn,
    newClientSecretNotification(app, rotation, context.clock.now()),
  );
}

export function isApplicationManagementPath(path: string): boolean {
  return path === ROTATE_CLIENT_SECRET_PATH;
}

/** POST {spapi}/applications/2023-11-30/clientSecret with a grantless token. */
export async function handleApplicationManagement(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  await readBody(request);
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId() };
  const reply = (status: number, body?: unknown) => {
    if (body === undefined) {
      response.writeHead(status, headers);
      response.end();
    } else sendJson(response, status, body, headers);
  };
  if (request.method !== 'POST') return reply(404, NOT_FOUND_BODY);
  context.counters.countSpApi('rotateApplicationClientSecret', undefined);

  const token = request.headers['x-amz-access-token'];
  const inspection =
    typeof token === 'string' && token !== '' ? context.ledger.inspectAccessToken(token) : undefined;
  // A grantless operation: a seller's token is not accepted.
  if (inspection?.status !== 'grantless') return reply(403, unauthorized(TOKEN_INVALID_DETAILS));
  const app = context.apps.find(inspection.applicationId);
  if (app === undefined) return reply(403, unauthorized(''));

  const decision = context.limiter.tryTake(`${app.applicationId}|rotateApplicationClientSecret`, ROTATE_PLAN);
  if (!decision.allowed) {
    context.counters.countThrottled(undefined);
    return reply(429, QUOTA_EXCEEDED_BODY);
  }
  headers['x-amzn-RateLimit-Limit'] = formatRate(decision.rate);
  try {
    await rotateClientSecret(context, app);
  } catch (error) {
    if (error instanceof SpApiError) return reply(error.status, error.toBody());
    throw error;
  }
  reply(204);
}
