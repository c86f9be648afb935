import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { instrumented } from './instrumented';

/**
 * An SQS worker's Lambda handler: Powertools through `instrumented`, and partial batch responses, so one bad
 * message is delivered again (and reaches the DLQ) alone while the rest of its batch is deleted. Records are
 * handled one after another (a batch applies in order); a wholly failed batch is reported item by item too, one
 * shape for SQS. The record handler throws to fail its record.
 */
export function sqsBatchHandler(recordHandler: (record: SQSRecord) => Promise<void>) {
  return instrumented(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    // A processor per invocation: its state is per batch.
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    }),
  );
}
