import { LwaError, SpApiError } from '../amazon/amazon-errors';
import type { Region } from '../amazon/marketplaces';
import type { Actor, StoreEventRecord } from '../audit/audit-record';
import type { AuditTrail, Clock } from '../ports';
import {
  ACCOUNT_STATUS_CHANGED,
  ACCOUNT_STATUS_PAYLOAD_VERSION,
  NOTIFICATIONS_SCOPE,
  type AccountStatusSubscriptionStore,
  type NotificationsApi,
} from './account-status-ports';
import type { GrantlessTokens } from './ports';

/**
 * Subscribing each store to ACCOUNT_STATUS_CHANGED, so Amazon tells us when a seller's account is deactivated, at
 * risk or normal again. Amazon's notification names only the subscription, so the subscription id → store id
 * mapping is recorded when the subscription is made, and the revocation worker reads it.
 *
 * - One destination per app and region (createDestination is grantless): the revocation queue. Its id is kept in
 *   the table (`APP#NOTIFICATIONS`), created on first need and found again on a 409, never a setting to copy.
 * - createSubscription is a seller operation: it takes the seller's access token, which the connect has in memory
 *   right after the code exchange (and the daily health check right after its refresh). No extra LWA exchange,
 *   no extra Decrypt. A 409 means the seller already has one for this app: getSubscription reuses it.
 * - Nothing here may break a connect: every failure (Amazon throttled or unavailable, LWA, the table) is caught,
 *   recorded as `pending` on the store and audited; the daily health check tries again. No call is retried blindly.
 * - After a revocation the subscription is deleted (deleteSubscriptionById, grantless), best effort and audited.
 *
 * Roles: the models (notifications.json) name no role for these operations; createDestination and the `…ById`
 * operations are grantless (scope `sellingpartnerapi::notifications`), createSubscription / getSubscription need
 * the seller's authorization of the app. Whether ACCOUNT_STATUS_CHANGED also needs a role in the developer profile
 * is *unconfirmed* here (Amazon's notification-type table is not in the models): a 403 at createSubscription is
 * recorded as `spapi:unauthorized`, pending, and alarms through the health check's retries.
 */
export interface AccountStatusSubscriptionDependencies {
  readonly api: NotificationsApi;
  readonly store: AccountStatusSubscriptionStore;
  readonly lwa: GrantlessTokens;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /** The SQS queue Amazon delivers to: the revocation queue's ARN (MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN). */
  readonly destinationArn: string;
}

export interface SubscribingStore {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
}

export type SubscriptionTrigger = 'connect' | 'reauthorization' | 'health-check';

export interface SubscriptionContext {
  readonly requestId: string;
  readonly actor: Actor;
  readonly trigger: SubscriptionTrigger;
}

export type SubscribeOutcome =
  | { readonly result: 'subscribed' | 'reused'; readonly subscriptionId: string }
  | { readonly result: 'already-subscribed'; readonly subscriptionId: string }
  | { readonly result: 'pending'; readonly failure: string };

export type UnsubscribeOutcome =
  | { readonly result: 'deleted' | 'already-deleted'; readonly subscriptionId: string }
  | { readonly result: 'no-subscription' }
  | { readonly result: 'failed'; readonly failure: string };

/** What the connect and the health check need. Neither method ever throws. */
export interface AccountStatusSubscriber {
  /** Subscribes (or finds the existing subscription) now: connect and re-authorization. */
  subscribe(
    store: SubscribingStore,
    accessToken: string,
    context: SubscriptionContext,
  ): Promise<SubscribeOutcome>;
  /** Subscribes only when the store has no recorded subscription (the health check's retry and backfill). */
  ensureSubscribed(
    store: SubscribingStore,
    accessToken: string,
    context: SubscriptionContext,
  ): Promise<SubscribeOutcome>;
}

export interface AccountStatusUnsubscriber {
  /** Deletes the store's subscription at Amazon, if it has one. Never throws. */
  unsubscribe(
    store: SubscribingStore,
    context: Omit<SubscriptionContext, 'trigger'>,
  ): Promise<UnsubscribeOutcome>;
}

export const DESTINATION_NAME = 'mint-hub-account-status';

/** A failure, in words safe for the audit trail and logs: the kind only, never a body. */
export function failureOf(error: unknown): string {
  if (error instanceof SpApiError) return `spapi:${error.kind}`;
  if (error instanceof LwaError) return `lwa:${error.kind}`;
  return 'internal';
}

