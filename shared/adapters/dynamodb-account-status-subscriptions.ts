import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Region } from '../amazon/marketplaces';
import {
  ACCOUNT_STATUS_CHANGED,
  type AccountStatusSubscriptionStore,
  type StoreSubscriptionRecord,
} from '../notifications/account-status-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import { SECONDS_PER_DAY } from '../time';

type Item = Record<string, unknown>;

/**
 * The account-status subscriptions on the one table (item shapes in shared/revocation/README.md):
 * - `APP#NOTIFICATIONS` / `DESTINATION#{region}`: the app's Notifications API destination of that region
 *   (destinationId, sqsArn, createdAt). An item, not a setting: it is created by the app itself on first need
 *   (createDestination is grantless) and found again after a 409, so no deploy step has to copy an id around.
 * - `STORE#{storeId}` / `SUBSCRIPTION#ACCOUNT_STATUS_CHANGED`: the store's subscription state (subscribed, pending
 *   with the last failure and attempts, deleted). Under the store's partition, like every store item.
 * - `SUBSCRIPTION#{subscriptionId}` / `SUBSCRIPTION`: the mapping the revocation worker reads, since Amazon's
 *   ACCOUNT_STATUS_CHANGED names the subscription and never the seller. Kept 30 days after a deletion.
 */
export const accountStatusKeys = {
  destination: (region: Region) => ({ pk: 'APP#NOTIFICATIONS', sk: `DESTINATION#${region}` }),
  storeSubscription: (storeId: string) => ({
    pk: `STORE#${storeId}`,
    sk: `SUBSCRIPTION#${ACCOUNT_STATUS_CHANGED}`,
  }),
  subscription: (subscriptionId: string) => ({ pk: `SUBSCRIPTION#${subscriptionId}`, sk: 'SUBSCRIPTION' }),
};

/** How long a deleted subscription's mapping is kept: late deliveries then still find (and ignore) their store. */
const DELETED_MAPPING_RETENTION_SECONDS = 30 * SECONDS_PER_DAY;

function recordFromItem(item: Item): StoreSubscriptionRecord | undefined {
  switch (item['state']) {
    case 'subscribed':
      return {
        state: 'subscribed',
        subscriptionId: String(item['subscriptionId']),
        destinationId: String(item['destinationId']),
        subscribedAt: String(item['subscribedAt']),
      };
    case 'pending':
      return {
        state: 'pending',
        failure: String(item['failure']),
        attempts: Number(item['attempts'] ?? 1),
        lastAttemptAt: String(item['lastAttemptAt']),
      };
    case 'deleted':
      return {
        state: 'deleted',
        subscriptionId: String(item['subscriptionId']),
        deletedAt: String(item['deletedAt']),
      };
    default:
      return undefined;
  }
}

