import { processEnvironment } from '../shared/config';
import { reportAuditFailure } from '../shared/http/audit-failure';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import {
  DISPLAY_NAME_MAX_BODY_BYTES,
  putStoreDisplayName,
  type DisplayNameDependencies,
} from '../shared/stores/display-name-service';

/** PUT /api/stores/{storeId}/display-name `{"displayName": string | null}`: an owner names the store. */
export const makeHandler = (deps: DisplayNameDependencies) =>
  storeRouteHandler('PutStoreDisplayName', async ({ caller, storeId, requestId }, event) =>
    json(
      200,
      await putStoreDisplayName(
        deps,
        caller,
        storeId,
        jsonBody(event, DISPLAY_NAME_MAX_BODY_BYTES),
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
