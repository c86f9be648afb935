import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/observability/powertools';

/**
 * Not built yet (issue "Revocation"). Until it is, every message is reported as failed so SQS keeps it and,
 * after the queue's maxReceiveCount, moves it to the DLQ where the alarm fires: no revocation is ever dropped
 * by pretending it was handled.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  logger.warn('revocation worker not built: leaving messages on the queue', { count: event.Records.length });
  return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
};
