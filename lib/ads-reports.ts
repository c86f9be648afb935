import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ADS_REPORT_QUEUE_DEFINITION } from '../shared/ads/report-queue-definition';
import { EncryptedWorkQueue } from './encrypted-work-queue';

/**
 * The Ads report pipeline's queue side: a KMS-encrypted, TLS-only queue (its delays carry the report polls, so no
 * function ever waits for a report), a DLQ with an alarm, and the worker's event source with partial batch
 * responses. Messages carry ids only.
 */
export class AdsReportPipeline extends EncryptedWorkQueue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      definition: ADS_REPORT_QUEUE_DEFINITION,
      keyDescription: 'Mint Hub: encrypts the Ads report queue and its DLQ',
      deadLetterAlarmDescription:
        'An Ads report message could not be processed: see the runbook, "Ads report DLQ".',
      deadLetterAlarmPeriod: Duration.minutes(5),
    });
  }

  /** Five reports a batch: each message may download and parse a report file within the worker's timeout. */
  override attachWorker(worker: IFunction): void {
    super.attachWorker(worker, 5);
  }
}
