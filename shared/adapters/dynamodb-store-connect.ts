/**
 * Connecting a store: profile, token ciphertext and the first owner written in one conditional transaction, or a
 * known store re-authorized in place by one of its owners (docs/security.md, "Isolation between stores").
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ConcurrentStoreUpdate,
  StoreOwnedElsewhere,
  type ConnectStoreCommand,
  type StoreRepository,
} from '../stores/store-ports';
import { keys } from '../storage/table-definition';
import { memberItem } from './dynamodb-store-items';

export function createDynamoDbStoreConnect(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Pick<StoreRepository, 'connectStore'> {
  return {
    async connectStore(command: ConnectStoreCommand) {
      const { profile, token, ownerUserId } = command;
      const existing = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeProfile(profile.storeId),
          ConsistentRead: true,
        }),
      );
      const now = profile.authorizedAt;
      const member = keys.storeMember(profile.storeId, ownerUserId);
      const tokenPut = {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.storeToken(profile.storeId, 'SPAPI'),
            storeId: profile.storeId,
            ciphertext: token.ciphertext,
            keyId: token.keyId,
            updatedAt: now,
          },
        },
      };
      const items =
        existing.Item === undefined
          ? [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.storeProfile(profile.storeId),
                    ...profile,
                    connectedBy: ownerUserId,
                    ...(command.connectedVia === undefined ? {} : { connectedVia: command.connectedVia }),
                    updatedAt: now,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              tokenPut,
              {
                Put: {
                  TableName: tableName,
                  Item: memberItem(profile.storeId, ownerUserId, 'owner', now, ownerUserId),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : [
              {
                // Re-authorization: same store, new token; connectedAt and members stay.
                Update: {
                  TableName: tableName,
                  Key: keys.storeProfile(profile.storeId),
                  UpdateExpression:
                    'SET #status = :active, reauthorizeBy = :reauthorizeBy, authorizedAt = :now, updatedAt = :now, marketplaceIds = :marketplaceIds, displayName = :displayName REMOVE revokedAt, revokedReason',
                  ConditionExpression: 'updatedAt = :expectedUpdatedAt',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    // A new token does not lift Amazon's deactivation: the store stays SUSPENDED until Amazon's
                    // ACCOUNT_STATUS_CHANGED says NORMAL or AT_RISK (the revocation worker restores it then).
                    ':active': existing.Item['accountStatus'] === 'DEACTIVATED' ? 'SUSPENDED' : 'ACTIVE',
                    ':reauthorizeBy': profile.reauthorizeBy,
                    ':now': now,
                    ':marketplaceIds':
                      profile.marketplaceIds.length > 0
                        ? profile.marketplaceIds
                        : (existing.Item['marketplaceIds'] ?? []),
                    // Amazon's storeName renews the name; without one (Sellers API busy) the known name stays.
                    ':displayName':
                      profile.displayName === profile.sellingPartnerId
                        ? (existing.Item['displayName'] ?? profile.displayName)
                        : profile.displayName,
                    ':expectedUpdatedAt': existing.Item['updatedAt'],
                  },
                },
              },
              tokenPut,
              {
                // Only an owner re-authorizes: checked in the same transaction, so a membership removed meanwhile
                // cannot slip through (docs/security.md, "Isolation between stores").
                ConditionCheck: {
                  TableName: tableName,
                  Key: member,
                  ConditionExpression: '#role = :owner',
                  ExpressionAttributeNames: { '#role': 'role' },
                  ExpressionAttributeValues: { ':owner': 'owner' },
                },
              },
            ];
      try {
        await documents.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          if (
            existing.Item !== undefined &&
            error.CancellationReasons?.[2]?.Code === 'ConditionalCheckFailed'
          )
            throw new StoreOwnedElsewhere();
          throw new ConcurrentStoreUpdate();
        }
        throw error;
      }
      return existing.Item === undefined ? 'connected' : 'reauthorized';
    },
  };
}
