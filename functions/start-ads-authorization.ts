import { startAdsAuthorization, type StartAdsAuthorizationDependencies } from '../shared/ads/ads-consent';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment, readAdsSettings, readEnabledDatasets } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';

/** POST /api/stores/{storeId}/ads-authorization: an owner starts the Amazon Ads consent for the store. */
export const makeHandler = (deps: StartAdsAuthorizationDependencies) =>
  httpHandler('StartAdsAuthorization', async (event) => {
    const started = await startAdsAuthorization(deps, {
      userId: callerOf(event).userId,
      storeId: event.pathParameters?.['storeId'] ?? '',
      cookies: event.cookies,
      requestId: event.requestContext.requestId,
    });
    const response = json(200, { redirectUrl: started.redirectUrl });
    return started.setCookie === undefined ? response : { ...response, cookies: [started.setCookie] };
  });

const env = processEnvironment();
const repository = storeRepository(env);
export const handler = makeHandler({
  states: repository,
  stores: repository,
  audit: auditTrail(env),
  clock: systemClock,
  ads: readAdsSettings(env),
  datasets: readEnabledDatasets(env),
});
