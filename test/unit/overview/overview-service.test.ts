import type { AuditRecord } from '../../../shared/audit/audit-record';
import {
  OVERVIEW_DEFAULT_REASON,
  OverviewLineCache,
  readOverview,
} from '../../../shared/overview/overview-service';
import { snapshotKeyOf, type Snapshot, type SnapshotKey, type StoreBatchReader } from '../../../shared/ports';
import { emptyHistory } from '../../../shared/store-data/order-history-state';
import type { MemberRole, StoreProfile } from '../../../shared/stores/store';

// The overview's reads and audit, with in-memory stand-ins for the table and the audit trail (the DynamoDB
// adapter itself is exercised by test/integration/workspace/overview.test.ts).
const US = 'ATVPDKIKX0DER';
const NOW = new Date('2026-11-20T18:00:00Z');
const CALLER = { userId: 'user-lin', email: 'lin@minthub.local', isAdmin: false };

const profile = (storeId: string, patch: Partial<StoreProfile> = {}): StoreProfile => ({
  storeId,
  sellingPartnerId: storeId.split('-')[0] ?? '',
  region: 'NA',
  marketplaceIds: [US],
  displayName: storeId,
  status: 'ACTIVE',
  connectedAt: '2026-01-01T00:00:00Z',
  reauthorizeBy: '2027-06-01T00:00:00Z',
  ...patch,
});

function world() {
  const listed: Array<{ profile: StoreProfile; role: MemberRole }> = [];
  const memberships = new Map<string, MemberRole>();
  const snapshots = new Map<string, Snapshot<unknown>>();
  const audit: AuditRecord[] = [];
  const snapshotDataReads: string[] = [];
  let auditFails = false;
  const batch: StoreBatchReader = {
    getMemberships: async (_userId, storeIds) =>
      new Map([...memberships].filter(([storeId]) => storeIds.includes(storeId))),
    getSnapshots: async (keys: readonly SnapshotKey[]) => {
      snapshotDataReads.push(...keys.map(snapshotKeyOf));
      return new Map(
        keys.flatMap((key) => {
          const snapshot = snapshots.get(snapshotKeyOf(key));
          return snapshot === undefined ? [] : [[snapshotKeyOf(key), snapshot] as const];
        }),
      );
    },
    getSnapshotTimes: async (keys: readonly SnapshotKey[]) =>
      new Map(
        keys.flatMap((key) => {
          const snapshot = snapshots.get(snapshotKeyOf(key));
          return snapshot === undefined ? [] : [[snapshotKeyOf(key), snapshot.fetchedAt] as const];
        }),
      ),
    getRestockSettingsOfStores: async () => new Map(),
  };
  const deps = {
    stores: { listStoresOfUser: async () => listed },
    batch,
    audit: {
      write: async (record: AuditRecord) => {
        if (auditFails) throw new Error('CloudWatch Logs is down');
        audit.push(record);
      },
    },
    clock: { now: () => NOW },
    datasets: { inventory: true, orders: true },
    cache: new OverviewLineCache(),
  };
  return {
    deps,
    listed,
    memberships,
    snapshots,
    audit,
    snapshotDataReads,
    failAudit: () => (auditFails = true),
  };
}

const ordersSnapshot = (fetchedAt: string, lateOrders: number): Snapshot<unknown> => ({
  fetchedAt,
  data: {
    ...emptyHistory('America/Los_Angeles', NOW),
    openOrders: {
      readAt: fetchedAt,
      orders: Array.from({ length: lateOrders }, (_, i) => ({
        orderId: `111-000000${i}-0000000`,
        marketplaceId: US,
        status: 'UNSHIPPED',
        channel: 'MFN',
        createdTime: '2026-11-18T00:00:00Z',
        lastUpdatedTime: '2026-11-18T00:00:00Z',
        latestShipDate: '2026-11-20T10:00:00Z',
        total: undefined,
        items: [],
      })),
    },
  },
});

