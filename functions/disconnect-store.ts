import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { logger, metrics } from '../shared/observability/powertools';
import { REVOCATION_QUEUE_SEND_FAILED_METRIC } from '../shared/observability/metric-names';
import { auditTrail, revocationQueue, systemClock } from '../shared/runtime/dependencies';
import { scopedRevocationStore, scopedStoreRepository, storeScope } from '../shared/runtime/store-sessions';
import { disconnectStore } from '../shared/stores/store-admin';

/**
 * DELETE /api/stores/{storeId}: an owner disconnects the store. 202 once it is revoked and its token
 * crypto-shredded (in this request); the revocation queue holds a copy so a crash part-way is finished.
 */
export const makeHandler = (deps: Parameters<typeof disconnectStore>[0]) =>
  httpHandler('DisconnectStore', async (event) =>
    json(
      202,
      await disconnectStore(
        deps,
        callerOf(event),
        event.pathParameters?.['storeId'] ?? '',
        event.requestContext.requestId,
      ),
    ),
  );

const env = processEnvironment();
// The owner check reads with the function's role; the revocation's writes on the store's own session only.
export const handler = makeHandler({
  stores: scopedStoreRepository(env),
  ledger: scopedRevocationStore(env),
  scope: storeScope(env),
  revocations: revocationQueue(env),
  audit: auditTrail(env),
  clock: systemClock,
  onQueueFailure: (error) => {
    logger.error('disconnect: the revocation follow-up was not queued', {
      errorName: (error as Error)?.name,
    });
    metrics.addMetric(REVOCATION_QUEUE_SEND_FAILED_METRIC, MetricUnit.Count, 1);
  },
});
