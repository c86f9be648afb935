import { processEnvironment } from '../shared/config';
import { reportAuditFailure } from '../shared/http/audit-failure';
import { json } from '../shared/http/responses';
import { storeRouteHandler } from '../shared/http/store-route';
import type { AuditTrail, Clock, StoreRepository } from '../shared/ports';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
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
}) =>
  storeRouteHandler('RemoveStoreMember', async ({ caller, storeId, requestId }, event) =>
    json(
      200,
      await removeStoreMember(deps, caller, storeId, event.pathParameters?.['userId'] ?? '', requestId),
    ),
  );

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  audit: auditTrail(env),
  clock: systemClock,
  onAuditFailure: reportAuditFailure('member-removed'),
});
