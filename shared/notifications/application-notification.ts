import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * Amazon's application-level notifications, as Amazon delivers them to the SQS queue registered for the app in
 * Developer Central (not through the Notifications API's subscriptions):
 *
 * - `APPLICATION_OAUTH_CLIENT_NEW_SECRET` (payload version 2023-11-30): `applicationOAuthClientNewSecret
 *   {clientId, newClientSecret, newClientSecretExpiryTime, oldClientSecretExpiryTime}`; the only place Amazon ever
 *   hands over a rotated LWA client secret.
 * - `APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY`: `applicationOAuthClientSecretExpiry {clientId, clientSecretExpiryTime,
 *   clientSecretExpiryReason}`, the warning before the secret expires. (Field names as Amazon's notification-type
 *   page shows them; no JSON schema file for this type is among Amazon's published models: unconfirmed.)
 *
 * The envelope is the one every official notification schema Amazon publishes requires (notificationVersion,
 * notificationType, payloadVersion, eventTime, payload, notificationMetadata {applicationId, subscriptionId,
 * publishTime, notificationId}); `test/unit/notifications` checks these schemas against those files. Amazon's
 * docs publish no JSON schema for the two application types: their payloads follow the documented fields, and
 * `subscriptionId` is optional here (application notifications have no subscription; unconfirmed whether Amazon
 * sends one anyway).
 *
 * Nothing read here is ever logged: the body carries a live client secret. Errors name what is wrong, never a value.
 */
export const CLIENT_SECRET_NEW_SECRET = 'APPLICATION_OAUTH_CLIENT_NEW_SECRET';
export const CLIENT_SECRET_EXPIRY = 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY';

/** A notification that cannot be read. The message says what is wrong, never what the body holds. */
export class MalformedApplicationNotification extends Error {
  constructor(reason: string) {
    super(`Malformed application notification: ${reason}`);
    this.name = 'MalformedApplicationNotification';
  }
}

const time = z.iso.datetime({ offset: true });
/** LWA client ids and secrets: printable, no whitespace, bounded. */
const credential = z
  .string()
  .min(8)
  .max(512)
  .regex(/^[\x21-\x7e]+$/);

export const NotificationMetadataSchema = z.object({
  applicationId: z.string().min(1).max(256),
  subscriptionId: z.string().min(1).max(256).optional(),
  publishTime: time,
  notificationId: z.string().min(1).max(256),
});

/** The envelope of every SP-API notification (the `required` list of the official schema files). */
export const envelopeSchema = <T extends z.ZodType>(notificationType: string, payload: T) =>
  z.object({
    notificationVersion: z.string().min(1).max(16),
    notificationType: z.literal(notificationType),
    payloadVersion: z.string().min(1).max(32),
    eventTime: time,
    payload,
    notificationMetadata: NotificationMetadataSchema,
  });

export const ClientSecretNewSecretNotificationSchema = envelopeSchema(
  CLIENT_SECRET_NEW_SECRET,
  z.object({
    applicationOAuthClientNewSecret: z.object({
      clientId: credential,
      newClientSecret: credential,
      newClientSecretExpiryTime: time,
      oldClientSecretExpiryTime: time,
    }),
  }),
);

export const ClientSecretExpiryNotificationSchema = envelopeSchema(
  CLIENT_SECRET_EXPIRY,
  z.object({
    applicationOAuthClientSecretExpiry: z.object({
      clientId: credential,
      clientSecretExpiryTime: time,
      clientSecretExpiryReason: z.string().max(256).optional(),
    }),
  }),
);

export interface NewClientSecret {
  /** Amazon's notificationId: the deduplication key. */
  readonly eventId: string;
  readonly eventTime: string;
  readonly clientId: string;
  /** The secret itself. Goes to Secrets Manager and to LWA, nowhere else. */
  readonly newClientSecret: string;
  readonly newClientSecretExpiryTime: string;
  readonly oldClientSecretExpiryTime: string;
}

export interface ClientSecretExpiryNotice {
  readonly eventId: string;
  readonly eventTime: string;
  readonly clientId: string;
  readonly clientSecretExpiryTime: string;
}

export type ApplicationNotification =
  | { readonly type: typeof CLIENT_SECRET_NEW_SECRET; readonly secret: NewClientSecret }
  | { readonly type: typeof CLIENT_SECRET_EXPIRY; readonly notice: ClientSecretExpiryNotice };

/** SQS allows 256 KiB; a real message here is well under 4 KiB. */
const MAX_BODY_CHARS = 64 * 1024;
const canonical = (iso: string) => new Date(iso).toISOString();

/** An id safe to put in a key and a log line: Amazon's when it is plain, else a digest of it. */
function eventIdOf(notificationId: string): string {
  return /^[A-Za-z0-9-]{8,64}$/.test(notificationId)
    ? notificationId
    : `sha256-${createHash('sha256').update(notificationId).digest('hex').slice(0, 40)}`;
}

/** Reads one message body of the client-secret queue. Throws MalformedApplicationNotification. */
export function parseApplicationNotification(body: string): ApplicationNotification {
  if (body.length > MAX_BODY_CHARS) throw new MalformedApplicationNotification('body too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedApplicationNotification('body is not JSON');
  }
  const type =
    typeof parsed === 'object' && parsed !== null && 'notificationType' in parsed
      ? (parsed as { notificationType: unknown }).notificationType
      : undefined;

  if (type === CLIENT_SECRET_NEW_SECRET) {
    const result = ClientSecretNewSecretNotificationSchema.safeParse(parsed);
    if (!result.success)
      throw new MalformedApplicationNotification(`invalid ${type} (${fieldsOf(result.error)})`);
    const { eventTime, payload, notificationMetadata } = result.data;
    const secret = payload.applicationOAuthClientNewSecret;
    return {
      type,
      secret: {
        eventId: eventIdOf(notificationMetadata.notificationId),
        eventTime: canonical(eventTime),
        clientId: secret.clientId,
        newClientSecret: secret.newClientSecret,
        newClientSecretExpiryTime: canonical(secret.newClientSecretExpiryTime),
        oldClientSecretExpiryTime: canonical(secret.oldClientSecretExpiryTime),
      },
    };
  }
  if (type === CLIENT_SECRET_EXPIRY) {
    const result = ClientSecretExpiryNotificationSchema.safeParse(parsed);
    if (!result.success)
      throw new MalformedApplicationNotification(`invalid ${type} (${fieldsOf(result.error)})`);
    const { eventTime, payload, notificationMetadata } = result.data;
    const notice = payload.applicationOAuthClientSecretExpiry;
    return {
      type,
      notice: {
        eventId: eventIdOf(notificationMetadata.notificationId),
        eventTime: canonical(eventTime),
        clientId: notice.clientId,
        clientSecretExpiryTime: canonical(notice.clientSecretExpiryTime),
      },
    };
  }
  throw new MalformedApplicationNotification('not a client-secret notification');
}

/** The paths of the fields that failed, never their values. */
function fieldsOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5).join(', ');
}
