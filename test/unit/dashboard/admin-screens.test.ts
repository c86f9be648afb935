import type { AdminStoreSummary, AdminStoresResponse } from '../../../shared/api/admin-stores-contract';
import type { AuditLogEntry } from '../../../shared/api/audit-contract';
import {
  adminStoreAsStore,
  appendAdminPage,
  findAdminStore,
  ownersOf,
  personLabel,
  searchAdminStores,
} from '../../../dashboard/src/data/admin-stores';
import { ALL, actorView, filterAudit } from '../../../dashboard/src/data/audit';
import { parseRoute, routeHref } from '../../../dashboard/src/router/routes';

const LIN_ID = '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02';
const GONE_ID = 'b5d7f9a1-3c5e-4b7d-9f1a-3c5e7a9b1d03';

const entry = (
  actorId: string,
  extra: Partial<AuditLogEntry> = {},
  type: 'operator' | 'system' = 'operator',
) =>
  ({
    kind: 'data-access',
    at: '2026-12-03T10:00:00.000Z',
    actor: { type, id: actorId },
    storeId: 'A2LUMENCRAFT7Q-NA',
    sellingPartnerId: 'A2LUMENCRAFT7Q',
    region: 'NA',
    marketplaceId: 'ATVPDKIKX0DER',
    dataset: 'inventory',
    operation: 'GetInventory',
    reason: 'inventory-replenishment',
    outcome: 'allowed',
    source: 'snapshot',
    itemCount: 3,
    requestId: `req-${actorId}`,
    ...extra,
  }) as AuditLogEntry;

const lin = entry(LIN_ID, { actorName: 'Lin Zhao', actorEmail: 'lin@minthub.local' });
const emailOnly = entry('e0000000-0000-4000-8000-000000000001', {
  actorName: null,
  actorEmail: 'kai@minthub.local',
});
const gone = entry(GONE_ID, { actorName: null, actorEmail: null });
const noNames = entry('e0000000-0000-4000-8000-000000000002');
const system = entry('authorization-health-check', {}, 'system');

describe("the access log's Who", () => {
  it('names an operator by name with the email beside it, everything in the tooltip', () => {
    expect(actorView(lin)).toEqual({
      kind: 'operator',
      primary: 'Lin Zhao',
      secondary: 'lin@minthub.local',
      full: `Lin Zhao · lin@minthub.local · ${LIN_ID}`,
    });
    expect(actorView(emailOnly)).toMatchObject({ kind: 'operator', primary: 'kai@minthub.local' });
    expect(actorView(emailOnly).secondary).toBeUndefined();
  });

  it('shows the id of a user the pool no longer has as unknown, and the id alone when no names came', () => {
    expect(actorView(gone)).toEqual({ kind: 'unknown', primary: GONE_ID, full: GONE_ID });
    expect(actorView(noNames).kind).toBe('id-only');
    expect(actorView(system)).toMatchObject({ kind: 'system', full: 'system: authorization-health-check' });
  });

  it('finds records by name or email, any case ("Lin" finds lin\'s records)', () => {
    const records = [lin, emailOnly, gone, noNames, system];
    const search = (query: string) => filterAudit(records, { outcome: ALL, dataset: ALL, query });

    expect(search('Lin')).toEqual([lin]);
    expect(search('KAI@')).toEqual([emailOnly]);
    expect(search(GONE_ID.slice(0, 8))).toEqual([gone]);
  });
});

const summary = (storeId: string, extra: Partial<AdminStoreSummary> = {}): AdminStoreSummary => ({
  storeId,
  sellingPartnerId: storeId.slice(0, -3),
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  displayName: `Store ${storeId}`,
  status: 'ACTIVE',
  connectedAt: '2026-11-01T10:00:00.000Z',
  reauthorizeBy: '2027-11-01T10:00:00.000Z',
  reauthorizeInDays: 333,
  reauthorizationDue: false,
  role: null,
  members: [
    { userId: LIN_ID, name: 'Lin Zhao', email: 'lin@minthub.local', role: 'owner' },
    { userId: GONE_ID, name: null, email: null, role: 'operator' },
  ],
  healthCheck: null,
  ...extra,
});

describe('the admin list in the dashboard', () => {
  it('appends pages, keeping the first row of a store met twice, and the last cursor', () => {
    const first = appendAdminPage(undefined, {
      stores: [summary('A1-NA'), summary('A2-NA')],
      nextCursor: 'c1',
    });
    const both = appendAdminPage(first, {
      stores: [summary('A2-NA', { displayName: 'again' }), summary('A3-NA')],
    });

    expect(both.stores.map((s) => s.storeId)).toEqual(['A1-NA', 'A2-NA', 'A3-NA']);
    expect(both.stores[1]?.displayName).toBe('Store A2-NA');
    expect(both.nextCursor).toBeUndefined();
  });

  it('searches store name, seller id and people by name or email', () => {
    const stores = [
      summary('A1LUMEN-NA', { displayName: 'Lumen Craft Co.' }),
      summary('A2HARBOR-NA', { members: [] }),
    ];

    expect(searchAdminStores(stores, 'lumen').map((s) => s.storeId)).toEqual(['A1LUMEN-NA']);
    expect(searchAdminStores(stores, 'lin@').map((s) => s.storeId)).toEqual(['A1LUMEN-NA']);
    expect(searchAdminStores(stores, 'A2HARBOR').map((s) => s.storeId)).toEqual(['A2HARBOR-NA']);
    expect(searchAdminStores(stores, '  ')).toHaveLength(2);
  });

  it('names people and owners, the id for one gone from the pool', () => {
    const store = summary('A1-NA');
    expect(ownersOf(store).map(personLabel)).toEqual(['Lin Zhao']);
    expect(personLabel(store.members[1]!)).toBe(GONE_ID);
  });

  it('gives the store pages a store without a role when the admin is not a member', () => {
    expect(adminStoreAsStore(summary('A1-NA'))).not.toHaveProperty('role');
    expect(adminStoreAsStore(summary('A1-NA'))).not.toHaveProperty('members');
    expect(adminStoreAsStore(summary('A1-NA', { role: 'operator' })).role).toBe('operator');
  });

  it('finds a deep-linked store by walking the pages, at most maxPages', async () => {
    const pages: Record<string, AdminStoresResponse> = {
      first: { stores: [summary('B1-NA')], nextCursor: 'p2' },
      p2: { stores: [summary('B2-NA')], nextCursor: 'p3' },
      p3: { stores: [summary('B3-NA')] },
    };
    const asked: (string | undefined)[] = [];
    const listPage = async (cursor: string | undefined) => {
      asked.push(cursor);
      return pages[cursor ?? 'first']!;
    };

    expect((await findAdminStore('B3-NA', listPage))?.storeId).toBe('B3-NA');
    expect(asked).toEqual([undefined, 'p2', 'p3']);
    // Seen once, found again without asking.
    expect((await findAdminStore('B2-NA', listPage))?.storeId).toBe('B2-NA');
    expect(asked).toHaveLength(3);
    expect(await findAdminStore('B9-NA', listPage, 2)).toBeUndefined();
    expect(asked).toHaveLength(5);
  });
});

describe('the admin route', () => {
  it('is /admin both ways', () => {
    expect(parseRoute('/admin', '')).toEqual({ name: 'admin' });
    expect(parseRoute('/admin/', '')).toEqual({ name: 'admin' });
    expect(routeHref({ name: 'admin' })).toBe('/admin');
  });
});
