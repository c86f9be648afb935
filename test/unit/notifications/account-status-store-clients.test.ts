// The subscription records' adapter with two clients (issue 17): a worker's store items on its store session, the
// app's items (destinations, the subscription → store mappings) on the function's role. Each client here is a real
// DynamoDBClient whose requests stop in a middleware that records them, so the test sees which client sent which
// item keys, in which order, with no I/O. The single-client behaviour (one transaction) is kept.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbAccountStatusSubscriptions } from '../../../shared/adapters/dynamodb-account-status-subscriptions';

interface Sent {
  readonly client: string;
  readonly operation: string;
  /** The partition keys the request names. */
  readonly pks: string[];
}

function recordingClient(name: string, sent: Sent[]): DynamoDBClient {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const pks: string[] = [];
      const collect = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'pk' && typeof inner === 'object' && inner !== null && 'S' in inner)
            pks.push(String((inner as { S: unknown }).S));
          else collect(inner);
        }
      };
      collect(input);
      sent.push({ client: name, operation: String(context.commandName), pks });
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: 'build', name: 'recordRequest' },
  );
  return client;
}

const now = new Date('2026-11-20T10:00:00.000Z');

describe('account-status subscription records over a store client and an app client', () => {
  it('keeps the store items on the store client and the mappings and destinations on the app client', async () => {
    const sent: Sent[] = [];
    const records = createDynamoDbAccountStatusSubscriptions(
      recordingClient('store', sent),
      'table',
      recordingClient('app', sent),
    );

    await records.saveSubscribed({ storeId: 'S1-NA', subscriptionId: 'sub-1', destinationId: 'd-1', now });
    await records.getStoreSubscription('S1-NA');
    await records.savePending({ storeId: 'S1-NA', failure: 'internal', now });
    await records.saveDeleted({ storeId: 'S1-NA', subscriptionId: 'sub-1', now });
    await records.storeOfSubscription('sub-1');
    await records.getDestination('NA');
    await records.saveDestination('NA', { destinationId: 'd-1', sqsArn: 'arn:aws:sqs:x' }, now);

    expect(sent).toEqual([
      // The mapping first, on its own: a store recorded as subscribed always has its mapping.
      { client: 'app', operation: 'PutItemCommand', pks: ['SUBSCRIPTION#sub-1'] },
      { client: 'store', operation: 'TransactWriteItemsCommand', pks: ['STORE#S1-NA', 'STORE#S1-NA'] },
      { client: 'store', operation: 'GetItemCommand', pks: ['STORE#S1-NA'] },
      { client: 'store', operation: 'UpdateItemCommand', pks: ['STORE#S1-NA'] },
      { client: 'store', operation: 'UpdateItemCommand', pks: ['STORE#S1-NA'] },
      { client: 'app', operation: 'UpdateItemCommand', pks: ['SUBSCRIPTION#sub-1'] },
      { client: 'app', operation: 'GetItemCommand', pks: ['SUBSCRIPTION#sub-1'] },
      { client: 'app', operation: 'GetItemCommand', pks: ['APP#NOTIFICATIONS'] },
      { client: 'app', operation: 'PutItemCommand', pks: ['APP#NOTIFICATIONS'] },
    ]);
  });

  it('with one client, records a subscription and its mapping in one transaction', async () => {
    const sent: Sent[] = [];
    const records = createDynamoDbAccountStatusSubscriptions(recordingClient('role', sent), 'table');

    await records.saveSubscribed({ storeId: 'S1-NA', subscriptionId: 'sub-1', destinationId: 'd-1', now });

    expect(sent).toEqual([
      {
        client: 'role',
        operation: 'TransactWriteItemsCommand',
        pks: ['STORE#S1-NA', 'STORE#S1-NA', 'SUBSCRIPTION#sub-1'],
      },
    ]);
  });
});
