import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbStoreRepository } from '../../../shared/adapters/dynamodb-store-repository';
import {
  LastOwner,
  NotAnOwner,
  RestockSettingsConflict,
  StoreOwnedElsewhere,
  type ConnectStoreCommand,
  type SnapshotStore,
  type StoreRepository,
} from '../../../shared/ports';
import { defaultRestockSettings } from '../../../shared/summaries/restock-settings';
import { InMemoryStoreRepository } from '../../support/in-memory-store-repository';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// One contract, two implementations: the in-memory repository tests may use, and the DynamoDB adapter on
// DynamoDB Local. If they agree here, a test on the fake says something true of the table.
const TABLE = 'mint-hub-store-repository-contract';
const dynamo = useDynamoDbLocalTable(TABLE);

type Repository = StoreRepository & SnapshotStore;
const implementations: Array<[string, () => Repository]> = [
  ['in memory', () => new InMemoryStoreRepository()],
  ['DynamoDB adapter on DynamoDB Local', () => createDynamoDbStoreRepository(dynamo.client, TABLE)],
];

// Every test its own seller, so the implementations never see each other's data in the shared table.
let sellers = 0;
const newStoreId = () => `A${String(++sellers).padStart(9, '0')}CONTRACT-NA`;
const OWNER = 'user-owner';
const OTHER_OWNER = 'user-other-owner';
const OPERATOR = 'user-operator';
const STRANGER = 'user-stranger';
const T0 = '2026-11-20T10:00:00.000Z';
const T1 = '2026-11-21T10:00:00.000Z';
const T2 = '2026-11-22T10:00:00.000Z';

const connect = (
  storeId: string,
  overrides: Partial<ConnectStoreCommand['profile']> = {},
  owner = OWNER,
) => ({
  profile: {
    storeId,
    sellingPartnerId: storeId.split('-')[0] ?? '',
    region: 'NA' as const,
    marketplaceIds: ['ATVPDKIKX0DER'],
    displayName: 'Lumen Craft',
    status: 'ACTIVE' as const,
    connectedAt: T0,
    reauthorizeBy: '2027-11-20T10:00:00.000Z',
    authorizedAt: T0,
    ...overrides,
  },
  token: { ciphertext: `ciphertext-of-${storeId}-${overrides.authorizedAt ?? T0}`, keyId: 'key-1' },
  ownerUserId: owner,
});

