/**
 * Ports: every outside system the domain talks to. The domain depends on these interfaces only; adapters in
 * shared/adapters implement them for AWS (and run unchanged against the local emulators).
 */
import type { Region } from './amazon/marketplaces';
import type { AuditRecord } from './audit/audit-record';
import type { OAuthStateRecord } from './authorization/oauth-state';
import type { RevocationEvent } from './revocation/revocation-event';
import type { TokenEncryptionContext } from './storage/token-encryption-context';
import type { InventoryItemRecord, OrderRecord } from './stores/datasets';
import type { StoreMembership, StoreProfile } from './stores/store';
import type { TokenPurpose } from './storage/token-encryption-context';

export interface Clock {
  now(): Date;
}

export interface OAuthStateStore {
  /** Saves a new state; never overwrites one. */
  saveState(record: OAuthStateRecord): Promise<void>;
  /** Deletes the state and answers what it held, atomically: a second call for the same state answers undefined. */
  consumeState(stateHash: string): Promise<OAuthStateRecord | undefined>;
}

export interface ConnectStoreCommand {
  readonly profile: StoreProfile & { readonly authorizedAt: string };
  readonly token: { readonly ciphertext: string; readonly keyId: string };
  readonly ownerUserId: string;
}

/** Another writer changed the store between our read and our write; the caller may retry once. */
export class ConcurrentStoreUpdate extends Error {
  constructor() {
    super('The store changed while it was being written');
    this.name = 'ConcurrentStoreUpdate';
  }
}

export interface StoreRepository {
  getMembership(storeId: string, userId: string): Promise<StoreMembership | undefined>;
  /** The store's encrypted refresh token; undefined once crypto-shredded. */
  getTokenCiphertext(storeId: string, purpose: TokenPurpose): Promise<string | undefined>;
  listStoresOfUser(userId: string): Promise<Array<{ profile: StoreProfile; role: StoreMembership['role'] }>>;
  getProfile(
    storeId: string,
  ): Promise<(StoreProfile & { readonly authorizedAt?: string; readonly updatedAt?: string }) | undefined>;
  /**
   * Writes profile, token ciphertext and the owner's membership in one conditional transaction. A known store is
   * re-authorized in place: ciphertext replaced, reauthorizeBy renewed, status ACTIVE, members kept.
   */
  connectStore(command: ConnectStoreCommand): Promise<'connected' | 'reauthorized'>;
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

export interface AuditTrail {
  /** Resolves once the record is durably written; rejects otherwise. */
  write(record: AuditRecord): Promise<void>;
}

/** One page of an SP-API listing, with the rate Amazon announced for the operation when it did. */
export interface SpApiPage<T> {
  readonly records: T[];
  readonly nextToken: string | undefined;
  readonly rateLimit: number | undefined;
}

export interface InventorySource {
  fetchInventoryPage(args: {
    region: Region;
    accessToken: string;
    marketplaceId: string;
    nextToken: string | undefined;
  }): Promise<SpApiPage<InventoryItemRecord>>;
}

export interface OrdersQuery {
  readonly region: Region;
  readonly accessToken: string;
  readonly marketplaceId: string;
  /** createdAfter (with an optional createdBefore) or lastUpdatedAfter, ISO 8601. */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  readonly lastUpdatedAfter?: string;
  readonly nextToken: string | undefined;
}

/** Orders behind one port: Orders 2026-01-01 `searchOrders` (default) or Orders v0 `getOrders`. */
export interface OrdersSource {
  readonly operation: 'searchOrders' | 'getOrders';
  fetchOrdersPage(query: OrdersQuery): Promise<SpApiPage<OrderRecord>>;
}

export interface RevocationQueue {
  send(event: RevocationEvent): Promise<void>;
}

export interface Snapshot<T> {
  readonly fetchedAt: string;
  readonly data: T;
}

/** Last fetched data per (store, dataset, marketplace), so repeated views do not call Amazon again. */
export interface SnapshotStore {
  get<T>(storeId: string, dataset: string, marketplaceId: string): Promise<Snapshot<T> | undefined>;
  put<T>(
    storeId: string,
    dataset: string,
    marketplaceId: string,
    snapshot: Snapshot<T>,
    retainSeconds: number,
  ): Promise<void>;
}

export interface AuditQuery {
  readonly storeId: string;
  readonly from: Date;
  readonly to: Date;
  /** At most this many records, newest first. */
  readonly limit: number;
}

export interface AuditReader {
  readStoreRecords(query: AuditQuery): Promise<{ records: AuditRecord[]; truncated: boolean }>;
}
