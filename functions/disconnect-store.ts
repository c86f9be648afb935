import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { logger, metrics } from '../shared/observability/powertools';
import { REVOCATION_QUEUE_SEND_FAILED_METRIC } from '../shared/observability/metric-names';
import {
  auditTrail,
  revocationQueue,
  revocationStore,
  storeRepository,
  systemClock,
} from '../shared/runtime/dependencies';
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
export const handler = makeHandler({
  stores: storeRepository(env),
  ledger: revocationStore(env),
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
