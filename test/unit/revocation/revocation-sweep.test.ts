import type { StoreEventRecord } from '../../../shared/audit/audit-record';
import type { PendingShred, SweepCandidate } from '../../../shared/revocation/ports';
import {
  decideSweep,
  runRevocationSweep,
  sweptRecord,
  SWEEP_ACTOR_ID,
} from '../../../shared/revocation/revocation-sweep';
import type { TokenPurpose } from '../../../shared/storage/token-encryption-context';
import type { StoreStatus } from '../../../shared/stores/store';
import { at, FakeAudit, FakeClock } from './fakes';
import { FakeSweepStore } from './sweep-fakes';

const candidate = (overrides: Partial<SweepCandidate> = {}): SweepCandidate => ({
  storeId: 'A2LUMENCRAFT7Q-NA',
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  status: 'REVOKED',
  updatedAt: at(0),
  revokedAt: at(0),
  revokedReason: 'disconnect',
  tokens: ['SPAPI'],
  ...overrides,
});

const pending = (overrides: Partial<PendingShred> = {}): PendingShred => ({
  eventId: 'sweep-1',
  shreddedAt: at(5),
  tokensDeleted: ['SPAPI'],
  revokedReason: 'disconnect',
  revokedAt: at(0),
  ...overrides,
});

describe('decideSweep', () => {
  it.each<[StoreStatus, readonly TokenPurpose[]]>([
    ['REVOKED', ['SPAPI']],
    ['REVOKED', ['ADS']],
    ['REVOKED', ['ADS', 'SPAPI']],
  ])('shreds a %s store that still has %j', (status, tokens) => {
    expect(decideSweep(candidate({ status, tokens }))).toEqual({
      apply: 'shred',
      tokens: [...tokens].sort(),
    });
  });

  it('leaves a REVOKED store without ciphertext alone (the normal case: the revocation shredded it)', () => {
    expect(decideSweep(candidate({ tokens: [] }))).toEqual({ apply: 'nothing', reason: 'no-ciphertext' });
  });

  it.each<StoreStatus>(['ACTIVE', 'REAUTH_REQUIRED', 'SUSPENDED'])(
    'never shreds a %s store: it keeps its token by design',
    (status) => {
      expect(decideSweep(candidate({ status, tokens: ['SPAPI', 'ADS'] }))).toEqual({
        apply: 'nothing',
        reason: 'not-revoked',
      });
    },
  );

  it('finishes an unfinished shred first, whatever the store became since', () => {
    for (const status of ['REVOKED', 'ACTIVE'] as const)
      expect(decideSweep(candidate({ status, pendingShred: pending() }))).toEqual({
        apply: 'finish',
        pending: pending(),
      });
  });
});

describe('sweptRecord', () => {
  it("is the worker's store-revoked record, with the sweep as the actor and what it found", () => {
    const record = sweptRecord(candidate(), pending({ tokensDeleted: ['ADS', 'SPAPI'] }), 3);
    expect(record).toEqual<StoreEventRecord>({
      kind: 'store-revoked',
      at: at(5),
      actor: { type: 'system', id: SWEEP_ACTOR_ID },
      storeId: 'A2LUMENCRAFT7Q-NA',
      sellingPartnerId: 'A2LUMENCRAFT7Q',
      region: 'NA',
      outcome: 'allowed',
      requestId: 'sweep-1',
      detail: {
        eventId: 'sweep-1',
        source: 'disconnect',
        signalledAt: at(0),
        previousStatus: 'REVOKED',
        tokensDeleted: true,
        snapshotsPurged: 3,
        completedBy: SWEEP_ACTOR_ID,
        ciphertextsFound: 'ADS,SPAPI',
      },
    });
  });

  it("keeps a reason that is not one of the pipeline's sources as it is", () => {
    const record = sweptRecord(candidate(), pending({ revokedReason: 'unknown' }), 0);
    expect(record.detail['source']).toBe('unknown');
    expect(record.actor).toEqual({ type: 'system', id: SWEEP_ACTOR_ID });
  });
});

function setup(stores: SweepCandidate[], perPage = 2) {
  const clock = new FakeClock();
  const sweepStore = new FakeSweepStore(stores, perPage);
  const audit = new FakeAudit();
  const purged: string[] = [];
  let ids = 0;
  const deps = {
    sweepStore,
    audit,
    clock,
    ledger: {
      purgeSnapshots: async (storeId: string) => {
        purged.push(storeId);
        return 2;
      },
    },
    newEventId: () => `sweep-${++ids}`,
  };
  const run = (options: { maxPages?: number; deadlineMs?: number } = {}) =>
    runRevocationSweep(deps, { deadlineMs: clock.now().getTime() + 60_000, ...options });
  return { clock, sweepStore, audit, purged, run };
}

const lost = (seller: string, overrides: Partial<SweepCandidate> = {}) =>
  candidate({ storeId: `${seller}-NA`, sellingPartnerId: seller, ...overrides });

