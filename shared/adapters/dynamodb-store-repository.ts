/**
 * The single table (docs/data-model.md) behind the store and OAuth-state ports, one adapter per job: the profile
 * (dynamodb-store-profiles.ts), connecting (dynamodb-store-connect.ts), members (dynamodb-store-membership.ts),
 * restock settings, snapshots, OAuth states and the cross-store batch reads, over one document client.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OAuthStateStore } from '../authorization/authorization-ports';
import type { SnapshotStore } from '../store-data/store-data-ports';
import type { StoreBatchReader, StoreDisplayNameStore, StoreRepository } from '../stores/store-ports';
import { createDynamoDbBatchReader } from './dynamodb-batch-reads';
import { createDynamoDbOAuthStateStore } from './dynamodb-oauth-states';
import { createDynamoDbRestockSettings } from './dynamodb-restock-settings';
import { createDynamoDbSnapshotStore } from './dynamodb-snapshot-store';
import { createDynamoDbStoreConnect } from './dynamodb-store-connect';
import { createDynamoDbStoreMembership } from './dynamodb-store-membership';
import { createDynamoDbStoreProfiles } from './dynamodb-store-profiles';

export function createDynamoDbStoreRepository(
  client: DynamoDBClient,
  tableName: string,
): StoreRepository & OAuthStateStore & SnapshotStore & StoreBatchReader & StoreDisplayNameStore {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    ...createDynamoDbBatchReader(documents, tableName),
    ...createDynamoDbStoreProfiles(documents, tableName),
    ...createDynamoDbStoreConnect(documents, tableName),
    ...createDynamoDbStoreMembership(documents, tableName),
    ...createDynamoDbRestockSettings(documents, tableName),
    ...createDynamoDbSnapshotStore(documents, tableName),
    ...createDynamoDbOAuthStateStore(documents, tableName),
  };
}
