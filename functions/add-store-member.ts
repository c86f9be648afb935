import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { logger, metrics } from '../shared/observability/powertools';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import { operatorDirectory } from '../shared/runtime/operator-directory';
import { addStoreMember, type StoreMembersDependencies } from '../shared/stores/store-members';

/** POST /api/stores/{storeId}/members `{"email","role"}`: an owner adds an operator or changes their role. */
export const makeHandler = (deps: StoreMembersDependencies & { onAuditFailure: (error: unknown) => void }) =>
  httpHandler('AddStoreMember', async (event) => {
    const added = await addStoreMember(
      deps,
      callerOf(event),
      event.pathParameters?.['storeId'] ?? '',
      jsonBody(event, 1024),
      event.requestContext.requestId,
    );
    return json(added.result === 'added' ? 201 : 200, added);
  });

const env = processEnvironment();
export const handler = makeHandler({
  stores: storeRepository(env),
  directory: operatorDirectory(env),
  audit: auditTrail(env),
  clock: systemClock,
  onAuditFailure: (error) => {
    logger.error('member-added audit record not written', { errorName: (error as Error)?.name });
    metrics.addMetric('AuditWriteFailed', MetricUnit.Count, 1);
  },
});
