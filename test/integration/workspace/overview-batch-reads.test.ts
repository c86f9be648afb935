import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbStoreRepository } from '../../../shared/adapters/dynamodb-store-repository';
import { NotAnOwner, snapshotKeyOf, type SnapshotKey } from '../../../shared/ports';
import { TABLE_DEFINITION } from '../../../shared/storage/table-definition';
import { defaultRestockSettings } from '../../../shared/summaries/restock-settings';
import { useDynamoDbLocalTable } from '../ports/dynamodb-local-table';

// The reads the overview makes across many stores, and the display-name write, on the DynamoDB adapter against
// DynamoDB Local: more keys than one BatchGetItem takes, expired snapshots treated as absent, memberships read
// for exactly the user asked about, and the override written only by an owner, versioned, before/after exact.
const TABLE = 'mint-hub-overview-batch-reads';
const dynamo = useDynamoDbLocalTable(TABLE);
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const LIN = 'user-lin';
const SOFIA = 'user-sofia';
const T0 = '2026-11-20T10:00:00.000Z';

const storeIdOf = (i: number) => `ABATCH${String(i).padStart(4, '0')}Q-NA`;
const repository = () => createDynamoDbStoreRepository(dynamo.client, TABLE);

async function connect(storeId: string, owner: string) {
  await repository().connectStore({
    profile: {
      storeId,
      sellingPartnerId: storeId.split('-')[0] ?? '',
      region: 'NA',
      marketplaceIds: [US, CA],
      displayName: 'Lumen Craft Co.',
      status: 'ACTIVE',
      connectedAt: T0,
      reauthorizeBy: '2027-11-20T10:00:00.000Z',
      authorizedAt: T0,
    },
    token: { ciphertext: 'ciphertext', keyId: 'key' },
    ownerUserId: owner,
  });
}

describe('overview batch reads (DynamoDB adapter)', () => {
  const STORES = 130;

  beforeAll(async () => {
    const repo = repository();
    for (let i = 0; i < STORES; i++) {
      const storeId = storeIdOf(i);
      await connect(storeId, i % 10 === 0 ? SOFIA : LIN);
      await repo.put(storeId, 'inventory', US, { fetchedAt: T0, data: [{ sellerSku: `SKU-${i}` }] }, 3600);
      if (i % 2 === 0) await repo.put(storeId, 'orders', US, { fetchedAt: T0, data: { store: i } }, 3600);
    }
  }, 120_000);

  it('reads more snapshots than one BatchGetItem takes, each under its own key, leaving out missing ones', async () => {
    const keys: SnapshotKey[] = [];
    for (let i = 0; i < STORES; i++)
      for (const dataset of ['inventory', 'orders'])
        for (const marketplaceId of [US, CA]) keys.push({ storeId: storeIdOf(i), dataset, marketplaceId });
    const snapshots = await repository().getSnapshots(keys);
    expect(snapshots.size).toBe(STORES + STORES / 2);
    const seventh = snapshots.get(
      snapshotKeyOf({ storeId: storeIdOf(7), dataset: 'inventory', marketplaceId: US }),
    );
    expect(seventh).toEqual({ fetchedAt: T0, data: [{ sellerSku: 'SKU-7' }], content: expect.any(String) });
    expect(
      snapshots.get(snapshotKeyOf({ storeId: storeIdOf(8), dataset: 'orders', marketplaceId: US }))?.data,
    ).toEqual({ store: 8 });
    expect(
      snapshots.has(snapshotKeyOf({ storeId: storeIdOf(7), dataset: 'orders', marketplaceId: US })),
    ).toBe(false);
    const times = await repository().getSnapshotTimes(keys);
    expect([...times.keys()].sort()).toEqual([...snapshots.keys()].sort());
    expect(new Set(times.values())).toEqual(new Set([T0]));
  });

  it('says when a snapshot was last read, also when that read found it unchanged (only its version moved)', async () => {
    const storeId = storeIdOf(5);
    const T1 = '2026-11-20T10:05:00.000Z';
    await repository().put(storeId, 'inventory', US, { fetchedAt: T1, data: [{ sellerSku: 'SKU-5' }] }, 3600);
    const key = { storeId, dataset: 'inventory', marketplaceId: US };
    expect((await repository().getSnapshotTimes([key])).get(snapshotKeyOf(key))).toBe(T1);
    expect((await repository().getSnapshots([key])).get(snapshotKeyOf(key))?.fetchedAt).toBe(T1);
    // A snapshot stored before versions were kept answers its own time.
    const legacy = storeIdOf(6);
    await DynamoDBDocumentClient.from(dynamo.client).send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: `STORE#${legacy}`,
          sk: `SNAPSHOT#orders#${CA}`,
          storeId: legacy,
          fetchedAt: T1,
          data: new Uint8Array(),
          [TABLE_DEFINITION.ttlAttribute]: Math.floor(Date.now() / 1000) + 60,
        },
      }),
    );
    const legacyKey = { storeId: legacy, dataset: 'orders', marketplaceId: CA };
    expect((await repository().getSnapshotTimes([legacyKey])).get(snapshotKeyOf(legacyKey))).toBe(T1);
  });

  it('treats an expired snapshot as absent, as single reads do', async () => {
    const storeId = storeIdOf(3);
    const documents = DynamoDBDocumentClient.from(dynamo.client);
    await documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: `STORE#${storeId}`,
          sk: `SNAPSHOT#orders#${CA}`,
          storeId,
          fetchedAt: T0,
          data: new Uint8Array(),
          [TABLE_DEFINITION.ttlAttribute]: Math.floor(Date.now() / 1000) - 60,
        },
      }),
    );
    const key = { storeId, dataset: 'orders', marketplaceId: CA };
    expect((await repository().getSnapshots([key])).size).toBe(0);
    expect((await repository().getSnapshotTimes([key])).size).toBe(0);
  });

  it("answers the user's own memberships only, and restock settings only where saved", async () => {
    const repo = repository();
    const storeIds = Array.from({ length: STORES }, (_, i) => storeIdOf(i));
    const lin = await repo.getMemberships(LIN, storeIds);
    expect(lin.size).toBe(STORES - STORES / 10);
    expect(lin.get(storeIdOf(1))).toBe('owner');
    expect(lin.has(storeIdOf(0))).toBe(false);
    expect((await repo.getMemberships(SOFIA, storeIds)).size).toBe(STORES / 10);

    await repo.putRestockSettings({
      storeId: storeIdOf(1),
      document: defaultRestockSettings('NA'),
      expectedVersion: 0,
      actorUserId: LIN,
      now: T0,
    });
    const settings = await repo.getRestockSettingsOfStores(storeIds);
    expect([...settings.keys()]).toEqual([storeIdOf(1)]);
    expect(settings.get(storeIdOf(1))).toMatchObject({ version: 1, updatedBy: LIN });
  });
});

