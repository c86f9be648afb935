import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Region } from '../amazon/marketplaces';
import type { OAuthStateRecord } from '../authorization/oauth-state';
import {
  ConcurrentStoreUpdate,
  type ConnectStoreCommand,
  type OAuthStateStore,
  type SnapshotStore,
  type StoreRepository,
} from '../ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import type { MemberRole, StoreProfile, StoreStatus } from '../stores/store';

type Item = Record<string, unknown>;

const profileFromItem = (item: Item): StoreProfile & { authorizedAt?: string; updatedAt?: string } => ({
  storeId: String(item['storeId']),
  sellingPartnerId: String(item['sellingPartnerId']),
  region: item['region'] as Region,
  marketplaceIds: (item['marketplaceIds'] as string[] | undefined) ?? [],
  displayName: String(item['displayName'] ?? item['sellingPartnerId']),
  status: item['status'] as StoreStatus,
  connectedAt: String(item['connectedAt']),
  reauthorizeBy: String(item['reauthorizeBy']),
  ...(item['revokedAt'] === undefined ? {} : { revokedAt: String(item['revokedAt']) }),
  ...(item['revokedReason'] === undefined ? {} : { revokedReason: String(item['revokedReason']) }),
  ...(item['authorizedAt'] === undefined ? {} : { authorizedAt: String(item['authorizedAt']) }),
  ...(item['updatedAt'] === undefined ? {} : { updatedAt: String(item['updatedAt']) }),
});

