import { randomUUID } from 'node:crypto';
import { StoreKeptChanging } from '../../../shared/revocation/apply-store-signal';
import { processRevocationMessage } from '../../../shared/revocation/process-revocation-message';
import { PoisonMessage } from '../../../shared/revocation/queue-message';
import { activeStore, at, FakeAudit, FakeClock, FakeLedger } from './fakes';

const NA = 'A2LUMENCRAFT7Q-NA';
const EU = 'A2LUMENCRAFT7Q-EU';

function setup(stores = [activeStore(NA)]) {
  const ledger = new FakeLedger(stores);
  const audit = new FakeAudit();
  const clock = new FakeClock();
  return { ledger, audit, clock, deps: { ledger, audit, clock } };
}

const revocation = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ eventId: randomUUID(), storeId: NA, source: 'invalid_grant', at: at(0), ...overrides });

const accountStatus = (status: string, minutes: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    notificationType: 'ACCOUNT_STATUS_CHANGED',
    eventTime: at(minutes),
    payload: {
      accountStatusChangeNotification: { currentAccountStatus: status, sellerId: 'A2LUMENCRAFT7Q', ...extra },
    },
    notificationMetadata: { notificationId: randomUUID() },
  });

describe('a revocation', () => {
  it('revokes, shreds and purges in one step, and writes one store-revoked record carrying the event id', async () => {
    const { deps, ledger, audit } = setup();
    const body = revocation({ source: 'disconnect', actorId: 'owner-1' });
    const { eventId } = JSON.parse(body) as { eventId: string };

    const outcome = await processRevocationMessage(deps, body);

    expect(outcome).toEqual({
      kind: 'processed',
      storeId: NA,
      eventId,
      source: 'disconnect',
      result: 'revoked',
    });
    expect(ledger.stores.get(NA)).toMatchObject({
      status: 'REVOKED',
      revokedAt: at(0),
      revokedReason: 'disconnect',
      tokens: [],
      snapshots: [],
    });
    expect(audit.records).toEqual([
      {
        kind: 'store-revoked',
        at: at(0),
        actor: { type: 'operator', id: 'owner-1' },
        storeId: NA,
        sellingPartnerId: 'A2LUMENCRAFT7Q',
        region: 'NA',
        outcome: 'allowed',
        requestId: eventId,
        detail: {
          eventId,
          source: 'disconnect',
          signalledAt: at(0),
          previousStatus: 'ACTIVE',
          tokensDeleted: true,
          snapshotsPurged: 1,
        },
      },
    ]);
    expect(ledger.events.get(`${NA}/${eventId}`)?.auditPending).toBe(false);
  });

  it('is harmless when delivered again: no second record, nothing changed', async () => {
    const { deps, ledger, audit } = setup();
    const body = revocation();
    await processRevocationMessage(deps, body);
    ledger.calls.length = 0;

    const again = await processRevocationMessage(deps, body);

    expect(again).toMatchObject({ result: 'duplicate' });
    expect(audit.records).toHaveLength(1);
    expect(ledger.calls.filter((call) => call.startsWith('revokeStore'))).toEqual([]);
  });

  it('completes the audit record on redelivery when the first run failed after the transaction', async () => {
    const { deps, ledger, audit } = setup();
    const body = revocation();
    audit.failures = 1;

    await expect(processRevocationMessage(deps, body)).rejects.toThrow('audit trail unavailable');
    expect(ledger.stores.get(NA)?.status).toBe('REVOKED');
    expect(audit.records).toHaveLength(0);

    const redelivered = await processRevocationMessage(deps, body);
    const third = await processRevocationMessage(deps, body);

    expect(redelivered).toMatchObject({ result: 'duplicate' });
    expect(third).toMatchObject({ result: 'duplicate' });
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({ kind: 'store-revoked', detail: { source: 'invalid_grant' } });
  });

  it('purges snapshots written after the transaction (more than it could hold) while the store stays revoked', async () => {
    const { deps, ledger } = setup();
    const body = revocation();
    await processRevocationMessage(deps, body);
    ledger.stores.get(NA)?.snapshots.push('SNAPSHOT#orders#ATVPDKIKX0DER');

    await processRevocationMessage(deps, body);

    expect(ledger.stores.get(NA)?.snapshots).toEqual([]);
  });

  it('records a second, different revocation of a revoked store without a second audit record', async () => {
    const { deps, audit, ledger } = setup();
    await processRevocationMessage(deps, revocation());

    const second = await processRevocationMessage(deps, revocation({ source: 'health-check', at: at(1) }));

    expect(second).toMatchObject({ result: 'ignored', reason: 'already-revoked' });
    expect(audit.records).toHaveLength(1);
    expect([...ledger.events.values()].map((event) => event.outcome)).toEqual([
      'revoked',
      'ignored:already-revoked',
    ]);
  });

  it('does not undo a re-authorization when an older event arrives after it', async () => {
    const { deps, ledger, audit } = setup([activeStore(NA, { authorizedAt: at(5) })]);

    const outcome = await processRevocationMessage(deps, revocation({ at: at(1) }));

    expect(outcome).toMatchObject({ result: 'ignored', reason: 'authorized-after-event' });
    expect(ledger.stores.get(NA)).toMatchObject({ status: 'ACTIVE', tokens: ['SPAPI'] });
    expect(audit.records).toEqual([]);
  });

  it('decides again when the store changed between read and write (a re-authorization landed in between)', async () => {
    const { deps, ledger } = setup();
    ledger.beforeNextWrite = () => {
      const store = ledger.stores.get(NA);
      if (store !== undefined) store.authorizedAt = at(3);
    };

    const outcome = await processRevocationMessage(deps, revocation({ at: at(1) }));

    expect(outcome).toMatchObject({ result: 'ignored', reason: 'authorized-after-event' });
    expect(ledger.stores.get(NA)?.status).toBe('ACTIVE');
  });

  it('gives up (and lets SQS deliver again) when the store keeps changing', async () => {
    const { deps, ledger } = setup();
    const flip = () => {
      const store = ledger.stores.get(NA);
      if (store !== undefined) store.status = store.status === 'ACTIVE' ? 'SUSPENDED' : 'ACTIVE';
      ledger.beforeNextWrite = flip;
    };
    ledger.beforeNextWrite = flip;

    await expect(processRevocationMessage(deps, revocation())).rejects.toBeInstanceOf(StoreKeptChanging);
  });

  it('acknowledges a revocation for a store that does not exist without writing anything', async () => {
    const { deps, ledger } = setup([]);

    const outcome = await processRevocationMessage(deps, revocation());

    expect(outcome).toMatchObject({ result: 'ignored', reason: 'unknown-store' });
    expect(ledger.events.size).toBe(0);
  });
});

