/** Snapshots (`SNAPSHOT#{dataset}#{marketplaceId}`): the last data read per store, gzipped, kept until their TTL. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SnapshotStore } from '../store-data/store-data-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';

export function createDynamoDbSnapshotStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): SnapshotStore {
  const ttl = TABLE_DEFINITION.ttlAttribute;
  return {
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
  };
}
