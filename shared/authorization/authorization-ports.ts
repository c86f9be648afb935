/** What connecting a store talks to: OAuth states, the token cipher (KMS), Login with Amazon, the Sellers API. */
import type { Region } from '../amazon/marketplaces';
import type { TokenEncryptionContext } from '../storage/token-encryption-context';
import type { OAuthStateRecord } from './oauth-state';

export interface OAuthStateStore {
  /** Saves a new state; never overwrites one. */
  saveState(record: OAuthStateRecord): Promise<void>;
  /**
   * Deletes the state and answers what it held, atomically, on condition that it was issued to the browser whose
   * binding hashes to `bindingHash`: a leaked state presented by another browser is refused and stays usable by
   * its own browser. A second call for the same state answers `missing`.
   */
  consumeState(
    stateHash: string,
    bindingHash: string,
  ): Promise<
    | { readonly status: 'consumed'; readonly record: OAuthStateRecord }
    | { readonly status: 'missing' }
    | { readonly status: 'binding-mismatch' }
  >;
}

export interface TokenCipher {
  encrypt(plaintext: string, context: TokenEncryptionContext): Promise<{ ciphertext: string; keyId: string }>;
  decrypt(ciphertext: string, context: TokenEncryptionContext): Promise<string>;
}

export interface LwaTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
}

export interface LwaClient {
  exchangeAuthorizationCode(code: string, redirectUri: string): Promise<LwaTokens>;
  refreshAccessToken(refreshToken: string): Promise<Omit<LwaTokens, 'refreshToken'>>;
}

export interface MarketplaceParticipation {
  readonly marketplaceId: string;
  readonly countryCode: string;
  readonly storeName: string;
  readonly isParticipating: boolean;
}

export interface SellersApi {
  /** Throws `SpApiError` with kind `unauthorized` when the token is not valid for the region. */
  getMarketplaceParticipations(region: Region, accessToken: string): Promise<MarketplaceParticipation[]>;
}
