import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** How long one answer about the table is reused: /healthz is public, so a flood must not become a read flood. */
export const HEALTH_CACHE_MS = 2_000;
const CHECK_TIMEOUT_MS = 2_000;

export type TableHealth = 'ok' | 'unreachable';

/**
 * Whether the store table answers: one GetItem of a key no item has (outside every `STORE#` partition), bounded
 * in time, its answer kept for a few seconds.
 */
export function createTableHealthCheck(
  client: DynamoDBClient,
  tableName: string,
  now: () => number = Date.now,
): () => Promise<TableHealth> {
  let cached: { at: number; health: TableHealth } | undefined;
  return async () => {
    if (cached !== undefined && now() - cached.at < HEALTH_CACHE_MS) return cached.health;
    let health: TableHealth;
    try {
      await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: { pk: { S: 'HEALTH' }, sk: { S: 'HEALTH' } },
          ProjectionExpression: 'pk',
        }),
        { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) },
      );
      health = 'ok';
    } catch {
      health = 'unreachable';
    }
    cached = { at: now(), health };
    return health;
  };
}
