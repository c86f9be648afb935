import { getAdsSummary, type AdsViewDependencies } from '../shared/ads/ads-view';
import { adsReportQueue, scopedAdsRepository } from '../shared/ads/ads-runtime';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment, readEnabledDatasets } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';

/** GET /api/stores/{storeId}/ads?marketplaceId&days&reason: from stored reports; never waits for Amazon. */
export const makeHandler = (deps: AdsViewDependencies) =>
  httpHandler('GetAds', async (event) =>
    json(
      200,
      await getAdsSummary(deps, callerOf(event), {
        storeId: event.pathParameters?.['storeId'] ?? '',
        marketplaceId: queryParameter(event, 'marketplaceId', 20),
        days: queryParameter(event, 'days', 4),
        reason: queryParameter(event, 'reason', 64),
        requestId: event.requestContext.requestId,
      }),
    ),
  );

const env = processEnvironment();
// The gate reads with the function's role; the store's items past it on its store-access session only.
const repository = scopedStoreRepository(env);
export const handler = makeHandler({
  stores: repository,
  snapshots: repository,
  adsStore: scopedAdsRepository(env),
  scope: storeScope(env),
  queue: adsReportQueue(env),
  audit: auditTrail(env),
  clock: systemClock,
  datasets: readEnabledDatasets(env),
});
