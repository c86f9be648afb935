import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';

/** An SQS record as the Lambda event source mapping delivers it, first receive, from `queue`. */
export const sqsRecord = (body: string, queue: string): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: 'handle',
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 'sender',
    ApproximateFirstReceiveTimestamp: '0',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
  awsRegion: 'us-east-1',
});