export function createDynamoDbAccountStatusSubscriptions(
  client: DynamoDBClient,
  tableName: string,
  /**
   * The client for the items under no store's partition (the destinations and the subscription mappings), when
   * `client` is a store-access session's, which IAM confines to `STORE#{storeId}`; `client` by default.
   * With two clients, `saveSubscribed` writes the mapping before (not in) the store's transaction.
   */
  appItemsClient: DynamoDBClient = client,
): AccountStatusSubscriptionStore {
  const options = { marshallOptions: { removeUndefinedValues: true } };
  const documents = DynamoDBDocumentClient.from(client, options);
  const appDocuments =
    appItemsClient === client ? documents : DynamoDBDocumentClient.from(appItemsClient, options);
  const ttl = TABLE_DEFINITION.ttlAttribute;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  return {
    async getDestination(region) {
      const { Item } = await appDocuments.send(
        new GetCommand({
          TableName: tableName,
          Key: accountStatusKeys.destination(region),
          ConsistentRead: true,
        }),
      );
      if (Item === undefined || typeof Item['destinationId'] !== 'string') return undefined;
      return { destinationId: Item['destinationId'], sqsArn: String(Item['sqsArn']) };
    },

    async saveDestination(region, destination, now) {
      await appDocuments.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...accountStatusKeys.destination(region),
            region,
            destinationId: destination.destinationId,
            sqsArn: destination.sqsArn,
            createdAt: now.toISOString(),
          },
        }),
      );
    },

    async getStoreSubscription(storeId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: accountStatusKeys.storeSubscription(storeId),
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : recordFromItem(Item);
    },

    async saveSubscribed({ storeId, subscriptionId, destinationId, now }) {
      const at = now.toISOString();
      const mapping = {
        TableName: tableName,
        Item: {
          ...accountStatusKeys.subscription(subscriptionId),
          storeId,
          notificationType: ACCOUNT_STATUS_CHANGED,
          subscriptionId,
          createdAt: at,
        },
      };
      // A store session cannot reach the mapping, so with two clients it is written first, on its own: a store
      // recorded as subscribed then always has its mapping. A failure after it leaves a mapping to the store Amazon
      // does notify for (or to a store gone, whose notifications the worker ignores); the store stays pending and
      // the next health check records it again.
      const separate = appDocuments !== documents;
      if (separate) await appDocuments.send(new PutCommand(mapping));
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.storeProfile(storeId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...accountStatusKeys.storeSubscription(storeId),
                    storeId,
                    notificationType: ACCOUNT_STATUS_CHANGED,
                    state: 'subscribed',
                    subscriptionId,
                    destinationId,
                    subscribedAt: at,
                    updatedAt: at,
                  },
                },
              },
              ...(separate ? [] : [{ Put: mapping }]),
            ],
          }),
        );
      } catch (error) {
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        )
          throw new Error('The store no longer exists', { cause: error });
        throw error;
      }
    },

    async savePending({ storeId, failure, now }) {
      const at = now.toISOString();
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: accountStatusKeys.storeSubscription(storeId),
            UpdateExpression:
              'SET storeId = :storeId, notificationType = :type, #state = :pending, failure = :failure, ' +
              'lastAttemptAt = :at, updatedAt = :at ADD attempts :one REMOVE subscriptionId, destinationId, subscribedAt, deletedAt',
            // A subscription recorded meanwhile (a concurrent connect) is never downgraded.
            ConditionExpression: 'attribute_not_exists(#state) OR #state <> :subscribed',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':storeId': storeId,
              ':type': ACCOUNT_STATUS_CHANGED,
              ':pending': 'pending',
              ':subscribed': 'subscribed',
              ':failure': failure,
              ':at': at,
              ':one': 1,
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async storeOfSubscription(subscriptionId) {
      const { Item } = await appDocuments.send(
        new GetCommand({
          TableName: tableName,
          Key: accountStatusKeys.subscription(subscriptionId),
          ConsistentRead: true,
        }),
      );
      if (Item === undefined || typeof Item['storeId'] !== 'string') return undefined;
      const expires = Item[ttl];
      // DynamoDB deletes expired items lazily: an expired mapping is no mapping.
      if (typeof expires === 'number' && expires <= nowSeconds()) return undefined;
      return Item['storeId'];
    },

    async saveDeleted({ storeId, subscriptionId, now }) {
      const at = now.toISOString();
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: accountStatusKeys.storeSubscription(storeId),
            UpdateExpression: 'SET #state = :deleted, deletedAt = :at, updatedAt = :at',
            // Only the subscription that was deleted: a re-authorization may have recorded a new one meanwhile.
            ConditionExpression: 'subscriptionId = :id',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':deleted': 'deleted', ':at': at, ':id': subscriptionId },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      await appDocuments
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: accountStatusKeys.subscription(subscriptionId),
            UpdateExpression: 'SET #ttl = :ttl',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#ttl': ttl },
            ExpressionAttributeValues: {
              ':ttl': Math.floor(now.getTime() / 1000) + DELETED_MAPPING_RETENTION_SECONDS,
            },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },
  };
}
