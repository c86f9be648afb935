import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { queryParameter } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { healthCheckResults, storeCatalogue } from '../shared/runtime/admin-dependencies';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import {
  ADMIN_CURSOR_MAX_LENGTH,
  listAdminStores,
  type AdminStoreListingDependencies,
} from '../shared/stores/admin-store-listing';

/** GET /api/admin/stores?cursor: every store with its members and last health check, for admins only. */
export const makeHandler = (deps: AdminStoreListingDependencies) =>
  httpHandler('ListAdminStores', async (event) =>
    json(
      200,
      await listAdminStores(deps, callerOf(event), {
        cursor: queryParameter(event, 'cursor', ADMIN_CURSOR_MAX_LENGTH),
        requestId: event.requestContext.requestId,
      }),
    ),
  );

const env = processEnvironment();
export const handler = makeHandler({
  catalogue: storeCatalogue(env),
  stores: storeRepository(env),
  healthChecks: healthCheckResults(env),
  directory: operatorDirectory(env),
  audit: auditTrail(env),
  clock: systemClock,
});
