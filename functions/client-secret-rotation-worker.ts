import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { processEnvironment, readAppRegistration } from '../shared/config';
import {
  processClientSecretMessage,
  type ClientSecretOutcome,
  type ClientSecretRotationDependencies,
} from '../shared/notifications/client-secret-rotation';
import { sqsBatchHandler } from '../shared/observability/sqs-batch-handler';
import { logger, metrics } from '../shared/observability/powertools';
import {
  auditTrail,
  clientSecretLedger,
  clientSecretStore,
  lwaClient,
  systemClock,
} from '../shared/runtime/dependencies';

const METRIC_OF_OUTCOME: Record<ClientSecretOutcome['kind'], string> = {
  rotated: 'ClientSecretRotated',
  duplicate: 'ClientSecretNotificationDuplicate',
  superseded: 'ClientSecretNotificationSuperseded',
  // The expiry alarm watches this one.
  'expiry-notice': 'ClientSecretExpiryNotice',
};

/**
 * The client-secret queue's consumer (SQS → Lambda with partial batch responses). The body holds a live LWA
 * client secret: it is never logged, and neither is anything read from it but times and the event id. A message
 * that fails (malformed, another client id, Secrets Manager or LWA refusing) comes back, then lands in the DLQ.
 */
export const makeHandler = (deps: ClientSecretRotationDependencies) => {
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      const outcome = await processClientSecretMessage(deps, record.body);
      logger.info('client-secret notification processed', {
        result: outcome.kind,
        eventId: outcome.eventId,
        ...(outcome.kind === 'rotated'
          ? { newClientSecretExpiryTime: outcome.newClientSecretExpiryTime }
          : {}),
        ...(outcome.kind === 'expiry-notice'
          ? { clientSecretExpiryTime: outcome.clientSecretExpiryTime }
          : {}),
      });
      metrics.addMetric(METRIC_OF_OUTCOME[outcome.kind], MetricUnit.Count, 1);
    } catch (error) {
      // The error's name and message are ours and name no value (see application-notification.ts).
      logger.error('client-secret notification failed; it will be delivered again', {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      });
      metrics.addMetric('ClientSecretNotificationFailed', MetricUnit.Count, 1);
      throw error;
    }
  };

  return sqsBatchHandler(recordHandler);
};

const env = processEnvironment();
export const handler = makeHandler({
  clientId: readAppRegistration(env).lwaClientId,
  secrets: clientSecretStore(env),
  ledger: clientSecretLedger(env),
  lwa: lwaClient(env),
  audit: auditTrail(env),
  clock: systemClock,
});