describe.each(implementations)('StoreRepository contract: %s', (_name, create) => {
  let repository: Repository;
  let storeId: string;
  beforeEach(async () => {
    repository = create();
    storeId = newStoreId();
    await repository.connectStore(connect(storeId));
  });

  it('connects a new store: profile, token and the connecting operator as its owner', async () => {
    expect(await repository.getProfile(storeId)).toMatchObject({
      storeId,
      status: 'ACTIVE',
      displayName: 'Lumen Craft',
      marketplaceIds: ['ATVPDKIKX0DER'],
      connectedAt: T0,
      authorizedAt: T0,
    });
    expect(await repository.getTokenCiphertext(storeId, 'SPAPI')).toBe(`ciphertext-of-${storeId}-${T0}`);
    expect(await repository.getTokenCiphertext(storeId, 'ADS')).toBeUndefined();
    expect(await repository.getMembership(storeId, OWNER)).toEqual({ storeId, userId: OWNER, role: 'owner' });
    expect(await repository.getMembership(storeId, STRANGER)).toBeUndefined();
    expect(await repository.listStoresOfUser(OWNER)).toEqual([
      { profile: expect.objectContaining({ storeId, status: 'ACTIVE' }), role: 'owner' },
    ]);
    expect(await repository.listStoresOfUser(STRANGER)).toEqual([]);
  });

  it('re-authorizes in place for its owner: new token and date, connectedAt, name and members kept', async () => {
    await repository.putMember({ storeId, userId: OPERATOR, role: 'operator', actorUserId: OWNER, now: T0 });

    const result = await repository.connectStore(
      connect(storeId, {
        authorizedAt: T1,
        connectedAt: T1,
        reauthorizeBy: '2027-11-21T10:00:00.000Z',
        displayName: storeId.split('-')[0] ?? '',
        marketplaceIds: [],
      }),
    );

    expect(result).toBe('reauthorized');
    expect(await repository.getProfile(storeId)).toMatchObject({
      connectedAt: T0,
      authorizedAt: T1,
      reauthorizeBy: '2027-11-21T10:00:00.000Z',
      displayName: 'Lumen Craft',
      marketplaceIds: ['ATVPDKIKX0DER'],
    });
    expect(await repository.getTokenCiphertext(storeId, 'SPAPI')).toBe(`ciphertext-of-${storeId}-${T1}`);
    expect((await repository.listMembers(storeId)).map((m) => m.userId).sort()).toEqual([OPERATOR, OWNER]);
  });

  it('refuses a claimed store to anyone but its owner, and changes nothing', async () => {
    await repository.putMember({ storeId, userId: OPERATOR, role: 'operator', actorUserId: OWNER, now: T0 });

    for (const claimant of [STRANGER, OPERATOR])
      await expect(
        repository.connectStore(connect(storeId, { authorizedAt: T1 }, claimant)),
      ).rejects.toBeInstanceOf(StoreOwnedElsewhere);

    expect(await repository.getTokenCiphertext(storeId, 'SPAPI')).toBe(`ciphertext-of-${storeId}-${T0}`);
    expect(await repository.getMembership(storeId, STRANGER)).toBeUndefined();
    expect((await repository.getProfile(storeId))?.authorizedAt).toBe(T0);
  });

  it('adds members, changes roles and removes them, owners only', async () => {
    expect(
      await repository.putMember({
        storeId,
        userId: OPERATOR,
        role: 'operator',
        actorUserId: OWNER,
        now: T1,
      }),
    ).toEqual({
      result: 'added',
      member: { storeId, userId: OPERATOR, role: 'operator', addedAt: T1, addedBy: OWNER },
    });
    expect(
      await repository.putMember({
        storeId,
        userId: OPERATOR,
        role: 'operator',
        actorUserId: OWNER,
        now: T1,
      }),
    ).toMatchObject({ result: 'unchanged' });
    expect(
      await repository.putMember({ storeId, userId: OPERATOR, role: 'owner', actorUserId: OWNER, now: T1 }),
    ).toMatchObject({
      result: 'role-changed',
      previousRole: 'operator',
      member: { role: 'owner', addedAt: T1 },
    });

    expect(await repository.removeMember({ storeId, userId: OPERATOR, actorUserId: OWNER })).toMatchObject({
      userId: OPERATOR,
      role: 'owner',
    });
    expect(await repository.removeMember({ storeId, userId: OPERATOR, actorUserId: OWNER })).toBeUndefined();
    expect((await repository.listMembers(storeId)).map((m) => m.userId)).toEqual([OWNER]);
  });

  it('refuses member changes by a non-owner, and a role granted to oneself', async () => {
    await repository.putMember({ storeId, userId: OPERATOR, role: 'operator', actorUserId: OWNER, now: T1 });

    await expect(
      repository.putMember({ storeId, userId: STRANGER, role: 'operator', actorUserId: OPERATOR, now: T1 }),
    ).rejects.toBeInstanceOf(NotAnOwner);
    await expect(
      repository.putMember({ storeId, userId: OPERATOR, role: 'owner', actorUserId: OPERATOR, now: T1 }),
    ).rejects.toBeInstanceOf(NotAnOwner);
    await expect(
      repository.removeMember({ storeId, userId: OWNER, actorUserId: OPERATOR }),
    ).rejects.toBeInstanceOf(NotAnOwner);
    expect((await repository.listMembers(storeId)).map((m) => [m.userId, m.role]).sort()).toEqual([
      [OPERATOR, 'operator'],
      [OWNER, 'owner'],
    ]);
  });

  it('never leaves a store without an owner; an owner may leave while another stays', async () => {
    await expect(
      repository.removeMember({ storeId, userId: OWNER, actorUserId: OWNER }),
    ).rejects.toBeInstanceOf(LastOwner);
    await expect(
      repository.putMember({ storeId, userId: OWNER, role: 'operator', actorUserId: OWNER, now: T1 }),
    ).rejects.toBeInstanceOf(LastOwner);

    await repository.putMember({ storeId, userId: OTHER_OWNER, role: 'owner', actorUserId: OWNER, now: T1 });
    await repository.removeMember({ storeId, userId: OWNER, actorUserId: OWNER });

    expect((await repository.listMembers(storeId)).map((m) => m.userId)).toEqual([OTHER_OWNER]);
  });

  it('learns marketplaces later, keeping the name unless one is given', async () => {
    await repository.setMarketplaces(storeId, ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], undefined);
    expect(await repository.getProfile(storeId)).toMatchObject({
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
      displayName: 'Lumen Craft',
    });

    await repository.setMarketplaces(storeId, ['ATVPDKIKX0DER'], 'Lumen Craft US');
    expect(await repository.getProfile(storeId)).toMatchObject({
      marketplaceIds: ['ATVPDKIKX0DER'],
      displayName: 'Lumen Craft US',
    });
  });

  it('saves restock settings over the version read, owners only', async () => {
    const document = defaultRestockSettings('NA');
    expect(await repository.getRestockSettings(storeId)).toBeUndefined();

    const first = await repository.putRestockSettings({
      storeId,
      document,
      expectedVersion: 0,
      actorUserId: OWNER,
      now: T1,
    });

    expect(first).toEqual({ ...document, version: 1, updatedAt: T1, updatedBy: OWNER });
    expect(await repository.getRestockSettings(storeId)).toEqual(first);
    await expect(
      repository.putRestockSettings({ storeId, document, expectedVersion: 0, actorUserId: OWNER, now: T1 }),
    ).rejects.toBeInstanceOf(RestockSettingsConflict);
    await expect(
      repository.putRestockSettings({
        storeId,
        document,
        expectedVersion: 1,
        actorUserId: STRANGER,
        now: T1,
      }),
    ).rejects.toBeInstanceOf(NotAnOwner);
    expect((await repository.getRestockSettings(storeId))?.version).toBe(1);
  });
});

