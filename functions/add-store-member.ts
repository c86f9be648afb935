import { processEnvironment } from '../shared/config';
import { reportAuditFailure } from '../shared/http/audit-failure';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import { addStoreMember, type StoreMembersDependencies } from '../shared/stores/store-members';

/** POST /api/stores/{storeId}/members `{"email","role"}`: an owner adds an operator or changes their role. */
export const makeHandler = (deps: StoreMembersDependencies & { onAuditFailure: (error: unknown) => void }) =>
  storeRouteHandler('AddStoreMember', async ({ caller, storeId, requestId }, event) => {
    const added = await addStoreMember(deps, caller, storeId, jsonBody(event, 1024), requestId);
    return json(added.result === 'added' ? 201 : 200, added);
  });

const env = processEnvironment();
// The gate reads with the function's role; the store's items past it on its store-access session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  scope: storeScope(env),
  directory: operatorDirectory(env),
  audit: auditTrail(env),
  clock: systemClock,
  onAuditFailure: reportAuditFailure('member-added'),
});
