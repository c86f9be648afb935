import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { LwaError } from '../amazon/amazon-errors';
import { AmazonUnavailable, DomainError, ServiceUnavailable } from '../errors';
import type { Clock, LwaClient, RevocationQueue, StoreRepository, TokenCipher } from '../ports';
import { readRefreshToken } from '../authorization/refresh-token';
import { REVOCATION_QUEUE_SEND_FAILED_METRIC } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';
import type { StoreProfile } from '../stores/store';
import { randomUUID } from 'node:crypto';
import { confineToScope } from '../store-access/store-scope';

/** Refresh this long before Amazon's expiry, so a token never expires mid-fetch. */
export const REFRESH_MARGIN_SECONDS = 300;

interface CachedToken {
  readonly accessToken: string;
  readonly expiresAtMs: number;
}

export class AuthorizationRevoked extends DomainError {
  constructor() {
    super(
      'AuthorizationRevoked',
      'The seller revoked this authorization; ask the seller to authorize the store again.',
    );
  }
}

/**
 * Short-lived SP-API access tokens, minted from the store's refresh token (one KMS Decrypt, one LWA refresh) and
 * kept only in this execution environment's memory, keyed by store. Concurrent requests for one store share one
 * exchange. An `invalid_grant` queues a revocation for the store and answers AuthorizationRevoked.
 */
export class AccessTokenProvider {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly deps: {
      stores: Pick<StoreRepository, 'getTokenCiphertext'>;
      cipher: TokenCipher;
      lwa: LwaClient;
      revocations: RevocationQueue;
      clock: Clock;
    },
  ) {}

  async accessTokenFor(
    store: Pick<StoreProfile, 'storeId' | 'sellingPartnerId' | 'region'>,
  ): Promise<string> {
    // A token kept in memory is served only to its own store's scope: IAM guards the table, not this cache.
    confineToScope(store.storeId);
    const cached = this.cache.get(store.storeId);
    if (
      cached !== undefined &&
      cached.expiresAtMs - REFRESH_MARGIN_SECONDS * 1000 > this.deps.clock.now().getTime()
    ) {
      return cached.accessToken;
    }
    let pending = this.inflight.get(store.storeId);
    if (pending === undefined) {
      pending = this.mint(store).finally(() => this.inflight.delete(store.storeId));
      this.inflight.set(store.storeId, pending);
    }
    return (await pending).accessToken;
  }

  /** Forget a store's token: it was revoked, suspended, or Amazon refused it. */
  drop(storeId: string): void {
    this.cache.delete(storeId);
  }

  private async mint(
    store: Pick<StoreProfile, 'storeId' | 'sellingPartnerId' | 'region'>,
  ): Promise<CachedToken> {
    // The evidence's time is taken before the token is read: a re-authorization after this instant stores a new
    // ciphertext and must not be revoked by what LWA says about the old one.
    const evidenceAt = this.deps.clock.now().toISOString();
    const refreshToken = await readRefreshToken(this.deps, store);
    if (refreshToken === undefined) throw new AuthorizationRevoked();
    try {
      const minted = await this.deps.lwa.refreshAccessToken(refreshToken);
      const token = {
        accessToken: minted.accessToken,
        expiresAtMs: this.deps.clock.now().getTime() + minted.expiresInSeconds * 1000,
      };
      this.cache.set(store.storeId, token);
      return token;
    } catch (error) {
      if (error instanceof LwaError && error.kind === 'invalid_grant') {
        this.drop(store.storeId);
        try {
          await this.deps.revocations.send({
            eventId: randomUUID(),
            storeId: store.storeId,
            source: 'invalid_grant',
            at: evidenceAt,
          });
        } catch (sendError) {
          // The authorization is dead whether or not the signal was queued: this read is refused, the next one
          // meets invalid_grant and sends again, and the daily health check finds it too. Counted for the alarm.
          metrics.addMetric(REVOCATION_QUEUE_SEND_FAILED_METRIC, MetricUnit.Count, 1);
          logger.error('invalid_grant: the revocation signal was not queued', {
            storeId: store.storeId,
            errorName: (sendError as Error)?.name,
          });
        }
        throw new AuthorizationRevoked();
      }
      if (error instanceof LwaError && (error.kind === 'unavailable' || error.kind === 'throttled'))
        throw new AmazonUnavailable();
      // A wrong or rotated client secret (invalid_client) or a malformed request: ours to fix, not the seller's.
      if (error instanceof LwaError) throw new ServiceUnavailable('lwa', 60, 'configuration');
      throw error;
    }
  }
}
