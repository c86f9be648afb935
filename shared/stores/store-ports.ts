/**
 * The store ports: the store repository (profile, connect, members, marketplaces, restock settings) and its typed
 * refusals, the reads across many stores, an owner's display name, and the operators' directory.
 */
import type { TokenPurpose } from '../storage/token-encryption-context';
import type { Snapshot } from '../store-data/store-data-ports';
import type { RestockSettingsDocument, StoredRestockSettings } from '../summaries/restock-settings';
import type { MemberRole, StoreMembership, StoreProfile } from './store';

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
