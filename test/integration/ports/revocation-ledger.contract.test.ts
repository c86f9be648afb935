import { randomUUID } from 'node:crypto';
import { ensureTable } from '../../../local/emulators';
import { createDynamoDbRevocationStore } from '../../../shared/adapters/dynamodb-revocation-store';
import { createDynamoDbStoreRepository } from '../../../shared/adapters/dynamodb-store-repository';
import type {
  ActiveStoreDirectory,
  RevocationLedger,
  RevokeStoreCommand,
} from '../../../shared/revocation/ports';
import { activeStore, FakeDirectory, FakeLedger } from '../../unit/revocation/fakes';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// One contract, two implementations: the in-memory ledger the worker's unit tests drive (test/unit/revocation)
// and the DynamoDB revocation store on DynamoDB Local. If they agree here, the unit tests' retry and idempotency
// paths say something true of the table.
const TABLE = 'mint-hub-revocation-ledger-contract';
const CONNECTED_AT = '2026-11-01T10:00:00.000Z';
const AUTHORIZED_AT = '2026-11-10T10:00:00.000Z';
const MARKETPLACES = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'];
const NOW = new Date('2026-11-20T10:00:00.000Z');

const dynamo = useDynamoDbLocalTable(TABLE);

/** A ledger with one active store (a token and a snapshot per marketplace), and how to see its token. */
interface Harness {
  readonly ledger: RevocationLedger;
  hasToken(storeId: string): Promise<boolean>;
}

const implementations: Array<[string, (storeId: string) => Promise<Harness>]> = [
  [
    'in memory',
    async (storeId) => {
      const ledger = new FakeLedger([
        activeStore(storeId, {
          connectedAt: CONNECTED_AT,
          authorizedAt: AUTHORIZED_AT,
          snapshots: MARKETPLACES.map((marketplace) => `SNAPSHOT#inventory#${marketplace}`),
        }),
      ]);
      return { ledger, hasToken: async (id) => (ledger.stores.get(id)?.tokens.length ?? 0) > 0 };
    },
  ],
  [
    'DynamoDB revocation store on DynamoDB Local',
    async (storeId) => {
      const repository = createDynamoDbStoreRepository(dynamo.client, TABLE);
      const connectAt = (at: string, ciphertext: string) =>
        repository.connectStore({
          profile: {
            storeId,
            sellingPartnerId: storeId.split('-')[0] ?? '',
            region: 'NA',
            marketplaceIds: MARKETPLACES,
            displayName: 'Lumen Craft',
            status: 'ACTIVE',
            connectedAt: at,
            reauthorizeBy: '2027-11-10T10:00:00.000Z',
            authorizedAt: at,
          },
          token: { ciphertext, keyId: 'key-1' },
          ownerUserId: 'user-owner',
        });
      await connectAt(CONNECTED_AT, 'first');
      // Re-authorized later: authorizedAt moves, connectedAt stays.
      await connectAt(AUTHORIZED_AT, 'second');
      for (const marketplace of MARKETPLACES)
        await repository.put(storeId, 'inventory', marketplace, { fetchedAt: AUTHORIZED_AT, data: {} }, 3600);
      return {
        ledger: createDynamoDbRevocationStore(dynamo.client, TABLE),
        hasToken: async (id) => (await repository.getTokenCiphertext(id, 'SPAPI')) !== undefined,
      };
    },
  ],
];

let sellers = 0;
const newStoreId = () => `A${String(++sellers).padStart(9, '0')}LEDGER-NA`;

