import { createDynamoDbAdsRepository } from '../../../shared/adapters/ads/dynamodb-ads-repository';
import { createDynamoDbStoreRepository } from '../../../shared/adapters/dynamodb-store-repository';
import type { AdsDayRecord } from '../../../shared/ads/ads-ports';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// Issue 15: the ads view reads a profile's report days (90 items for 30 days) on every view. Under the store's
// versions item the days one execution environment read are answered again without a query while no report was
// written since; a write is a new version, and removing the Ads data forgets the version, so days that were
// deleted are never served from memory.
const TABLE = 'mint-hub-ads-days-versions';
const dynamo = useDynamoDbLocalTable(TABLE);
const STORE = 'A2LUMENCRAFT7Q-NA';
const PROFILE = '3311009988776655';

const day = (date: string, cost: number): AdsDayRecord => ({
  profileId: PROFILE,
  adProduct: 'SPONSORED_PRODUCTS',
  date,
  campaigns: [
    {
      campaignId: 'c-1',
      name: 'Lamps',
      status: 'ENABLED',
      impressions: 100,
      clicks: 10,
      cost,
      attributedSales: 3 * cost,
      attributedOrders: 1,
    } as unknown as AdsDayRecord['campaigns'][number],
  ],
  readAt: '2026-12-02T10:00:00.000Z',
});

describe('Ads report days under the versions item (DynamoDB adapter)', () => {
  const ads = () => createDynamoDbAdsRepository(dynamo.client, TABLE);
  const versions = () => createDynamoDbStoreRepository(dynamo.client, TABLE).versions(STORE);

  it('answers the days read under a version again without reading them, until a report is written', async () => {
    await ads().putAdsDays(STORE, [day('2026-12-01', 5), day('2026-12-02', 7)]);
    const first = await ads().listAdsDays(STORE, PROFILE, '2026-12-01', '2026-12-02', {
      versions: await versions(),
    });
    expect(first.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02']);
    const again = await ads().listAdsDays(STORE, PROFILE, '2026-12-01', '2026-12-02', {
      versions: await versions(),
    });
    expect(again).toBe(first); // the kept list itself: no query was made

    await ads().putAdsDays(STORE, [day('2026-12-02', 9)]);
    const after = await ads().listAdsDays(STORE, PROFILE, '2026-12-01', '2026-12-02', {
      versions: await versions(),
    });
    expect(after).not.toBe(first);
    expect(after.find((d) => d.date === '2026-12-02')?.campaigns[0]).toMatchObject({ cost: 9 });
  });

  it('never serves days that were deleted, though an environment kept them', async () => {
    await ads().putAdsDays(STORE, [day('2026-11-20', 4)]);
    const kept = await ads().listAdsDays(STORE, PROFILE, '2026-11-20', '2026-11-20', {
      versions: await versions(),
    });
    expect(kept).toHaveLength(1);
    await ads().purgeAdsData(STORE);
    expect(
      await ads().listAdsDays(STORE, PROFILE, '2026-11-20', '2026-11-20', { versions: await versions() }),
    ).toEqual([]);
  });
});
