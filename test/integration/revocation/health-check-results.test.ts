import { EU_SELLER, FE_SELLER } from '../sandbox/sandbox-test-kit';
import {
  connectStore,
  createWorkspace,
  drain,
  lambdaContext,
  restoreEnvironment,
  startEmulators,
  storeItems,
  type Emulators,
} from './revocation-test-kit';

// The daily health check as deployed (functions/authorization-health-check.ts, its runtime wiring) against DynamoDB
// Local, the KMS stand-in and the Amazon sandbox: each store's last result lands under the store as HEALTH_CHECK,
// which the admin list reads; a revocation that follows keeps it (the purge removes snapshots only).
jest.setTimeout(60_000);

let emulators: Emulators;

beforeAll(async () => {
  emulators = await startEmulators();
});

afterAll(async () => {
  restoreEnvironment();
  await emulators?.stop();
});

describe("the health check's last result per store", () => {
  it('keeps valid and invalid_grant under each store, and keeps it through the revocation', async () => {
    const ws = await createWorkspace(emulators, 'health-check-results');
    const valid = await connectStore(emulators, ws, EU_SELLER, 'EU');
    const revoked = await connectStore(emulators, ws, FE_SELLER, 'FE');
    emulators.sandbox.revoke(FE_SELLER, 'FE');

    await ws.healthCheck.handler(
      { source: 'aws.events', 'detail-type': 'Scheduled Event' },
      lambdaContext('AuthorizationHealthCheck', 600_000),
    );

    const validItem = (await storeItems(emulators, ws, valid.storeId))['HEALTH_CHECK'];
    expect(validItem).toMatchObject({
      storeId: valid.storeId,
      result: 'valid',
      requestId: expect.any(String),
    });
    expect(Date.parse(String(validItem?.['checkedAt']))).toBeGreaterThan(Date.now() - 60_000);
    const revokedItem = (await storeItems(emulators, ws, revoked.storeId))['HEALTH_CHECK'];
    expect(revokedItem).toMatchObject({ storeId: revoked.storeId, result: 'invalid_grant' });
    // The revocation the check queued purges the store's snapshots and shreds its token, not its last check.
    await drain(emulators, ws.queues, ws.worker.handler);
    const after = await storeItems(emulators, ws, revoked.storeId);
    expect(after['PROFILE']?.['status']).toBe('REVOKED');
    expect(after['TOKEN#SPAPI']).toBeUndefined();
    expect(after['HEALTH_CHECK']).toEqual(revokedItem);
    // Nothing but the classified result: no token, no Amazon body.
    expect(Object.keys(revokedItem ?? {}).sort()).toEqual(
      ['checkedAt', 'pk', 'reauthorizeInDays', 'requestId', 'result', 'sk', 'storeId'].sort(),
    );
  });
});
