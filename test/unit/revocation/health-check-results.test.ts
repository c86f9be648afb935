import { LwaError } from '../../../shared/amazon/amazon-errors';
import type { LwaClient } from '../../../shared/ports';
import { runAuthorizationHealthCheck } from '../../../shared/revocation/authorization-health-check';
import { createInMemoryHealthCheckResults } from '../../../shared/revocation/health-check-results';
import type { ActiveStore } from '../../../shared/revocation/ports';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import { FakeAudit, FakeClock, FakeDirectory, T0 } from './fakes';

const store = (sellingPartnerId: string, reauthorizeInDays: number): ActiveStore => ({
  storeId: `${sellingPartnerId}-NA`,
  sellingPartnerId,
  region: 'NA',
  reauthorizeBy: new Date(T0.getTime() + reauthorizeInDays * MILLISECONDS_PER_DAY).toISOString(),
});

function setup(answers: Record<string, LwaError>) {
  const results = createInMemoryHealthCheckResults();
  const lwa: LwaClient = {
    exchangeAuthorizationCode: async () => {
      throw new Error('never');
    },
    refreshAccessToken: async (refreshToken) => {
      const answer = answers[refreshToken];
      if (answer !== undefined) throw answer;
      return { accessToken: 'Atza|minted', expiresInSeconds: 3600 };
    },
  };
  const deps = {
    directory: new FakeDirectory([store('A1VALIDSTORE1', 200), store('A1REVOKED0001', 20)]),
    stores: { getTokenCiphertext: async (storeId: string) => storeId },
    cipher: {
      encrypt: async () => {
        throw new Error('never');
      },
      decrypt: async (ciphertext: string) => ciphertext,
    },
    lwa,
    revocations: { send: async () => undefined },
    audit: new FakeAudit(),
    clock: new FakeClock(),
    results,
  };
  return { deps, results };
}

describe("the health check's last result per store", () => {
  it('keeps each checked store’s result, beside its audit record', async () => {
    const { deps, results } = setup({
      'A1REVOKED0001-NA': new LwaError('invalid_grant', 400),
    });

    await runAuthorizationHealthCheck(deps, { deadlineMs: T0.getTime() + 60_000, requestId: 'run-1' });

    expect(Object.fromEntries(results.results)).toEqual({
      'A1VALIDSTORE1-NA': {
        storeId: 'A1VALIDSTORE1-NA',
        result: 'valid',
        checkedAt: T0.toISOString(),
        reauthorizeInDays: 200,
        requestId: 'run-1',
      },
      'A1REVOKED0001-NA': {
        storeId: 'A1REVOKED0001-NA',
        result: 'invalid_grant',
        checkedAt: T0.toISOString(),
        reauthorizeInDays: 20,
        requestId: 'run-1',
      },
    });
    expect(deps.audit.records.map((r) => r.kind)).toEqual(['authorization-check', 'authorization-check']);
  });

  it('counts a result that could not be kept as an error of the run, and still checks the rest', async () => {
    const { deps } = setup({});
    deps.results.saveHealthCheckResult = async () => {
      throw new Error('table unavailable');
    };

    const report = await runAuthorizationHealthCheck(deps, {
      deadlineMs: T0.getTime() + 60_000,
      requestId: 'run-1',
    });

    expect(report).toMatchObject({ checked: 2, valid: 2, errors: 2 });
  });
});
