import type { Store } from '../../../dashboard/src/api/types';
import {
  canDisconnect,
  canOpenData,
  canReadAudit,
  sortStores,
  storeName,
  storeStatusView,
} from '../../../dashboard/src/data/store-status';

const NOW = Date.parse('2026-11-23T08:00:00Z');
const store = (overrides: Partial<Store> = {}): Store => ({
  storeId: 'S-NA',
  sellingPartnerId: 'S',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  status: 'ACTIVE',
  ...overrides,
});

describe('store status', () => {
  it('is active until re-authorization is within 30 days', () => {
    expect(storeStatusView(store({ reauthorizeBy: '2027-06-01T00:00:00Z' }), NOW)).toEqual({
      kind: 'active',
    });
    expect(storeStatusView(store(), NOW)).toEqual({ kind: 'active' });
  });

  it('counts the days left when re-authorization is due', () => {
    expect(storeStatusView(store({ reauthorizeBy: '2026-12-05T08:00:00Z' }), NOW)).toEqual({
      kind: 'reauth-due',
      reauthorizeBy: '2026-12-05T08:00:00Z',
      daysLeft: 12,
    });
  });

  it('requires re-authorization once the date has passed or the API says so', () => {
    expect(storeStatusView(store({ reauthorizeBy: '2026-11-20T00:00:00Z' }), NOW).kind).toBe(
      'reauth-required',
    );
    expect(storeStatusView(store({ status: 'REAUTH_REQUIRED' }), NOW).kind).toBe('reauth-required');
  });

  it('shows suspended and revoked stores as such', () => {
    expect(storeStatusView(store({ status: 'SUSPENDED' }), NOW).kind).toBe('suspended');
    expect(
      storeStatusView(store({ status: 'REVOKED', reauthorizeBy: '2026-12-01T00:00:00Z' }), NOW).kind,
    ).toBe('revoked');
  });
});

describe('what a member may do', () => {
  it('lets owners disconnect and read the access log; operators neither', () => {
    expect(canDisconnect(store({ role: 'owner' }))).toBe(true);
    expect(canDisconnect(store({ role: 'operator' }))).toBe(false);
    expect(canDisconnect(store({ role: 'owner', status: 'REVOKED' }))).toBe(false);
    expect(canReadAudit(store({ role: 'operator' }), false)).toBe(false);
    expect(canReadAudit(store({ role: 'operator' }), true)).toBe(true);
    expect(canReadAudit(store({ role: 'owner' }), false)).toBe(true);
  });

  it('never opens data views of a revoked store', () => {
    expect(canOpenData(store({ status: 'REVOKED' }))).toBe(false);
    expect(canOpenData(store({ status: 'REAUTH_REQUIRED' }))).toBe(true);
  });

  it('lists stores needing attention first', () => {
    const sorted = sortStores(
      [
        store({ storeId: 'revoked', displayName: 'A', status: 'REVOKED' }),
        store({ storeId: 'ok', displayName: 'B' }),
        store({ storeId: 'due', displayName: 'C', reauthorizeBy: '2026-12-01T00:00:00Z' }),
      ],
      NOW,
    );
    expect(sorted.map((s) => s.storeId)).toEqual(['due', 'ok', 'revoked']);
  });

  it('names a store by its display name, else its seller id', () => {
    expect(storeName(store({ displayName: 'Lumen' }))).toBe('Lumen');
    expect(storeName(store())).toBe('S');
  });
});
