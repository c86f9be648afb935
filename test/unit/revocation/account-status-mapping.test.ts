// The revocation worker with Amazon's documented ACCOUNT_STATUS_CHANGED (no seller, only the subscription): the
// mapping finds the store, the status rules apply, an unmapped message is poison (DLQ), and a revocation deletes the
// store's subscription. Ports in memory (fakes.ts); the DynamoDB and SQS side is in test/integration/notifications.
import { randomUUID } from 'node:crypto';
import { processRevocationMessage } from '../../../shared/revocation/process-revocation-message';
import { PoisonMessage } from '../../../shared/revocation/queue-message';
import type { UnsubscribeOutcome } from '../../../shared/notifications/account-status-subscriptions';
import { activeStore, at, FakeAudit, FakeClock, FakeLedger } from './fakes';

const NA = 'A2LUMENCRAFT7Q-NA';
const SUBSCRIPTION = '5b3e0a4c-1f2d-4c5e-9a8b-7c6d5e4f3a21';

function setup(stores = [activeStore(NA)]) {
  const ledger = new FakeLedger(stores);
  const audit = new FakeAudit();
  const unsubscribed: string[] = [];
  const deps = {
    ledger,
    audit,
    clock: new FakeClock(),
    subscriptions: {
      storeOfSubscription: async (id: string) => (id === SUBSCRIPTION ? NA : undefined),
    },
    unsubscriber: {
      unsubscribe: async (store: { storeId: string }): Promise<UnsubscribeOutcome> => {
        unsubscribed.push(store.storeId);
        return { result: 'deleted', subscriptionId: SUBSCRIPTION };
      },
    },
  };
  return { ledger, audit, unsubscribed, deps };
}

/** Amazon's documented payload: the statuses, and the subscription in the metadata; no seller anywhere. */
const documented = (status: string, minutes: number, subscriptionId = SUBSCRIPTION) =>
  JSON.stringify({
    NotificationVersion: '1.0',
    NotificationType: 'ACCOUNT_STATUS_CHANGED',
    PayloadVersion: '1.0',
    EventTime: at(minutes),
    Payload: {
      accountStatusChangeNotification: { previousAccountStatus: 'NORMAL', currentAccountStatus: status },
    },
    NotificationMetadata: {
      ApplicationId: 'amzn1.sp.solution.test',
      SubscriptionId: subscriptionId,
      PublishTime: at(minutes),
      NotificationId: randomUUID(),
    },
  });

describe('ACCOUNT_STATUS_CHANGED through the subscription mapping', () => {
  it('DEACTIVATED suspends the store (token kept), AT_RISK restores and is shown, NORMAL clears it; each audited', async () => {
    const { deps, ledger, audit } = setup();

    const suspended = await processRevocationMessage(deps, documented('DEACTIVATED', 1));
    const suspendedState = { ...ledger.stores.get(NA) };
    const atRisk = await processRevocationMessage(deps, documented('AT_RISK', 2));
    const atRiskState = { ...ledger.stores.get(NA) };
    const normal = await processRevocationMessage(deps, documented('NORMAL', 3));

    expect(suspended).toMatchObject({ storeId: NA, result: 'suspended' });
    expect(suspendedState).toMatchObject({
      status: 'SUSPENDED',
      accountStatus: 'DEACTIVATED',
      tokens: ['SPAPI'],
    });
    expect(atRisk).toMatchObject({ result: 'restored' });
    expect(atRiskState).toMatchObject({ status: 'ACTIVE', accountStatus: 'AT_RISK' });
    expect(normal).toMatchObject({ result: 'account-status-recorded' });
    expect(ledger.stores.get(NA)).toMatchObject({ status: 'ACTIVE', accountStatus: 'NORMAL' });
    expect(audit.records.map((record) => (record as { detail: Record<string, unknown> }).detail)).toEqual([
      expect.objectContaining({
        accountStatus: 'DEACTIVATED',
        storeStatus: 'SUSPENDED',
        previousStoreStatus: 'ACTIVE',
      }),
      expect.objectContaining({
        accountStatus: 'AT_RISK',
        storeStatus: 'ACTIVE',
        previousStoreStatus: 'SUSPENDED',
      }),
      expect.objectContaining({
        accountStatus: 'NORMAL',
        storeStatus: 'ACTIVE',
        previousStoreStatus: 'ACTIVE',
      }),
    ]);
    expect(audit.records.every((record) => record.kind === 'account-status-changed')).toBe(true);
  });

  it('never un-revokes a REVOKED store, whatever Amazon says', async () => {
    const { deps, ledger, audit } = setup([activeStore(NA, { status: 'REVOKED', tokens: [] })]);

    const outcome = await processRevocationMessage(deps, documented('NORMAL', 1));

    expect(outcome).toMatchObject({ result: 'ignored', reason: 'store-revoked' });
    expect(ledger.stores.get(NA)?.status).toBe('REVOKED');
    expect(audit.records).toEqual([]);
  });

  it('sends a notification whose subscription maps to no store to the DLQ (poison)', async () => {
    const { deps } = setup();

    await expect(
      processRevocationMessage(deps, documented('DEACTIVATED', 1, '00000000-0000-4000-8000-000000000000')),
    ).rejects.toBeInstanceOf(PoisonMessage);
  });

  it('writes the audit record again on redelivery when the first delivery failed at the audit write', async () => {
    const { deps, ledger, audit } = setup();
    const body = documented('DEACTIVATED', 1);
    const write = audit.write.bind(audit);
    let failures = 1;
    audit.write = async (record) => {
      if (failures-- > 0) throw new Error('CloudWatch Logs unavailable');
      return write(record);
    };

    await expect(processRevocationMessage(deps, body)).rejects.toThrow('CloudWatch Logs unavailable');
    const redelivered = await processRevocationMessage(deps, body);

    expect(ledger.stores.get(NA)?.status).toBe('SUSPENDED');
    expect(redelivered).toMatchObject({ result: 'duplicate' });
    expect(audit.records).toEqual([
      expect.objectContaining({
        kind: 'account-status-changed',
        detail: expect.objectContaining({
          accountStatus: 'DEACTIVATED',
          storeStatus: 'SUSPENDED',
          redelivery: true,
        }),
      }),
    ]);
  });

  it("deletes a revoked store's subscription after the revocation, and again-safe on its redelivery", async () => {
    const { deps, unsubscribed } = setup();
    const body = JSON.stringify({ eventId: randomUUID(), storeId: NA, source: 'disconnect', at: at(0) });

    await processRevocationMessage(deps, body);
    await processRevocationMessage(deps, body);
    await processRevocationMessage(deps, documented('DEACTIVATED', 1));

    // Once per delivery of the revocation (the unsubscriber itself does nothing once deleted); never for status.
    expect(unsubscribed).toEqual([NA, NA]);
  });
});