describe.each(implementations)('RevocationLedger contract: %s', (_name, create) => {
  let storeId: string;
  let harness: Harness;
  const revoke = (overrides: Partial<RevokeStoreCommand> = {}): RevokeStoreCommand => ({
    storeId,
    eventId: randomUUID(),
    source: 'invalid_grant',
    at: '2026-11-15T10:00:00.000Z',
    expectedStatus: 'ACTIVE',
    sellingPartnerId: storeId.split('-')[0] ?? '',
    region: 'NA',
    now: NOW,
    ...overrides,
  });

  beforeEach(async () => {
    storeId = newStoreId();
    harness = await create(storeId);
  });

  it('reads the state of a store, and nothing for an unknown one', async () => {
    expect(await harness.ledger.getStoreState(storeId)).toEqual({
      storeId,
      sellingPartnerId: storeId.split('-')[0],
      region: 'NA',
      status: 'ACTIVE',
      connectedAt: CONNECTED_AT,
      authorizedAt: AUTHORIZED_AT,
    });
    expect(await harness.ledger.getStoreState(newStoreId())).toBeUndefined();
  });

  it('revokes once: status, token and snapshots gone, the event recorded with its audit pending', async () => {
    const command = revoke({ source: 'disconnect', actorId: 'user-owner' });

    expect(await harness.ledger.revokeStore(command)).toBe('applied');

    expect(await harness.ledger.getStoreState(storeId)).toMatchObject({ status: 'REVOKED' });
    expect(await harness.hasToken(storeId)).toBe(false);
    expect(await harness.ledger.purgeSnapshots(storeId)).toBe(0);
    expect(await harness.ledger.getProcessedEvent(storeId, command.eventId)).toMatchObject({
      eventId: command.eventId,
      storeId,
      action: 'revoke',
      outcome: 'revoked',
      at: command.at,
      processedAt: NOW.toISOString(),
      auditPending: true,
      revocation: {
        source: 'disconnect',
        actorId: 'user-owner',
        previousStatus: 'ACTIVE',
        sellingPartnerId: command.sellingPartnerId,
        region: 'NA',
        snapshotsPurged: MARKETPLACES.length,
      },
    });
    expect(await harness.ledger.revokeStore(command)).toBe('duplicate');
  });

  it('refuses evidence older than the last authorization, and a store that changed since it was read', async () => {
    expect(await harness.ledger.revokeStore(revoke({ at: '2026-11-05T10:00:00.000Z' }))).toBe('conflict');
    expect(await harness.ledger.revokeStore(revoke({ expectedStatus: 'SUSPENDED' }))).toBe('conflict');

    expect(await harness.ledger.getStoreState(storeId)).toMatchObject({ status: 'ACTIVE' });
    expect(await harness.hasToken(storeId)).toBe(true);
  });

  it('records an account status once, and refuses an older one', async () => {
    const eventId = randomUUID();
    const change = {
      storeId,
      eventId,
      at: '2026-11-18T10:00:00.000Z',
      accountStatus: 'DEACTIVATED' as const,
      expectedStatus: 'ACTIVE' as const,
      status: 'SUSPENDED' as const,
      now: NOW,
    };

    expect(await harness.ledger.changeAccountStatus(change)).toBe('applied');
    expect(await harness.ledger.changeAccountStatus(change)).toBe('duplicate');
    expect(
      await harness.ledger.changeAccountStatus({
        ...change,
        eventId: randomUUID(),
        at: '2026-11-17T10:00:00.000Z',
        accountStatus: 'NORMAL',
        expectedStatus: 'SUSPENDED',
        status: 'ACTIVE',
      }),
    ).toBe('conflict');

    expect(await harness.ledger.getStoreState(storeId)).toMatchObject({
      status: 'SUSPENDED',
      accountStatus: 'DEACTIVATED',
      accountStatusAt: '2026-11-18T10:00:00.000Z',
    });
    expect(await harness.ledger.getProcessedEvent(storeId, eventId)).toMatchObject({
      action: 'account-status',
      outcome: 'status-changed',
      auditPending: false,
    });
  });

  it('records an ignored event so that its redelivery is recognised', async () => {
    const event = {
      storeId,
      eventId: randomUUID(),
      action: 'revoke' as const,
      reason: 'already-revoked' as const,
      at: '2026-11-18T10:00:00.000Z',
      now: NOW,
    };

    expect(await harness.ledger.recordIgnoredEvent(event)).toBe('applied');
    expect(await harness.ledger.recordIgnoredEvent(event)).toBe('duplicate');
    expect(await harness.ledger.getProcessedEvent(storeId, event.eventId)).toMatchObject({
      outcome: 'ignored:already-revoked',
      auditPending: false,
    });
    expect(await harness.ledger.getStoreState(storeId)).toMatchObject({ status: 'ACTIVE' });
  });

  it('clears the pending audit of a revocation once its record is written', async () => {
    const command = revoke();
    await harness.ledger.revokeStore(command);

    await harness.ledger.markAudited(storeId, command.eventId, NOW);

    expect(await harness.ledger.getProcessedEvent(storeId, command.eventId)).toMatchObject({
      auditPending: false,
    });
  });

  it('purges snapshots on request and counts them', async () => {
    expect(await harness.ledger.purgeSnapshots(storeId)).toBe(MARKETPLACES.length);
    expect(await harness.ledger.purgeSnapshots(storeId)).toBe(0);
  });
});

