import { LwaError } from '../../../shared/amazon/amazon-errors';
import { ServiceUnavailable } from '../../../shared/errors';
import { toErrorResponse } from '../../../shared/http/responses';
import type { LwaClient, RevocationQueue, TokenCipher } from '../../../shared/ports';
import type { RevocationEvent } from '../../../shared/revocation/revocation-event';
import { REVOCATION_QUEUE_SEND_FAILED_METRIC } from '../../../shared/observability/metric-names';
import { logger, metrics } from '../../../shared/observability/powertools';
import { AccessTokenProvider, AuthorizationRevoked } from '../../../shared/store-data/access-token-provider';

// The provider's ports are simple seams here (a stored ciphertext, a cipher that reads it back, an LWA answer),
// because what is under test is its decision when LWA says invalid_grant: the KMS, DynamoDB and LWA adapters
// are proven against the emulators and the sandbox in test/integration.
const STORE = { storeId: 'A2LUMENCRAFT7Q-NA', sellingPartnerId: 'A2LUMENCRAFT7Q', region: 'NA' as const };
const NOW = new Date('2026-11-20T10:00:00.000Z');

function provider(revocations: RevocationQueue, lwa: Partial<LwaClient> = {}) {
  const cipher: TokenCipher = {
    encrypt: async () => ({ ciphertext: 'c', keyId: 'k' }),
    decrypt: async () => 'Atzr|refresh-token',
  };
  return new AccessTokenProvider({
    stores: { getTokenCiphertext: async () => 'ciphertext' },
    cipher,
    lwa: {
      exchangeAuthorizationCode: async () => {
        throw new Error('not used');
      },
      refreshAccessToken: async () => {
        throw new LwaError('invalid_grant', 400);
      },
      ...lwa,
    },
    revocations,
    clock: { now: () => NOW },
  });
}

describe('AccessTokenProvider on invalid_grant', () => {
  it('queues a revocation (evidence time before the token was read) and answers 409 AuthorizationRevoked', async () => {
    const sent: RevocationEvent[] = [];

    const error = await provider({ send: async (event) => void sent.push(event) })
      .accessTokenFor(STORE)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthorizationRevoked);
    expect(toErrorResponse(error).statusCode).toBe(409);
    expect(sent).toEqual([
      { eventId: expect.any(String), storeId: STORE.storeId, source: 'invalid_grant', at: NOW.toISOString() },
    ]);
  });

  it('still answers 409, not 500, when the revocation cannot be queued, and counts it for the alarm', async () => {
    const counted = jest.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const error = await provider({
      send: async () => {
        throw new ServiceUnavailable('sqs');
      },
    })
      .accessTokenFor(STORE)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthorizationRevoked);
    expect(toErrorResponse(error).statusCode).toBe(409);
    expect(counted).toHaveBeenCalledWith(REVOCATION_QUEUE_SEND_FAILED_METRIC, 'Count', 1);
    expect(logged).toHaveBeenCalledWith('invalid_grant: the revocation signal was not queued', {
      storeId: STORE.storeId,
      errorName: 'ServiceUnavailable',
    });
    counted.mockRestore();
    logged.mockRestore();
  });
});
