import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbStoreCatalogue } from '../../../shared/adapters/dynamodb-store-catalogue';
import { keys } from '../../../shared/storage/table-definition';
import type { TablePosition } from '../../../shared/stores/admin-store-listing';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// The admin list's listing of every store: a Scan of the profile items, bounded per page by stores and by Scan
// calls. On DynamoDB Local, with other items (members, snapshots, tokens, OAuth states, job cursors) around the
// profiles, a walk through every page must meet every store exactly once, whatever the bounds.
const TABLE = 'mint-hub-store-catalogue';
const dynamo = useDynamoDbLocalTable(TABLE);
const STORES = Array.from({ length: 75 }, (_, i) => `A${String(i).padStart(11, '0')}-NA`);

beforeAll(async () => {
  const documents = DynamoDBDocumentClient.from(dynamo.client);
  const items = [
    ...STORES.flatMap((storeId, i) => [
      { ...keys.storeProfile(storeId), storeId, status: 'ACTIVE' },
      { ...keys.storeMember(storeId, `user-${i}`), storeId, role: 'owner' },
      { ...keys.storeSnapshot(storeId, 'inventory', 'ATVPDKIKX0DER'), storeId, fetchedAt: 'x' },
      { ...keys.storeToken(storeId, 'SPAPI'), ciphertext: 'ct' },
    ]),
    ...Array.from({ length: 10 }, (_, i) => ({ ...keys.oauthState(`nonce-${i}`), userId: 'u' })),
    { ...keys.healthCheckCursor(), position: STORES[3] },
  ];
  for (let i = 0; i < items.length; i += 25)
    await documents.send(
      new BatchWriteCommand({
        RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
});

async function walk(bounds: { itemsPerScanCall: number; scanCallsPerPage: number }, limit: number) {
  const catalogue = createDynamoDbStoreCatalogue(dynamo.client, TABLE, bounds);
  const seen: string[] = [];
  const pageSizes: number[] = [];
  let after: TablePosition | undefined;
  for (let page = 0; page < 500; page++) {
    const answer = await catalogue.storeIdPage({ limit, ...(after === undefined ? {} : { after }) });
    expect(answer.storeIds.length).toBeLessThanOrEqual(limit);
    seen.push(...answer.storeIds);
    pageSizes.push(answer.storeIds.length);
    if (answer.next === undefined) return { seen, pageSizes };
    after = answer.next;
  }
  throw new Error('the listing never ended');
}

describe('the store catalogue on DynamoDB Local', () => {
  it('lists every store once in one page when the bounds allow', async () => {
    const { seen, pageSizes } = await walk({ itemsPerScanCall: 1000, scanCallsPerPage: 4 }, 100);

    expect(pageSizes).toEqual([75]);
    expect(seen.sort()).toEqual(STORES);
  });

  it('stops a page at the store limit and goes on right after the last store answered', async () => {
    const { seen, pageSizes } = await walk({ itemsPerScanCall: 1000, scanCallsPerPage: 4 }, 20);

    expect(pageSizes).toEqual([20, 20, 20, 15]);
    expect(seen.sort()).toEqual(STORES);
  });

  it('stops a page at the Scan budget, possibly with few stores, and loses or repeats none', async () => {
    const { seen, pageSizes } = await walk({ itemsPerScanCall: 7, scanCallsPerPage: 2 }, 50);

    expect(pageSizes.length).toBeGreaterThan(10);
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(14);
    expect(seen).toHaveLength(STORES.length);
    expect(seen.sort()).toEqual(STORES);
  });
});
