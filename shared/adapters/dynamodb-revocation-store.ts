/**
 * The revocation pipeline's side of the single table, over one document client: the ledger (store state, processed
 * events, revoke and account-status transactions: dynamodb-revocation-ledger.ts) and the health check's directory
 * of active stores (dynamodb-active-store-directory.ts).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ActiveStoreDirectory, RevocationLedger } from '../revocation/ports';
import { createDynamoDbActiveStoreDirectory } from './dynamodb-active-store-directory';
import { createDynamoDbRevocationLedger } from './dynamodb-revocation-ledger';

export { PROCESSED_EVENT_RETENTION_SECONDS, processedEventKey } from './dynamodb-revocation-events';

export function createDynamoDbRevocationStore(
  client: DynamoDBClient,
  tableName: string,
): RevocationLedger & ActiveStoreDirectory {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    ...createDynamoDbRevocationLedger(documents, tableName),
    ...createDynamoDbActiveStoreDirectory(documents, tableName),
  };
}
