import type { Region } from '../amazon/marketplaces';
import type { StoreStatus } from '../stores/store';
import type { AccountStatus } from './amazon-notification';
import type { RevocationSource } from './revocation-event';
import type { IgnoredReason, StoreState } from './store-status-decision';
import type { TokenPurpose } from '../storage/token-encryption-context';

/**
 * The ports of the revocation pipeline, beside shared/ports.ts: the worker's ledger of store status changes and
 * processed events, and the health check's directory of active stores. One DynamoDB adapter implements both
 * (shared/adapters/dynamodb-revocation-store.ts).
 */

/** One processed queue event, kept under the store's partition for longer than the queue keeps any message. */
export interface ProcessedEvent {
  readonly eventId: string;
  readonly storeId: string;
  readonly action: 'revoke' | 'account-status';
  readonly outcome: 'revoked' | 'status-changed' | 'account-status-recorded' | `ignored:${IgnoredReason}`;
  /** Canonical ISO time of the signal. */
  readonly at: string;
  readonly processedAt: string;
  /** True until the store-revoked audit record is written: a redelivery writes it then. */
  readonly auditPending: boolean;
  /** What the store-revoked record says, frozen at revocation so a redelivery writes the same record. */
  readonly revocation?: {
    readonly source: RevocationSource;
    readonly actorId?: string;
    readonly previousStatus: StoreStatus;
    readonly sellingPartnerId: string;
    readonly region: Region;
    readonly snapshotsPurged: number;
  };
}

export type LedgerWriteResult =
  | 'applied'
  /** The store changed since it was read (a precondition failed): read it again and decide again. */
  | 'conflict'
  /** This event id is already recorded. */
  | 'duplicate';

export interface RevokeStoreCommand {
  readonly storeId: string;
  readonly eventId: string;
  readonly source: RevocationSource;
  readonly actorId?: string;
  /** The signal's time: the write is refused when the store was authorized after it. */
  readonly at: string;
  readonly expectedStatus: StoreStatus;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly now: Date;
}

export interface ChangeAccountStatusCommand {
  readonly storeId: string;
  readonly eventId: string;
  readonly at: string;
  readonly accountStatus: AccountStatus;
  readonly expectedStatus: StoreStatus;
  readonly status: StoreStatus;
  readonly now: Date;
}

export interface RevocationLedger {
  getStoreState(storeId: string): Promise<StoreState | undefined>;
  getProcessedEvent(storeId: string, eventId: string): Promise<ProcessedEvent | undefined>;
  /**
   * In one transaction: status REVOKED (with revokedAt / revokedReason) on condition that the store still has
   * `expectedStatus` and was not authorized after `at`; every token ciphertext deleted; the event recorded (once).
   * Snapshots go in the same transaction up to its size limit, the rest right after; `snapshotsPurged` counts all.
   */
  revokeStore(command: RevokeStoreCommand): Promise<LedgerWriteResult>;
  /** Records Amazon's account status (and the store status it implies) if no newer one is recorded; the event too. */
  changeAccountStatus(command: ChangeAccountStatusCommand): Promise<LedgerWriteResult>;
  /** Records an event that changes nothing, so its redeliveries are recognised. */
  recordIgnoredEvent(event: {
    storeId: string;
    eventId: string;
    action: ProcessedEvent['action'];
    reason: IgnoredReason;
    at: string;
    now: Date;
  }): Promise<Exclude<LedgerWriteResult, 'conflict'>>;
  markAudited(storeId: string, eventId: string, now: Date): Promise<void>;
  /** Deletes the store's snapshots; answers how many there were. */
  purgeSnapshots(storeId: string): Promise<number>;
}

/** An active store, as the health check needs it. */
export interface ActiveStore {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly reauthorizeBy: string;
}

export interface ActiveStoreDirectory {
  /**
   * Active stores, one bounded page at a time, always in the same order; from the store after `startAfter` (a
   * store id, which need not exist any more) when given.
   */
  activeStorePages(pageSize: number, startAfter?: string): AsyncIterable<readonly ActiveStore[]>;
  /** The store the health check checked last, kept between runs; undefined before the first run. */
  readHealthCheckCursor(): Promise<string | undefined>;
  saveHealthCheckCursor(storeId: string, now: Date): Promise<void>;
  /**
   * ACTIVE → REAUTH_REQUIRED, on condition that the store is still ACTIVE with the same reauthorizeBy (a
   * re-authorization in between renews it). Answers whether it changed the store.
   */
  markReauthorizationRequired(storeId: string, reauthorizeBy: string, now: Date): Promise<boolean>;
}

/**
 * A shred the revocation sweep applied, kept on the store's profile until its `store-revoked` record is written:
 * a crash in between leaves it, and the next run writes the record (shared/revocation/revocation-sweep.ts).
 */
export interface PendingShred {
  readonly eventId: string;
  readonly shreddedAt: string;
  readonly tokensDeleted: readonly TokenPurpose[];
  /** The profile's revokedReason (`unknown` when it has none). */
  readonly revokedReason: string;
  readonly revokedAt?: string;
}

/** A store as the sweep sees it: its profile and which token ciphertexts exist. */
export interface SweepCandidate {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly status: StoreStatus;
  /** The profile's version: the shred is written only over this one (undefined on profiles without it). */
  readonly updatedAt: string | undefined;
  readonly revokedAt?: string;
  readonly revokedReason?: string;
  readonly tokens: readonly TokenPurpose[];
  readonly pendingShred?: PendingShred;
}

/** The revocation sweep's side of the table (shared/adapters/dynamodb-store-repository.ts). */
export interface RevocationSweepStore {
  /**
   * One bounded page of the table from `cursor` (an opaque position, from `next`): the stores on it that are
   * REVOKED or carry a pending shred, each with the ciphertexts that exist. `next` is undefined at the table's end.
   */
  sweepCandidatePage(args: {
    pageSize: number;
    cursor?: string;
  }): Promise<{ readonly candidates: readonly SweepCandidate[]; readonly next: string | undefined }>;
  /** The store as it is now (strongly consistent); undefined without a profile. */
  readSweepCandidate(storeId: string): Promise<SweepCandidate | undefined>;
  /**
   * In one transaction: both token ciphertexts deleted and `pending` recorded on the profile, on condition that the
   * store is still in a shredded status at `expectedUpdatedAt` and has no pending shred. 'conflict' otherwise,
   * with nothing changed.
   */
  shredLostCiphertext(command: {
    storeId: string;
    expectedUpdatedAt: string | undefined;
    pending: PendingShred;
  }): Promise<'applied' | 'conflict'>;
  /** Removes the pending shred once its record is written (only that one: a newer one stays). */
  clearPendingShred(storeId: string, eventId: string): Promise<void>;
  /** Where the last run stopped; undefined before the first run and after a run that reached the end. */
  readSweepCursor(): Promise<string | undefined>;
  saveSweepCursor(cursor: string | undefined, now: Date): Promise<void>;
}
