import { processEnvironment } from '../shared/config';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import {
  getRestockSettings,
  type RestockSettingsDependencies,
} from '../shared/stores/restock-settings-service';

/** GET /api/stores/{storeId}/restock-settings: the store's restock plan settings, for its members. */
export const makeHandler = (deps: RestockSettingsDependencies) =>
  storeRouteHandler('GetRestockSettings', async ({ caller, storeId, requestId }) =>
    json(200, await getRestockSettings(deps, caller, storeId, requestId)),
  );

const env = processEnvironment();
// The gate reads with the function's role; the store's items past it on its store-access session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  scope: storeScope(env),
  audit: auditTrail(env),
  clock: systemClock,
});
