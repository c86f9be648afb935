import { createHash } from 'node:crypto';
import {
  isAmazonEnvelope,
  MalformedNotification,
  parseAmazonNotification,
  type AccountStatusChange,
} from './amazon-notification';
import { RevocationEventSchema, type RevocationEvent } from './revocation-event';

/**
 * What one message on the revocation queue asks for. Two shapes share the queue: our own RevocationEvent
 * (invalid_grant, disconnect, health check) and Amazon's notifications, which Amazon delivers in its own envelope.
 */
export type QueueMessage =
  | { readonly kind: 'revocation'; readonly event: RevocationEvent & { readonly at: string } }
  | {
      readonly kind: 'account-status';
      /** Amazon's NotificationId, or a digest of the body when it has none (redeliveries carry the same body). */
      readonly eventId: string;
      readonly change: AccountStatusChange;
    }
  | { readonly kind: 'ignored-notification'; readonly notificationType: string };

/**
 * A message that can never be processed: it fails on its own, is received maxReceiveCount times, and lands in the
 * DLQ where the alarm fires. The message names what is wrong, never the body.
 */
export class PoisonMessage extends Error {
  constructor(reason: string) {
    super(`Unprocessable revocation message: ${reason}`);
    this.name = 'PoisonMessage';
  }
}

/** SQS allows 256 KiB; a real message here is well under 4 KiB. */
const MAX_BODY_CHARS = 64 * 1024;

/** ISO 8601 in one format (UTC, milliseconds), so times compare as strings, in DynamoDB conditions too. */
export const canonicalTime = (iso: string): string => new Date(iso).toISOString();

export function parseQueueMessage(body: string): QueueMessage {
  if (body.length > MAX_BODY_CHARS) throw new PoisonMessage('body too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new PoisonMessage('body is not JSON');
  }

  if (isAmazonEnvelope(parsed)) {
    let notification;
    try {
      notification = parseAmazonNotification(parsed);
    } catch (error) {
      if (error instanceof MalformedNotification) throw new PoisonMessage(error.message);
      throw error;
    }
    if (notification.type === 'other')
      return { kind: 'ignored-notification', notificationType: notification.notificationType };
    const { change } = notification;
    return {
      kind: 'account-status',
      eventId:
        change.notificationId ?? `sha256-${createHash('sha256').update(body).digest('hex').slice(0, 40)}`,
      change,
    };
  }

  const event = RevocationEventSchema.safeParse(parsed);
  if (!event.success) throw new PoisonMessage('neither a revocation event nor an Amazon notification');
  return { kind: 'revocation', event: { ...event.data, at: canonicalTime(event.data.at) } };
}
