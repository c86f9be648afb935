/**
 * The store's items as the table holds them (docs/data-model.md): the profile and member mappers, and the owner
 * conditions that every owner-only write is made under, shared by the store repository's adapters.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Region } from '../amazon/marketplaces';
import { ACCOUNT_STATUSES, type AccountStatus } from '../api/account-status-contract';
import { NotAnOwner, type MemberRecord } from '../stores/store-ports';
import { keys } from '../storage/table-definition';
import type { MemberRole, StoreProfile, StoreStatus } from '../stores/store';

export type Item = Record<string, unknown>;

export const profileFromItem = (
  item: Item,
): StoreProfile & { authorizedAt?: string; updatedAt?: string } => ({
  storeId: String(item['storeId']),
  sellingPartnerId: String(item['sellingPartnerId']),
  region: item['region'] as Region,
  marketplaceIds: (item['marketplaceIds'] as string[] | undefined) ?? [],
  // An owner's override wins over the name Amazon's Sellers API gave (`storeName`), which re-authorization renews.
  displayName: String(item['displayNameOverride'] ?? item['displayName'] ?? item['sellingPartnerId']),
  status: item['status'] as StoreStatus,
  connectedAt: String(item['connectedAt']),
  reauthorizeBy: String(item['reauthorizeBy']),
  ...(item['revokedAt'] === undefined ? {} : { revokedAt: String(item['revokedAt']) }),
  ...(item['revokedReason'] === undefined ? {} : { revokedReason: String(item['revokedReason']) }),
  ...(typeof item['accountStatus'] === 'string' &&
  (ACCOUNT_STATUSES as readonly string[]).includes(item['accountStatus'])
    ? { accountStatus: item['accountStatus'] as AccountStatus }
    : {}),
  ...(typeof item['accountStatusAt'] === 'string' ? { accountStatusAt: item['accountStatusAt'] } : {}),
  ...(item['authorizedAt'] === undefined ? {} : { authorizedAt: String(item['authorizedAt']) }),
  ...(item['updatedAt'] === undefined ? {} : { updatedAt: String(item['updatedAt']) }),
});

/** A membership item: under the store's partition, and in the user's index so their store list finds it. */
export const memberItem = (
  storeId: string,
  userId: string,
  role: MemberRole,
  addedAt: string,
  addedBy: string | undefined,
): Item => ({
  ...keys.storeMember(storeId, userId),
  role,
  storeId,
  userId,
  gsi1pk: `USER#${userId}`,
  gsi1sk: `STORE#${storeId}`,
  addedAt,
  ...(addedBy === undefined ? {} : { addedBy }),
});

export const memberFromItem = (storeId: string, item: Item): MemberRecord => ({
  storeId,
  userId: String(item['userId']),
  role: item['role'] as MemberRole,
  addedAt: String(item['addedAt'] ?? ''),
  addedBy: item['addedBy'] === undefined ? null : String(item['addedBy']),
});

/** The owner conditions: a transaction item that checks the actor is an owner, and the same check as a read. */
export function ownerConditions(documents: DynamoDBDocumentClient, tableName: string) {
  const ownerCheck = (storeId: string, userId: string) => ({
    ConditionCheck: {
      TableName: tableName,
      Key: keys.storeMember(storeId, userId),
      ConditionExpression: '#role = :owner',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':owner': 'owner' },
    },
  });

  async function requireOwner(storeId: string, userId: string): Promise<void> {
    const result = await documents.send(
      new GetCommand({ TableName: tableName, Key: keys.storeMember(storeId, userId), ConsistentRead: true }),
    );
    if (result.Item?.['role'] !== 'owner') throw new NotAnOwner();
  }

  return { ownerCheck, requireOwner };
}
