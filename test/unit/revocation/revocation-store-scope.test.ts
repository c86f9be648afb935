// The revocation worker acts on one store per message, on that store's own session (issue 17): every ledger call
// and the unsubscribe run in the scope of the store they touch, with purpose NONE (a revocation deletes ciphertext,
// it never decrypts it); only the subscription → store mapping, read before the store is known and kept under no
// store's partition, is read outside every scope (the function's role). Ports in memory (fakes.ts), wrapped by
// test/support/store-scope-probe.ts to record where each call ran.
import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import type { UnsubscribeOutcome } from '../../../shared/notifications/account-status-subscriptions';
import { processRevocationMessage } from '../../../shared/revocation/process-revocation-message';
import type { RevocationWorkerDependencies } from '../../../shared/revocation/revocation-worker-dependencies';
import { captureOutput } from '../../support/captured-output';
import { sqsRecord } from '../../support/sqs-record';
import { outOfScope, probed, recordingStoreScope, type ProbedCall } from '../../support/store-scope-probe';
import { activeStore, at, FakeAudit, FakeClock, FakeLedger, lambdaContext } from './fakes';

// The entry file wires real adapters at import (no I/O): it needs its settings.
process.env.MINT_HUB_TABLE_NAME = 'unit-test-table';
process.env.MINT_HUB_AUDIT_FILE = '/tmp/mint-hub-unit-audit.jsonl';
process.env.MINT_HUB_STORE_ACCESS_ROLE_ARN = 'arn:aws:iam::000000000000:role/unit-store-access';
process.env.AWS_REGION ??= 'us-east-1';

const NA = 'A2LUMENCRAFT7Q-NA';
const EU = 'A2LUMENCRAFT7Q-EU';
const OTHER = 'A3BRIGHTFIELD9E-NA';
const SUBSCRIPTION = '5b3e0a4c-1f2d-4c5e-9a8b-7c6d5e4f3a21';

function setup(stores = [activeStore(NA), activeStore(OTHER)], options: { scoped?: boolean } = {}) {
  const calls: ProbedCall[] = [];
  const { scope, grants } = recordingStoreScope();
  const ledger = new FakeLedger(stores);
  const deps: RevocationWorkerDependencies = {
    ledger: probed('ledger', ledger, calls),
    audit: new FakeAudit(),
    clock: new FakeClock(),
    // The mapping names a subscription, not a store: it must run outside every scope.
    subscriptions: probed(
      'subscriptions',
      { storeOfSubscription: async (id: string) => (id === SUBSCRIPTION ? NA : undefined) },
      calls,
      () => undefined,
    ),
    unsubscriber: probed(
      'unsubscriber',
      {
        unsubscribe: async (): Promise<UnsubscribeOutcome> => ({
          result: 'deleted',
          subscriptionId: SUBSCRIPTION,
        }),
      },
      calls,
    ),
    ...(options.scoped === false ? {} : { scope }),
  };
  return { deps, calls, grants, ledger };
}

const revocation = (storeId: string) =>
  JSON.stringify({ eventId: randomUUID(), storeId, source: 'disconnect', actorId: 'owner-1', at: at(0) });

const documentedStatus = (status: string) =>
  JSON.stringify({
    NotificationVersion: '1.0',
    NotificationType: 'ACCOUNT_STATUS_CHANGED',
    PayloadVersion: '1.0',
    EventTime: at(1),
    Payload: {
      accountStatusChangeNotification: { previousAccountStatus: 'NORMAL', currentAccountStatus: status },
    },
    NotificationMetadata: { SubscriptionId: SUBSCRIPTION, PublishTime: at(1), NotificationId: randomUUID() },
  });

const sellerStatus = (status: string) =>
  JSON.stringify({
    notificationType: 'ACCOUNT_STATUS_CHANGED',
    eventTime: at(1),
    payload: {
      accountStatusChangeNotification: { currentAccountStatus: status, sellerId: 'A2LUMENCRAFT7Q' },
    },
    notificationMetadata: { notificationId: randomUUID() },
  });

