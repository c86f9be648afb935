/** The store's restock settings (`SETTINGS#restock`): read, and saved by an owner over the version they read. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ConcurrentStoreUpdate,
  NotAnOwner,
  RestockSettingsConflict,
  type StoreRepository,
} from '../stores/store-ports';
import { keys } from '../storage/table-definition';
import type { StoredRestockSettings } from '../summaries/restock-settings';
import { ownerConditions } from './dynamodb-store-items';

export function createDynamoDbRestockSettings(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Pick<StoreRepository, 'getRestockSettings' | 'putRestockSettings'> {
  const { ownerCheck } = ownerConditions(documents, tableName);
  return {
    async getRestockSettings(storeId: string) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeRestockSettings(storeId),
          ConsistentRead: true,
        }),
      );
      const item = result.Item;
      if (item === undefined) return undefined;
      return {
        settings: item['settings'] as StoredRestockSettings['settings'],
        overrides: (item['overrides'] as StoredRestockSettings['overrides'] | undefined) ?? [],
        version: Number(item['version']),
        updatedAt: String(item['updatedAt']),
        updatedBy: String(item['updatedBy']),
      };
    },

    async putRestockSettings({ storeId, document, expectedVersion, actorUserId, now }) {
      const saved: StoredRestockSettings = {
        settings: document.settings,
        overrides: document.overrides,
        version: expectedVersion + 1,
        updatedAt: now,
        updatedBy: actorUserId,
      };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.storeRestockSettings(storeId), storeId, ...saved },
                  // Written only over the version that was read: two owners saving at once cannot both win.
                  ...(expectedVersion === 0
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: 'version = :expected',
                        ExpressionAttributeValues: { ':expected': expectedVersion },
                      }),
                },
              },
              ownerCheck(storeId, actorUserId),
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const failed = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
        if (failed[1]) throw new NotAnOwner();
        if (failed[0]) throw new RestockSettingsConflict();
        throw new ConcurrentStoreUpdate();
      }
      return saved;
    },
  };
}
