import { processEnvironment } from '../shared/config';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import { listStoreMembers, type StoreMembersDependencies } from '../shared/stores/store-members';

/** GET /api/stores/{storeId}/members: who has access to the store, for its members and admins. */
export const makeHandler = (deps: StoreMembersDependencies) =>
  storeRouteHandler('ListStoreMembers', async ({ caller, storeId, requestId }) =>
    json(200, await listStoreMembers(deps, caller, storeId, requestId)),
  );

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  directory: operatorDirectory(env),
  audit: auditTrail(env),
  clock: systemClock,
});
