import type { SQSClient } from '@aws-sdk/client-sqs';
import { CLIENT_SECRET_QUEUE_DEFINITION } from '../../shared/notifications/queue-definition';
import { ensureQueue, queueArnOf, type RevocationQueues } from './bootstrap';

const SECONDS_PER_DAY = 86_400;

/**
 * Creates `{prefix}-client-secret-dlq` and `{prefix}-client-secret` (the queue Developer Central would deliver
 * APPLICATION_OAUTH_CLIENT_* notifications to) from the definition the stack reads. Idempotent.
 */
export async function ensureClientSecretQueues(client: SQSClient, prefix: string): Promise<RevocationQueues> {
  const deadLetterQueueUrl = await ensureQueue(client, `${prefix}-client-secret-dlq`, {
    MessageRetentionPeriod: String(CLIENT_SECRET_QUEUE_DEFINITION.deadLetterRetentionDays * SECONDS_PER_DAY),
  });
  const deadLetterQueueArn = await queueArnOf(client, deadLetterQueueUrl);
  const queueUrl = await ensureQueue(client, `${prefix}-client-secret`, {
    VisibilityTimeout: String(CLIENT_SECRET_QUEUE_DEFINITION.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(CLIENT_SECRET_QUEUE_DEFINITION.retentionDays * SECONDS_PER_DAY),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: deadLetterQueueArn,
      maxReceiveCount: CLIENT_SECRET_QUEUE_DEFINITION.maxReceiveCount,
    }),
  });
  return { queueUrl, queueArn: await queueArnOf(client, queueUrl), deadLetterQueueUrl, deadLetterQueueArn };
}
