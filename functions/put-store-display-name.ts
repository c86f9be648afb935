import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { logger, metrics } from '../shared/observability/powertools';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import {
  DISPLAY_NAME_MAX_BODY_BYTES,
  putStoreDisplayName,
  type DisplayNameDependencies,
} from '../shared/stores/display-name-service';

/** PUT /api/stores/{storeId}/display-name `{"displayName": string | null}`: an owner names the store. */
export const makeHandler = (deps: DisplayNameDependencies) =>
  httpHandler('PutStoreDisplayName', async (event) =>
    json(
      200,
      await putStoreDisplayName(
        deps,
        callerOf(event),
        event.pathParameters?.['storeId'] ?? '',
        jsonBody(event, DISPLAY_NAME_MAX_BODY_BYTES),
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
    logger.error('settings-changed audit record not written', { errorName: (error as Error)?.name });
    metrics.addMetric('AuditWriteFailed', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  },
});