const args = { reason: 'order-fulfillment-monitoring', requestId: 'req-1' };

describe('readOverview', () => {
  it('leaves out a store the index lists but the consistent membership read does not confirm', async () => {
    const w = world();
    w.listed.push({ profile: profile('AKEPT0001-NA'), role: 'owner' });
    w.listed.push({ profile: profile('AREMOVED01-NA'), role: 'operator' });
    w.memberships.set('AKEPT0001-NA', 'owner');
    const answer = await readOverview(w.deps, CALLER, args);
    expect(answer.stores.map((s) => s.storeId)).toEqual(['AKEPT0001-NA']);
    expect(w.audit.map((r) => r.storeId)).toEqual(['AKEPT0001-NA']);
  });

  it('reads a snapshot once while it is unchanged, and again once a view stored a newer one', async () => {
    const w = world();
    w.listed.push({ profile: profile('ALUMEN0001-NA'), role: 'owner' });
    w.memberships.set('ALUMEN0001-NA', 'owner');
    w.snapshots.set(
      snapshotKeyOf({ storeId: 'ALUMEN0001-NA', dataset: 'orders', marketplaceId: US }),
      ordersSnapshot('2026-11-20T17:00:00Z', 2),
    );
    const first = await readOverview(w.deps, CALLER, args);
    expect(first.totals.lateShipments).toBe(2);
    expect(w.snapshotDataReads).toHaveLength(1);

    const again = await readOverview(w.deps, CALLER, args);
    expect(again.totals.lateShipments).toBe(2);
    expect(w.snapshotDataReads).toHaveLength(1);

    w.snapshots.set(
      snapshotKeyOf({ storeId: 'ALUMEN0001-NA', dataset: 'orders', marketplaceId: US }),
      ordersSnapshot('2026-11-20T17:30:00Z', 5),
    );
    const later = await readOverview(w.deps, CALLER, args);
    expect(later.totals.lateShipments).toBe(5);
    expect(w.snapshotDataReads).toHaveLength(2);
  });

  it('returns no data when a record cannot be written', async () => {
    const w = world();
    w.listed.push({ profile: profile('ALUMEN0001-NA'), role: 'owner' });
    w.memberships.set('ALUMEN0001-NA', 'owner');
    w.failAudit();
    await expect(readOverview(w.deps, CALLER, args)).rejects.toMatchObject({ code: 'AuditUnavailable' });
  });

  it('refuses an unknown reason before reading anything', async () => {
    const w = world();
    w.listed.push({ profile: profile('ALUMEN0001-NA'), role: 'owner' });
    for (const reason of ['curiosity', '']) {
      await expect(readOverview(w.deps, CALLER, { ...args, reason })).rejects.toMatchObject({
        code: 'BadRequest',
      });
    }
    expect(w.audit).toEqual([]);
  });

  it('audits the overview reason when the caller names none (the contract route has no parameters)', async () => {
    const w = world();
    w.listed.push({ profile: profile('ALUMEN0001-NA'), role: 'owner' });
    w.memberships.set('ALUMEN0001-NA', 'owner');
    await readOverview(w.deps, CALLER, { ...args, reason: undefined });
    expect(w.audit.length).toBeGreaterThan(0);
    expect(w.audit.map((record) => (record.kind === 'data-access' ? record.reason : record.kind))).toEqual(
      w.audit.map(() => OVERVIEW_DEFAULT_REASON),
    );
  });
});

describe('OverviewLineCache', () => {
  it('drops the least recently used entry past its size', () => {
    const cache = new OverviewLineCache(2);
    const lines = { inventory: null, listing: undefined };
    cache.set('a', lines);
    cache.set('b', lines);
    expect(cache.get('a')).toBe(lines);
    cache.set('c', lines);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(lines);
    expect(cache.get('c')).toBe(lines);
  });
});
