import {
  LastOwner,
  NotAnOwner,
  RestockSettingsConflict,
  StoreOwnedElsewhere,
  type ConnectStoreCommand,
  type MemberRecord,
  type Snapshot,
  type SnapshotStore,
  type SnapshotVersion,
  type StoreRepository,
} from '../../shared/ports';
import { createHash } from 'node:crypto';
import { snapshotVersionKey } from '../../shared/store-data/store-data-ports';
import type { TokenPurpose } from '../../shared/storage/token-encryption-context';
import type { StoreProfile } from '../../shared/stores/store';
import type { StoredRestockSettings } from '../../shared/summaries/restock-settings';

type StoredProfile = StoreProfile & { authorizedAt?: string; updatedAt?: string };

/**
 * The store repository and snapshot store in memory, for tests that need the ports without DynamoDB. It keeps the
 * DynamoDB adapter's rules (test/integration/ports/store-repository.contract.test.ts runs both against one
 * suite): a claimed store is re-authorized only by its owner, every member change needs an owner at the time of
 * the write, a store always keeps an owner, restock settings are saved over the version read, a snapshot
 * past its retention is absent, and a snapshot stored again with the same content keeps its content and moves
 * its version's read time on.
 */
export class InMemoryStoreRepository implements StoreRepository, SnapshotStore {
  private readonly profiles = new Map<string, StoredProfile>();
  private readonly tokens = new Map<string, string>();
  private readonly members = new Map<string, Map<string, MemberRecord>>();
  private readonly settings = new Map<string, StoredRestockSettings>();
  private readonly snapshots = new Map<string, { snapshot: Snapshot<unknown>; expiresAtMs: number }>();
  private readonly snapshotVersions = new Map<string, Map<string, SnapshotVersion>>();

  async getMembership(storeId: string, userId: string) {
    const member = this.members.get(storeId)?.get(userId);
    return member === undefined ? undefined : { storeId, userId, role: member.role };
  }

  async getTokenCiphertext(storeId: string, purpose: TokenPurpose) {
    return this.tokens.get(`${storeId}/${purpose}`);
  }

  async listStoresOfUser(userId: string) {
    return [...this.members.values()].flatMap((members) => {
      const member = members.get(userId);
      const profile = member === undefined ? undefined : this.profiles.get(member.storeId);
      return member === undefined || profile === undefined
        ? []
        : [{ profile: { ...profile }, role: member.role }];
    });
  }

  async getProfile(storeId: string) {
    const profile = this.profiles.get(storeId);
    return profile === undefined ? undefined : { ...profile };
  }

  async connectStore({ profile, token, ownerUserId }: ConnectStoreCommand) {
    const existing = this.profiles.get(profile.storeId);
    if (existing !== undefined && this.members.get(profile.storeId)?.get(ownerUserId)?.role !== 'owner')
      throw new StoreOwnedElsewhere();
    this.tokens.set(`${profile.storeId}/SPAPI`, token.ciphertext);
    const now = profile.authorizedAt;
    if (existing === undefined) {
      this.profiles.set(profile.storeId, { ...profile, updatedAt: now });
      this.members.set(
        profile.storeId,
        new Map([[ownerUserId, member(profile.storeId, ownerUserId, 'owner', now, ownerUserId)]]),
      );
      return 'connected';
    }
    const { revokedAt: _revokedAt, revokedReason: _revokedReason, ...kept } = existing;
    this.profiles.set(profile.storeId, {
      ...kept,
      // As the table does: a new token does not lift Amazon's deactivation.
      status: existing.accountStatus === 'DEACTIVATED' ? 'SUSPENDED' : 'ACTIVE',
      reauthorizeBy: profile.reauthorizeBy,
      authorizedAt: now,
      updatedAt: now,
      marketplaceIds: profile.marketplaceIds.length > 0 ? profile.marketplaceIds : existing.marketplaceIds,
      // Without Amazon's storeName (the Sellers API was busy) the known name stays.
      displayName:
        profile.displayName === profile.sellingPartnerId ? existing.displayName : profile.displayName,
    });
    return 'reauthorized';
  }

  async listMembers(storeId: string) {
    return [...(this.members.get(storeId)?.values() ?? [])];
  }

  async putMember(command: Parameters<StoreRepository['putMember']>[0]) {
    const { storeId, userId, role, actorUserId, now } = command;
    const members = this.membersOf(storeId);
    const previous = members.get(userId);
    this.requireOwner(storeId, actorUserId);
    if (previous?.role === role) return { result: 'unchanged' as const, member: previous };
    this.guardOwnership(storeId, userId, actorUserId, userId === actorUserId && previous?.role === 'owner');
    const updated = previous ? { ...previous, role } : member(storeId, userId, role, now, actorUserId);
    members.set(userId, updated);
    return previous === undefined
      ? { result: 'added' as const, member: updated }
      : { result: 'role-changed' as const, member: updated, previousRole: previous.role };
  }

