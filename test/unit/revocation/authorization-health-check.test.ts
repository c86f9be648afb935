import { LwaError } from '../../../shared/amazon/amazon-errors';
import type { StoreEventRecord } from '../../../shared/audit/audit-record';
import type { LwaClient, RevocationQueue, TokenCipher } from '../../../shared/ports';
import { runAuthorizationHealthCheck } from '../../../shared/revocation/authorization-health-check';
import type { ActiveStore } from '../../../shared/revocation/ports';
import type { RevocationEvent } from '../../../shared/revocation/revocation-event';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import { FakeAudit, FakeClock, FakeDirectory, T0 } from './fakes';

const DAY = MILLISECONDS_PER_DAY;
const inDays = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();
const store = (sellingPartnerId: string, reauthorizeInDays = 200): ActiveStore => ({
  storeId: `${sellingPartnerId}-NA`,
  sellingPartnerId,
  region: 'NA',
  reauthorizeBy: inDays(reauthorizeInDays),
});

/** Refresh tokens are the store id; LWA's answer per store is scripted, and each call takes `latencyMs` of clock. */
function setup(stores: ActiveStore[], answers: Record<string, LwaError | undefined> = {}, latencyMs = 0) {
  const clock = new FakeClock();
  const directory = new FakeDirectory(stores);
  const audit = new FakeAudit();
  const queued: RevocationEvent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const decrypts: string[] = [];
  const cipher: TokenCipher = {
    encrypt: async () => {
      throw new Error('the health check never encrypts');
    },
    decrypt: async (ciphertext, context) => {
      decrypts.push(`${ciphertext}|${context.storeId}|${context.purpose}`);
      return ciphertext;
    },
  };
  const lwa: LwaClient = {
    exchangeAuthorizationCode: async () => {
      throw new Error('never');
    },
    refreshAccessToken: async (refreshToken) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      clock.advance(latencyMs);
      inFlight -= 1;
      const answer = answers[refreshToken];
      if (answer !== undefined) throw answer;
      return { accessToken: 'Atza|minted', expiresInSeconds: 3600 };
    },
  };
  const revocations: RevocationQueue = { send: async (event) => void queued.push(event) };
  let ids = 0;
  const deps = {
    directory,
    stores: {
      getTokenCiphertext: async (storeId: string) => (storeId.startsWith('NOTOKEN') ? undefined : storeId),
    },
    cipher,
    lwa,
    revocations,
    audit,
    clock,
    newEventId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
  };
  return { deps, clock, directory, audit, queued, decrypts, maxInFlight: () => maxInFlight };
}

const run = (deps: ReturnType<typeof setup>['deps'], deadlineMs = T0.getTime() + 600_000, concurrency = 5) =>
  runAuthorizationHealthCheck(deps, { deadlineMs, requestId: 'req-1', concurrency, pageSize: 2 });

