import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { REVOCATION_QUEUE_DEFINITION } from '../shared/revocation/queue-definition';
import { EncryptedWorkQueue } from './encrypted-work-queue';

export { AMAZON_NOTIFICATIONS_ACCOUNT } from './encrypted-work-queue';

/**
 * The revocation pipeline's queue side: every path that learns of a revocation (invalid_grant, disconnect, the
 * daily health check, Amazon notifications) feeds one KMS-encrypted, TLS-only queue with a DLQ and an alarm.
 * The queue has its own key because Amazon's notification account must be able to use it.
 */
export class RevocationQueue extends EncryptedWorkQueue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      definition: REVOCATION_QUEUE_DEFINITION,
      keyDescription: 'Mint Hub: encrypts the revocation queue and its DLQ',
      deadLetterAlarmDescription:
        'A revocation event could not be processed: see the runbook, "Revocation DLQ".',
      amazonMaySend: true,
    });
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
