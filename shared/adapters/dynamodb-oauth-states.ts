/** OAuth states (`STATE#{hash}`): saved once, consumed once by a conditional delete bound to the browser. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Region } from '../amazon/marketplaces';
import type { OAuthStateRecord } from '../authorization/oauth-state';
import type { OAuthStateStore } from '../authorization/authorization-ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import type { Item } from './dynamodb-store-items';

const stateFromItem = (stateHash: string, item: Item): OAuthStateRecord => ({
  stateHash,
  userId: String(item['userId']),
  flow: item['flow'] as OAuthStateRecord['flow'],
  region: item['region'] as Region | undefined,
  sellingPartnerId: item['sellingPartnerId'] as string | undefined,
  bindingHash: String(item['bindingHash']),
  ...(typeof item['storeId'] === 'string' ? { storeId: item['storeId'] } : {}),
  ...(typeof item['codeVerifier'] === 'string' ? { codeVerifier: item['codeVerifier'] } : {}),
  createdAt: String(item['createdAt']),
  expiresAt: Number(item['expiresAt']),
});

export function createDynamoDbOAuthStateStore(
  documents: DynamoDBDocumentClient,
  tableName: string,
): OAuthStateStore {
  const ttl = TABLE_DEFINITION.ttlAttribute;
  return {
    async saveState(record: OAuthStateRecord) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.oauthState(record.stateHash), ...record, [ttl]: record.expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async consumeState(stateHash: string, bindingHash: string) {
      try {
        const result = await documents.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keys.oauthState(stateHash),
            // The binding is checked in the same conditional delete: a stranger holding a leaked state cannot
            // burn it. (Not constant-time, but it compares hashes of a 256-bit random value.)
            ConditionExpression: 'attribute_exists(pk) AND bindingHash = :binding',
            ExpressionAttributeValues: { ':binding': bindingHash },
            ReturnValues: 'ALL_OLD',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        const item = result.Attributes;
        if (item === undefined) return { status: 'missing' as const };
        return { status: 'consumed' as const, record: stateFromItem(stateHash, item) };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          return error.Item === undefined
            ? { status: 'missing' as const }
            : { status: 'binding-mismatch' as const };
        throw error;
      }
    },
  };
}
