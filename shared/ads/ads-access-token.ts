import { LwaError } from '../amazon/amazon-errors';
import { confineToScope } from '../store-access/store-scope';
import { AmazonUnavailable, DomainError, ServiceUnavailable } from '../errors';
import type { AuditTrail, Clock, StoreRepository, TokenCipher } from '../ports';
import { tokenEncryptionContext } from '../storage/token-encryption-context';
import type { StoreProfile } from '../stores/store';
import type { AdsLwaClient, AdsRepository } from './ads-ports';
import { removeAdsLink } from './ads-link';

const REFRESH_MARGIN_SECONDS = 300;

/** The store's Ads authorization is gone (removed, or Amazon answered invalid_grant). */
export class AdsAuthorizationRevoked extends DomainError {
  constructor() {
    super('AdsNotConnected', 'Advertising access was removed for this store; an owner can connect it again.');
  }
}

type Store = Pick<StoreProfile, 'storeId' | 'sellingPartnerId' | 'region'>;

/**
 * Ads access tokens, minted from the store's Ads refresh token (`TOKEN#ADS`, KMS context purpose `ADS`) and kept
 * in this execution environment's memory only; concurrent callers share one exchange. `invalid_grant` is the Ads
 * revocation signal: the Ads link is removed and its token crypto-shredded, the SP-API authorization untouched.
 */
export class AdsAccessTokenProvider {
  private readonly cache = new Map<string, { accessToken: string; expiresAtMs: number }>();
  private readonly inflight = new Map<string, Promise<{ accessToken: string; expiresAtMs: number }>>();

  constructor(
    private readonly deps: {
      stores: Pick<StoreRepository, 'getTokenCiphertext'>;
      adsStore: Pick<AdsRepository, 'removeAdsAuthorization'>;
      cipher: TokenCipher;
      lwa: AdsLwaClient;
      audit: AuditTrail;
      clock: Clock;
    },
  ) {}

  async accessTokenFor(store: Store): Promise<string> {
    // A token kept in memory is served only to its own store's scope (shared/store-access/store-scope.ts).
    confineToScope(store.storeId);
    const cached = this.cache.get(store.storeId);
    if (
      cached !== undefined &&
      cached.expiresAtMs - REFRESH_MARGIN_SECONDS * 1000 > this.deps.clock.now().getTime()
    )
      return cached.accessToken;
    let pending = this.inflight.get(store.storeId);
    if (pending === undefined) {
      pending = this.mint(store).finally(() => this.inflight.delete(store.storeId));
      this.inflight.set(store.storeId, pending);
    }
    return (await pending).accessToken;
  }

  drop(storeId: string): void {
    this.cache.delete(storeId);
  }

  private async mint(store: Store) {
    const ciphertext = await this.deps.stores.getTokenCiphertext(store.storeId, 'ADS');
    if (ciphertext === undefined) throw new AdsAuthorizationRevoked();
    const refreshToken = await this.deps.cipher.decrypt(
      ciphertext,
      tokenEncryptionContext({ ...store, purpose: 'ADS' }),
    );
    try {
      const minted = await this.deps.lwa.refreshAccessToken(store.region, refreshToken);
      const token = {
        accessToken: minted.accessToken,
        expiresAtMs: this.deps.clock.now().getTime() + minted.expiresInSeconds * 1000,
      };
      this.cache.set(store.storeId, token);
      return token;
    } catch (error) {
      if (error instanceof LwaError && error.kind === 'invalid_grant') {
        this.drop(store.storeId);
        await removeAdsLink(this.deps, {
          store,
          actor: { type: 'system', id: 'ads-token-refresh' },
          reason: 'invalid_grant',
          requestId: 'ads-token-refresh',
        });
        throw new AdsAuthorizationRevoked();
      }
      if (error instanceof LwaError && (error.kind === 'unavailable' || error.kind === 'throttled'))
        throw new AmazonUnavailable();
      if (error instanceof LwaError) throw new ServiceUnavailable('lwa-ads', 60, 'configuration');
      throw error;
    }
  }
}