export function createAccountStatusSubscriptions(
  deps: AccountStatusSubscriptionDependencies,
): AccountStatusSubscriber & AccountStatusUnsubscriber {
  // One destination lookup per region in flight per execution environment; a known id is kept.
  const destinations = new Map<Region, Promise<string>>();

  function destinationIdFor(region: Region): Promise<string> {
    let known = destinations.get(region);
    if (known === undefined) {
      known = resolveDestination(region);
      destinations.set(region, known);
      // A failed lookup is not kept: the next store tries again.
      known.catch(() => destinations.delete(region));
    }
    return known;
  }

  async function resolveDestination(region: Region): Promise<string> {
    const stored = await deps.store.getDestination(region);
    if (stored !== undefined && stored.sqsArn === deps.destinationArn) return stored.destinationId;
    const grantlessToken = await deps.lwa.grantlessAccessToken(NOTIFICATIONS_SCOPE);
    const created = await deps.api.createDestination({
      region,
      grantlessToken,
      name: DESTINATION_NAME,
      sqsArn: deps.destinationArn,
    });
    let destinationId: string | undefined;
    if (created.status === 'created') destinationId = created.destinationId;
    else {
      // Another environment (or an earlier deploy) created it: Amazon answers 409 for the same queue.
      const existing = await deps.api.getDestinations({ region, grantlessToken });
      destinationId = existing.find(
        (destination) => destination.sqsArn === deps.destinationArn,
      )?.destinationId;
    }
    if (destinationId === undefined)
      throw new SpApiError('unavailable', 409, 'getDestinations', undefined, 'malformed');
    await deps.store.saveDestination(
      region,
      { destinationId, sqsArn: deps.destinationArn },
      deps.clock.now(),
    );
    return destinationId;
  }

  async function audit(
    store: SubscribingStore,
    context: Omit<SubscriptionContext, 'trigger'> & { trigger?: SubscriptionTrigger | 'revocation' },
    outcome: StoreEventRecord['outcome'],
    detail: Record<string, string | number | boolean>,
  ): Promise<void> {
    try {
      await deps.audit.write({
        kind: 'account-status-subscription',
        at: deps.clock.now().toISOString(),
        actor: context.actor,
        storeId: store.storeId,
        sellingPartnerId: store.sellingPartnerId,
        region: store.region,
        outcome,
        requestId: context.requestId,
        detail: {
          notificationType: ACCOUNT_STATUS_CHANGED,
          trigger: context.trigger ?? 'revocation',
          ...detail,
        },
      });
    } catch {
      // The subscription state is in the table either way; a lost lifecycle record must not break a connect.
    }
  }

  async function subscribe(
    store: SubscribingStore,
    accessToken: string,
    context: SubscriptionContext,
  ): Promise<SubscribeOutcome> {
    try {
      const destinationId = await destinationIdFor(store.region);
      const created = await deps.api.createSubscription({
        region: store.region,
        accessToken,
        notificationType: ACCOUNT_STATUS_CHANGED,
        payloadVersion: ACCOUNT_STATUS_PAYLOAD_VERSION,
        destinationId,
      });
      let subscription;
      let result: 'subscribed' | 'reused';
      if (created.status === 'created') {
        subscription = created.subscription;
        result = 'subscribed';
      } else {
        subscription = await deps.api.getSubscription({
          region: store.region,
          accessToken,
          notificationType: ACCOUNT_STATUS_CHANGED,
        });
        // A 409 and then no subscription: Amazon changed in between; the next try settles it.
        if (subscription === undefined)
          throw new SpApiError('unavailable', 404, 'getSubscription', undefined, 'status');
        result = 'reused';
      }
      await deps.store.saveSubscribed({
        storeId: store.storeId,
        subscriptionId: subscription.subscriptionId,
        destinationId: subscription.destinationId,
        now: deps.clock.now(),
      });
      await audit(store, context, 'allowed', {
        action: result,
        subscriptionId: subscription.subscriptionId,
        ...(subscription.destinationId === destinationId ? {} : { otherDestination: true }),
      });
      return { result, subscriptionId: subscription.subscriptionId };
    } catch (error) {
      const failure = failureOf(error);
      let recorded = true;
      try {
        await deps.store.savePending({ storeId: store.storeId, failure, now: deps.clock.now() });
      } catch {
        recorded = false;
      }
      await audit(store, context, 'error', { action: 'failed', failure, retryRecorded: recorded });
      return { result: 'pending', failure };
    }
  }

  return {
    subscribe,

    async ensureSubscribed(store, accessToken, context) {
      let record;
      try {
        record = await deps.store.getStoreSubscription(store.storeId);
      } catch {
        return { result: 'pending', failure: 'internal' };
      }
      if (record?.state === 'subscribed')
        return { result: 'already-subscribed', subscriptionId: record.subscriptionId };
      return subscribe(store, accessToken, context);
    },

    async unsubscribe(store, context) {
      let subscriptionId: string | undefined;
      try {
        const record = await deps.store.getStoreSubscription(store.storeId);
        if (record?.state !== 'subscribed') return { result: 'no-subscription' };
        subscriptionId = record.subscriptionId;
        const grantlessToken = await deps.lwa.grantlessAccessToken(NOTIFICATIONS_SCOPE);
        const deleted = await deps.api.deleteSubscriptionById({
          region: store.region,
          grantlessToken,
          notificationType: ACCOUNT_STATUS_CHANGED,
          subscriptionId,
        });
        await deps.store.saveDeleted({ storeId: store.storeId, subscriptionId, now: deps.clock.now() });
        const result = deleted === 'deleted' ? 'deleted' : 'already-deleted';
        await audit(store, context, 'allowed', { action: result, subscriptionId });
        return { result, subscriptionId };
      } catch (error) {
        const failure = failureOf(error);
        await audit(store, context, 'error', {
          action: 'delete-failed',
          failure,
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
        });
        return { result: 'failed', failure };
      }
    },
  };
}
