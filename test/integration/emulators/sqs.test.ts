import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import {
  ensureRevocationQueues,
  startSqsEmulator,
  type RevocationQueues,
  type SqsEmulatorHandle,
} from '../../../local/emulators';
import { REVOCATION_QUEUE_DEFINITION } from '../../../shared/revocation/queue-definition';
import { LOCAL_CLIENT_CONFIG, portOf, reachableOnOtherInterfaces } from './local-test-support';

// The redrive test waits out maxReceiveCount one-second visibility timeouts.
jest.setTimeout(20_000);

let sqs: SqsEmulatorHandle;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqsEmulator({ port: 0 });
  client = new SQSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: sqs.endpoint });
});

afterAll(async () => {
  client.destroy();
  await sqs.stop();
});

async function attributesOf(queueUrl: string): Promise<Record<string, string>> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return Attributes ?? {};
}

/** One receive, long-polling at most `waitSeconds`; every wait in these tests is bounded. */
async function receiveOne(queueUrl: string, waitSeconds: number): Promise<Message | undefined> {
  const { Messages } = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: waitSeconds,
      // The emulator reports ApproximateReceiveCount only through the older AttributeNames parameter, whose
      // SDK type lists queue attributes only: 'All' covers the message's receive count too.
      AttributeNames: ['All'],
    }),
  );
  return Messages?.[0];
}

describe('ensureRevocationQueues on the SQS emulator', () => {
  let queues: RevocationQueues;

  beforeAll(async () => {
    queues = await ensureRevocationQueues(client, 'emulator-test');
  });

  it('creates the queue and its DLQ from REVOCATION_QUEUE_DEFINITION, and is idempotent', async () => {
    const again = await ensureRevocationQueues(client, 'emulator-test');

    expect(again).toEqual(queues);
    expect(queues.queueUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/000000000000\/emulator-test-revocation$/);
    expect(queues.deadLetterQueueArn).toBe('arn:aws:sqs:us-east-1:000000000000:emulator-test-revocation-dlq');
    const attributes = await attributesOf(queues.queueUrl);
    expect(attributes.VisibilityTimeout).toBe(String(REVOCATION_QUEUE_DEFINITION.visibilityTimeoutSeconds));
    expect(JSON.parse(attributes.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: queues.deadLetterQueueArn,
      maxReceiveCount: REVOCATION_QUEUE_DEFINITION.maxReceiveCount,
    });
  });

  it('sends, receives and deletes a message', async () => {
    await client.send(
      new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: '{"storeId":"S1-NA"}' }),
    );

    const message = await receiveOne(queues.queueUrl, 2);
    await client.send(
      new DeleteMessageCommand({ QueueUrl: queues.queueUrl, ReceiptHandle: message?.ReceiptHandle }),
    );

    expect(message?.Body).toBe('{"storeId":"S1-NA"}');
    expect(await attributesOf(queues.queueUrl)).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('moves a message received maxReceiveCount times without a delete to the DLQ', async () => {
    const { maxReceiveCount } = REVOCATION_QUEUE_DEFINITION;
    const poison = await ensureRevocationQueues(client, 'emulator-redrive');
    await client.send(
      new SetQueueAttributesCommand({ QueueUrl: poison.queueUrl, Attributes: { VisibilityTimeout: '1' } }),
    );
    await client.send(new SendMessageCommand({ QueueUrl: poison.queueUrl, MessageBody: 'poison' }));

    // Each receive waits (bounded) for the previous one-second visibility timeout to run out.
    const receiveCounts: string[] = [];
    for (let attempt = 0; attempt < maxReceiveCount; attempt += 1) {
      const message = await receiveOne(poison.queueUrl, 3);
      receiveCounts.push(message?.Attributes?.ApproximateReceiveCount ?? 'not received');
    }
    const deadLetter = await receiveOne(poison.deadLetterQueueUrl, 3);

    expect(receiveCounts).toEqual(Array.from({ length: maxReceiveCount }, (_, index) => String(index + 1)));
    expect(deadLetter?.Body).toBe('poison');
    expect(await receiveOne(poison.queueUrl, 0)).toBeUndefined();
  });

  it('brings a changed queue back to the definition', async () => {
    await client.send(
      new SetQueueAttributesCommand({ QueueUrl: queues.queueUrl, Attributes: { VisibilityTimeout: '7' } }),
    );

    await ensureRevocationQueues(client, 'emulator-test');

    expect((await attributesOf(queues.queueUrl)).VisibilityTimeout).toBe(
      String(REVOCATION_QUEUE_DEFINITION.visibilityTimeoutSeconds),
    );
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(sqs.endpoint).hostname).toBe('127.0.0.1');
    expect(await reachableOnOtherInterfaces(portOf(sqs.endpoint))).toEqual([]);
  });
});
