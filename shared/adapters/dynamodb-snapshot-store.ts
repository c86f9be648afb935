/**
 * Snapshots (`SNAPSHOT#{dataset}#{marketplaceId}`): the last data read per store, gzipped, kept until their TTL;
 * and the store's versions item (`SNAPSHOT#versions`): for each snapshot, a digest of its content and when that
 * content was last read from Amazon.
 *
 * Why the versions item: a warm view needs to know only whether what its execution environment kept is still
 * current, which one small read answers (a GetItem is charged for the whole item, projected or not, so reading a
 * snapshot's `fetchedAt` alone would cost as much as reading it). And a refresh that found the same data (most
 * inventory reads between sales, every orders sync with nothing new) rewrites that small item only, not the
 * snapshot. It lives under `SNAPSHOT#`, so a revocation's purge deletes it with the snapshots.
 *
 * Order of writes: the snapshot first, then its version. A lost version update, or two refreshes racing (one finds
 * its content unchanged while the other stores new content), can leave a version naming other content than the
 * snapshot holds: a reader then takes the snapshot's own `fetchedAt` and `content` (lastRead), and a view keeps
 * nothing made from it (the contents differ), until the next refresh writes both. Either way what is served is the
 * data of a real read, with that read's time.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KeptInMemory } from '../store-data/kept-in-memory';
import {
  snapshotVersionKey,
  type SnapshotStore,
  type SnapshotVersion,
  type SnapshotVersions,
} from '../store-data/store-data-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import {
  readSnapshotVersions,
  recordSnapshotVersion,
  type StoredVersion,
} from './dynamodb-snapshot-versions';

/**
 * Decoded snapshots kept per execution environment: about this many bytes of JSON (as objects two to three times
 * that), with the kept answers (16 MB) and Ads days (8 MB) well inside a 512 MB function.
 */
const DECODED_MAX_BYTES = 32 * 1024 * 1024;
/**
 * A snapshot found unchanged is rewritten anyway once less than this share of its retention is left, so its TTL
 * never runs out under a version that still names it.
 */
const RENEW_WHEN_LEFT = 0.5;

/** One environment's decoded snapshots, shared by every adapter built in it (one per store session). */
const decoded = new KeptInMemory<{ readonly data: unknown }>(DECODED_MAX_BYTES);

const contentOf = (compressed: Uint8Array) =>
  createHash('sha256').update(compressed).digest('base64url').slice(0, 22);

/**
 * When a snapshot's data was last read: a read that found its content unchanged since it was stored moved only
 * its version on, not the snapshot item.
 */
export const lastRead = (
  storedAt: string,
  content: string | undefined,
  version: SnapshotVersion | undefined,
): string =>
  version !== undefined && content !== undefined && version.content === content && version.readAt > storedAt
    ? version.readAt
    : storedAt;

export function createDynamoDbSnapshotStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): SnapshotStore {
  const ttl = TABLE_DEFINITION.ttlAttribute;

  const readVersions = (storeId: string) => readSnapshotVersions(documents, tableName, storeId);
  const recordVersion = (storeId: string, name: string, version: StoredVersion) =>
    recordSnapshotVersion(documents, tableName, storeId, name, version);

  return {
    async versions(storeId) {
      const versions = await readVersions(storeId);
      return new Map([...versions].map(([name, { content, readAt }]) => [name, { content, readAt }]));
    },

    async get<T>(
      storeId: string,
      dataset: string,
      marketplaceId: string,
      known?: { versions: SnapshotVersions },
    ) {
      const name = snapshotVersionKey(dataset, marketplaceId);
      const version = (known?.versions ?? (await readVersions(storeId))).get(name);
      if (version !== undefined) {
        const kept = decoded.get(storeId, `${name}|${version.content}`);
        if (kept !== undefined)
          return { fetchedAt: version.readAt, data: kept.data as T, content: version.content };
      }
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
      const json = gunzipSync(item['data'] as Uint8Array).toString('utf8');
      const content = typeof item['content'] === 'string' ? item['content'] : undefined;
      const storedAt = String(item['fetchedAt']);
      const fetchedAt = lastRead(storedAt, content, version);
      const data = JSON.parse(json) as T;
      if (content === undefined) return { fetchedAt, data };
      return {
        fetchedAt,
        data: decoded.set(storeId, `${name}|${content}`, { data }, json.length).data as T,
        content,
      };
    },

    async put<T>(
      storeId: string,
      dataset: string,
      marketplaceId: string,
      snapshot: { fetchedAt: string; data: T },
      retainSeconds: number,
    ) {
      const name = snapshotVersionKey(dataset, marketplaceId);
      // Compressed: a store's order history or SKU list is far smaller gzipped than DynamoDB's 400 KB item limit.
      const compressed = gzipSync(JSON.stringify(snapshot.data));
      const content = contentOf(compressed);
      const nowSeconds = Math.floor(Date.now() / 1000);
      const current = (await readVersions(storeId)).get(name);
      const unchanged =
        current !== undefined &&
        current.content === content &&
        current.expiresAt - nowSeconds > retainSeconds * RENEW_WHEN_LEFT;
      const expiresAt = unchanged ? current.expiresAt : nowSeconds + retainSeconds;
      if (!unchanged)
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.storeSnapshot(storeId, dataset, marketplaceId),
              storeId,
              fetchedAt: snapshot.fetchedAt,
              content,
              data: compressed,
              [ttl]: expiresAt,
            },
          }),
        );
      await recordVersion(storeId, name, { content, readAt: snapshot.fetchedAt, expiresAt });
    },
  };
}
