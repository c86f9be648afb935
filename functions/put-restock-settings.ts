import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { callerOf } from '../shared/auth/caller';
import { processEnvironment } from '../shared/config';
import { httpHandler } from '../shared/http/handler';
import { jsonBody } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { logger, metrics } from '../shared/observability/powertools';
import { auditTrail, storeRepository, systemClock } from '../shared/runtime/dependencies';
import {
  putRestockSettings,
  RESTOCK_SETTINGS_MAX_BODY_BYTES,
  type RestockSettingsDependencies,
} from '../shared/stores/restock-settings-service';

/** PUT /api/stores/{storeId}/restock-settings `{"settings","overrides","version"?}`: an owner saves them. */
export const makeHandler = (
  deps: RestockSettingsDependencies & { onAuditFailure: (error: unknown) => void },
) =>
  httpHandler('PutRestockSettings', async (event) =>
    json(
      200,
      await putRestockSettings(
        deps,
        callerOf(event),
        event.pathParameters?.['storeId'] ?? '',
        jsonBody(event, RESTOCK_SETTINGS_MAX_BODY_BYTES),
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
