import type { RevocationSweepReport } from '../../../shared/revocation/revocation-sweep';
import { captureOutput } from '../../support/captured-output';
import { at, FakeAudit, FakeClock, lambdaContext } from './fakes';
import { FakeSweepStore } from './sweep-fakes';

// The entry file wires real adapters at import, so it needs its settings; nothing here reaches AWS: the handler under
// test is built with makeHandler over in-memory fakes.
process.env.MINT_HUB_TABLE_NAME = 'unit-test-table';
process.env.MINT_HUB_AUDIT_FILE = '/tmp/mint-hub-unit-audit.jsonl';
process.env.AWS_REGION ??= 'us-east-1';

const STORE = 'A2LUMENCRAFT7Q-NA';

const contextWith = (remainingMs: number) => lambdaContext('RevocationSweep', remainingMs);

const lostStore = () =>
  new FakeSweepStore([
    {
      storeId: STORE,
      sellingPartnerId: 'A2LUMENCRAFT7Q',
      region: 'NA',
      status: 'REVOKED',
      updatedAt: at(0),
      revokedAt: at(0),
      revokedReason: 'disconnect',
      tokens: ['SPAPI', 'ADS'],
    },
  ]);

async function sweepWith(sweepStore: FakeSweepStore, audit = new FakeAudit()) {
  const { makeHandler } = await import('../../../functions/revocation-sweep');
  return makeHandler({
    sweepStore,
    audit,
    clock: new FakeClock(),
    ledger: { purgeSnapshots: async () => 0 },
  });
}

describe('the revocation sweep handler', () => {
  const captured = captureOutput();

  it('sweeps, reports the count as an error-level line and the StoresSwept metric, and names no token', async () => {
    const sweepStore = lostStore();
    const handler = await sweepWith(sweepStore);

    const report = (await handler({}, contextWith(300_000))) as RevocationSweepReport;

    expect(report).toMatchObject({ storesSwept: 1, errors: 0 });
    expect(sweepStore.stores.get(STORE)?.tokens).toEqual([]);
    const logs = captured.join('\n');
    expect(logs).toContain('revocation sweep deleted ciphertext a revocation had left behind');
    expect(logs).toMatch(/"level":"ERROR"/);
    expect(logs).toContain('StoresSwept');
    expect(logs).not.toMatch(/ciphertext"\s*:|Atzr\|/);
  });

  it('keeps its stop margin: with no time left beyond it, it reads nothing and says so', async () => {
    const sweepStore = lostStore();
    const handler = await sweepWith(sweepStore);

    // 30 s left is exactly the stop margin.
    const report = (await handler({}, contextWith(30_000))) as RevocationSweepReport;

    expect(report).toMatchObject({ pagesRead: 0, storesSwept: 0, stoppedBy: 'time-budget' });
    expect(sweepStore.pagesRead).toBe(0);
    expect(sweepStore.stores.get(STORE)?.tokens).toEqual(['SPAPI', 'ADS']);
  });
});
