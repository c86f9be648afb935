import { decide, type StoreSignal, type StoreState } from '../../../shared/revocation/store-status-decision';
import { at } from './fakes';

const STORE = 'A2LUMENCRAFT7Q-NA';

const store = (overrides: Partial<StoreState> = {}): StoreState => ({
  storeId: STORE,
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  status: 'ACTIVE',
  connectedAt: at(-1000),
  authorizedAt: at(-10),
  ...overrides,
});

const revoke = (minutes: number): StoreSignal => ({
  action: 'revoke',
  eventId: 'e-1',
  storeId: STORE,
  at: at(minutes),
  source: 'invalid_grant',
});

const accountStatus = (minutes: number, status: 'NORMAL' | 'AT_RISK' | 'DEACTIVATED'): StoreSignal => ({
  action: 'account-status',
  eventId: 'e-2',
  storeId: STORE,
  at: at(minutes),
  accountStatus: status,
});

describe('what a revocation does', () => {
  it.each([
    ['ACTIVE', { apply: 'revoke', from: 'ACTIVE' }],
    ['SUSPENDED', { apply: 'revoke', from: 'SUSPENDED' }],
    ['REAUTH_REQUIRED', { apply: 'revoke', from: 'REAUTH_REQUIRED' }],
    ['REVOKED', { apply: 'nothing', reason: 'already-revoked' }],
  ] as const)('a %s store: %j', (status, decision) => {
    expect(decide(revoke(0), store({ status }))).toEqual(decision);
  });

  it('never undoes an authorization newer than the evidence (an old event redelivered after re-authorization)', () => {
    expect(decide(revoke(-11), store({ authorizedAt: at(-10) }))).toEqual({
      apply: 'nothing',
      reason: 'authorized-after-event',
    });
    expect(decide(revoke(-11), store({ status: 'REVOKED', authorizedAt: at(-10) }))).toEqual({
      apply: 'nothing',
      reason: 'authorized-after-event',
    });
  });

  it('treats evidence at the very time of the authorization as revoking (when in doubt, the token is dead)', () => {
    expect(decide(revoke(-10), store({ authorizedAt: at(-10) }))).toEqual({
      apply: 'revoke',
      from: 'ACTIVE',
    });
  });

  it('compares with connectedAt on profiles written before authorizedAt existed', () => {
    const old = store({ authorizedAt: undefined, connectedAt: at(5) });
    expect(decide(revoke(0), old)).toEqual({ apply: 'nothing', reason: 'authorized-after-event' });
    expect(decide(revoke(6), old)).toEqual({ apply: 'revoke', from: 'ACTIVE' });
  });

  it('ignores a store that does not exist', () => {
    expect(decide(revoke(0), undefined)).toEqual({ apply: 'nothing', reason: 'unknown-store' });
  });
});

describe("what Amazon's account status does", () => {
  it.each([
    ['ACTIVE', 'DEACTIVATED', 'SUSPENDED'],
    ['REAUTH_REQUIRED', 'DEACTIVATED', 'SUSPENDED'],
    ['SUSPENDED', 'DEACTIVATED', 'SUSPENDED'],
    ['SUSPENDED', 'NORMAL', 'ACTIVE'],
    ['SUSPENDED', 'AT_RISK', 'ACTIVE'],
    ['ACTIVE', 'NORMAL', 'ACTIVE'],
    ['ACTIVE', 'AT_RISK', 'ACTIVE'],
    ['REAUTH_REQUIRED', 'NORMAL', 'REAUTH_REQUIRED'],
  ] as const)('%s + %s → %s', (from, status, to) => {
    expect(decide(accountStatus(0, status), store({ status: from }))).toEqual({
      apply: 'account-status',
      from,
      to,
    });
  });

  it('leaves a revoked store revoked', () => {
    expect(decide(accountStatus(0, 'NORMAL'), store({ status: 'REVOKED' }))).toEqual({
      apply: 'nothing',
      reason: 'store-revoked',
    });
  });

  it('ignores a status older than (or as old as) the one applied, whatever order they arrive in', () => {
    const suspendedLater = store({
      status: 'SUSPENDED',
      accountStatus: 'DEACTIVATED',
      accountStatusAt: at(5),
    });
    const restoredLater = store({ status: 'ACTIVE', accountStatus: 'NORMAL', accountStatusAt: at(5) });

    expect(decide(accountStatus(1, 'NORMAL'), suspendedLater)).toEqual({
      apply: 'nothing',
      reason: 'older-account-status',
    });
    expect(decide(accountStatus(1, 'DEACTIVATED'), restoredLater)).toEqual({
      apply: 'nothing',
      reason: 'older-account-status',
    });
    expect(decide(accountStatus(5, 'DEACTIVATED'), restoredLater)).toEqual({
      apply: 'nothing',
      reason: 'older-account-status',
    });
    expect(decide(accountStatus(6, 'DEACTIVATED'), restoredLater)).toEqual({
      apply: 'account-status',
      from: 'ACTIVE',
      to: 'SUSPENDED',
    });
  });
});