/** The single table of DESIGN.md behind the store and OAuth-state ports. */
export function createDynamoDbStoreRepository(
  client: DynamoDBClient,
  tableName: string,
): StoreRepository & OAuthStateStore & SnapshotStore {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const ttl = TABLE_DEFINITION.ttlAttribute;

  return {
    async saveState(record: OAuthStateRecord) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.oauthState(record.stateHash), ...record, [ttl]: record.expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async consumeState(stateHash: string) {
      try {
        const result = await documents.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keys.oauthState(stateHash),
            ConditionExpression: 'attribute_exists(pk)',
            ReturnValues: 'ALL_OLD',
          }),
        );
        const item = result.Attributes;
        if (item === undefined) return undefined;
        return {
          stateHash,
          userId: String(item['userId']),
          flow: item['flow'] as OAuthStateRecord['flow'],
          region: item['region'] as Region | undefined,
          sellingPartnerId: item['sellingPartnerId'] as string | undefined,
          bindingHash: String(item['bindingHash']),
          createdAt: String(item['createdAt']),
          expiresAt: Number(item['expiresAt']),
        };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    async getMembership(storeId: string, userId: string) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeMember(storeId, userId),
          ConsistentRead: true,
        }),
      );
      return result.Item === undefined
        ? undefined
        : { storeId, userId, role: result.Item['role'] as MemberRole };
    },

    async getTokenCiphertext(storeId: string, purpose: 'SPAPI' | 'ADS') {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeToken(storeId, purpose),
          ConsistentRead: true,
        }),
      );
      const ciphertext = result.Item?.['ciphertext'];
      return typeof ciphertext === 'string' ? ciphertext : undefined;
    },

    async listStoresOfUser(userId: string) {
      const index = TABLE_DEFINITION.userStoresIndex;
      const memberships: Array<{ storeId: string; role: MemberRole }> = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.name,
            KeyConditionExpression: `${index.partitionKey} = :user`,
            ExpressionAttributeValues: { ':user': `USER#${userId}` },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? [])
          memberships.push({ storeId: String(item['storeId']), role: item['role'] as MemberRole });
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);

      const profiles = new Map<string, StoreProfile>();
      for (let i = 0; i < memberships.length; i += 100) {
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
          [tableName]: { Keys: memberships.slice(i, i + 100).map((m) => keys.storeProfile(m.storeId)) },
        };
        // BatchGet may leave keys unprocessed under load: retry those, a bounded number of times.
        for (let attempt = 0; request !== undefined && attempt < 5; attempt++) {
          const result: BatchGetCommandOutput = await documents.send(
            new BatchGetCommand({ RequestItems: request }),
          );
          for (const item of result.Responses?.[tableName] ?? [])
            profiles.set(String(item['storeId']), profileFromItem(item));
          const unprocessed = result.UnprocessedKeys?.[tableName]?.Keys;
          request =
            unprocessed !== undefined && unprocessed.length > 0
              ? { [tableName]: { Keys: unprocessed } }
              : undefined;
        }
      }
      return memberships.flatMap((m) => {
        const profile = profiles.get(m.storeId);
        return profile === undefined ? [] : [{ profile, role: m.role }];
      });
    },

    async get<T>(storeId: string, dataset: string, marketplaceId: string) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeSnapshot(storeId, dataset, marketplaceId),
          ConsistentRead: true,
        }),
      );
      const item = result.Item;
      // DynamoDB deletes expired items lazily: an expired one is treated as absent.
      if (item === undefined || Number(item[ttl]) * 1000 <= Date.now()) return undefined;
      const data = JSON.parse(gunzipSync(item['data'] as Uint8Array).toString('utf8')) as T;
      return { fetchedAt: String(item['fetchedAt']), data };
    },

    async put<T>(
      storeId: string,
      dataset: string,
      marketplaceId: string,
      snapshot: { fetchedAt: string; data: T },
      retainSeconds: number,
    ) {
      // Compressed: a store's order history or SKU list is far smaller gzipped than DynamoDB's 400 KB item limit.
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.storeSnapshot(storeId, dataset, marketplaceId),
            storeId,
            fetchedAt: snapshot.fetchedAt,
            data: gzipSync(JSON.stringify(snapshot.data)),
            [ttl]: Math.floor(Date.now() / 1000) + retainSeconds,
          },
        }),
      );
    },

    async getProfile(storeId: string) {
      const result = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.storeProfile(storeId), ConsistentRead: true }),
      );
      return result.Item === undefined ? undefined : profileFromItem(result.Item);
    },

    async connectStore(command: ConnectStoreCommand) {
      const { profile, token, ownerUserId } = command;
      const existing = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeProfile(profile.storeId),
          ConsistentRead: true,
        }),
      );
      const now = profile.authorizedAt;
      const profileWrite =
        existing.Item === undefined
          ? {
              Put: {
                TableName: tableName,
                Item: { ...keys.storeProfile(profile.storeId), ...profile, updatedAt: now },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            }
          : {
              // Re-authorization: same store, new token; connectedAt and members stay.
              Update: {
                TableName: tableName,
                Key: keys.storeProfile(profile.storeId),
                UpdateExpression:
                  'SET #status = :active, reauthorizeBy = :reauthorizeBy, authorizedAt = :now, updatedAt = :now, marketplaceIds = :marketplaceIds, displayName = :displayName REMOVE revokedAt, revokedReason',
                ConditionExpression: 'updatedAt = :expectedUpdatedAt',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':active': 'ACTIVE',
                  ':reauthorizeBy': profile.reauthorizeBy,
                  ':now': now,
                  ':marketplaceIds':
                    profile.marketplaceIds.length > 0
                      ? profile.marketplaceIds
                      : (existing.Item['marketplaceIds'] ?? []),
                  ':displayName': profile.displayName,
                  ':expectedUpdatedAt': existing.Item['updatedAt'],
                },
              },
            };
      const { pk, sk } = keys.storeMember(profile.storeId, ownerUserId);
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              profileWrite,
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.storeToken(profile.storeId, 'SPAPI'),
                    storeId: profile.storeId,
                    ciphertext: token.ciphertext,
                    keyId: token.keyId,
                    updatedAt: now,
                  },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: { pk, sk },
                  UpdateExpression:
                    'SET #role = :owner, storeId = :storeId, userId = :userId, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, addedAt = if_not_exists(addedAt, :now)',
                  ExpressionAttributeNames: { '#role': 'role' },
                  ExpressionAttributeValues: {
                    ':owner': 'owner',
                    ':storeId': profile.storeId,
                    ':userId': ownerUserId,
                    ':gsi1pk': `USER#${ownerUserId}`,
                    ':gsi1sk': `STORE#${profile.storeId}`,
                    ':now': now,
                  },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) throw new ConcurrentStoreUpdate();
        throw error;
      }
      return existing.Item === undefined ? 'connected' : 'reauthorized';
    },
  };
}
