/**
 * The store's versions item (`SNAPSHOT#versions`, dynamodb-snapshot-store.ts): one attribute per versioned thing
 * (`{dataset}#{marketplaceId}` for a snapshot, `ads-days#{profileId}` for the Ads report days) holding its
 * content id, when it was last read and when it expires. Read by every view first; written after what it names.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SnapshotVersion } from '../store-data/store-data-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import { SECONDS_PER_DAY } from '../time';

/** The versions item outlives the longest-kept snapshot (the 95-day order history) and is renewed by each write. */
const VERSIONS_RETENTION_SECONDS = 96 * SECONDS_PER_DAY;

export interface StoredVersion extends SnapshotVersion {
  /** The snapshot item's own TTL (epoch seconds), to renew it in time. */
  readonly expiresAt: number;
}

/** The versions an item of `SNAPSHOT#versions` holds, leaving out expired ones (also the overview's batch reads). */
export function versionsFrom(
  item: Record<string, unknown> | undefined,
  nowMs: number,
): Map<string, StoredVersion> {
  const versions = new Map<string, StoredVersion>();
  if (item === undefined || Number(item[TABLE_DEFINITION.ttlAttribute]) * 1000 <= nowMs) return versions;
  for (const [name, value] of Object.entries(item)) {
    if (!name.includes('#') || value === null || typeof value !== 'object') continue;
    const entry = value as Record<string, unknown>;
    const expiresAt = Number(entry['expiresAt']);
    if (typeof entry['content'] !== 'string' || typeof entry['readAt'] !== 'string') continue;
    if (expiresAt * 1000 <= nowMs) continue;
    versions.set(name, { content: entry['content'], readAt: entry['readAt'], expiresAt });
  }
  return versions;
}

export async function readSnapshotVersions(
  documents: DynamoDBDocumentClient,
  tableName: string,
  storeId: string,
): Promise<Map<string, StoredVersion>> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableName, Key: keys.storeSnapshotVersions(storeId), ConsistentRead: true }),
  );
  return versionsFrom(Item, Date.now());
}

/** Records `version` unless a later read is recorded already (two writers may finish out of order). */
export async function recordSnapshotVersion(
  documents: DynamoDBDocumentClient,
  tableName: string,
  storeId: string,
  name: string,
  version: StoredVersion,
): Promise<void> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.storeSnapshotVersions(storeId),
        UpdateExpression: 'SET #entry = :entry, storeId = :storeId, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#entry) OR #entry.readAt <= :readAt',
        ExpressionAttributeNames: { '#entry': name, '#ttl': TABLE_DEFINITION.ttlAttribute },
        ExpressionAttributeValues: {
          ':entry': version,
          ':readAt': version.readAt,
          ':storeId': storeId,
          ':ttl': Math.floor(Date.now() / 1000) + VERSIONS_RETENTION_SECONDS,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Forgets versions (their data was deleted): what an environment kept under them is never served again. */
export async function forgetSnapshotVersions(
  documents: DynamoDBDocumentClient,
  tableName: string,
  storeId: string,
  names: readonly string[],
): Promise<void> {
  if (names.length === 0) return;
  await documents
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.storeSnapshotVersions(storeId),
        UpdateExpression: `REMOVE ${names.map((_, index) => `#n${index}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#n${index}`, name])),
      }),
    )
    .catch((error: unknown) => {
      // No versions item: nothing to forget.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}
