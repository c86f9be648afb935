import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AccountPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The AWS account Amazon's SP-API notification service sends from (SP-API "Set up notifications"). */
export const AMAZON_NOTIFICATIONS_ACCOUNT = '437568002678';

/** The fewest days a DLQ keeps a message: two weeks (the SQS maximum) to look at it and redrive it. */
export const MIN_DEAD_LETTER_RETENTION_DAYS = 14;

/** A queue's settings, shared by the stack and the local SQS emulator bootstrap (`shared/**\/queue-definition.ts`). */
export interface WorkQueueDefinition {
  /** Six times the worker timeout, as AWS recommends for Lambda event sources. */
  readonly visibilityTimeoutSeconds: number;
  /** A message that fails this many receives goes to the DLQ (and its alarm). */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  readonly deadLetterRetentionDays: number;
}

export interface EncryptedWorkQueueProps {
  readonly definition: WorkQueueDefinition;
  /** What the queue's own KMS key encrypts (the key's description). */
  readonly keyDescription: string;
  /** The DLQ alarm's description: what failed and which runbook row to read. */
  readonly deadLetterAlarmDescription: string;
  /**
   * The DLQ alarm's period.
   * @default Duration.minutes(1)
   */
  readonly deadLetterAlarmPeriod?: Duration;
  /**
   * Lets Amazon's SP-API notification account send to the queue (and use its key, through SQS only).
   * @default false
   */
  readonly amazonMaySend?: boolean;
}

/**
 * Throws unless the DLQ keeps messages at least 14 days and longer than its source queue: SQS counts a message's
 * age from when it entered the source queue, in the DLQ too, so a DLQ that keeps messages no longer than its
 * source can drop one the moment it lands.
 */
export function assertDeadLetterRetention(definition: WorkQueueDefinition): void {
  const { retentionDays, deadLetterRetentionDays } = definition;
  if (deadLetterRetentionDays < MIN_DEAD_LETTER_RETENTION_DAYS || deadLetterRetentionDays <= retentionDays) {
    throw new Error(
      `deadLetterRetentionDays (${deadLetterRetentionDays}) must be at least ${MIN_DEAD_LETTER_RETENTION_DAYS} ` +
        `and longer than retentionDays (${retentionDays})`,
    );
  }
}

/**
 * One SQS work queue the way every pipeline here needs it: its own KMS key (rotated, retained), TLS only, a DLQ
 * that outlives the queue's messages, an alarm on the first dead letter, and the worker's event source with
 * partial batch responses. The pipelines extend it, so their resources keep their construct paths.
 */
export class EncryptedWorkQueue extends Construct {
  readonly key: Key;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: EncryptedWorkQueueProps) {
    super(scope, id);
    const { definition } = props;
    assertDeadLetterRetention(definition);

    this.key = new Key(this, 'Key', {
      description: props.keyDescription,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.amazonMaySend) {
      // SQS SSE producers need GenerateDataKey and Decrypt on the queue key; Amazon may use it only through SQS.
      this.key.addToResourcePolicy(
        new PolicyStatement({
          sid: 'AmazonSellingPartnerNotificationsViaSqs',
          principals: [new AccountPrincipal(AMAZON_NOTIFICATIONS_ACCOUNT)],
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(this).region}.amazonaws.com` } },
        }),
      );
    }

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(definition.deadLetterRetentionDays),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(definition.retentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
    if (props.amazonMaySend) {
      this.queue.addToResourcePolicy(
        new PolicyStatement({
          sid: 'AmazonSellingPartnerNotifications',
          principals: [new AccountPrincipal(AMAZON_NOTIFICATIONS_ACCOUNT)],
          actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
          resources: [this.queue.queueArn],
        }),
      );
    }

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: props.deadLetterAlarmDescription,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: props.deadLetterAlarmPeriod ?? Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Wires a worker with partial batch failures, so one bad message never makes a batch redo finished work. */
  attachWorker(worker: IFunction, batchSize = 10): void {
    worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
  }
}
