import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { REVOCATION_SWEEP_DEFINITION } from '../shared/revocation/revocation-sweep';
import { functionMetric } from './mint-hub-function';

export interface RevocationSweepProps {
  /** The sweep function (BACKGROUND_FUNCTIONS `RevocationSweep`, its grants from the manifest's capabilities). */
  readonly sweep: IFunction;
  /** Its construct id: the `service` dimension of its metrics. */
  readonly sweepId: string;
}

/**
 * The schedule and alarms of the revocation sweep (shared/revocation/revocation-sweep.ts). Its grants come from the
 * route manifest like every function's: the table (read, Scan, write) and the audit trail, no key and no queue.
 */
export class RevocationSweep extends Construct {
  readonly schedule: Rule;
  /** A run deleted ciphertext a revocation had left behind: a shred was lost upstream. */
  readonly lostShredAlarm: Alarm;
  /** Runs fail, or finish with stores they could not complete: nothing guards the shreds meanwhile. */
  readonly sweepFailingAlarm: Alarm;
  /** The function's own errors (a throw or a timeout), apart from the stores a finished run could not complete. */
  readonly invocationErrorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: RevocationSweepProps) {
    super(scope, id);
    const period = Duration.minutes(REVOCATION_SWEEP_DEFINITION.periodMinutes);

    this.schedule = new Rule(this, 'Schedule', {
      description: `Every ${REVOCATION_SWEEP_DEFINITION.periodMinutes} min: completes REVOKED stores whose token ciphertext still exists`,
      schedule: Schedule.rate(period),
      // Idempotent, and the next run comes within the period: one retry is enough.
      targets: [new LambdaFunction(props.sweep, { retryAttempts: 1 })],
    });

    const alarm = (alarmId: string, description: string, metric: Metric) =>
      new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.lostShredAlarm = alarm(
      'LostShredAlarm',
      'The revocation sweep found a REVOKED store whose token ciphertext still existed and deleted it: a crypto-shred was lost upstream. See the runbook, "RevocationSweepScheduleLostShredAlarm".',
      new Metric({ ...functionMetric(props.sweepId), metricName: 'StoresSwept', period, statistic: 'Sum' }),
    );
    // Two periods: one failed run is retried by the next; two in a row need a person.
    this.sweepFailingAlarm = new Alarm(this, 'FailingAlarm', {
      alarmDescription:
        'The revocation sweep failed or left stores unfinished in two runs in a row. See the runbook, "RevocationSweepScheduleFailingAlarm".',
      metric: new Metric({
        ...functionMetric(props.sweepId),
        metricName: 'SweepErrors',
        period,
        statistic: 'Sum',
      }),
      threshold: 1,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.invocationErrorsAlarm = alarm(
      'ErrorsAlarm',
      'The revocation sweep function itself failed (an error or a timeout). See the runbook, "RevocationSweepScheduleFailingAlarm".',
      props.sweep.metricErrors({ period, statistic: 'Sum' }),
    );
  }

  get alarms(): Alarm[] {
    return [this.lostShredAlarm, this.sweepFailingAlarm, this.invocationErrorsAlarm];
  }
}
