import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import type { AuditTrail, Clock, StoreRepository } from '../shared/ports';
import { logger, metrics } from '../shared/observability/powertools';
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
  httpHandler('RemoveStoreMember', async (event) =>
    json(
      200,
      await removeStoreMember(
        deps,
        callerOf(event),
        event.pathParameters?.['storeId'] ?? '',
        event.pathParameters?.['userId'] ?? '',
        event.requestContext.requestId,
      ),
    ),
  );

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  audit: auditTrail(env),
  clock: systemClock,
  onAuditFailure: (error) => {
    logger.error('member-removed audit record not written', { errorName: (error as Error)?.name });
    metrics.addMetric('AuditWriteFailed', MetricUnit.Count, 1);
  },
});
