import { REVOCATION_SOURCES } from '../../../shared/revocation/revocation-event';
import type { DisconnectResponse, Store, StoresResponse } from '../../../dashboard/src/api/types';
import {
  canDisconnect,
  canOpenData,
  canReadAudit,
  canReauthorize,
  canViewMembers,
  markDisconnected,
  revokedBadgeKey,
  revokedCause,
  revokedMessageKey,
  sortStores,
  storeName,
  storeStatusView,
} from '../../../dashboard/src/data/store-status';
import { translate } from '../../../dashboard/src/i18n/i18n';

const store = (overrides: Partial<Store> = {}): Store => ({
  storeId: 'S-NA',
  sellingPartnerId: 'S',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  status: 'ACTIVE',
  ...overrides,
});

// Whether re-authorization is due is the API's rule (GET /api/stores answers reauthorizationDue and
// reauthorizeInDays); the dashboard shows what it says and never counts days itself.
describe('store status', () => {
  it('is active unless the API says re-authorization is due, whatever the date', () => {
    expect(
      storeStatusView(
        store({ reauthorizeBy: '2027-06-01T00:00:00Z', reauthorizeInDays: 190, reauthorizationDue: false }),
      ),
    ).toEqual({ kind: 'active' });
    expect(storeStatusView(store())).toEqual({ kind: 'active' });
    // Twelve days away, but the API did not flag it: not due.
    expect(
      storeStatusView(store({ reauthorizeBy: '2026-12-05T08:00:00Z', reauthorizeInDays: 12 })).kind,
    ).toBe('active');
  });

  it("shows the API's days left when re-authorization is due", () => {
    expect(
      storeStatusView(
        store({ reauthorizeBy: '2026-12-05T08:00:00Z', reauthorizeInDays: 12, reauthorizationDue: true }),
      ),
    ).toEqual({ kind: 'reauth-due', reauthorizeBy: '2026-12-05T08:00:00Z', daysLeft: 12 });
  });

  it('requires re-authorization once the API counts the date as past, or the status says so', () => {
    expect(
      storeStatusView(
        store({ reauthorizeBy: '2026-11-20T00:00:00Z', reauthorizeInDays: -4, reauthorizationDue: true }),
      ).kind,
    ).toBe('reauth-required');
    expect(storeStatusView(store({ status: 'REAUTH_REQUIRED' })).kind).toBe('reauth-required');
  });

  it('shows suspended and revoked stores as such', () => {
    expect(storeStatusView(store({ status: 'SUSPENDED' })).kind).toBe('suspended');
    expect(
      storeStatusView(
        store({ status: 'REVOKED', reauthorizeBy: '2026-12-01T00:00:00Z', reauthorizationDue: true }),
      ).kind,
    ).toBe('revoked');
  });
});

