import type { Actor } from '../audit/audit-record';
import type { DatasetName } from '../config/dataset-settings';
import { DatasetNotEnabled } from '../errors';
import type { AuditTrail, Clock, StoreRepository } from '../ports';
import type { StoreProfile } from '../stores/store';
import type { AdsRepository } from './ads-ports';
import { inStoreScope, type StoreScope } from '../store-access/store-scope';
import { requireActiveStoreOwner } from './ads-consent';

/**
 * Removes a store's Ads link: the Ads refresh token is deleted (crypto-shred: the ciphertext is gone), with every
 * link, report job and stored report row; the SP-API token and the store itself are not touched. Audited
 * `ads-revoked` with the reason (an owner's request, or Amazon's invalid_grant).
 */
export async function removeAdsLink(
  deps: { adsStore: Pick<AdsRepository, 'removeAdsAuthorization'>; audit: AuditTrail; clock: Clock },
  args: {
    store: Pick<StoreProfile, 'storeId' | 'sellingPartnerId' | 'region'>;
    actor: Actor;
    reason: 'owner-request' | 'invalid_grant';
    requestId: string;
  },
): Promise<{ removedLinks: number }> {
  const removed = await deps.adsStore.removeAdsAuthorization(args.store.storeId);
  await deps.audit.write({
    kind: 'ads-revoked',
    at: deps.clock.now().toISOString(),
    actor: args.actor,
    storeId: args.store.storeId,
    sellingPartnerId: args.store.sellingPartnerId,
    region: args.store.region,
    outcome: 'allowed',
    requestId: args.requestId,
    detail: { reason: args.reason, removedLinks: removed.removedLinks },
  });
  return removed;
}

/** `DELETE /api/stores/{storeId}/ads-authorization`, for an owner. */
export async function removeAdsAuthorization(
  deps: {
    stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
    adsStore: Pick<AdsRepository, 'removeAdsAuthorization'>;
    audit: AuditTrail;
    clock: Clock;
    datasets: ReadonlySet<DatasetName>;
    /** Past the owner check, the store's items on its own store-access session (shared/store-access/store-scope.ts). */
    scope?: StoreScope;
  },
  input: { userId: string; storeId: string; requestId: string },
): Promise<{ removedLinks: number }> {
  if (!deps.datasets.has('ads')) throw new DatasetNotEnabled('ads');
  const store = await requireActiveStoreOwner(deps, {
    userId: input.userId,
    storeId: input.storeId,
    operation: 'RemoveAdsAuthorization',
    requestId: input.requestId,
  });
  return inStoreScope(deps.scope, store.storeId, () =>
    removeAdsLink(deps, {
      store,
      actor: { type: 'operator', id: input.userId },
      reason: 'owner-request',
      requestId: input.requestId,
    }),
  );
}
