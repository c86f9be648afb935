import { LwaError } from '../../../shared/amazon/amazon-errors';
import { ServiceUnavailable } from '../../../shared/errors';
import { toErrorResponse } from '../../../shared/http/responses';
import type { LwaClient, RevocationQueue, TokenCipher } from '../../../shared/ports';
import type { RevocationEvent } from '../../../shared/revocation/revocation-event';
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

  it('still answers 409, not 500, when the revocation cannot be queued (the health check finds it again)', async () => {
    const error = await provider({
      send: async () => {
        throw new ServiceUnavailable('sqs');
      },
    })
      .accessTokenFor(STORE)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthorizationRevoked);
    expect(toErrorResponse(error).statusCode).toBe(409);
  });
});
