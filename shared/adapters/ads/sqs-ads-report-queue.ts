import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AdsReportQueue } from '../../ads/ads-ports';
import { parseAdsReportMessage } from '../../ads/report-pipeline';

/** Sends report pipeline messages (ids only), validated first; SQS delays are 0–900 s. */
export function createSqsAdsReportQueue(client: SQSClient, queueUrl: string): AdsReportQueue {
  return {
    async send(message, delaySeconds = 0) {
      const body = JSON.stringify(parseAdsReportMessage(JSON.stringify(message)));
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          DelaySeconds: Math.min(900, Math.max(0, Math.round(delaySeconds))),
        }),
      );
    },
  };
}
