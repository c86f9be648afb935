import { processEnvironment } from '../shared/config';
import { reportAuditFailure } from '../shared/http/audit-failure';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import type { AuditTrail, Clock, StoreRepository } from '../shared/ports';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import { scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import type { StoreScope } from '../shared/store-access/store-scope';
import { removeStoreMember } from '../shared/stores/store-members';

/**
 * DELETE /api/stores/{storeId}/members/{userId}: an owner removes a member, never the last owner. It needs no
 * directory lookup, so this function has no directory grant.
 */
export const makeHandler = (deps: {
  stores: Pick<
    StoreRepository,
    'getMembership' | 'getProfile' | 'listMembers' | 'putMember' | 'removeMember'
  >;
  audit: AuditTrail;
  clock: Clock;
  onAuditFailure: (error: unknown) => void;
  scope?: StoreScope;
}) =>
  storeRouteHandler('RemoveStoreMember', async ({ caller, storeId, requestId }, event) =>
    json(
      200,
      await removeStoreMember(deps, caller, storeId, event.pathParameters?.['userId'] ?? '', requestId),
    ),
  );

const env = processEnvironment();
// The gate reads with the function's role; the store's items past it on its store-access session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  scope: storeScope(env),
  audit: auditTrail(env),
  clock: systemClock,
  onAuditFailure: reportAuditFailure('member-removed'),
});
