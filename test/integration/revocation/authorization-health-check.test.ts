import type { StoreEventRecord } from '../../../shared/audit/audit-record';
import { EU_SELLER, FE_SELLER, NA_SELLER, sellerCounters } from '../sandbox/sandbox-test-kit';
import {
  auditRecords,
  connectStore,
  createWorkspace,
  DAY_MS,
  drain,
  lambdaContext,
  profileOf,
  restoreEnvironment,
  startEmulators,
  storeItems,
  type Emulators,
} from './revocation-test-kit';

jest.setTimeout(60_000);

let emulators: Emulators;

beforeAll(async () => {
  emulators = await startEmulators();
});

afterAll(async () => {
  restoreEnvironment();
  await emulators?.stop();
});

describe('the daily authorization health check', () => {
  it('checks each active store once: valid → authorization-check; revoked → queued → REVOKED; past due → REAUTH_REQUIRED', async () => {
    const ws = await createWorkspace(emulators, 'health-check');
    const valid = await connectStore(emulators, ws, EU_SELLER, 'EU');
    const revoked = await connectStore(emulators, ws, FE_SELLER, 'FE');
    const pastDue = await connectStore(emulators, ws, NA_SELLER, 'NA', {
      reauthorizeBy: new Date(Date.now() - DAY_MS),
    });
    emulators.sandbox.revoke(FE_SELLER, 'FE');
    emulators.sandbox.resetCounters();
    emulators.kms.resetCounters();

    const report = await ws.healthCheck.handler(
      { source: 'aws.events', 'detail-type': 'Scheduled Event' },
      lambdaContext('AuthorizationHealthCheck', 600_000),
    );

    expect(report).toEqual({
      stores: 3,
      listingComplete: true,
      checked: 3,
      valid: 2,
      revocationsQueued: 1,
      reauthorizationRequired: 1,
      reauthorizationDue: 0,
      errors: 0,
      left: 0,
      stoppedBy: undefined,
    });
    // One refresh-grant exchange and one Decrypt per store; no SP-API call.
    for (const [seller, region] of [
      [EU_SELLER, 'EU'],
      [FE_SELLER, 'FE'],
      [NA_SELLER, 'NA'],
    ] as const) {
      const counters = sellerCounters(emulators.sandbox, seller, region);
      expect(counters.lwa.refresh_token).toBe(1);
      expect(counters.spapi).toEqual({});
    }
    expect(emulators.kms.counters()).toMatchObject({ Decrypt: 3, Encrypt: 0 });

    const checks = (await auditRecords(ws)).filter(
      (record): record is StoreEventRecord => record.kind === 'authorization-check',
    );
    expect(checks.map((record) => [record.storeId, record.outcome, record.detail['result']]).sort()).toEqual(
      [
        [valid.storeId, 'allowed', 'valid'],
        [revoked.storeId, 'denied', 'invalid_grant'],
        [pastDue.storeId, 'allowed', 'valid'],
      ].sort(),
    );
    expect(checks.every((record) => record.actor.type === 'system')).toBe(true);
    expect(await profileOf(emulators, ws, pastDue.storeId)).toMatchObject({ status: 'REAUTH_REQUIRED' });

    const deliveries = await drain(emulators, ws.queues, ws.worker.handler);

    expect(
      deliveries.flatMap((delivery) => delivery.messages.map((m) => JSON.parse(m.Body ?? '{}'))),
    ).toEqual([expect.objectContaining({ storeId: revoked.storeId, source: 'health-check' })]);
    const revokedItems = await storeItems(emulators, ws, revoked.storeId);
    expect(revokedItems['PROFILE']).toMatchObject({ status: 'REVOKED', revokedReason: 'health-check' });
    expect(revokedItems['TOKEN#SPAPI']).toBeUndefined();
    expect(await profileOf(emulators, ws, valid.storeId)).toMatchObject({ status: 'ACTIVE' });

    // The next day's run skips what is no longer ACTIVE.
    emulators.sandbox.resetCounters();
    const nextDay = await ws.healthCheck.handler({}, lambdaContext('AuthorizationHealthCheck', 600_000));
    expect(nextDay).toMatchObject({ stores: 1, checked: 1, valid: 1 });
    expect(sellerCounters(emulators.sandbox, FE_SELLER, 'FE').lwa.refresh_token).toBe(0);
  });

  it('stops cleanly within its time budget and reports what was left', async () => {
    const ws = await createWorkspace(emulators, 'health-budget');
    await connectStore(emulators, ws, EU_SELLER, 'EU');
    await connectStore(emulators, ws, FE_SELLER, 'FE');
    const handler = ws.healthCheck.makeHandler(
      {
        directory: ws.dependencies.revocationStore(ws.env),
        stores: ws.dependencies.storeRepository(ws.env),
        cipher: ws.dependencies.tokenCipher(ws.env),
        lwa: ws.dependencies.lwaClient(ws.env),
        revocations: ws.dependencies.revocationQueue(ws.env),
        audit: ws.dependencies.auditTrail(ws.env),
        clock: ws.dependencies.systemClock,
      },
      { concurrency: 1, stopMarginMs: 0 },
    );

    // A function with no time left: the listing finishes its page, no check starts.
    const report = await handler({}, lambdaContext('AuthorizationHealthCheck', 0));

    expect(report).toMatchObject({ checked: 0, stoppedBy: 'time-budget' });
    expect(report.left + report.checked).toBe(report.stores);
    expect(report.stores).toBeGreaterThan(0);
  });
});
