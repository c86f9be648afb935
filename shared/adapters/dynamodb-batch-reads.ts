import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { gunzipSync } from 'node:zlib';
import { snapshotKeyOf, type Snapshot, type SnapshotKey, type StoreBatchReader } from '../ports';
import { snapshotVersionKey } from '../store-data/store-data-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import { lastRead } from './dynamodb-snapshot-store';
import { versionsFrom } from './dynamodb-snapshot-versions';
import type { MemberRole } from '../stores/store';
import type { StoredRestockSettings } from '../summaries/restock-settings';

type Item = Record<string, unknown>;

/**
 * Strongly consistent BatchGetItem of any number of keys (100 a call, calls side by side). Keys DynamoDB leaves
 * unprocessed (throttling, or the 16 MB answer limit) are asked again, with a short back-off when a round made
 * no progress; keys still unread after that fail the read rather than being dropped quietly.
 */
export async function batchGetItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly Record<string, unknown>[],
  projection?: { expression: string; names?: Record<string, string> },
): Promise<Item[]> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < itemKeys.length; i += 100) chunks.push(itemKeys.slice(i, i + 100));
  const answers = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Item[] = [];
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error('BatchGetItem left keys unprocessed');
        const result: BatchGetCommandOutput = await documents.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: pending,
                ConsistentRead: true,
                ...(projection === undefined
                  ? {}
                  : {
                      ProjectionExpression: projection.expression,
                      ...(projection.names === undefined
                        ? {}
                        : { ExpressionAttributeNames: projection.names }),
                    }),
              },
            },
          }),
        );
        const got = result.Responses?.[tableName] ?? [];
        items.push(...got);
        const unprocessed = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
        if (unprocessed.length > 0 && got.length === 0)
          await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
        pending = unprocessed;
      }
      return items;
    }),
  );
  return answers.flat();
}

/**
 * Strongly consistent batch reads across stores (the overview): memberships, snapshots (whole or only their times)
 * and restock settings of any number of stores, by key.
 */
export function createDynamoDbBatchReader(
  documents: DynamoDBDocumentClient,
  tableName: string,
): StoreBatchReader {
  const ttl = TABLE_DEFINITION.ttlAttribute;

  const snapshotFromItem = (item: Item): Snapshot<unknown> | undefined =>
    // DynamoDB deletes expired items lazily: an expired one is treated as absent.
    Number(item[ttl]) * 1000 <= Date.now()
      ? undefined
      : {
          fetchedAt: String(item['fetchedAt']),
          data: JSON.parse(gunzipSync(item['data'] as Uint8Array).toString('utf8')) as unknown,
          ...(typeof item['content'] === 'string' ? { content: item['content'] } : {}),
        };

  const wantedKeys = (snapshotKeys: readonly SnapshotKey[]) =>
    new Map(
      snapshotKeys.map((key) => {
        const itemKey = keys.storeSnapshot(key.storeId, key.dataset, key.marketplaceId);
        return [`${String(itemKey.pk)}|${String(itemKey.sk)}`, key];
      }),
    );

  /** The versions items of the stores the keys name, by store. */
  async function versionsOfStores(snapshotKeys: readonly SnapshotKey[]) {
    const storeIds = [...new Set(snapshotKeys.map((key) => key.storeId))];
    const items = await batchGetItems(documents, tableName, storeIds.map(keys.storeSnapshotVersions));
    const nowMs = Date.now();
    return new Map(items.map((item) => [String(item['storeId']), versionsFrom(item, nowMs)]));
  }

  const restockSettingsFromItem = (item: Item): StoredRestockSettings => ({
    settings: item['settings'] as StoredRestockSettings['settings'],
    overrides: (item['overrides'] as StoredRestockSettings['overrides'] | undefined) ?? [],
    version: Number(item['version']),
    updatedAt: String(item['updatedAt']),
    updatedBy: String(item['updatedBy']),
  });

  return {
    async getMemberships(userId: string, storeIds: readonly string[]) {
      const items = await batchGetItems(
        documents,
        tableName,
        storeIds.map((storeId) => keys.storeMember(storeId, userId)),
      );
      return new Map(
        items
          .filter((item) => item['userId'] === userId)
          .map((item) => [String(item['storeId']), item['role'] as MemberRole]),
      );
    },

    async getSnapshots(snapshotKeys: readonly SnapshotKey[]) {
      const [items, versions] = await Promise.all([
        batchGetItems(
          documents,
          tableName,
          snapshotKeys.map((key) => keys.storeSnapshot(key.storeId, key.dataset, key.marketplaceId)),
        ),
        versionsOfStores(snapshotKeys),
      ]);
      const wanted = wantedKeys(snapshotKeys);
      const snapshots = new Map<string, Snapshot<unknown>>();
      for (const item of items) {
        const key = wanted.get(`${String(item['pk'])}|${String(item['sk'])}`);
        const snapshot = snapshotFromItem(item);
        if (key === undefined || snapshot === undefined) continue;
        const version = versions.get(key.storeId)?.get(snapshotVersionKey(key.dataset, key.marketplaceId));
        snapshots.set(snapshotKeyOf(key), {
          ...snapshot,
          fetchedAt: lastRead(snapshot.fetchedAt, snapshot.content, version),
        });
      }
      return snapshots;
    },

    /**
     * From the stores' versions items (one small item per store); only a snapshot no version names yet (stored
     * before versions were kept) has its own time read.
     */
    async getSnapshotTimes(snapshotKeys: readonly SnapshotKey[]) {
      const versions = await versionsOfStores(snapshotKeys);
      const times = new Map<string, string>();
      const unnamed: SnapshotKey[] = [];
      for (const key of snapshotKeys) {
        const version = versions.get(key.storeId)?.get(snapshotVersionKey(key.dataset, key.marketplaceId));
        if (version === undefined) unnamed.push(key);
        else times.set(snapshotKeyOf(key), version.readAt);
      }
      if (unnamed.length === 0) return times;
      const items = await batchGetItems(
        documents,
        tableName,
        unnamed.map((key) => keys.storeSnapshot(key.storeId, key.dataset, key.marketplaceId)),
        { expression: 'pk, sk, fetchedAt, #ttl', names: { '#ttl': ttl } },
      );
      const wanted = wantedKeys(unnamed);
      for (const item of items) {
        const key = wanted.get(`${String(item['pk'])}|${String(item['sk'])}`);
        if (key !== undefined && Number(item[ttl]) * 1000 > Date.now())
          times.set(snapshotKeyOf(key), String(item['fetchedAt']));
      }
      return times;
    },

    async getRestockSettingsOfStores(storeIds: readonly string[]) {
      const items = await batchGetItems(
        documents,
        tableName,
        storeIds.map((storeId) => keys.storeRestockSettings(storeId)),
      );
      return new Map(items.map((item) => [String(item['storeId']), restockSettingsFromItem(item)]));
    },
  };
}
