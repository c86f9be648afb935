import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreCatalogue, TablePosition } from '../stores/admin-store-listing';

/** Items one Scan call evaluates (DynamoDB also stops a call at 1 MB read, whichever comes first). */
const ITEMS_PER_SCAN_CALL = 1000;
/** Scan calls one page may make: a page reads at most this many MB of the table, however few stores it finds. */
const SCAN_CALLS_PER_PAGE = 4;

/**
 * Every store of the table, for the admin screens: no index lists stores (the UserStores index lists one user's),
 * so store ids come from a Scan filtered on the profile items (`sk = PROFILE`, only `pk` projected), like the daily
 * health check and the revocation sweep list them. A page is bounded twice: at most `limit` stores and at most
 * SCAN_CALLS_PER_PAGE Scan calls (≤ 4 MB read, ≤ 512 eventually consistent read units), so a table heavy with
 * snapshots answers a short page, or an empty one, with a position to go on from rather than a slow request.
 */
export function createDynamoDbStoreCatalogue(
  client: DynamoDBClient,
  tableName: string,
  bounds: {
    /** @default ITEMS_PER_SCAN_CALL */
    itemsPerScanCall?: number;
    /** @default SCAN_CALLS_PER_PAGE */
    scanCallsPerPage?: number;
  } = {},
): StoreCatalogue {
  const documents = DynamoDBDocumentClient.from(client);
  const itemsPerCall = bounds.itemsPerScanCall ?? ITEMS_PER_SCAN_CALL;
  const callsPerPage = bounds.scanCallsPerPage ?? SCAN_CALLS_PER_PAGE;
  return {
    async storeIdPage({ limit, after }) {
      const storeIds: string[] = [];
      let position: TablePosition | undefined = after;
      for (let call = 0; call < callsPerPage; call++) {
        const page = await documents.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :profile',
            ProjectionExpression: 'pk',
            ExpressionAttributeValues: { ':profile': 'PROFILE' },
            Limit: itemsPerCall,
            ...(position === undefined ? {} : { ExclusiveStartKey: { ...position } }),
          }),
        );
        for (const item of page.Items ?? []) {
          const pk = String(item['pk']);
          if (pk.startsWith('STORE#')) storeIds.push(pk.slice('STORE#'.length));
        }
        const last = page.LastEvaluatedKey;
        if (storeIds.length >= limit) {
          // More found than a page holds: the next page starts right after the last store answered.
          const kept = storeIds.slice(0, limit);
          const lastKept = kept[kept.length - 1] as string;
          const truncated = storeIds.length > limit;
          return {
            storeIds: kept,
            next: truncated || last !== undefined ? { pk: `STORE#${lastKept}`, sk: 'PROFILE' } : undefined,
          };
        }
        if (last === undefined) return { storeIds, next: undefined };
        position = { pk: String(last['pk']), sk: String(last['sk']) };
      }
      return { storeIds, next: position };
    },
  };
}
