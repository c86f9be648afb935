import { processEnvironment } from '../shared/config';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import { listStoreMembers, type StoreMembersDependencies } from '../shared/stores/store-members';

/** GET /api/stores/{storeId}/members: who has access to the store, for its members and admins. */
export const makeHandler = (deps: StoreMembersDependencies) =>
  storeRouteHandler('ListStoreMembers', async ({ caller, storeId, requestId }) =>
    json(200, await listStoreMembers(deps, caller, storeId, requestId)),
  );

const env = processEnvironment();
// The gate reads with the function's role; the store's items past it on its store-access session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  scope: storeScope(env),
  directory: operatorDirectory(env),
  audit: auditTrail(env),
  clock: systemClock,
});
