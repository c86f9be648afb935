import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import {
  getRestockSettings,
  type RestockSettingsDependencies,
} from '../shared/stores/restock-settings-service';

/** GET /api/stores/{storeId}/restock-settings: the store's restock plan settings, for its members. */
export const makeHandler = (deps: RestockSettingsDependencies) =>
  httpHandler('GetRestockSettings', async (event) =>
    json(
      200,
      await getRestockSettings(
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
  audit: auditTrail(env),
  clock: systemClock,
});