describe("Amazon's account status", () => {
  it('suspends on DEACTIVATED (token kept) and restores on NORMAL', async () => {
    const { deps, ledger, audit } = setup();

    const suspended = await processRevocationMessage(
      deps,
      accountStatus('DEACTIVATED', 1, { marketplaceId: 'ATVPDKIKX0DER' }),
    );
    const afterSuspension = { ...ledger.stores.get(NA) };
    const restored = await processRevocationMessage(
      deps,
      accountStatus('NORMAL', 2, { marketplaceId: 'A2EUQ1WTGCTBG2' }),
    );

    expect(suspended).toMatchObject({ storeId: NA, source: 'account-status', result: 'suspended' });
    expect(afterSuspension).toMatchObject({
      status: 'SUSPENDED',
      tokens: ['SPAPI'],
      accountStatus: 'DEACTIVATED',
    });
    expect(restored).toMatchObject({ result: 'restored' });
    expect(ledger.stores.get(NA)).toMatchObject({
      status: 'ACTIVE',
      accountStatus: 'NORMAL',
      accountStatusAt: at(2),
    });
    // Each change audited (no store-revoked record: the token is kept).
    expect(audit.records.map((record) => [record.kind, (record as { detail: object }).detail])).toEqual([
      [
        'account-status-changed',
        expect.objectContaining({
          accountStatus: 'DEACTIVATED',
          previousStoreStatus: 'ACTIVE',
          storeStatus: 'SUSPENDED',
        }),
      ],
      [
        'account-status-changed',
        expect.objectContaining({
          accountStatus: 'NORMAL',
          previousStoreStatus: 'SUSPENDED',
          storeStatus: 'ACTIVE',
        }),
      ],
    ]);
  });

  it('keeps the newest status when notifications arrive out of order', async () => {
    const { deps, ledger } = setup();

    await processRevocationMessage(deps, accountStatus('NORMAL', 5, { marketplaceId: 'ATVPDKIKX0DER' }));
    const late = await processRevocationMessage(
      deps,
      accountStatus('DEACTIVATED', 1, { marketplaceId: 'ATVPDKIKX0DER' }),
    );

    expect(late).toMatchObject({ result: 'ignored', reason: 'older-account-status' });
    expect(ledger.stores.get(NA)?.status).toBe('ACTIVE');
  });

  it('finds the store from the marketplace, else from the one store the seller has', async () => {
    const { deps } = setup([activeStore(EU)]);

    const byMarketplace = await processRevocationMessage(
      deps,
      accountStatus('DEACTIVATED', 1, { marketplaceId: 'A1PA6795UKMFR9' }),
    );
    const bySeller = await processRevocationMessage(deps, accountStatus('NORMAL', 2));

    expect(byMarketplace).toMatchObject({ storeId: EU, result: 'suspended' });
    expect(bySeller).toMatchObject({ storeId: EU, result: 'restored' });
  });

  it('refuses to guess between several stores of the seller, and a notification naming no seller', async () => {
    const { deps } = setup([activeStore(NA), activeStore(EU)]);
    const noSeller = JSON.stringify({
      notificationType: 'ACCOUNT_STATUS_CHANGED',
      eventTime: at(1),
      payload: { accountStatusChangeNotification: { currentAccountStatus: 'DEACTIVATED' } },
    });

    await expect(processRevocationMessage(deps, accountStatus('DEACTIVATED', 1))).rejects.toBeInstanceOf(
      PoisonMessage,
    );
    await expect(processRevocationMessage(deps, noSeller)).rejects.toBeInstanceOf(PoisonMessage);
  });

  it('acknowledges a seller we do not serve', async () => {
    const { deps } = setup([]);

    const outcome = await processRevocationMessage(deps, accountStatus('DEACTIVATED', 1));

    expect(outcome).toMatchObject({ result: 'ignored', reason: 'unknown-store', storeId: 'A2LUMENCRAFT7Q' });
  });

  it('records AT_RISK on an active store without changing its status, once', async () => {
    const { deps, ledger } = setup();
    const body = accountStatus('AT_RISK', 1, { marketplaceId: 'ATVPDKIKX0DER' });

    const first = await processRevocationMessage(deps, body);
    const again = await processRevocationMessage(deps, body);

    expect(first).toMatchObject({ result: 'account-status-recorded' });
    expect(again).toMatchObject({ result: 'duplicate' });
    expect(ledger.stores.get(NA)).toMatchObject({ status: 'ACTIVE', accountStatus: 'AT_RISK' });
  });
});

describe('other messages', () => {
  it('acknowledges other notification types by type only', async () => {
    const { deps, ledger } = setup();

    const outcome = await processRevocationMessage(
      deps,
      JSON.stringify({ NotificationType: 'ANY_OFFER_CHANGED', Payload: { AnyOfferChangedNotification: {} } }),
    );

    expect(outcome).toEqual({ kind: 'ignored-notification', notificationType: 'ANY_OFFER_CHANGED' });
    expect(ledger.calls).toEqual([]);
  });

  it('calls back with the store and event as soon as they are known', async () => {
    const { deps } = setup();
    const body = revocation();
    const seen: unknown[] = [];

    await processRevocationMessage(deps, body, (ids) => seen.push(ids));

    expect(seen).toEqual([{ storeId: NA, eventId: (JSON.parse(body) as { eventId: string }).eventId }]);
  });
});