describe('the daily authorization health check', () => {
  it('exchanges once per active store and audits each as authorization-check', async () => {
    const { deps, audit, decrypts } = setup([store('A1VALIDSTORE1'), store('A1VALIDSTORE2')]);

    const report = await run(deps);

    expect(report).toEqual({
      stores: 2,
      listingComplete: true,
      checked: 2,
      valid: 2,
      revocationsQueued: 0,
      reauthorizationRequired: 0,
      reauthorizationDue: 0,
      errors: 0,
      left: 0,
      stoppedBy: undefined,
    });
    expect(decrypts.sort()).toEqual([
      'A1VALIDSTORE1-NA|A1VALIDSTORE1-NA|SPAPI',
      'A1VALIDSTORE2-NA|A1VALIDSTORE2-NA|SPAPI',
    ]);
    expect(audit.records[0]).toEqual({
      kind: 'authorization-check',
      at: T0.toISOString(),
      actor: { type: 'system', id: 'authorization-health-check' },
      storeId: 'A1VALIDSTORE1-NA',
      sellingPartnerId: 'A1VALIDSTORE1',
      region: 'NA',
      outcome: 'allowed',
      requestId: 'req-1',
      detail: { result: 'valid', reauthorizeInDays: 200, reauthorizationDue: false },
    });
  });

  it('queues a revocation (source health-check, time before the token was read) on invalid_grant', async () => {
    const { deps, audit, queued } = setup([store('A1REVOKEDXX1')], {
      'A1REVOKEDXX1-NA': new LwaError('invalid_grant', 400),
    });

    const report = await run(deps);

    expect(report).toMatchObject({ checked: 1, valid: 0, revocationsQueued: 1, errors: 0 });
    expect(queued).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        storeId: 'A1REVOKEDXX1-NA',
        source: 'health-check',
        at: T0.toISOString(),
      },
    ]);
    expect(audit.records[0]).toMatchObject({
      outcome: 'denied',
      detail: {
        result: 'invalid_grant',
        revocationQueued: true,
        revocationEventId: '00000000-0000-4000-8000-000000000001',
      },
    });
  });

  it('flags re-authorization: REAUTH_REQUIRED past reauthorizeBy, only reported within 30 days', async () => {
    const { deps, directory, audit } = setup([store('A1PASTDUEXX1', -1), store('A1DUESOONXX1', 12)]);

    const report = await run(deps);

    expect(report).toMatchObject({ reauthorizationRequired: 1, reauthorizationDue: 1 });
    expect(directory.marked).toEqual(['A1PASTDUEXX1-NA']);
    const detailOf = (storeId: string) =>
      (audit.records as StoreEventRecord[]).find((record) => record.storeId === storeId)?.detail;
    expect(detailOf('A1PASTDUEXX1-NA')).toEqual({
      result: 'valid',
      reauthorizeInDays: -1,
      reauthorizationDue: true,
      reauthorizationRequired: true,
    });
    expect(detailOf('A1DUESOONXX1-NA')).toEqual({
      result: 'valid',
      reauthorizeInDays: 12,
      reauthorizationDue: true,
    });
  });

  it('counts what it cannot tell as errors, without revoking', async () => {
    const { deps, queued, audit } = setup([store('A1UNAVAILAB1'), store('NOTOKENSTORE')], {
      'A1UNAVAILAB1-NA': new LwaError('unavailable', 503),
    });

    const report = await run(deps);

    expect(report).toMatchObject({ checked: 2, errors: 2, revocationsQueued: 0 });
    expect(queued).toEqual([]);
    expect(audit.records.map((record) => record.outcome)).toEqual(['error', 'error']);
  });

  it('keeps at most `concurrency` exchanges in flight', async () => {
    const stores = Array.from({ length: 12 }, (_, i) => store(`A1STORE${String(i).padStart(5, '0')}`));
    const { deps, maxInFlight } = setup(stores);

    const report = await run(deps, undefined, 3);

    expect(report.checked).toBe(12);
    expect(maxInFlight()).toBe(3);
  });

  it('stops starting checks at the deadline and reports how many were left', async () => {
    const stores = Array.from({ length: 10 }, (_, i) => store(`A1STORE${String(i).padStart(5, '0')}`));
    // Each exchange takes 10 s of clock; the budget is 25 s with two in flight.
    const { deps } = setup(stores, {}, 10_000);

    const report = await run(deps, T0.getTime() + 25_000, 2);

    expect(report.stoppedBy).toBe('time-budget');
    expect(report.checked + report.left).toBe(10);
    expect(report.left).toBeGreaterThan(0);
  });

  it('continues the next day after the last store it checked, wrapping around, so none is skipped every day', async () => {
    const stores = Array.from({ length: 10 }, (_, i) => store(`A1STORE${String(i).padStart(5, '0')}`));
    // Each exchange takes 10 s of clock and the budget is 35 s with one in flight: four checks a day.
    const { deps, directory, audit } = setup(stores, {}, 10_000);
    const checkedOnDay = async () => {
      const before = audit.records.length;
      deps.clock.advance(MILLISECONDS_PER_DAY);
      const report = await run(deps, deps.clock.now().getTime() + 35_000, 1);
      expect(report.stoppedBy).toBe('time-budget');
      return audit.records.slice(before).map((record) => ('storeId' in record ? record.storeId : ''));
    };

    const days = [await checkedOnDay(), await checkedOnDay(), await checkedOnDay()];

    const ids = stores.map((s) => s.storeId);
    expect(days).toEqual([ids.slice(0, 4), ids.slice(4, 8), [...ids.slice(8), ...ids.slice(0, 2)]]);
    expect(directory.cursor).toBe(ids[1]);
  });

  it('starts after a cursor store that no longer exists, and checks every store once in a full run', async () => {
    const stores = ['A1STORE00001', 'A1STORE00003', 'A1STORE00005'].map((id) => store(id));
    const { deps, directory, audit } = setup(stores);
    directory.cursor = 'A1STORE00002-NA';

    const report = await run(deps);

    expect(report).toMatchObject({ stores: 3, checked: 3, left: 0, listingComplete: true });
    expect(audit.records.map((record) => ('storeId' in record ? record.storeId : ''))).toEqual([
      'A1STORE00003-NA',
      'A1STORE00005-NA',
      'A1STORE00001-NA',
    ]);
    expect(directory.cursor).toBe('A1STORE00001-NA');
  });

  it('keeps the cursor where it was when LWA refuses our client credentials', async () => {
    const stores = Array.from({ length: 3 }, (_, i) => store(`A1STORE${String(i).padStart(5, '0')}`));
    const answers = Object.fromEntries(stores.map((s) => [s.storeId, new LwaError('invalid_client', 401)]));
    const { deps, directory } = setup(stores, answers);
    directory.cursor = 'A1STORE00000-NA';

    await run(deps, undefined, 1);

    expect(directory.cursor).toBe('A1STORE00000-NA');
  });

  it('stops the run when LWA refuses our client credentials', async () => {
    const stores = Array.from({ length: 6 }, (_, i) => store(`A1STORE${String(i).padStart(5, '0')}`));
    const answers = Object.fromEntries(stores.map((s) => [s.storeId, new LwaError('invalid_client', 401)]));
    const { deps, queued } = setup(stores, answers);

    const report = await run(deps, undefined, 1);

    expect(report).toMatchObject({ stoppedBy: 'lwa-client-rejected', checked: 1, left: 5 });
    expect(queued).toEqual([]);
  });

  it('keeps going when the audit trail or the queue fails, counting those as errors', async () => {
    const { deps, audit } = setup([store('A1REVOKEDXX1'), store('A1VALIDSTORE1')], {
      'A1REVOKEDXX1-NA': new LwaError('invalid_grant', 400),
    });
    deps.revocations.send = async () => {
      throw new Error('queue down');
    };
    const write = audit.write.bind(audit);
    deps.audit.write = async (record) => {
      if ('storeId' in record && record.storeId === 'A1VALIDSTORE1-NA')
        throw new Error('audit trail unavailable');
      await write(record);
    };

    const report = await run(deps, undefined, 1);

    expect(report).toMatchObject({ checked: 2, revocationsQueued: 0, errors: 2 });
    expect(audit.records).toEqual([
      expect.objectContaining({
        storeId: 'A1REVOKEDXX1-NA',
        detail: expect.objectContaining({ revocationQueued: false }),
      }),
    ]);
  });
});
