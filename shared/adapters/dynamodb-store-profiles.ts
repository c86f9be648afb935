/**
 * The store profile (`PROFILE`) and its token item: reading one profile or a user's stores, the token ciphertext,
 * the marketplaces learned after the connection, and an owner's display name override.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ConcurrentStoreUpdate,
  NotAnOwner,
  type StoreDisplayNameStore,
  type StoreRepository,
} from '../stores/store-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import type { MemberRole, StoreProfile } from '../stores/store';
import { ownerConditions, profileFromItem } from './dynamodb-store-items';

export function createDynamoDbStoreProfiles(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Pick<StoreRepository, 'getProfile' | 'listStoresOfUser' | 'getTokenCiphertext' | 'setMarketplaces'> &
  StoreDisplayNameStore {
  const { ownerCheck, requireOwner } = ownerConditions(documents, tableName);
  return {
    async getProfile(storeId: string) {
      const result = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.storeProfile(storeId), ConsistentRead: true }),
      );
      return result.Item === undefined ? undefined : profileFromItem(result.Item);
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

    async setMarketplaces(
      storeId: string,
      marketplaceIds: readonly string[],
      displayName: string | undefined,
    ) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.storeProfile(storeId),
          UpdateExpression:
            displayName === undefined
              ? 'SET marketplaceIds = :marketplaceIds'
              : 'SET marketplaceIds = :marketplaceIds, displayName = :displayName',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':marketplaceIds': [...marketplaceIds],
            ...(displayName === undefined ? {} : { ':displayName': displayName }),
          },
        }),
      );
    },

    async setDisplayNameOverride({ storeId, displayName, actorUserId, now }) {
      // Read, then write on condition that nobody changed the override meanwhile (its version) and that the actor
      // is still an owner: the before/after of the audit record is exactly what this write replaced.
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await documents.send(
          new GetCommand({ TableName: tableName, Key: keys.storeProfile(storeId), ConsistentRead: true }),
        );
        if (current.Item === undefined) throw new ConcurrentStoreUpdate();
        const before =
          typeof current.Item['displayNameOverride'] === 'string'
            ? current.Item['displayNameOverride']
            : null;
        const version = Number(current.Item['displayNameVersion'] ?? 0);
        const amazonName = String(current.Item['displayName'] ?? current.Item['sellingPartnerId']);
        if (before === displayName) {
          await requireOwner(storeId, actorUserId);
          return { changed: false, before, after: displayName, amazonName, version };
        }
        const set =
          'SET displayNameVersion = :next, displayNameUpdatedAt = :now, displayNameUpdatedBy = :actor';
        try {
          await documents.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.storeProfile(storeId),
                    UpdateExpression:
                      displayName === null
                        ? `${set} REMOVE displayNameOverride`
                        : `${set}, displayNameOverride = :name`,
                    ConditionExpression:
                      version === 0
                        ? 'attribute_exists(pk) AND attribute_not_exists(displayNameVersion)'
                        : 'displayNameVersion = :version',
                    ExpressionAttributeValues: {
                      ':next': version + 1,
                      ':now': now,
                      ':actor': actorUserId,
                      ...(version === 0 ? {} : { ':version': version }),
                      ...(displayName === null ? {} : { ':name': displayName }),
                    },
                  },
                },
                ownerCheck(storeId, actorUserId),
              ],
            }),
          );
          return { changed: true, before, after: displayName, amazonName, version: version + 1 };
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const failed = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
          if (failed[1]) throw new NotAnOwner();
          // The override changed between the read and the write: read again and decide again.
        }
      }
      throw new ConcurrentStoreUpdate();
    },
  };
}