describe('why a store is revoked', () => {
  const wording = (reason: string | undefined, locale: 'en' | 'zh-CN' = 'en') => {
    const view = storeStatusView(store({ status: 'REVOKED', revokedReason: reason }));
    if (view.kind !== 'revoked') throw new Error(`not revoked: ${view.kind}`);
    return {
      badge: translate(locale, revokedBadgeKey(view.cause)),
      cause: translate(locale, `stores.cause.${view.cause}`),
      notice: translate(locale, revokedMessageKey(view.cause)),
    };
  };

  it("words an owner's disconnect as such, never as the seller revoking", () => {
    expect(wording('disconnect')).toEqual({
      badge: 'Disconnected',
      cause: 'Disconnected by an owner in Mint Hub',
      notice: expect.stringMatching(/^An owner disconnected this store in Mint Hub/),
    });
    expect(Object.values(wording('disconnect')).join(' ')).not.toMatch(/seller/i);
    expect(wording('disconnect', 'zh-CN').badge).toBe('已断开连接');
    expect(Object.values(wording('disconnect', 'zh-CN')).join(' ')).not.toContain('卖家已');
  });

  it('says the seller revoked (or the authorization lapsed) for invalid_grant and the health check', () => {
    for (const reason of ['invalid_grant', 'health-check']) {
      expect(wording(reason)).toMatchObject({
        badge: 'Revoked at Amazon',
        cause: 'The seller removed the app at Amazon, or the authorization lapsed',
      });
    }
    expect(wording('account-status')).toMatchObject({
      badge: 'Account deactivated',
      cause: 'Amazon deactivated the seller account',
    });
  });

  it('falls back to a plain "Revoked" without a known reason', () => {
    expect(wording(undefined).badge).toBe('Revoked');
    expect(wording('something-new').cause).toBe('The authorization was revoked');
  });

  it('knows every revocation source the backend records', () => {
    for (const source of REVOCATION_SOURCES) expect(revokedCause(source)).not.toBe('unknown');
    expect(revokedCause('toString')).toBe('unknown');
  });

  it('marks the row revoked by a disconnect the moment the 202 arrives', () => {
    const list: StoresResponse = {
      stores: [store({ storeId: 'A-NA', role: 'owner' }), store({ storeId: 'B-NA', role: 'owner' })],
    };
    const answer: DisconnectResponse = {
      storeId: 'A-NA',
      status: 'REVOKED',
      revokedReason: 'disconnect',
      shredding: 'done',
    };
    const at = new Date('2026-11-23T08:00:05Z');
    const after = markDisconnected(list, 'A-NA', answer, at);
    expect(after.stores[0]).toMatchObject({
      storeId: 'A-NA',
      status: 'REVOKED',
      revokedReason: 'disconnect',
      revokedAt: '2026-11-23T08:00:05.000Z',
    });
    expect(after.stores[1]).toBe(list.stores[1]);
    expect(list.stores[0]?.status).toBe('ACTIVE');
    const [row] = after.stores;
    if (row === undefined) throw new Error('no row');
    expect(storeStatusView(row)).toEqual({ kind: 'revoked', cause: 'disconnected' });
    expect(canDisconnect(row)).toBe(false);
    expect(canOpenData(row)).toBe(false);
    // A 202 without a body still means the store is disconnected.
    expect(markDisconnected(list, 'A-NA', undefined, at).stores[0]).toMatchObject({
      status: 'REVOKED',
      revokedReason: 'disconnect',
    });
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

  it('shows members to every member and to admins; only owners re-authorize', () => {
    expect(canViewMembers(store({ role: 'operator' }), false)).toBe(true);
    expect(canViewMembers(store({ role: 'owner', status: 'REVOKED' }), false)).toBe(true);
    expect(canViewMembers(store(), true)).toBe(true);
    expect(canViewMembers(store(), false)).toBe(false);
    expect(canReauthorize(store({ role: 'owner' }))).toBe(true);
    expect(canReauthorize(store({ role: 'operator' }))).toBe(false);
    expect(canReauthorize(store())).toBe(false);
  });

  it('never opens data views of a revoked store', () => {
    expect(canOpenData(store({ status: 'REVOKED' }))).toBe(false);
    expect(canOpenData(store({ status: 'REAUTH_REQUIRED' }))).toBe(true);
  });

  it('lists stores needing attention first', () => {
    const sorted = sortStores([
      store({ storeId: 'revoked', displayName: 'A', status: 'REVOKED' }),
      store({ storeId: 'ok', displayName: 'B' }),
      store({
        storeId: 'due',
        displayName: 'C',
        reauthorizeBy: '2026-12-01T00:00:00Z',
        reauthorizeInDays: 7,
        reauthorizationDue: true,
      }),
    ]);
    expect(sorted.map((s) => s.storeId)).toEqual(['due', 'ok', 'revoked']);
  });

  it('names a store by its display name, else its seller id', () => {
    expect(storeName(store({ displayName: 'Lumen' }))).toBe('Lumen');
    expect(storeName(store())).toBe('S');
  });
});
