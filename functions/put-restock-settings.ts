import { processEnvironment } from '../shared/config';
import { reportAuditFailure } from '../shared/http/audit-failure';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import {
  putRestockSettings,
  RESTOCK_SETTINGS_MAX_BODY_BYTES,
  type RestockSettingsDependencies,
} from '../shared/stores/restock-settings-service';

/** PUT /api/stores/{storeId}/restock-settings `{"settings","overrides","version"?}`: an owner saves them. */
export const makeHandler = (
  deps: RestockSettingsDependencies & { onAuditFailure: (error: unknown) => void },
) =>
  storeRouteHandler('PutRestockSettings', async ({ caller, storeId, requestId }, event) =>
    json(
      200,
      await putRestockSettings(
        deps,
        caller,
        storeId,
        jsonBody(event, RESTOCK_SETTINGS_MAX_BODY_BYTES),
        requestId,
      ),
    ),
  );

const env = processEnvironment();
// The gate reads with the function's role; the store's items past it on its store-access session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  scope: storeScope(env),
  audit: auditTrail(env),
  clock: systemClock,
  onAuditFailure: reportAuditFailure('settings-changed'),
});
