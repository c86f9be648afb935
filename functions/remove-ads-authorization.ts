import { removeAdsAuthorization } from '../shared/ads/ads-link';
import { scopedAdsRepository } from '../shared/ads/ads-runtime';
import type { AdsAuthorizationRemoved } from '../shared/api/ads-contract';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment, readEnabledDatasets } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';

type Dependencies = Parameters<typeof removeAdsAuthorization>[0];

/** DELETE /api/stores/{storeId}/ads-authorization: the Ads link removed, its token crypto-shredded; SP-API stays. */
export const makeHandler = (deps: Dependencies) =>
  httpHandler('RemoveAdsAuthorization', async (event) => {
    const removed = await removeAdsAuthorization(deps, {
      userId: callerOf(event).userId,
      storeId: event.pathParameters?.['storeId'] ?? '',
      requestId: event.requestContext.requestId,
    });
    const answer: AdsAuthorizationRemoved = { removed: true, removedLinks: removed.removedLinks };
    return json(200, answer);
  });

const env = processEnvironment();
// The owner check reads with the function's role; the Ads link's removal on the store's own session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  adsStore: scopedAdsRepository(env),
  scope: storeScope(env),
  audit: auditTrail(env),
  clock: systemClock,
  datasets: readEnabledDatasets(env),
});
