/** A queue message turned into a signal for one store: the store found from the subscription or the seller. */
import { REGIONS } from '../amazon/marketplaces';
import { UNCONFINED } from '../store-access/store-scope';
import { storeIdOf } from '../stores/store';
import { regionOfMarketplaceId } from './amazon-notification';
import { PoisonMessage, type QueueMessage } from './queue-message';
import type { RevocationWorkerDependencies } from './revocation-worker-dependencies';
import type { StoreSignal } from './store-status-decision';

/**
 * Turns a message into a signal for one store. Amazon's ACCOUNT_STATUS_CHANGED names its subscription, which the
 * mapping recorded at subscription turns into the store. A payload that names a seller instead (older or test
 * payloads) finds the region from its marketplace, else from the one store the seller has with us. A
 * notification that names neither a known subscription nor a seller is poison: it reaches the DLQ and its alarm.
 * The mapping (`SUBSCRIPTION#{subscriptionId}`) is under no store's partition: it is read with the function's role.
 */
export async function signalOf(
  deps: RevocationWorkerDependencies,
  message: Exclude<QueueMessage, { kind: 'ignored-notification' }>,
): Promise<StoreSignal | { unknownSeller: string; eventId: string }> {
  const { ledger } = deps;
  if (message.kind === 'revocation') {
    const { eventId, storeId, at, source, actorId } = message.event;
    return { action: 'revoke', eventId, storeId, at, source, ...(actorId === undefined ? {} : { actorId }) };
  }
  const { change, eventId } = message;
  if (change.subscriptionId !== undefined && deps.subscriptions !== undefined) {
    const mapped = await deps.subscriptions.storeOfSubscription(change.subscriptionId);
    if (mapped !== undefined)
      return {
        action: 'account-status',
        eventId,
        storeId: mapped,
        at: change.eventTime,
        accountStatus: change.currentStatus,
        ...(change.marketplaceId === undefined ? {} : { marketplaceId: change.marketplaceId }),
      };
  }
  if (change.sellerId === undefined)
    throw new PoisonMessage(
      change.subscriptionId === undefined
        ? 'the notification names no seller and no subscription'
        : 'the notification names a subscription that maps to no store',
    );
  const sellerId = change.sellerId;
  const region = change.marketplaceId === undefined ? undefined : regionOfMarketplaceId(change.marketplaceId);
  let storeId: string;
  if (region !== undefined) {
    storeId = storeIdOf(sellerId, region);
  } else {
    // Each candidate's profile is read on that candidate's own session: no read reaches two stores.
    const scope = deps.scope ?? UNCONFINED;
    const candidates = (
      await Promise.all(
        REGIONS.map((r) => {
          const candidate = storeIdOf(sellerId, r);
          return scope.run({ storeId: candidate, purpose: 'NONE' }, () => ledger.getStoreState(candidate));
        }),
      )
    ).filter((state) => state !== undefined);
    // A seller we do not serve (or no longer): nothing to change.
    if (candidates.length === 0) return { unknownSeller: sellerId, eventId };
    if (candidates.length > 1)
      throw new PoisonMessage(
        'the notification names no known marketplace and the seller has several stores',
      );
    storeId = candidates[0]!.storeId;
  }
  return {
    action: 'account-status',
    eventId,
    storeId,
    at: change.eventTime,
    accountStatus: change.currentStatus,
    ...(change.marketplaceId === undefined ? {} : { marketplaceId: change.marketplaceId }),
  };
}
