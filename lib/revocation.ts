import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { AccountPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REVOCATION_QUEUE_DEFINITION } from '../shared/revocation/queue-definition';

/** The AWS account Amazon's SP-API notification service sends from (SP-API "Set up notifications"). */
export const AMAZON_NOTIFICATIONS_ACCOUNT = '437568002678';

/**
 * The revocation pipeline's queue side: every path that learns of a revocation (invalid_grant, disconnect, the
 * daily health check, Amazon notifications) feeds one KMS-encrypted, TLS-only queue with a DLQ and an alarm.
 * The queue has its own key because Amazon's notification account must be able to use it.
 */
export class RevocationQueue extends Construct {
  readonly key: Key;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { region } = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description: 'Mint Hub: encrypts the revocation queue and its DLQ',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // SQS SSE producers need GenerateDataKey and Decrypt on the queue key; Amazon may use it only through SQS.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AmazonSellingPartnerNotificationsViaSqs',
        principals: [new AccountPrincipal(AMAZON_NOTIFICATIONS_ACCOUNT)],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } },
      }),
    );

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(REVOCATION_QUEUE_DEFINITION.deadLetterRetentionDays),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(REVOCATION_QUEUE_DEFINITION.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(REVOCATION_QUEUE_DEFINITION.retentionDays),
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: REVOCATION_QUEUE_DEFINITION.maxReceiveCount,
      },
    });
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AmazonSellingPartnerNotifications',
        principals: [new AccountPrincipal(AMAZON_NOTIFICATIONS_ACCOUNT)],
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
        resources: [this.queue.queueArn],
      }),
    );

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'A revocation event could not be processed: see the runbook, "Revocation DLQ".',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Wires the worker: partial batch failures, so one bad message never makes a batch redo finished work. */
  attachWorker(worker: IFunction): void {
    worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
  }

  /** The daily authorization health check. */
  scheduleHealthCheck(healthCheck: IFunction): Rule {
    return new Rule(this, 'DailyAuthorizationHealthCheck', {
      description: 'Daily: one refresh-grant exchange per active store; flags re-authorization due',
      schedule: Schedule.cron({ minute: '17', hour: '3' }),
      targets: [new LambdaFunction(healthCheck, { retryAttempts: 2 })],
    });
  }
}
