import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDbLocal, type DynamoDbLocalHandle } from '../../../local/emulators';
import { TABLE_DEFINITION } from '../../../shared/storage/table-definition';
import { LOCAL_CLIENT_CONFIG, portOf, reachableOnOtherInterfaces } from './local-test-support';

const TABLE = 'mint-hub-emulator-test';

// Each start of DynamoDB Local takes 1.5-3 s (a JVM); generous limits keep a busy machine from failing the tests.
jest.setTimeout(30_000);

let dynamo: DynamoDbLocalHandle;
let client: DynamoDBClient;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'dynamodb-local-'));
  dynamo = await startDynamoDbLocal({ port: 0 });
  client = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE);
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
  await rm(workDir, { recursive: true, force: true });
});

describe('DynamoDB Local with ensureTable', () => {
  it('creates the table from TABLE_DEFINITION once; a second ensureTable changes nothing', async () => {
    await ensureTable(client, TABLE);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: TABLE_DEFINITION.userStoresIndex.name,
        Projection: { ProjectionType: 'ALL' },
      }),
    ]);
  });

  it('enables TTL on the attribute of the definition', async () => {
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));

    expect(TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: TABLE_DEFINITION.ttlAttribute,
    });
  });

  it("lists a user's stores through the UserStores index", async () => {
    const membership = (storeId: string, userId: string) =>
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          pk: { S: `STORE#${storeId}` },
          sk: { S: `MEMBER#${userId}` },
          gsi1pk: { S: `USER#${userId}` },
          gsi1sk: { S: `STORE#${storeId}` },
          role: { S: 'operator' },
        },
      });
    await client.send(membership('SELLER1-NA', 'gsi-user'));
    await client.send(membership('SELLER1-EU', 'gsi-user'));
    await client.send(membership('SELLER2-NA', 'someone-else'));

    const { Items } = await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: TABLE_DEFINITION.userStoresIndex.name,
        KeyConditionExpression: 'gsi1pk = :user',
        ExpressionAttributeValues: { ':user': { S: 'USER#gsi-user' } },
      }),
    );

    expect(Items?.map((item) => item.gsi1sk?.S)).toEqual(['STORE#SELLER1-EU', 'STORE#SELLER1-NA']);
    expect(Items?.[0]?.role).toEqual({ S: 'operator' }); // ALL projection: the whole item comes back
  });

  it('runs TransactWriteItems with a condition, and cancels the transaction when it fails', async () => {
    const consumeOnce = () =>
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: { pk: { S: 'STATE#nonce-1' }, sk: { S: 'STATE' }, userId: { S: 'u1' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: { pk: { S: 'STORE#TX-NA' }, sk: { S: 'PROFILE' }, status: { S: 'ACTIVE' } },
            },
          },
        ],
      });
    await client.send(consumeOnce());

    const error = await client.send(consumeOnce()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.[0]?.Code).toBe(
      'ConditionalCheckFailed',
    );
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(dynamo.endpoint).hostname).toBe('127.0.0.1');
    expect(await reachableOnOtherInterfaces(portOf(dynamo.endpoint))).toEqual([]);
  });
});

describe('DynamoDB Local lifecycle', () => {
  it('keeps data in dataDir across a restart, and stop really ends the process', async () => {
    const dataDir = path.join(workDir, 'data');
    const item = { pk: { S: 'STORE#PERSIST-NA' }, sk: { S: 'PROFILE' }, status: { S: 'ACTIVE' } };

    const first = await startDynamoDbLocal({ dataDir });
    const firstClient = new DynamoDBClient({
      ...LOCAL_CLIENT_CONFIG,
      endpoint: first.endpoint,
      maxAttempts: 1,
    });
    await ensureTable(firstClient, TABLE);
    await firstClient.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    await first.stop();
    await expect(firstClient.send(new DescribeTableCommand({ TableName: TABLE }))).rejects.toThrow();
    firstClient.destroy();

    const second = await startDynamoDbLocal({ dataDir });
    // Another region and other credentials: -sharedDb gives every client the same database.
    const secondClient = new DynamoDBClient({
      endpoint: second.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'other', secretAccessKey: 'other' },
    });
    try {
      await ensureTable(secondClient, TABLE);
      const { Item } = await secondClient.send(
        new GetItemCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }),
      );

      expect(Item).toEqual(item);
    } finally {
      secondClient.destroy();
      await second.stop();
    }
  });

  it('says how to install Java when there is none', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startDynamoDbLocal({})).rejects.toThrow('apt-get install -y openjdk-17-jre-headless');
    } finally {
      process.env.PATH = path;
    }
  });
});
