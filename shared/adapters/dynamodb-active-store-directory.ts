/**
 * The daily authorization health check's side of the table: the active stores a page at a time, its cursor, and
 * the conditional move to REAUTH_REQUIRED.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Region } from '../amazon/marketplaces';
import type { ActiveStore, ActiveStoreDirectory } from '../revocation/ports';
import { keys } from '../storage/table-definition';
import type { Item } from './dynamodb-revocation-events';

export function createDynamoDbActiveStoreDirectory(
  documents: DynamoDBDocumentClient,
  tableName: string,
): ActiveStoreDirectory {
  return {
    async *activeStorePages(pageSize, startAfter) {
      // Scan order is the table's own, the same on every run; any key is a valid place to start after.
      let startKey: Item | undefined = startAfter === undefined ? undefined : keys.storeProfile(startAfter);
      do {
        // No status index: a filtered Scan, one bounded page at a time (see the health check for the scale limit).
        const page = await documents.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :profile AND #status = :active',
            ProjectionExpression: '#storeId, #sellingPartnerId, #region, #reauthorizeBy',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#storeId': 'storeId',
              '#sellingPartnerId': 'sellingPartnerId',
              '#region': 'region',
              '#reauthorizeBy': 'reauthorizeBy',
            },
            ExpressionAttributeValues: { ':profile': 'PROFILE', ':active': 'ACTIVE' },
            Limit: pageSize,
            ExclusiveStartKey: startKey,
          }),
        );
        const stores: ActiveStore[] = (page.Items ?? []).map((item) => ({
          storeId: String(item['storeId']),
          sellingPartnerId: String(item['sellingPartnerId']),
          region: item['region'] as Region,
          reauthorizeBy: String(item['reauthorizeBy']),
        }));
        if (stores.length > 0) yield stores;
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    },

    async readHealthCheckCursor() {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.healthCheckCursor(), ConsistentRead: true }),
      );
      return typeof Item?.['lastCheckedStoreId'] === 'string' ? Item['lastCheckedStoreId'] : undefined;
    },

    async saveHealthCheckCursor(storeId, now) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.healthCheckCursor(), lastCheckedStoreId: storeId, savedAt: now.toISOString() },
        }),
      );
    },

    async markReauthorizationRequired(storeId, reauthorizeBy, now) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.storeProfile(storeId),
            UpdateExpression: 'SET #status = :required, updatedAt = :now',
            ConditionExpression: '#status = :active AND reauthorizeBy = :reauthorizeBy',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':required': 'REAUTH_REQUIRED',
              ':active': 'ACTIVE',
              ':reauthorizeBy': reauthorizeBy,
              ':now': now.toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
