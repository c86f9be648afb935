import { createHash } from 'node:crypto';
import type { ApplicationEventRecord } from '../audit/audit-record';
import type { AuditTrail, Clock } from '../ports';
import {
  CLIENT_SECRET_EXPIRY,
  parseApplicationNotification,
  type ClientSecretExpiryNotice,
  type NewClientSecret,
} from './application-notification';
import type {
  ClientSecretLedger,
  ClientSecretStore,
  GrantlessTokens,
  ProcessedClientSecretEvent,
} from './ports';

/**
 * The client-secret queue's work for one message. A new secret goes to Secrets Manager staged AWSPENDING, is
 * proven with one client_credentials grant, and only then becomes AWSCURRENT, the stage every function reads: a
 * rotation that stops half way leaves functions on the old secret, which Amazon keeps valid for about 7 days, and
 * the redelivery finishes it. Each step is idempotent, so a duplicate delivery changes nothing.
 */
export interface ClientSecretRotationDependencies {
  readonly clientId: string;
  readonly secrets: ClientSecretStore;
  readonly ledger: ClientSecretLedger;
  readonly lwa: GrantlessTokens;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

export const ROTATION_ACTOR_ID = 'client-secret-rotation-worker';
/** A scope every SP-API app may ask a grantless token for: enough to prove a client secret works. */
export const SECRET_CHECK_SCOPE = 'sellingpartnerapi::notifications';

/** The notification is for another LWA client: never written anywhere; the message fails to the DLQ. */
export class ForeignClientNotification extends Error {
  constructor() {
    super('The notification is for another LWA client id');
    this.name = 'ForeignClientNotification';
  }
}

export type ClientSecretOutcome =
  | { readonly kind: 'rotated'; readonly eventId: string; readonly newClientSecretExpiryTime: string }
  | { readonly kind: 'duplicate'; readonly eventId: string }
  /** An older rotation delivered after a newer one: the newer secret stays current. */
  | { readonly kind: 'superseded'; readonly eventId: string }
  | { readonly kind: 'expiry-notice'; readonly eventId: string; readonly clientSecretExpiryTime: string };

/**
 * The Secrets Manager version of a rotation: one per (client, new secret's expiry), so every delivery of one
 * notification stages the same version, and two rotations never share one. (ClientRequestToken: 32–64 chars.)
 */
export function secretVersionIdOf(clientId: string, newClientSecretExpiryTime: string): string {
  const hex = createHash('sha256')
    .update(`lwa-client-secret|${clientId}|${newClientSecretExpiryTime}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function processClientSecretMessage(
  deps: ClientSecretRotationDependencies,
  body: string,
): Promise<ClientSecretOutcome> {
  const notification = parseApplicationNotification(body);
  if (notification.type === CLIENT_SECRET_EXPIRY) return recordExpiryNotice(deps, notification.notice);
  return applyNewSecret(deps, notification.secret);
}

async function recordExpiryNotice(
  deps: ClientSecretRotationDependencies,
  notice: ClientSecretExpiryNotice,
): Promise<ClientSecretOutcome> {
  if (notice.clientId !== deps.clientId) throw new ForeignClientNotification();
  const now = deps.clock.now();
  await deps.ledger.recordEvent(
    {
      eventId: notice.eventId,
      outcome: 'expiry-notice',
      auditPending: false,
      processedAt: now.toISOString(),
      eventTime: notice.eventTime,
      now,
    },
    { expiryNoticeAt: notice.eventTime, expiryNoticeExpiresAt: notice.clientSecretExpiryTime },
  );
  return {
    kind: 'expiry-notice',
    eventId: notice.eventId,
    clientSecretExpiryTime: notice.clientSecretExpiryTime,
  };
}

async function applyNewSecret(
  deps: ClientSecretRotationDependencies,
  secret: NewClientSecret,
): Promise<ClientSecretOutcome> {
  if (secret.clientId !== deps.clientId) throw new ForeignClientNotification();
  const { eventId } = secret;

  const processed = await deps.ledger.getProcessedEvent(eventId);
  if (processed !== undefined) {
    await finishAudit(deps, processed);
    return { kind: 'duplicate', eventId };
  }

  const versionId = secretVersionIdOf(secret.clientId, secret.newClientSecretExpiryTime);
  const event = (outcome: ProcessedClientSecretEvent['outcome'], now: Date) => ({
    eventId,
    outcome,
    auditPending: outcome === 'rotated',
    processedAt: now.toISOString(),
    versionId,
    newClientSecretExpiryTime: secret.newClientSecretExpiryTime,
    oldClientSecretExpiryTime: secret.oldClientSecretExpiryTime,
    eventTime: secret.eventTime,
    now,
  });

  // A redelivered older notification must never bring back a secret a later rotation replaced.
  const state = await deps.ledger.getState();
  if (
    state?.currentSecretExpiresAt !== undefined &&
    state.currentSecretExpiresAt > secret.newClientSecretExpiryTime &&
    state.currentVersionId !== versionId
  ) {
    await deps.ledger.recordEvent(event('superseded', deps.clock.now()));
    return { kind: 'superseded', eventId };
  }

  await deps.secrets.stagePending(versionId, secret.newClientSecret);
  // Proof before promotion: LWA accepts the new secret. A refusal (or LWA down) fails the message; the old
  // secret stays current and the redelivery tries again.
  await deps.lwa.grantlessAccessToken(SECRET_CHECK_SCOPE, { clientSecret: secret.newClientSecret });
  await deps.secrets.promote(versionId);

  const recorded = await deps.ledger.recordRotation(event('rotated', deps.clock.now()));
  if (recorded === 'superseded') {
    // A newer rotation landed between the read and the write; it made its own version current after ours.
    return { kind: 'superseded', eventId };
  }
  const stored = await deps.ledger.getProcessedEvent(eventId);
  if (stored !== undefined) await finishAudit(deps, stored);
  return recorded === 'duplicate'
    ? { kind: 'duplicate', eventId }
    : { kind: 'rotated', eventId, newClientSecretExpiryTime: secret.newClientSecretExpiryTime };
}

/** Writes the pending `client-secret-rotated` record (at least once; keyed by the event id) and marks it. */
async function finishAudit(
  deps: ClientSecretRotationDependencies,
  event: ProcessedClientSecretEvent,
): Promise<void> {
  if (event.outcome !== 'rotated' || !event.auditPending) return;
  await deps.audit.write(clientSecretRotatedRecord(event));
  await deps.ledger.markAudited(event.eventId, deps.clock.now());
}

/** Times only: never the secret, never a digest of it. Built from the recorded event, so a rewrite is identical. */
export function clientSecretRotatedRecord(event: ProcessedClientSecretEvent): ApplicationEventRecord {
  return {
    kind: 'client-secret-rotated',
    at: event.processedAt,
    actor: { type: 'system', id: ROTATION_ACTOR_ID },
    storeId: null,
    outcome: 'allowed',
    requestId: event.eventId,
    detail: {
      eventId: event.eventId,
      notifiedAt: event.eventTime,
      ...(event.newClientSecretExpiryTime === undefined
        ? {}
        : { newClientSecretExpiryTime: event.newClientSecretExpiryTime }),
      ...(event.oldClientSecretExpiryTime === undefined
        ? {}
        : { oldClientSecretExpiryTime: event.oldClientSecretExpiryTime }),
      versionStage: 'AWSCURRENT',
    },
  };
}
