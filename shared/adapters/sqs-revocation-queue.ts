import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RevocationQueue } from '../ports';
import { RevocationEventSchema } from '../revocation/revocation-event';

/** Sends revocation events to the revocation queue; the event is validated first so the worker never sees junk. */
export function createSqsRevocationQueue(client: SQSClient, queueUrl: string): RevocationQueue {
  return {
    async send(event) {
      const message = RevocationEventSchema.parse(event);
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
    },
  };
}