describe('runRevocationSweep', () => {
  it('shreds every lost store, purges its snapshots, audits it, and a second run changes nothing', async () => {
    const { sweepStore, audit, purged, run } = setup([
      lost('A1LOST0001', { tokens: ['ADS', 'SPAPI'] }),
      lost('A2DONE0002', { tokens: [] }),
      lost('A3ACTIVE03', { status: 'ACTIVE', tokens: ['SPAPI'] }),
      lost('A4LOST0004', { revokedReason: 'invalid_grant' }),
    ]);

    const first = await run();

    expect(first).toMatchObject({ candidates: 3, storesSwept: 2, errors: 0, passComplete: true });
    expect(sweepStore.stores.get('A1LOST0001-NA')?.tokens).toEqual([]);
    expect(sweepStore.stores.get('A4LOST0004-NA')?.tokens).toEqual([]);
    expect(sweepStore.stores.get('A3ACTIVE03-NA')?.tokens).toEqual(['SPAPI']);
    expect(purged).toEqual(['A1LOST0001-NA', 'A4LOST0004-NA']);
    expect(audit.records.map((r) => [r.storeId, (r as StoreEventRecord).detail['source']])).toEqual([
      ['A1LOST0001-NA', 'disconnect'],
      ['A4LOST0004-NA', 'invalid_grant'],
    ]);
    expect([...sweepStore.stores.values()].every((s) => s.pendingShred === undefined)).toBe(true);
    expect(sweepStore.cursor).toBeUndefined();

    const second = await run();
    expect(second).toMatchObject({ storesSwept: 0, auditsCompleted: 0, errors: 0 });
    expect(audit.records).toHaveLength(2);
  });

  it('leaves a store re-authorized between the listing and the write alone', async () => {
    const { sweepStore, audit, purged, run } = setup([lost('A1REAUTH01')]);
    sweepStore.beforeShred = (storeId) => {
      const store = sweepStore.stores.get(storeId)!;
      // The re-authorization: ACTIVE at a new version, with a new token.
      sweepStore.stores.set(storeId, { ...store, status: 'ACTIVE', updatedAt: at(9), tokens: ['SPAPI'] });
    };

    const report = await run();

    expect(report).toMatchObject({ storesSwept: 0, leftAlone: 1, errors: 0 });
    expect(sweepStore.stores.get('A1REAUTH01-NA')).toMatchObject({ status: 'ACTIVE', tokens: ['SPAPI'] });
    expect(audit.records).toEqual([]);
    expect(purged).toEqual([]);
  });

  it('shreds at the new version when the store changed but is still REVOKED', async () => {
    const { sweepStore, run } = setup([lost('A1CHANGED1')]);
    let changed = false;
    sweepStore.beforeShred = (storeId) => {
      if (changed) return;
      changed = true;
      sweepStore.stores.set(storeId, { ...sweepStore.stores.get(storeId)!, updatedAt: at(3) });
    };
    expect(await run()).toMatchObject({ storesSwept: 1, leftAlone: 0 });
    expect(sweepStore.stores.get('A1CHANGED1-NA')?.tokens).toEqual([]);
  });

  it('keeps an unfinished shred when the audit trail fails, and writes its record on the next run', async () => {
    const { sweepStore, audit, run } = setup([lost('A1AUDIT001')]);
    audit.failures = 1;

    const first = await run();
    expect(first).toMatchObject({ storesSwept: 1, errors: 1 });
    // The ciphertext is gone already; what is left is the record.
    expect(sweepStore.stores.get('A1AUDIT001-NA')).toMatchObject({
      tokens: [],
      pendingShred: { eventId: 'sweep-1' },
    });
    expect(audit.records).toEqual([]);

    const second = await run();
    expect(second).toMatchObject({ storesSwept: 0, auditsCompleted: 1, errors: 0 });
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({ kind: 'store-revoked', requestId: 'sweep-1' });
    expect(sweepStore.stores.get('A1AUDIT001-NA')?.pendingShred).toBeUndefined();
  });

  it('stops at its page budget and the next run continues where it stopped', async () => {
    const stores = ['A1', 'A2', 'A3', 'A4', 'A5'].map((s) => lost(`${s}STORE000`));
    const { sweepStore, run } = setup(stores, 2);

    const first = await run({ maxPages: 1 });
    expect(first).toMatchObject({
      pagesRead: 1,
      storesSwept: 2,
      passComplete: false,
      stoppedBy: 'page-budget',
    });
    expect(sweepStore.cursor).toBe('2');

    const second = await run({ maxPages: 5 });
    expect(second).toMatchObject({ pagesRead: 2, storesSwept: 3, passComplete: true });
    expect(sweepStore.cursor).toBeUndefined();
    expect([...sweepStore.stores.values()].every((s) => s.tokens.length === 0)).toBe(true);
  });

  it('reads no page once its time budget is spent', async () => {
    const { clock, sweepStore, run } = setup([lost('A1LATE0001')]);
    const report = await run({ deadlineMs: clock.now().getTime() });
    expect(report).toMatchObject({ pagesRead: 0, storesSwept: 0, stoppedBy: 'time-budget' });
    expect(sweepStore.pagesRead).toBe(0);
  });
});
