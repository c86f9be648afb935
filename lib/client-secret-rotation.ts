import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { AccountPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CLIENT_SECRET_QUEUE_DEFINITION } from '../shared/notifications/queue-definition';
import { functionMetric } from './mint-hub-function';
import { AMAZON_NOTIFICATIONS_ACCOUNT } from './revocation';

export interface ClientSecretRotationProps {
  /** The consumer of the queue: stages, proves and promotes a new secret. */
  readonly worker: IFunction;
  readonly workerId: string;
  /** The daily job that reports the secret's age and starts a rotation in time. */
  readonly starter: IFunction;
  readonly starterId: string;
}

/** The age past which the secret must have been rotated (Amazon's secrets expire at 180 days). */
export const CLIENT_SECRET_AGE_ALARM_DAYS = 170;

/**
 * LWA client-secret rotation (DESIGN.md: "Amazon delivers the new one only to an SQS queue"): a KMS-encrypted,
 * TLS-only queue that Amazon's notification account may send to (register its ARN in Developer Central as the
 * app's notification destination), a DLQ, the daily starter, and the alarms of the runbook's rotation rows.
 * The queue has its own key, separate from the revocation queue's: these messages carry the new secret itself.
 */
export class ClientSecretRotation extends Construct {
  readonly key: Key;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly schedule: Rule;
  readonly deadLetterAlarm: Alarm;
  readonly expiryNoticeAlarm: Alarm;
  readonly secretAgeAlarm: Alarm;
  readonly rotationStartFailedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ClientSecretRotationProps) {
    super(scope, id);
    const { region } = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description: 'Mint Hub: encrypts the LWA client-secret queue and its DLQ',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
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
      retentionPeriod: Duration.days(CLIENT_SECRET_QUEUE_DEFINITION.deadLetterRetentionDays),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(CLIENT_SECRET_QUEUE_DEFINITION.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(CLIENT_SECRET_QUEUE_DEFINITION.retentionDays),
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: CLIENT_SECRET_QUEUE_DEFINITION.maxReceiveCount,
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

    props.worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
    this.schedule = new Rule(this, 'DailyClientSecretRotationCheck', {
      description: 'Daily: reports the LWA client secret age; asks Amazon to rotate it before it expires',
      schedule: Schedule.cron({ minute: '41', hour: '4' }),
      targets: [new LambdaFunction(props.starter, { retryAttempts: 2 })],
    });

    const alarm = (alarmId: string, description: string, metric: Metric, threshold = 1) =>
      new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.deadLetterAlarm = alarm(
      'DeadLetterAlarm',
      'A client-secret notification could not be applied (malformed, another client id, or Secrets Manager / LWA refused): see the runbook, ClientSecretRotationDeadLetterAlarm.',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
    );
    this.expiryNoticeAlarm = alarm(
      'ExpiryNoticeAlarm',
      'Amazon sent APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY: the LWA client secret is about to expire. See the runbook, ClientSecretRotationExpiryNoticeAlarm.',
      new Metric({
        ...functionMetric(props.workerId),
        metricName: 'ClientSecretExpiryNotice',
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
    );
    this.secretAgeAlarm = alarm(
      'SecretAgeAlarm',
      `The LWA client secret is older than ${CLIENT_SECRET_AGE_ALARM_DAYS} days and was not rotated: see the runbook, ClientSecretRotationSecretAgeAlarm.`,
      new Metric({
        ...functionMetric(props.starterId),
        metricName: 'ClientSecretAgeDays',
        period: Duration.days(1),
        statistic: 'Maximum',
      }),
      CLIENT_SECRET_AGE_ALARM_DAYS,
    );
    this.rotationStartFailedAlarm = alarm(
      'RotationStartFailedAlarm',
      'The daily job could not check or start the LWA client-secret rotation: see the runbook, ClientSecretRotationRotationStartFailedAlarm.',
      props.starter.metricErrors({ period: Duration.days(1), statistic: 'Sum' }),
    );
  }

  get alarms(): Alarm[] {
    return [this.deadLetterAlarm, this.expiryNoticeAlarm, this.secretAgeAlarm, this.rotationStartFailedAlarm];
  }
}
