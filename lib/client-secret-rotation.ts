import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CLIENT_SECRET_QUEUE_DEFINITION } from '../shared/notifications/queue-definition';
import { functionMetric } from './mint-hub-function';
import { EncryptedWorkQueue } from './encrypted-work-queue';

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
 * LWA client-secret rotation (docs/architecture.md: Amazon sends the new secret only to a queue): a KMS-encrypted,
 * TLS-only queue that Amazon's notification account may send to (register its ARN in Developer Central as the
 * app's notification destination), a DLQ, the daily starter, and the alarms of the runbook's rotation rows.
 * The queue has its own key, separate from the revocation queue's: these messages carry the new secret itself.
 */
export class ClientSecretRotation extends EncryptedWorkQueue {
  readonly schedule: Rule;
  readonly expiryNoticeAlarm: Alarm;
  readonly secretAgeAlarm: Alarm;
  readonly rotationStartFailedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ClientSecretRotationProps) {
    super(scope, id, {
      definition: CLIENT_SECRET_QUEUE_DEFINITION,
      keyDescription: 'Mint Hub: encrypts the LWA client-secret queue and its DLQ',
      deadLetterAlarmDescription:
        'A client-secret notification could not be applied (malformed, another client id, or Secrets Manager / LWA refused): see the runbook, ClientSecretRotationDeadLetterAlarm.',
      amazonMaySend: true,
    });

    this.attachWorker(props.worker);
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