describe("the revocation worker on the message's store session", () => {
  it('runs the whole revocation (transaction, purge, audit mark, unsubscribe) in the store scope, purpose NONE', async () => {
    const { deps, calls, grants, ledger } = setup();

    const outcome = await processRevocationMessage(deps, revocation(NA));

    expect(outcome).toMatchObject({ storeId: NA, result: 'revoked' });
    expect(ledger.stores.get(NA)?.status).toBe('REVOKED');
    expect(grants).toEqual([{ storeId: NA, purpose: 'NONE' }]);
    expect(calls.map((call) => call.call)).toEqual(
      expect.arrayContaining([
        'ledger.getProcessedEvent',
        'ledger.getStoreState',
        'ledger.revokeStore',
        'ledger.markAudited',
        'ledger.purgeSnapshots',
        'unsubscriber.unsubscribe',
      ]),
    );
    expect(outOfScope(calls)).toEqual([]);
    // The other store was never reached.
    expect(calls.filter((call) => call.named === OTHER)).toEqual([]);
  });

  it('finds the store of an ACCOUNT_STATUS_CHANGED with the role, then applies it in that store scope', async () => {
    const { deps, calls, grants, ledger } = setup();

    const outcome = await processRevocationMessage(deps, documentedStatus('DEACTIVATED'));

    expect(outcome).toMatchObject({ storeId: NA, result: 'suspended' });
    expect(ledger.stores.get(NA)?.status).toBe('SUSPENDED');
    expect(calls[0]).toEqual({
      call: 'subscriptions.storeOfSubscription',
      named: undefined,
      scope: undefined,
    });
    expect(calls.slice(1).map((call) => call.call)).toEqual(
      expect.arrayContaining(['ledger.getStoreState', 'ledger.changeAccountStatus']),
    );
    expect(grants).toEqual([{ storeId: NA, purpose: 'NONE' }]);
    expect(outOfScope(calls)).toEqual([]);
  });

  it("reads each candidate store of a seller-only notification in that candidate's own scope", async () => {
    const { deps, calls, grants } = setup([activeStore(EU), activeStore(OTHER)]);

    const outcome = await processRevocationMessage(deps, sellerStatus('DEACTIVATED'));

    expect(outcome).toMatchObject({ storeId: EU, result: 'suspended' });
    expect(grants.slice(0, 3)).toEqual(
      ['A2LUMENCRAFT7Q-NA', EU, 'A2LUMENCRAFT7Q-FE'].map((storeId) => ({ storeId, purpose: 'NONE' })),
    );
    expect(grants.slice(3)).toEqual([{ storeId: EU, purpose: 'NONE' }]);
    expect(outOfScope(calls)).toEqual([]);
  });

  it('(the probe can fail) without a scope every store call runs outside any scope', async () => {
    const { deps, calls } = setup(undefined, { scoped: false });

    await processRevocationMessage(deps, revocation(NA));

    expect(outOfScope(calls).length).toBeGreaterThan(0);
    expect(outOfScope(calls).every((call) => call.scope === undefined)).toBe(true);
  });

  describe('through the handler', () => {
    captureOutput();

    const record = (body: string) => sqsRecord(body, 'revocation');

    it("processes each message of a batch in its own store's scope", async () => {
      const { deps, calls, grants, ledger } = setup();
      const { makeHandler } = await import('../../../functions/revocation-worker');

      const response = await makeHandler(deps)(
        { Records: [record(revocation(NA)), record(revocation(OTHER))] } satisfies SQSEvent,
        lambdaContext('RevocationWorker', 30_000),
      );

      expect(response).toEqual({ batchItemFailures: [] });
      expect(ledger.stores.get(NA)?.status).toBe('REVOKED');
      expect(ledger.stores.get(OTHER)?.status).toBe('REVOKED');
      expect(grants).toEqual([
        { storeId: NA, purpose: 'NONE' },
        { storeId: OTHER, purpose: 'NONE' },
      ]);
      expect(new Set(calls.map((call) => call.scope))).toEqual(new Set([NA, OTHER]));
      expect(outOfScope(calls)).toEqual([]);
    });
  });
});
