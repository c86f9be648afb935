/** A store's snapshots found and deleted, for the revocation that purges them. */
import {
  BatchWriteCommand,
  QueryCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '../storage/table-definition';
import type { Item } from './dynamodb-revocation-events';

const BATCH_WRITE_LIMIT = 25;
const BATCH_WRITE_ATTEMPTS = 5;

const VERSIONS_SORT_KEY = keys.storeSnapshotVersions('').sk;

/**
 * How many snapshots the sort keys name: the versions item under `SNAPSHOT#` is deleted with them but is not a
 * snapshot (it only names their contents), so the purge's count stays what the audit record has always said.
 */
const snapshotCount = (sortKeys: readonly string[]) =>
  sortKeys.filter((sk) => sk !== VERSIONS_SORT_KEY).length;

export function snapshotPurge(documents: DynamoDBDocumentClient, tableName: string) {
  async function snapshotSortKeys(storeId: string): Promise<string[]> {
    const sortKeys: string[] = [];
    let startKey: Item | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :snapshot)',
          ExpressionAttributeValues: { ':pk': `STORE#${storeId}`, ':snapshot': 'SNAPSHOT#' },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) sortKeys.push(String(item['sk']));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return sortKeys;
  }

  /** Deletes items of one partition in batches of 25, retrying unprocessed ones a bounded number of times. */
  async function deleteAll(storeId: string, sortKeys: readonly string[]): Promise<void> {
    for (let i = 0; i < sortKeys.length; i += BATCH_WRITE_LIMIT) {
      let requests: Array<{ DeleteRequest: { Key: Item } }> = sortKeys
        .slice(i, i + BATCH_WRITE_LIMIT)
        .map((sk) => ({ DeleteRequest: { Key: { pk: `STORE#${storeId}`, sk } } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= BATCH_WRITE_ATTEMPTS) throw new Error('Snapshots could not all be deleted');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  }

  return { snapshotSortKeys, deleteAll, snapshotCount };
}
