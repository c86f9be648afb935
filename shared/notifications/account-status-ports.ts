import type { Region } from '../amazon/marketplaces';

export { ACCOUNT_STATUS_CHANGED } from '../revocation/amazon-notification';

/**
 * The ports of the seller account-status subscriptions, beside shared/ports.ts: Amazon's Notifications API v1
 * (notifications.json) and the table's record of the app's destinations and the stores' subscriptions.
 */

/** The payload version Amazon documents for ACCOUNT_STATUS_CHANGED. */
export const ACCOUNT_STATUS_PAYLOAD_VERSION = '1.0';
/** The LWA scope of the Notifications API's grantless operations (createDestination, …ById). */
export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';

export interface NotificationSubscription {
  readonly subscriptionId: string;
  readonly destinationId: string;
  readonly payloadVersion: string;
}

/**
 * The Notifications API, one region endpoint per call. Grantless operations take a client_credentials token,
 * the subscription-by-type operations the seller's access token. Throws SpApiError (classified) for any other
 * answer; a 409 is an answer, not an error.
 */
export interface NotificationsApi {
  createDestination(args: {
    region: Region;
    grantlessToken: string;
    name: string;
    sqsArn: string;
  }): Promise<{ readonly status: 'created'; readonly destinationId: string } | { readonly status: 'exists' }>;
  getDestinations(args: {
    region: Region;
    grantlessToken: string;
  }): Promise<ReadonlyArray<{ readonly destinationId: string; readonly sqsArn: string | undefined }>>;
  createSubscription(args: {
    region: Region;
    accessToken: string;
    notificationType: string;
    payloadVersion: string;
    destinationId: string;
  }): Promise<
    | { readonly status: 'created'; readonly subscription: NotificationSubscription }
    | { readonly status: 'exists' }
  >;
  /** The seller's subscription to the type; undefined on 404. */
  getSubscription(args: {
    region: Region;
    accessToken: string;
    notificationType: string;
  }): Promise<NotificationSubscription | undefined>;
  /** Answers `not-found` when Amazon no longer has it (deleted already). */
  deleteSubscriptionById(args: {
    region: Region;
    grantlessToken: string;
    notificationType: string;
    subscriptionId: string;
  }): Promise<'deleted' | 'not-found'>;
}

/** A store's ACCOUNT_STATUS_CHANGED subscription as the table records it (`STORE#{storeId}` / `SUBSCRIPTION#…`). */
export type StoreSubscriptionRecord =
  | {
      readonly state: 'subscribed';
      readonly subscriptionId: string;
      readonly destinationId: string;
      readonly subscribedAt: string;
    }
  | {
      /** Not subscribed yet: the daily health check tries again with a fresh access token. */
      readonly state: 'pending';
      readonly failure: string;
      readonly attempts: number;
      readonly lastAttemptAt: string;
    }
  | {
      /** Deleted at Amazon after a revocation; a re-authorization subscribes again. */
      readonly state: 'deleted';
      readonly subscriptionId: string;
      readonly deletedAt: string;
    };

export interface AccountStatusSubscriptionStore {
  /** The app's destination in this region (`APP#NOTIFICATIONS` / `DESTINATION#{region}`). */
  getDestination(region: Region): Promise<{ destinationId: string; sqsArn: string } | undefined>;
  saveDestination(
    region: Region,
    destination: { destinationId: string; sqsArn: string },
    now: Date,
  ): Promise<void>;
  getStoreSubscription(storeId: string): Promise<StoreSubscriptionRecord | undefined>;
  /**
   * In one transaction: the store's record (`subscribed`) and the mapping `SUBSCRIPTION#{subscriptionId}` →
   * storeId that the revocation worker reads. Only while the store's profile exists. (Where the store's record is
   * written on a store session, which cannot reach the mapping, the mapping is written first, on its own.)
   */
  saveSubscribed(args: {
    storeId: string;
    subscriptionId: string;
    destinationId: string;
    now: Date;
  }): Promise<void>;
  /** Records a failed attempt (never over a `subscribed` record written meanwhile). */
  savePending(args: { storeId: string; failure: string; now: Date }): Promise<void>;
  /** The store a subscription belongs to; undefined for a subscription we never created. */
  storeOfSubscription(subscriptionId: string): Promise<string | undefined>;
  /** The store's record becomes `deleted`; the mapping is kept (30 days) so late notifications still find it. */
  saveDeleted(args: { storeId: string; subscriptionId: string; now: Date }): Promise<void>;
}
