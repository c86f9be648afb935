import * as z from 'zod';
import type {
  AddMemberResponse,
  MembersResponse,
  RemoveMemberResponse,
  StoreMember,
} from '../api/members-contract';
import type { Caller } from '../auth/caller';
import {
  AccessDenied,
  BadRequest,
  LastOwnerError,
  MemberNotFound,
  OperatorNotFound,
  StoreNotFound,
} from '../errors';
import {
  LastOwner,
  NotAnOwner,
  type AuditTrail,
  type Clock,
  type MemberRecord,
  type OperatorDirectory,
  type StoreRepository,
} from '../ports';
import { auditStoreActionDenied, storeAccessRecord, type StoreActionContext } from './store-action-audit';
import { STORE_ID_PATTERN, type StoreProfile } from './store';
import { inStoreScope, type StoreScope } from '../store-access/store-scope';

/**
 * Members are the way into a store (docs/security.md, "Isolation between stores"): owners add existing operators by email, change roles
 * and remove members, never the last owner; members see who else has access; admins may list. Every change is an
 * audit record; every refusal too. The repository re-checks ownership inside each write's transaction, so a
 * decision taken on a stale read cannot be applied.
 */
export interface StoreMembersDependencies {
  readonly stores: Pick<
    StoreRepository,
    'getMembership' | 'getProfile' | 'listMembers' | 'putMember' | 'removeMember'
  >;
  readonly directory: OperatorDirectory;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  /** Past the gate, the store's items on its own store-access session (shared/store-access/store-scope.ts). */
  readonly scope?: StoreScope;
}

/** Cognito `sub` values are UUIDs; anything of another shape cannot be a member. */
const USER_ID_PATTERN = /^[A-Za-z0-9-]{1,128}$/;

const AddMemberBody = z.strictObject({
  email: z.email({ message: 'email must be an email address' }).max(254),
  role: z.enum(['operator', 'owner'], { message: 'role must be "operator" or "owner"' }),
});

export async function listStoreMembers(
  deps: StoreMembersDependencies,
  caller: Caller,
  storeId: string,
  requestId: string,
): Promise<MembersResponse> {
  const context = { actorId: caller.userId, storeId, operation: 'ListStoreMembers', requestId };
  if (!STORE_ID_PATTERN.test(storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(storeId, caller.userId);
  if (membership === undefined && !caller.isAdmin) {
    await auditStoreActionDenied(deps, context);
    throw new AccessDenied();
  }
  if (membership === undefined && (await deps.stores.getProfile(storeId)) === undefined)
    throw new StoreNotFound();
  // A member's scope is the store of their membership item; an admin's, the store whose profile was just read.
  const records = await inStoreScope(deps.scope, membership?.storeId ?? storeId, () =>
    deps.stores.listMembers(storeId),
  );
  const people = await deps.directory.getOperators(records.map((r) => r.userId));
  const members = records.map((record) => memberView(record, people.get(record.userId)));
  members.sort(
    (a, b) =>
      Number(b.role === 'owner') - Number(a.role === 'owner') ||
      (a.name ?? a.email ?? a.userId).localeCompare(b.name ?? b.email ?? b.userId),
  );
  return { storeId, members, canManage: membership?.role === 'owner' };
}

export async function addStoreMember(
  deps: StoreMembersDependencies & { onAuditFailure: (error: unknown) => void },
  caller: Caller,
  storeId: string,
  body: unknown,
  requestId: string,
): Promise<AddMemberResponse> {
  const context = { actorId: caller.userId, storeId, operation: 'AddStoreMember', requestId };
  const { profile, verifiedStoreId } = await requireOwner(deps, caller, context, 'add members');
  return inStoreScope(deps.scope, verifiedStoreId, async () => {
    const parsed = AddMemberBody.safeParse(body);
    if (!parsed.success)
      throw new BadRequest(parsed.error.issues.map((issue) => issue.message).join('; ') || 'Invalid body.');
    const operator = await deps.directory.findByEmail(parsed.data.email);
    if (operator === undefined || !operator.enabled) throw new OperatorNotFound();

    const changed = await ownerWrite(() =>
      deps.stores.putMember({
        storeId,
        userId: operator.userId,
        role: parsed.data.role,
        actorUserId: caller.userId,
        now: deps.clock.now().toISOString(),
      }),
    );
    if (changed.result !== 'unchanged')
      await auditChange(deps, context, profile, 'member-added', {
        subjectId: operator.userId,
        role: parsed.data.role,
        ...(changed.previousRole === undefined ? {} : { previousRole: changed.previousRole }),
      });
    return { storeId, member: memberView(changed.member, operator), result: changed.result };
  });
}

export async function removeStoreMember(
  deps: Omit<StoreMembersDependencies, 'directory'> & { onAuditFailure: (error: unknown) => void },
  caller: Caller,
  storeId: string,
  userId: string,
  requestId: string,
): Promise<RemoveMemberResponse> {
  const context = { actorId: caller.userId, storeId, operation: 'RemoveStoreMember', requestId };
  const { profile, verifiedStoreId } = await requireOwner(deps, caller, context, 'remove members');
  if (!USER_ID_PATTERN.test(userId)) throw new MemberNotFound();
  return inStoreScope(deps.scope, verifiedStoreId, async () => {
    const removed = await ownerWrite(() =>
      deps.stores.removeMember({ storeId, userId, actorUserId: caller.userId }),
    );
    if (removed === undefined) throw new MemberNotFound();
    await auditChange(deps, context, profile, 'member-removed', { subjectId: userId, role: removed.role });
    return { storeId, userId, result: 'removed' as const };
  });
}

/** Only an owner manages members; anyone else is refused, and the refusal audited. */
async function requireOwner(
  deps: Omit<StoreMembersDependencies, 'directory'>,
  caller: Caller,
  context: StoreActionContext,
  what: string,
): Promise<{ profile: StoreProfile; verifiedStoreId: string }> {
  if (!STORE_ID_PATTERN.test(context.storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(context.storeId, caller.userId);
  if (membership?.role !== 'owner') {
    await auditStoreActionDenied(deps, context);
    throw membership === undefined
      ? new AccessDenied()
      : new AccessDenied(`Only an owner of the store can ${what}.`);
  }
  const profile = await deps.stores.getProfile(context.storeId);
  if (profile === undefined) throw new StoreNotFound();
  return { profile, verifiedStoreId: membership.storeId };
}

/** Maps the repository's in-transaction refusals to what the caller is told. */
async function ownerWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof NotAnOwner)
      throw new AccessDenied('Only an owner of the store can change its members.');
    if (error instanceof LastOwner) throw new LastOwnerError();
    throw error;
  }
}

/** The change is made; a record that cannot be written is loud (metric, alarm), never silent. */
async function auditChange(
  deps: Omit<StoreMembersDependencies, 'directory'> & { onAuditFailure: (error: unknown) => void },
  context: StoreActionContext,
  profile: StoreProfile,
  kind: 'member-added' | 'member-removed',
  detail: Record<string, string>,
): Promise<void> {
  try {
    await deps.audit.write(
      storeAccessRecord(deps.clock.now(), context, kind, 'allowed', detail, {
        sellingPartnerId: profile.sellingPartnerId,
        region: profile.region,
      }),
    );
  } catch (error) {
    deps.onAuditFailure(error);
  }
}

function memberView(
  record: MemberRecord,
  person: { email: string; name: string | null } | undefined,
): StoreMember {
  return {
    userId: record.userId,
    email: person?.email ?? null,
    name: person?.name ?? null,
    role: record.role,
    addedAt: record.addedAt,
    addedBy: record.addedBy,
  };
}