describe.each(implementations)('SnapshotStore contract: %s', (_name, create) => {
  let snapshots: SnapshotStore;
  let storeId: string;
  beforeEach(() => {
    snapshots = create();
    storeId = newStoreId();
  });

  it('answers what was put, per store, dataset and marketplace', async () => {
    const data = { items: [{ sellerSku: 'MUG-01', fulfillable: 12, name: '马克杯' }], nested: { ok: true } };
    await snapshots.put(storeId, 'inventory', 'ATVPDKIKX0DER', { fetchedAt: T0, data }, 600);

    expect(await snapshots.get(storeId, 'inventory', 'ATVPDKIKX0DER')).toEqual({
      fetchedAt: T0,
      data,
      content: expect.any(String),
    });
    expect(await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER')).toBeUndefined();
    expect(await snapshots.get(storeId, 'inventory', 'A2EUQ1WTGCTBG2')).toBeUndefined();
    expect(await snapshots.get(newStoreId(), 'inventory', 'ATVPDKIKX0DER')).toBeUndefined();
  });

  it('replaces a snapshot with the newer one', async () => {
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T0, data: { orders: 1 } }, 600);
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T1, data: { orders: 2 } }, 600);

    expect(await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER')).toEqual({
      fetchedAt: T1,
      data: { orders: 2 },
      content: expect.any(String),
    });
  });

  it("names each content in the store's versions, and a read of the same data moves only its read time on", async () => {
    expect(await snapshots.versions(storeId)).toEqual(new Map());
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T0, data: { orders: [1, 2] } }, 600);
    const first = await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER');
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T1, data: { orders: [1, 2] } }, 600);

    const again = await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER');
    expect(again).toEqual({ fetchedAt: T1, data: { orders: [1, 2] }, content: first?.content });
    const versions = await snapshots.versions(storeId);
    expect(versions).toEqual(new Map([['orders#ATVPDKIKX0DER', { content: first?.content, readAt: T1 }]]));
    // The versions just read answer the same as reading them again.
    expect(await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER', { versions })).toEqual(again);

    await snapshots.put(
      storeId,
      'orders',
      'ATVPDKIKX0DER',
      { fetchedAt: T2, data: { orders: [1, 2, 3] } },
      600,
    );
    const changed = await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER');
    expect(changed?.content).not.toBe(first?.content);
    expect((await snapshots.versions(storeId)).get('orders#ATVPDKIKX0DER')).toEqual({
      content: changed?.content,
      readAt: T2,
    });
  });

  it('keeps the later read time when two reads are stored out of order', async () => {
    await snapshots.put(storeId, 'inventory', 'ATVPDKIKX0DER', { fetchedAt: T1, data: { n: 1 } }, 600);
    await snapshots.put(storeId, 'inventory', 'ATVPDKIKX0DER', { fetchedAt: T0, data: { n: 1 } }, 600);

    expect((await snapshots.get(storeId, 'inventory', 'ATVPDKIKX0DER'))?.fetchedAt).toBe(T1);
    expect((await snapshots.versions(storeId)).get('inventory#ATVPDKIKX0DER')?.readAt).toBe(T1);
  });

  it('hands out data that cannot be changed under the next reader', async () => {
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T0, data: { orders: [1] } }, 600);
    const read = await snapshots.get<{ orders: number[] }>(storeId, 'orders', 'ATVPDKIKX0DER');
    try {
      read?.data.orders.push(2);
    } catch {
      // Frozen (the DynamoDB adapter keeps decoded snapshots per execution environment).
    }
    expect((await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER'))?.data).toEqual({ orders: [1] });
  });

  it('answers nothing once the retention has passed (DynamoDB deletes expired items lazily)', async () => {
    await snapshots.put(storeId, 'inventory', 'ATVPDKIKX0DER', { fetchedAt: T0, data: {} }, 0);

    expect(await snapshots.get(storeId, 'inventory', 'ATVPDKIKX0DER')).toBeUndefined();
  });
});

describe('SnapshotStore on DynamoDB: what a read of the same data writes', () => {
  it('rewrites the small versions item, not the snapshot', async () => {
    const snapshots = createDynamoDbStoreRepository(dynamo.client, TABLE);
    const storeId = newStoreId();
    const data = { orders: Array.from({ length: 200 }, (_, index) => ({ id: `order-${index}` })) };
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T0, data }, 600);
    await snapshots.put(storeId, 'orders', 'ATVPDKIKX0DER', { fetchedAt: T1, data }, 600);

    const raw = await DynamoDBDocumentClient.from(dynamo.client).send(
      new GetCommand({
        TableName: TABLE,
        Key: { pk: `STORE#${storeId}`, sk: 'SNAPSHOT#orders#ATVPDKIKX0DER' },
      }),
    );
    expect(raw.Item?.['fetchedAt']).toBe(T0);
    expect((await snapshots.get(storeId, 'orders', 'ATVPDKIKX0DER'))?.fetchedAt).toBe(T1);
  });
});