describe('display name override (DynamoDB adapter)', () => {
  const storeId = 'ANAMES0001Q-NA';
  beforeAll(() => connect(storeId, LIN));

  it('is written by an owner only, versioned, with the exact before and after', async () => {
    const repo = repository();
    await expect(
      repo.setDisplayNameOverride({ storeId, displayName: 'Mine', actorUserId: SOFIA, now: T0 }),
    ).rejects.toBeInstanceOf(NotAnOwner);
    expect((await repo.getProfile(storeId))?.displayName).toBe('Lumen Craft Co.');

    expect(
      await repo.setDisplayNameOverride({ storeId, displayName: 'Lumen US', actorUserId: LIN, now: T0 }),
    ).toEqual({ changed: true, before: null, after: 'Lumen US', amazonName: 'Lumen Craft Co.', version: 1 });
    expect((await repo.getProfile(storeId))?.displayName).toBe('Lumen US');
    expect(
      await repo.setDisplayNameOverride({ storeId, displayName: 'Lumen US', actorUserId: LIN, now: T0 }),
    ).toMatchObject({ changed: false, version: 1 });

    // Two owners' saves at once: both land, one after the other, each with what it replaced.
    const [a, b] = await Promise.all([
      repo.setDisplayNameOverride({ storeId, displayName: 'A', actorUserId: LIN, now: T0 }),
      repo.setDisplayNameOverride({ storeId, displayName: 'B', actorUserId: LIN, now: T0 }),
    ]);
    expect([a.version, b.version].sort()).toEqual([2, 3]);
    const [first, second] = a.version === 2 ? [a, b] : [b, a];
    expect(first.before).toBe('Lumen US');
    expect(second.before).toBe(first.after);

    expect(
      await repo.setDisplayNameOverride({ storeId, displayName: null, actorUserId: LIN, now: T0 }),
    ).toMatchObject({ changed: true, after: null, version: 4 });
    expect((await repo.getProfile(storeId))?.displayName).toBe('Lumen Craft Co.');
  });
});
