// The daily health check lists every store with the function's role (a Scan, by design) and keeps its cursor there;
// each store's check (the TOKEN#SPAPI read and Decrypt, the LWA refresh, the subscription retry, its writes) runs
// on that store's own SPAPI session (issue 17). Ports in memory, wrapped by test/support/store-scope-probe.ts to
// record where each call ran; checks run concurrently, as in production.
import { LwaError } from '../../../shared/amazon/amazon-errors';
import type { LwaClient, TokenCipher } from '../../../shared/ports';
import { createInMemoryHealthCheckResults } from '../../../shared/revocation/health-check-results';
import {
  runAuthorizationHealthCheck,
  type HealthCheckDependencies,
} from '../../../shared/revocation/authorization-health-check';
import type { ActiveStore } from '../../../shared/revocation/ports';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import { outOfScope, probed, recordingStoreScope, type ProbedCall } from '../../support/store-scope-probe';
import { FakeAudit, FakeClock, FakeDirectory, T0 } from './fakes';

const inDays = (days: number) => new Date(T0.getTime() + days * MILLISECONDS_PER_DAY).toISOString();
const store = (sellingPartnerId: string, reauthorizeInDays = 200): ActiveStore => ({
  storeId: `${sellingPartnerId}-NA`,
  sellingPartnerId,
  region: 'NA',
  reauthorizeBy: inDays(reauthorizeInDays),
});

const VALID = store('A1VALIDSTORE1');
const OVERDUE = store('A1OVERDUESTORE', -1);
const REVOKED = store('A1REVOKEDSTORE');
const STORES = [VALID, OVERDUE, REVOKED];

/** Refresh tokens name their store, so the LWA call shows which store it is for. */
const storeOfToken = (token: unknown) =>
  typeof token === 'string' ? token.slice(token.indexOf(':') + 1) : undefined;

function setup(options: { scoped?: boolean } = {}) {
  const calls: ProbedCall[] = [];
  const { scope, grants } = recordingStoreScope();
  const directory = new FakeDirectory(STORES);
  const cipher: TokenCipher = {
    encrypt: async () => {
      throw new Error('the health check never encrypts');
    },
    decrypt: async (ciphertext) => `refresh:${storeOfToken(ciphertext)}`,
  };
  const lwa: LwaClient = {
    exchangeAuthorizationCode: async () => {
      throw new Error('never');
    },
    refreshAccessToken: async (refreshToken) => {
      // Each exchange waits a little, so the concurrent checks overlap.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (storeOfToken(refreshToken) === REVOKED.storeId) throw new LwaError('invalid_grant', 400);
      return { accessToken: 'Atza|minted', expiresInSeconds: 3600 };
    },
  };
  const deps: HealthCheckDependencies = {
    // The listing and the run's cursor name no store's partition: they must run outside every scope.
    directory: probed('directory', directory, calls, (method, args) =>
      method === 'markReauthorizationRequired' ? (args[0] as string) : undefined,
    ),
    stores: probed(
      'stores',
      { getTokenCiphertext: async (storeId: string) => `ciphertext:${storeId}` },
      calls,
    ),
    cipher: probed('cipher', cipher, calls, (_method, args) => (args[1] as { storeId: string }).storeId),
    lwa: probed('lwa', lwa, calls, (_method, args) => storeOfToken(args[0])),
    revocations: probed('revocations', { send: async () => undefined }, calls),
    accountStatus: probed(
      'accountStatus',
      {
        ensureSubscribed: async () => ({ result: 'already-subscribed', subscriptionId: 'sub-1' }) as const,
      },
      calls,
    ),
    results: probed('results', createInMemoryHealthCheckResults(), calls),
    audit: new FakeAudit(),
    clock: new FakeClock(),
    ...(options.scoped === false ? {} : { scope }),
  };
  return { deps, calls, grants, directory };
}

const run = (deps: HealthCheckDependencies) =>
  runAuthorizationHealthCheck(deps, {
    deadlineMs: T0.getTime() + 600_000,
    requestId: 'req-1',
    concurrency: 3,
    pageSize: 2,
  });

describe("the health check on each store's own session", () => {
  it('lists with the role, and checks each store (decrypt, refresh, subscribe, writes) in its SPAPI scope', async () => {
    const { deps, calls, grants, directory } = setup();

    const report = await run(deps);

    expect(report).toMatchObject({ checked: 3, valid: 2, revocationsQueued: 1, reauthorizationRequired: 1 });
    expect(directory.marked).toEqual([OVERDUE.storeId]);
    expect(grants.map((grant) => grant.storeId).sort()).toEqual(STORES.map((s) => s.storeId).sort());
    expect(grants.every((grant) => grant.purpose === 'SPAPI')).toBe(true);
    const where = (call: string) => calls.filter((c) => c.call === call).map((c) => c.scope);
    expect(where('directory.activeStorePages')).toEqual([undefined]);
    expect(where('directory.readHealthCheckCursor')).toEqual([undefined]);
    expect(where('directory.saveHealthCheckCursor')).toEqual([undefined]);
    expect(where('directory.markReauthorizationRequired')).toEqual([OVERDUE.storeId]);
    expect(where('revocations.send')).toEqual([REVOKED.storeId]);
    expect(where('cipher.decrypt').sort()).toEqual(STORES.map((s) => s.storeId).sort());
    expect(where('accountStatus.ensureSubscribed').sort()).toEqual([OVERDUE.storeId, VALID.storeId].sort());
    expect(where('results.saveHealthCheckResult')).toHaveLength(3);
    expect(outOfScope(calls)).toEqual([]);
  });

  it('(the probe can fail) without a scope every store call runs outside any scope', async () => {
    const { deps, calls } = setup({ scoped: false });

    await run(deps);

    expect(outOfScope(calls).length).toBeGreaterThan(0);
    expect(outOfScope(calls).every((call) => call.scope === undefined)).toBe(true);
  });
});
