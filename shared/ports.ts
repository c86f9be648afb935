/**
 * Ports: every outside system the domain talks to. The domain depends on these interfaces only; adapters in
 * shared/adapters implement them for AWS (and run unchanged against the local emulators).
 */
import type { Region } from './amazon/marketplaces';
import type { StoreAuditRecord } from './api/audit-contract';
import type { AuditPosition } from './audit/audit-cursor';
import type { AuditRecord } from './audit/audit-record';
import type { OAuthStateRecord } from './authorization/oauth-state';
import type { RevocationEvent } from './revocation/revocation-event';
import type { TokenEncryptionContext } from './storage/token-encryption-context';
import type { InventoryItemRecord, Money, OrderRecord, OrderStatus } from './stores/datasets';
import type { MemberRole, StoreMembership, StoreProfile } from './stores/store';
import type { RestockSettingsDocument, StoredRestockSettings } from './summaries/restock-settings';
import type { TokenPurpose } from './storage/token-encryption-context';

export interface Clock {
  now(): Date;
}

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

export interface ConnectStoreCommand {
  readonly profile: StoreProfile & { readonly authorizedAt: string };
  readonly token: { readonly ciphertext: string; readonly keyId: string };
  /** The operator completing the consent: the first owner of a new store, and an existing owner of a known one. */
  readonly ownerUserId: string;
  /** How the store was (re-)connected: recorded with the operator on a new store. */
  readonly connectedVia?: 'website' | 'appstore';
}

/**
 * A callback names a store that exists and of which the caller is not an owner: a claimed seller id never joins,
 * re-authorizes or exposes a store (docs/security.md, "Isolation between stores"). Nothing was written.
 */
export class StoreOwnedElsewhere extends Error {
  constructor() {
    super('The store is connected by another team');
    this.name = 'StoreOwnedElsewhere';
  }
}

/** A member item as stored; names and emails live in the operator directory. */
export interface MemberRecord {
  readonly storeId: string;
  readonly userId: string;
  readonly role: MemberRole;
  readonly addedAt: string;
  readonly addedBy: string | null;
}

/** The acting operator is not (or no longer) an owner of the store: nothing was written. */
export class NotAnOwner extends Error {
  constructor() {
    super('The acting operator is not an owner of the store');
    this.name = 'NotAnOwner';
  }
}

/** The change would leave the store without an owner: nothing was written. */
export class LastOwner extends Error {
  constructor() {
    super('A store always keeps at least one owner');
    this.name = 'LastOwner';
  }
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
   * re-authorized in place (ciphertext replaced, reauthorizeBy renewed, status ACTIVE, members kept) only when
   * `ownerUserId` is already its owner at the time of the write; otherwise StoreOwnedElsewhere and nothing changes.
   */
  connectStore(command: ConnectStoreCommand): Promise<'connected' | 'reauthorized'>;
  /** Every member of the store (strongly consistent). */
  listMembers(storeId: string): Promise<MemberRecord[]>;
  /**
   * Adds a member or changes a member's role, in one transaction conditioned on `actorUserId` being an owner at the
   * time of the write (throws NotAnOwner otherwise) and on a demotion leaving another owner (throws LastOwner).
   */
  putMember(command: {
    storeId: string;
    userId: string;
    role: MemberRole;
    actorUserId: string;
    now: string;
  }): Promise<{
    result: 'added' | 'role-changed' | 'unchanged';
    member: MemberRecord;
    previousRole?: MemberRole;
  }>;
  /** Removes a member under the same conditions as putMember; answers the removed record, undefined if absent. */
  removeMember(command: {
    storeId: string;
    userId: string;
    actorUserId: string;
  }): Promise<MemberRecord | undefined>;
  /** Marketplaces learned after the connection (when the Sellers API was busy at consent). */
  setMarketplaces(
    storeId: string,
    marketplaceIds: readonly string[],
    displayName: string | undefined,
  ): Promise<void>;
  /** The store's saved restock settings (`SETTINGS#restock`); undefined until an owner first saves them. */
  getRestockSettings(storeId: string): Promise<StoredRestockSettings | undefined>;
  /**
   * Saves the store's restock settings as version `expectedVersion + 1`, on condition that the stored version is
   * still `expectedVersion` (0: none saved yet) and that `actorUserId` is an owner at the time of the write.
   * Throws NotAnOwner or RestockSettingsConflict (nothing written); answers the saved document.
   */
  putRestockSettings(command: {
    storeId: string;
    document: RestockSettingsDocument;
    expectedVersion: number;
    actorUserId: string;
    now: string;
  }): Promise<StoredRestockSettings>;
}

/** The restock settings changed since they were read (another owner saved): nothing was written. */
export class RestockSettingsConflict extends Error {
  constructor() {
    super('The restock settings were changed by someone else');
    this.name = 'RestockSettingsConflict';
  }
}

/** An operator as the sign-in directory (Cognito user pool) knows them. */
export interface Operator {
  readonly userId: string;
  readonly email: string;
  readonly name: string | null;
  readonly enabled: boolean;
}

/** The operators' directory: Cognito in AWS (ListUsers), the local identity provider's stand-in locally. */
export interface OperatorDirectory {
  /** The operator with this email (case-insensitive), undefined if none. */
  findByEmail(email: string): Promise<Operator | undefined>;
  /** The operators with these ids; ids unknown to the directory are absent from the map. */
  getOperators(userIds: readonly string[]): Promise<Map<string, Operator>>;
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
  /** Only orders in these statuses (the open-orders listing); all statuses when absent. */
  readonly statuses?: readonly OrderStatus[];
  readonly nextToken: string | undefined;
}