// The health check's side of the same store: active stores in a fixed order, and where the last run stopped.
let directoryTables = 0;
const DIRECTORY_STORES = Array.from({ length: 7 }, (_, i) => `A${String(i).padStart(9, '0')}ACTIVE-NA`);
const REAUTHORIZE_BY = '2027-11-10T10:00:00.000Z';

const directories: Array<[string, () => Promise<ActiveStoreDirectory>]> = [
  [
    'in memory',
    async () =>
      new FakeDirectory(
        DIRECTORY_STORES.map((storeId) => ({
          storeId,
          sellingPartnerId: storeId.split('-')[0] ?? '',
          region: 'NA' as const,
          reauthorizeBy: REAUTHORIZE_BY,
        })),
      ),
  ],
  [
    'DynamoDB revocation store on DynamoDB Local',
    async () => {
      // A table of its own for each test: the directory is the whole table.
      const table = `mint-hub-active-store-directory-${++directoryTables}`;
      await ensureTable(dynamo.client, table);
      const repository = createDynamoDbStoreRepository(dynamo.client, table);
      for (const storeId of DIRECTORY_STORES)
        await repository.connectStore({
          profile: {
            storeId,
            sellingPartnerId: storeId.split('-')[0] ?? '',
            region: 'NA',
            marketplaceIds: MARKETPLACES,
            displayName: storeId,
            status: 'ACTIVE',
            connectedAt: CONNECTED_AT,
            reauthorizeBy: REAUTHORIZE_BY,
            authorizedAt: CONNECTED_AT,
          },
          token: { ciphertext: 'c', keyId: 'key-1' },
          ownerUserId: 'user-owner',
        });
      return createDynamoDbRevocationStore(dynamo.client, table);
    },
  ],
];

async function listAll(directory: ActiveStoreDirectory, pageSize: number, startAfter?: string) {
  const pages: string[][] = [];
  for await (const page of directory.activeStorePages(pageSize, startAfter))
    pages.push(page.map((store) => store.storeId));
  return pages;
}

describe.each(directories)('ActiveStoreDirectory contract: %s', (_name, create) => {
  it('lists every active store once, in bounded pages, in the same order on every run', async () => {
    const directory = await create();

    const pages = await listAll(directory, 3);
    const again = await listAll(directory, 5);

    expect(pages.every((page) => page.length <= 3)).toBe(true);
    expect([...pages.flat()].sort()).toEqual(DIRECTORY_STORES);
    expect(again.flat()).toEqual(pages.flat());
  });

  it('continues after a given store, in that order', async () => {
    const directory = await create();
    const order = (await listAll(directory, 100)).flat();

    for (const index of [0, 3, order.length - 1])
      expect((await listAll(directory, 2, order[index])).flat()).toEqual(order.slice(index + 1));
  });

  it('keeps the cursor between runs: nothing before the first, then the last saved', async () => {
    const directory = await create();
    expect(await directory.readHealthCheckCursor()).toBeUndefined();

    await directory.saveHealthCheckCursor(DIRECTORY_STORES[4] ?? '', NOW);
    await directory.saveHealthCheckCursor(DIRECTORY_STORES[2] ?? '', NOW);

    expect(await directory.readHealthCheckCursor()).toBe(DIRECTORY_STORES[2]);
  });
});
