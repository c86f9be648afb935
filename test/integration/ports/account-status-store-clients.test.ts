import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  accountStatusKeys,
  createDynamoDbAccountStatusSubscriptions,
} from '../../../shared/adapters/dynamodb-account-status-subscriptions';
import { keys, TABLE_DEFINITION } from '../../../shared/storage/table-definition';
import { LOCAL_CLIENT_CONFIG } from '../emulators/local-test-support';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// The subscription records' adapter with two clients, as the store workers build it (issue 17): the store's record
// on a store session, the mapping and destinations with the function's role. Both clients reach the same DynamoDB
// Local here (which client sends what is in test/unit/notifications/account-status-store-clients.test.ts); this
// proves the split writes still leave the table as the single-client transaction does.
const TABLE = 'mint-hub-account-status-store-clients';
const dynamo = useDynamoDbLocalTable(TABLE);

const newStoreId = () => `A${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}-NA`;
const now = new Date('2026-11-20T10:00:00.000Z');
const apps: DynamoDBClient[] = [];
afterAll(() => apps.forEach((client) => client.destroy()));

async function split() {
  // A second client on the same endpoint stands in for the function's role.
  const endpoint = await dynamo.client.config.endpoint?.();
  if (endpoint === undefined) throw new Error('DynamoDB Local has no endpoint');
  const app = new DynamoDBClient({
    ...LOCAL_CLIENT_CONFIG,
    endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}${endpoint.path}`,
  });
  apps.push(app);
  return createDynamoDbAccountStatusSubscriptions(dynamo.client, TABLE, app);
}

const read = async (key: Record<string, string>) =>
  (
    await DynamoDBDocumentClient.from(dynamo.client).send(
      new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }),
    )
  ).Item;

describe('account-status subscription records over two clients (DynamoDB Local)', () => {
  it('records the subscription and its mapping, and marks both on deletion', async () => {
    const storeId = newStoreId();
    const subscriptionId = randomUUID();
    await DynamoDBDocumentClient.from(dynamo.client).send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...keys.storeProfile(storeId), storeId, status: 'ACTIVE' },
      }),
    );
    const records = await split();

    await records.saveSubscribed({ storeId, subscriptionId, destinationId: 'd-1', now });

    await expect(records.getStoreSubscription(storeId)).resolves.toEqual({
      state: 'subscribed',
      subscriptionId,
      destinationId: 'd-1',
      subscribedAt: now.toISOString(),
    });
    await expect(records.storeOfSubscription(subscriptionId)).resolves.toBe(storeId);

    await records.saveDeleted({ storeId, subscriptionId, now });

    await expect(records.getStoreSubscription(storeId)).resolves.toMatchObject({ state: 'deleted' });
    expect(
      (await read(accountStatusKeys.subscription(subscriptionId)))?.[TABLE_DEFINITION.ttlAttribute],
    ).toEqual(expect.any(Number));
  });

  it('refuses a store with no profile; only the mapping is left, naming that store', async () => {
    const storeId = newStoreId();
    const subscriptionId = randomUUID();
    const records = await split();

    await expect(
      records.saveSubscribed({ storeId, subscriptionId, destinationId: 'd-1', now }),
    ).rejects.toThrow('The store no longer exists');

    await expect(records.getStoreSubscription(storeId)).resolves.toBeUndefined();
    await expect(records.storeOfSubscription(subscriptionId)).resolves.toBe(storeId);
  });
});
