import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { REVOCATION_QUEUE_DEFINITION } from '../../shared/revocation/queue-definition';
import { TABLE_DEFINITION } from '../../shared/storage/table-definition';

/**
 * Creates the local resources from the same definitions the CDK stack reads, so local and AWS cannot drift.
 * Both functions are idempotent: `npm start` runs them on every start.
 */

const SECONDS_PER_DAY = 86_400;

/** Creates the table (on-demand, the UserStores GSI with ALL projection) if missing, then enables TTL. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await describeTable(client, tableName);
  if (existing) {
    requireSameLayout(tableName, existing);
  } else {
    await createTable(client, tableName);
  }
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName });
  await ensureTimeToLive(client, tableName);
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, userStoresIndex } = TABLE_DEFINITION;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          partitionKey,
          sortKey,
          userStoresIndex.partitionKey,
          userStoresIndex.sortKey,
        ].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: userStoresIndex.name,
            KeySchema: [
              { AttributeName: userStoresIndex.partitionKey, KeyType: 'HASH' },
              { AttributeName: userStoresIndex.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
  } catch (error) {
    // Another process created it between our DescribeTable and CreateTable: that is what we wanted.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

/** A table left by an older layout would fail in confusing ways later; say so now. */
function requireSameLayout(tableName: string, table: TableDescription): void {
  const { partitionKey, sortKey, userStoresIndex } = TABLE_DEFINITION;
  const keyOf = (type: 'HASH' | 'RANGE', schema = table.KeySchema) =>
    schema?.find((element) => element.KeyType === type)?.AttributeName;
  const index = table.GlobalSecondaryIndexes?.find((gsi) => gsi.IndexName === userStoresIndex.name);
  const sameLayout =
    keyOf('HASH') === partitionKey &&
    keyOf('RANGE') === sortKey &&
    keyOf('HASH', index?.KeySchema) === userStoresIndex.partitionKey &&
    keyOf('RANGE', index?.KeySchema) === userStoresIndex.sortKey;
  if (!sameLayout) {
    throw new Error(
      `Table ${tableName} exists with a different key schema or without the ${userStoresIndex.name} index; ` +
        'delete it (locally: the DynamoDB data directory) so it can be recreated.',
    );
  }
}

async function ensureTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  const { ttlAttribute } = TABLE_DEFINITION;
  const { TimeToLiveDescription: current } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = current?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    if (current?.AttributeName === ttlAttribute) return;
    throw new Error(
      `Table ${tableName} has TTL on ${current?.AttributeName}, not on ${ttlAttribute}; ` +
        'delete it so it can be recreated.',
    );
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: ttlAttribute },
    }),
  );
}

export interface RevocationQueues {
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
}

/**
 * Creates `{prefix}-revocation-dlq` and `{prefix}-revocation` (redriving to the DLQ after maxReceiveCount
 * receives), or brings existing ones back to the definition's attributes.
 */
export async function ensureRevocationQueues(client: SQSClient, prefix: string): Promise<RevocationQueues> {
  const deadLetterQueueUrl = await ensureQueue(client, `${prefix}-revocation-dlq`, {
    MessageRetentionPeriod: String(REVOCATION_QUEUE_DEFINITION.deadLetterRetentionDays * SECONDS_PER_DAY),
  });
  const deadLetterQueueArn = await queueArnOf(client, deadLetterQueueUrl);
  const queueUrl = await ensureQueue(client, `${prefix}-revocation`, {
    VisibilityTimeout: String(REVOCATION_QUEUE_DEFINITION.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(REVOCATION_QUEUE_DEFINITION.retentionDays * SECONDS_PER_DAY),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: deadLetterQueueArn,
      maxReceiveCount: REVOCATION_QUEUE_DEFINITION.maxReceiveCount,
    }),
  });
  return { queueUrl, queueArn: await queueArnOf(client, queueUrl), deadLetterQueueUrl, deadLetterQueueArn };
}

/**
 * CreateQueue refuses a name that exists with other attributes, so an existing queue (say, one a test gave a
 * short visibility timeout) gets its attributes set instead.
 */
export async function ensureQueue(
  client: SQSClient,
  queueName: string,
  attributes: Partial<Record<QueueAttributeName, string>>,
): Promise<string> {
  const existingUrl = await queueUrlOf(client, queueName);
  if (existingUrl) {
    await client.send(new SetQueueAttributesCommand({ QueueUrl: existingUrl, Attributes: attributes }));
    return existingUrl;
  }
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }),
  );
  if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${queueName}`);
  return QueueUrl;
}

async function queueUrlOf(client: SQSClient, queueName: string): Promise<string | undefined> {
  try {
    return (await client.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  } catch (error) {
    if (error instanceof QueueDoesNotExist) return undefined;
    throw error;
  }
}

export async function queueArnOf(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`GetQueueAttributes returned no QueueArn for ${queueUrl}`);
  return arn;
}
