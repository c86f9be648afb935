import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckResult } from '../revocation/authorization-health-check';
import type { HealthCheckResult, HealthCheckResultStore } from '../revocation/health-check-results';
import { batchGetItems } from './dynamodb-batch-reads';

/**
 * The health check's last result per store, one item under the store's own partition (`STORE#{storeId}` /
 * `HEALTH_CHECK`), so `dynamodb:LeadingKeys` confines it like every other item of the store. A revocation purges
 * the store's snapshots only (SNAPSHOT#…), not this item: it holds no seller data, and "invalid_grant on the 3rd"
 * is exactly what an admin looking at a revoked store wants to see.
 */
export const healthCheckResultKey = (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'HEALTH_CHECK' });

const CHECK_RESULTS: readonly CheckResult[] = [
  'valid',
  'invalid_grant',
  'token-missing',
  'invalid_client',
  'invalid_request',
  'throttled',
  'unavailable',
  'error',
];

export function createDynamoDbHealthCheckResults(
  client: DynamoDBClient,
  tableName: string,
): HealthCheckResultStore {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    async saveHealthCheckResult(result) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...healthCheckResultKey(result.storeId), ...result },
            // A run that finished later wins, whichever write lands last.
            ConditionExpression: 'attribute_not_exists(checkedAt) OR checkedAt <= :checkedAt',
            ExpressionAttributeValues: { ':checkedAt': result.checkedAt },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async getHealthCheckResults(storeIds) {
      const items = await batchGetItems(
        documents,
        tableName,
        [...new Set(storeIds)].map(healthCheckResultKey),
      );
      const found = new Map<string, HealthCheckResult>();
      for (const item of items) {
        const result = item['result'] as CheckResult;
        if (!CHECK_RESULTS.includes(result) || typeof item['checkedAt'] !== 'string') continue;
        found.set(String(item['storeId']), {
          storeId: String(item['storeId']),
          result,
          checkedAt: item['checkedAt'],
          reauthorizeInDays: Number(item['reauthorizeInDays']),
          requestId: String(item['requestId']),
        });
      }
      return found;
    },
  };
}