  async removeMember({ storeId, userId, actorUserId }: Parameters<StoreRepository['removeMember']>[0]) {
    const members = this.membersOf(storeId);
    const previous = members.get(userId);
    this.requireOwner(storeId, actorUserId);
    if (previous === undefined) return undefined;
    this.guardOwnership(storeId, userId, actorUserId, userId === actorUserId && previous.role === 'owner');
    members.delete(userId);
    return previous;
  }

  async setMarketplaces(storeId: string, marketplaceIds: readonly string[], displayName: string | undefined) {
    const profile = this.profiles.get(storeId);
    if (profile === undefined) throw new Error(`no store ${storeId}`);
    this.profiles.set(storeId, {
      ...profile,
      marketplaceIds: [...marketplaceIds],
      ...(displayName === undefined ? {} : { displayName }),
    });
  }

  async getRestockSettings(storeId: string) {
    return this.settings.get(storeId);
  }

  async putRestockSettings(command: Parameters<StoreRepository['putRestockSettings']>[0]) {
    const { storeId, document, expectedVersion, actorUserId, now } = command;
    if ((this.settings.get(storeId)?.version ?? 0) !== expectedVersion) throw new RestockSettingsConflict();
    this.requireOwner(storeId, actorUserId);
    const saved: StoredRestockSettings = {
      settings: document.settings,
      overrides: document.overrides,
      version: expectedVersion + 1,
      updatedAt: now,
      updatedBy: actorUserId,
    };
    this.settings.set(storeId, saved);
    return saved;
  }

  async get<T>(storeId: string, dataset: string, marketplaceId: string, _known?: unknown) {
    const stored = this.snapshots.get(`${storeId}/${dataset}/${marketplaceId}`);
    if (stored === undefined || stored.expiresAtMs <= Date.now()) return undefined;
    const version = this.snapshotVersions.get(storeId)?.get(snapshotVersionKey(dataset, marketplaceId));
    const snapshot = structuredClone(stored.snapshot) as Snapshot<T>;
    return version !== undefined &&
      version.content === snapshot.content &&
      version.readAt > snapshot.fetchedAt
      ? { ...snapshot, fetchedAt: version.readAt }
      : snapshot;
  }

  async put<T>(
    storeId: string,
    dataset: string,
    marketplaceId: string,
    snapshot: { fetchedAt: string; data: T },
    retainSeconds: number,
  ) {
    const content = createHash('sha256')
      .update(JSON.stringify(snapshot.data))
      .digest('base64url')
      .slice(0, 22);
    const key = `${storeId}/${dataset}/${marketplaceId}`;
    const versions = this.snapshotVersions.get(storeId) ?? new Map<string, SnapshotVersion>();
    this.snapshotVersions.set(storeId, versions);
    const name = snapshotVersionKey(dataset, marketplaceId);
    const current = versions.get(name);
    if (current === undefined || current.readAt < snapshot.fetchedAt)
      versions.set(name, { content, readAt: snapshot.fetchedAt });
    // Whole seconds, as DynamoDB's TTL attribute keeps them.
    const expiresAtMs = (Math.floor(Date.now() / 1000) + retainSeconds) * 1000;
    const stored = this.snapshots.get(key);
    // The same content stays as it was stored (its version says when it was read again).
    if (stored?.snapshot.content === content) this.snapshots.set(key, { ...stored, expiresAtMs });
    else this.snapshots.set(key, { snapshot: structuredClone({ ...snapshot, content }), expiresAtMs });
  }

  async versions(storeId: string) {
    const versions = new Map<string, SnapshotVersion>();
    for (const [name, version] of this.snapshotVersions.get(storeId) ?? []) {
      const stored = this.snapshots.get(`${storeId}/${name.replace('#', '/')}`);
      if (stored !== undefined && stored.expiresAtMs > Date.now()) versions.set(name, version);
    }
    return versions;
  }

  private membersOf(storeId: string): Map<string, MemberRecord> {
    let members = this.members.get(storeId);
    if (members === undefined) this.members.set(storeId, (members = new Map()));
    return members;
  }

  private requireOwner(storeId: string, userId: string): void {
    if (this.members.get(storeId)?.get(userId)?.role !== 'owner') throw new NotAnOwner();
  }

  /** Nobody grants themselves a role; an owner leaving ownership needs another owner to stay. */
  private guardOwnership(
    storeId: string,
    subjectId: string,
    actorUserId: string,
    leavingOwnership: boolean,
  ): void {
    if (subjectId === actorUserId && !leavingOwnership) throw new NotAnOwner();
    if (!leavingOwnership) return;
    const other = [...this.membersOf(storeId).values()].some(
      (m) => m.role === 'owner' && m.userId !== subjectId,
    );
    if (!other) throw new LastOwner();
  }
}

const member = (
  storeId: string,
  userId: string,
  role: MemberRecord['role'],
  addedAt: string,
  addedBy: string,
): MemberRecord => ({ storeId, userId, role, addedAt, addedBy });
