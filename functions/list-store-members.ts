import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import { listStoreMembers, type StoreMembersDependencies } from '../shared/stores/store-members';

/** GET /api/stores/{storeId}/members: who has access to the store, for its members and admins. */
export const makeHandler = (deps: StoreMembersDependencies) =>
  httpHandler('ListStoreMembers', async (event) =>
    json(
      200,
      await listStoreMembers(
        deps,
        callerOf(event),
        event.pathParameters?.['storeId'] ?? '',
        event.requestContext.requestId,
      ),
    ),
  );

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  directory: operatorDirectory(env),
  audit: auditTrail(env),
  clock: systemClock,
});
