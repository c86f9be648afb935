import * as z from 'zod';
import { ACCOUNT_STATUSES, type AccountStatus } from '../api/account-status-contract';
import { MARKETPLACES, type Region } from '../amazon/marketplaces';
import { SELLING_PARTNER_ID_PATTERN } from '../stores/store';

/**
 * Amazon's SP-API notifications, as Amazon delivers them to the revocation queue (the SQS workflow): an envelope of
 * NotificationVersion / NotificationType / PayloadVersion / EventTime / Payload / NotificationMetadata. Amazon's
 * own examples use PascalCase for some types and camelCase for others (ACCOUNT_STATUS_CHANGED is documented in
 * camelCase), so keys are matched whatever the case of their first letter.
 *
 * Only ACCOUNT_STATUS_CHANGED (payload version 1.0) means something here:
 * `payload.accountStatusChangeNotification.{previousAccountStatus,currentAccountStatus}`, one of NORMAL, AT_RISK,
 * DEACTIVATED. Amazon publishes no JSON schema for it (neither Amazon's published models nor
 * shared/notifications/models has one), so the schema below is built from Amazon's documented payload: the
 * payload names no seller; `notificationMetadata.subscriptionId` names the subscription, which the revocation
 * worker maps to its store (shared/notifications/account-status-subscriptions.ts). A `sellerId` / `marketplaceId`
 * in the payload (older or test payloads) is still read when present.
 */
export { ACCOUNT_STATUSES, type AccountStatus };

export const ACCOUNT_STATUS_CHANGED = 'ACCOUNT_STATUS_CHANGED';

export interface AccountStatusChange {
  /** Amazon's NotificationId when it is a plain identifier; the deduplication key of the notification. */
  readonly notificationId: string | undefined;
  /** NotificationMetadata.SubscriptionId: the subscription that delivered it, mapped to its store. */
  readonly subscriptionId: string | undefined;
  /** When the status changed (EventTime, else PublishTime), as an ISO 8601 UTC time with milliseconds. */
  readonly eventTime: string;
  readonly sellerId: string | undefined;
  readonly marketplaceId: string | undefined;
  readonly previousStatus: AccountStatus | undefined;
  readonly currentStatus: AccountStatus;
}

export type AmazonNotification =
  | { readonly type: typeof ACCOUNT_STATUS_CHANGED; readonly change: AccountStatusChange }
  /** Any other type: acknowledged and logged by its type only. */
  | { readonly type: 'other'; readonly notificationType: string };

/** A notification that cannot be read. The message says what is wrong, never what the body holds. */
export class MalformedNotification extends Error {
  constructor(reason: string) {
    super(`Malformed Amazon notification: ${reason}`);
    this.name = 'MalformedNotification';
  }
}

const MAX_DEPTH = 6;

/** `SellerId` → `sellerId`, recursively (bounded), so one camelCase schema reads both casings. */
function camelizeKeys(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => camelizeKeys(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const camel = key.length === 0 ? key : key[0]!.toLowerCase() + key.slice(1);
    // A body with both `SellerId` and `sellerId` is ambiguous only if they differ; the first one wins either way.
    if (!(camel in result)) result[camel] = camelizeKeys(item, depth + 1);
  }
  return result;
}

/** True when a parsed message body is an Amazon notification envelope rather than one of our own events. */
export function isAmazonEnvelope(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).some((key) => key.toLowerCase() === 'notificationtype')
  );
}

const time = z.iso.datetime({ offset: true });

const EnvelopeSchema = z.object({
  notificationType: z.string().min(1).max(256),
  eventTime: time.optional(),
  payload: z.unknown(),
  notificationMetadata: z
    .object({
      notificationId: z.string().max(256).optional(),
      subscriptionId: z.string().max(256).optional(),
      applicationId: z.string().max(256).optional(),
      publishTime: time.optional(),
    })
    .optional(),
});

const accountStatus = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
  z.enum(ACCOUNT_STATUSES),
);
const sellerId = z.string().regex(SELLING_PARTNER_ID_PATTERN);
const marketplaceId = z.string().regex(/^[A-Z0-9]{8,20}$/);

const StatusChangeSchema = z.object({
  previousAccountStatus: accountStatus.optional(),
  currentAccountStatus: accountStatus,
  sellerId: sellerId.optional(),
  marketplaceId: marketplaceId.optional(),
});

const AccountStatusPayloadSchema = z.object({
  sellerId: sellerId.optional(),
  marketplaceId: marketplaceId.optional(),
  accountStatusChangeNotification: StatusChangeSchema.optional(),
  // Seen in the wild next to the documented name.
  accountStatusChangedNotification: StatusChangeSchema.optional(),
});

const NOTIFICATION_ID = /^[A-Za-z0-9-]{8,64}$/;
/** Amazon's subscription ids are UUIDs; anything else is not one of ours and is never looked up. */
const SUBSCRIPTION_ID = /^[A-Za-z0-9-]{8,64}$/;
const NOTIFICATION_TYPE = /^[A-Z0-9_]{1,64}$/;

/** Reads an Amazon notification envelope (already JSON-parsed). Throws MalformedNotification. */
export function parseAmazonNotification(body: unknown): AmazonNotification {
  const envelope = EnvelopeSchema.safeParse(camelizeKeys(body));
  if (!envelope.success) throw new MalformedNotification('not a notification envelope');
  const type = envelope.data.notificationType.trim();
  if (type !== ACCOUNT_STATUS_CHANGED) {
    // Only a safe rendering of the type is kept for the log line.
    return {
      type: 'other',
      notificationType: NOTIFICATION_TYPE.test(type) ? type : 'UNRECOGNISED',
    };
  }

  const payload = AccountStatusPayloadSchema.safeParse(envelope.data.payload);
  const change =
    payload.success &&
    (payload.data.accountStatusChangeNotification ?? payload.data.accountStatusChangedNotification);
  if (!payload.success || !change) throw new MalformedNotification('no account status in the payload');
  const eventTime = envelope.data.eventTime ?? envelope.data.notificationMetadata?.publishTime;
  if (eventTime === undefined) throw new MalformedNotification('no EventTime');
  const notificationId = envelope.data.notificationMetadata?.notificationId?.trim();
  const subscriptionId = envelope.data.notificationMetadata?.subscriptionId?.trim();

  return {
    type: ACCOUNT_STATUS_CHANGED,
    change: {
      notificationId:
        notificationId !== undefined && NOTIFICATION_ID.test(notificationId) ? notificationId : undefined,
      subscriptionId:
        subscriptionId !== undefined && SUBSCRIPTION_ID.test(subscriptionId) ? subscriptionId : undefined,
      eventTime: new Date(eventTime).toISOString(),
      sellerId: change.sellerId ?? payload.data.sellerId,
      marketplaceId: change.marketplaceId ?? payload.data.marketplaceId,
      previousStatus: change.previousAccountStatus,
      currentStatus: change.currentAccountStatus,
    },
  };
}

/** The SP-API region of a marketplace id (never a country code: notifications carry ids). */
export function regionOfMarketplaceId(id: string): Region | undefined {
  return MARKETPLACES.find((marketplace) => marketplace.id === id)?.region;
}
