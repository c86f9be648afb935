import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startSqsEmulator, type SqsEmulatorHandle } from '../../../local/emulators';
import { startSqsPoller, type SqsPoller } from '../../../local/runtime/sqs-poller';

// The local event source mapping against the real SQS emulator: partial batch responses delete only what
// succeeded, failures come back after the visibility timeout, and a throwing handler keeps the whole batch.
describe('revocation queue poller', () => {
  let emulator: SqsEmulatorHandle;
  let client: SQSClient;
  let poller: SqsPoller | undefined;

  beforeAll(async () => {
    emulator = await startSqsEmulator();
    client = new SQSClient({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });
  afterAll(async () => {
    client.destroy();
    await emulator.stop();
  });

  async function queueWith(name: string, bodies: string[]): Promise<{ queueUrl: string; queueArn: string }> {
    // A one-second visibility timeout so a failed message comes back within the test.
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '1' } }),
    );
    const queueUrl = QueueUrl ?? '';
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    return { queueUrl, queueArn: Attributes?.QueueArn ?? '' };
  }

  async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('delivers real-shaped SQS events, deletes what succeeded and redelivers only the reported failures', async () => {
    const { queueUrl, queueArn } = await queueWith('poller-partial', ['ok-1', 'fail-me', 'ok-2']);
    const deliveries: Array<{ body: string; receiveCount: string }> = [];
    let lastEvent: SQSEvent | undefined;
    poller = startSqsPoller({
      client,
      queueUrl,
      queueArn,
      functionName: 'MintHub-local-RevocationWorker',
      waitTimeSeconds: 0,
      maxBackoffMs: 200,
      loadHandler:
        async () =>
        async (event: SQSEvent): Promise<SQSBatchResponse> => {
          lastEvent = event;
          for (const record of event.Records) {
            deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
          }
          return {
            batchItemFailures: event.Records.filter((record) => record.body === 'fail-me').map((record) => ({
              itemIdentifier: record.messageId,
            })),
          };
        },
    });

    await until(
      'the failed message to come back',
      () => deliveries.filter((d) => d.body === 'fail-me').length >= 2,
    );
    await poller.stop();

    expect(deliveries.filter((d) => d.body === 'ok-1')).toHaveLength(1);
    expect(deliveries.filter((d) => d.body === 'ok-2')).toHaveLength(1);
    expect(deliveries.find((d) => d.body === 'fail-me' && d.receiveCount === '2')).toBeDefined();
    expect(lastEvent?.Records[0]).toMatchObject({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
      attributes: expect.objectContaining({ SentTimestamp: expect.stringMatching(/^\d+$/) }),
    });
    expect(poller.status()).toMatchObject({ running: false, messagesDeleted: 2 });
  });

  it('keeps the whole batch when the handler throws, and stops promptly while idle', async () => {
    const { queueUrl, queueArn } = await queueWith('poller-throws', ['a', 'b']);
    let calls = 0;
    poller = startSqsPoller({
      client,
      queueUrl,
      queueArn,
      functionName: 'MintHub-local-RevocationWorker',
      waitTimeSeconds: 0,
      maxBackoffMs: 200,
      loadHandler: async () => async () => {
        calls += 1;
        throw new Error('worker broke');
      },
    });

    await until('a delivery', () => calls >= 1);
    const stopping = Date.now();
    await poller.stop();

    expect(poller.status()).toMatchObject({ messagesDeleted: 0, messagesFailed: expect.any(Number) });
    expect(poller.status().messagesFailed).toBeGreaterThanOrEqual(2);
    expect(Date.now() - stopping).toBeLessThan(3_000);
  });
});
