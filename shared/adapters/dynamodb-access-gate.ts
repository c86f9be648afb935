/**
 * The access gate's reads, with the function's own role: one member item and one profile, by key, projecting only
 * GATE_ATTRIBUTES, the attributes the role's `dynamodb:Attributes` condition admits (lib/capabilities.ts,
 * `store:gate`). A membership's store id is the one in the item's key, the fact a store scope is granted for.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GATE_ATTRIBUTES } from '../store-access/store-access-policy';
import { keys } from '../storage/table-definition';
import type { StoreRepository } from '../stores/store-ports';
import type { MemberRole } from '../stores/store';
import { profileFromItem } from './dynamodb-store-items';

export type AccessGateReads = Pick<StoreRepository, 'getMembership' | 'getProfile'>;

// Every attribute by placeholder: `role`, `status` and `region` are DynamoDB reserved words.
const projection = {
  ProjectionExpression: GATE_ATTRIBUTES.map((_, index) => `#a${index}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(GATE_ATTRIBUTES.map((name, index) => [`#a${index}`, name])),
};

const STORE_KEY = /^STORE#(.+)$/;

export function createDynamoDbAccessGateReads(client: DynamoDBClient, tableName: string): AccessGateReads {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    async getMembership(storeId, userId) {
      const { Item: item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeMember(storeId, userId),
          ConsistentRead: true,
          ...projection,
        }),
      );
      if (item === undefined) return undefined;
      const verifiedStore = STORE_KEY.exec(String(item['pk']))?.[1];
      if (verifiedStore === undefined) return undefined;
      return {
        storeId: verifiedStore,
        userId: String(item['userId'] ?? userId),
        role: item['role'] as MemberRole,
      };
    },
    async getProfile(storeId) {
      const { Item: item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeProfile(storeId),
          ConsistentRead: true,
          ...projection,
        }),
      );
      return item === undefined ? undefined : profileFromItem(item);
    },
  };
}
