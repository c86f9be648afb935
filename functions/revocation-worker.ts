import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { processEnvironment } from '../shared/config';
import {
  accountStatusSubscriptions,
  accountStatusSubscriptionStore,
} from '../shared/notifications/account-status-runtime';
import { sqsBatchHandler } from '../shared/observability/sqs-batch-handler';
import { logger, metrics } from '../shared/observability/powertools';
import { processRevocationMessage } from '../shared/revocation/process-revocation-message';
import type {
  MessageOutcome,
  RevocationWorkerDependencies,
} from '../shared/revocation/revocation-worker-dependencies';
import { auditTrail, systemClock } from '../shared/runtime/dependencies';
import {
  scopedAccountStatusSubscriptionStore,
  scopedRevocationStore,
  storeScope,
} from '../shared/runtime/store-sessions';

const METRIC_OF_RESULT: Record<Extract<MessageOutcome, { kind: 'processed' }>['result'], string> = {
  revoked: 'StoreRevoked',
  suspended: 'StoreSuspended',
  restored: 'StoreRestored',
  'account-status-recorded': 'AccountStatusRecorded',
  ignored: 'RevocationEventIgnored',
  duplicate: 'RevocationEventDuplicate',
};

/**
 * The revocation queue's consumer (SQS → Lambda with partial batch responses). Each message is processed on its own,
 * one after another so two messages for one store never race; a message that fails is reported in
 * `batchItemFailures` and comes back, and after the queue's maxReceiveCount lands in the DLQ. Logs name the store
 * and the event, never a body.
 */
export const makeHandler = (deps: RevocationWorkerDependencies) => {
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      const outcome = await processRevocationMessage(deps, record.body, ({ storeId, eventId }) =>
        logger.appendKeys({ storeId, eventId }),
      );
      if (outcome.kind === 'ignored-notification') {
        logger.info('Amazon notification acknowledged without action', {
          notificationType: outcome.notificationType,
        });
        metrics.addMetric('NotificationIgnored', MetricUnit.Count, 1);
        return;
      }
      logger.info('revocation event processed', {
        source: outcome.source,
        result: outcome.result,
        ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      });
      metrics.addMetric(METRIC_OF_RESULT[outcome.result], MetricUnit.Count, 1);
    } catch (error) {
      // The SQS message id lets an operator find a message that names no store in the DLQ; its body stays there.
      logger.error('revocation event failed; it will be delivered again', {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      });
      metrics.addMetric('RevocationEventFailed', MetricUnit.Count, 1);
      throw error;
    } finally {
      logger.removeKeys(['storeId', 'eventId']);
    }
  };

  return sqsBatchHandler(recordHandler);
};

const env = processEnvironment();
// Each message's store items on that store's session; the subscription → store mapping (found before the store is
// known, and under no store's partition) with the function's role.
const unsubscriber = accountStatusSubscriptions(env, { store: scopedAccountStatusSubscriptionStore(env) });
export const handler = makeHandler({
  ledger: scopedRevocationStore(env),
  scope: storeScope(env),
  audit: auditTrail(env),
  clock: systemClock,
  subscriptions: accountStatusSubscriptionStore(env),
  ...(unsubscriber === undefined ? {} : { unsubscriber }),
});