/** Orders behind one port: Orders 2026-01-01 `searchOrders` (default) or Orders v0 `getOrders`. */
export interface OrdersSource {
  readonly operation: 'searchOrders' | 'getOrders';
  fetchOrdersPage(query: OrdersQuery): Promise<SpApiPage<OrderRecord>>;
}

/** Sales API v1 `getOrderMetrics`: one marketplace, optionally one SKU, in the marketplace's days. */
export interface OrderMetricsQuery {
  readonly region: Region;
  readonly accessToken: string;
  readonly marketplaceId: string;
  /** `{start}--{end}` with the zone's offsets (start inclusive, end exclusive), as the model asks. */
  readonly interval: { readonly start: string; readonly end: string };
  readonly granularity: 'Day' | 'Total';
  /** IANA zone of the day boundaries (`granularityTimeZone`); must match the interval's offsets. */
  readonly timeZone: string;
  readonly sku?: string;
}

export interface OrderMetric {
  readonly interval: string;
  readonly orderCount: number;
  readonly unitCount: number;
  readonly totalSales: Money;
}

export interface SalesSource {
  getOrderMetrics(
    query: OrderMetricsQuery,
  ): Promise<{ readonly metrics: OrderMetric[]; readonly rateLimit: number | undefined }>;
}

export type ReportProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** Reports API 2021-06-30 for the bulk order history; documents are parsed with every buyer column dropped. */
export interface ReportsSource {
  createOrderReport(args: {
    region: Region;
    accessToken: string;
    marketplaceId: string;
    dataStartTime: string;
    dataEndTime: string;
  }): Promise<{ readonly reportId: string; readonly rateLimit: number | undefined }>;
  getReport(args: { region: Region; accessToken: string; reportId: string }): Promise<{
    readonly status: ReportProcessingStatus;
    readonly reportDocumentId: string | undefined;
    readonly rateLimit: number | undefined;
  }>;
  getReportDocument(args: { region: Region; accessToken: string; reportDocumentId: string }): Promise<{
    readonly url: string;
    readonly compressed: boolean;
    readonly rateLimit: number | undefined;
  }>;
  /** Downloads a report document (not an SP-API call: a presigned URL) as order records, without buyer data. */
  downloadOrderReport(args: {
    region: Region;
    url: string;
    compressed: boolean;
    marketplaceId: string;
  }): Promise<OrderRecord[]>;
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
  /** Inclusive bounds. */
  readonly from: Date;
  readonly to: Date;
  /** At most this many records, newest first. */
  readonly limit: number;
  /** Only records after this place in newest-first order: the `next` of the previous page. */
  readonly after?: AuditPosition;
}

export interface AuditPage {
  readonly records: StoreAuditRecord[];
  /** Where the next page starts; absent when the range holds nothing older. */
  readonly next?: AuditPosition;
}

/** One store's records newest first, a page at a time: no record lost or repeated across pages. */
export interface AuditReader {
  readStoreRecords(query: AuditQuery): Promise<AuditPage>;
}

/** One stored snapshot to read in a batch. */
export interface SnapshotKey {
  readonly storeId: string;
  readonly dataset: string;
  readonly marketplaceId: string;
}

/** The key a batch answer is keyed by: `{storeId}|{dataset}|{marketplaceId}`. */
export const snapshotKeyOf = (key: SnapshotKey): string =>
  `${key.storeId}|${key.dataset}|${key.marketplaceId}`;

/**
 * Reads across many stores at once, for views that span them (the overview): strongly consistent batch reads,
 * so a membership removed a moment ago is seen, and a few round trips serve 50 stores.
 */
export interface StoreBatchReader {
  /** The user's role in each of these stores; stores they are not a member of are absent. */
  getMemberships(userId: string, storeIds: readonly string[]): Promise<Map<string, MemberRole>>;
  /** The snapshots asked for, by `snapshotKeyOf`; missing or expired ones are absent. */
  getSnapshots(keys: readonly SnapshotKey[]): Promise<Map<string, Snapshot<unknown>>>;
  /** Only when each snapshot asked for was read from Amazon (`fetchedAt`), without its data: a cheap freshness probe. */
  getSnapshotTimes(keys: readonly SnapshotKey[]): Promise<Map<string, string>>;
  /** The saved restock settings of these stores; a store with none saved is absent. */
  getRestockSettingsOfStores(storeIds: readonly string[]): Promise<Map<string, StoredRestockSettings>>;
}

/** The display name an owner gives a store, over the name Amazon's Sellers API knows it by. */
export interface StoreDisplayNameStore {
  /**
   * Sets the store's display name override (null clears it: Amazon's `storeName` shows again), on condition that
   * `actorUserId` is an owner at the time of the write (throws NotAnOwner otherwise; nothing written), and that
   * nobody changed the override since it was read (read again and decided again). Answers
   * the override before and after, the name Amazon knows the store by, and the override's new version.
   */
  setDisplayNameOverride(command: {
    storeId: string;
    displayName: string | null;
    actorUserId: string;
    now: string;
  }): Promise<{
    /** False when the override already was this: nothing written (the owner check still ran). */
    readonly changed: boolean;
    readonly before: string | null;
    readonly after: string | null;
    readonly amazonName: string;
    readonly version: number;
  }>;
}
