import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import { AccessDenied, BadRequest, StoreNotFound } from '../errors';
import type { AuditReader, Clock, RevocationQueue, StoreRepository } from '../ports';
import { STORE_ID_PATTERN, type MemberRole, type StoreProfile } from './store';

/** Re-authorization is flagged this many days ahead. */
export const REAUTHORIZATION_NOTICE_DAYS = 30;

export interface StoreView extends StoreProfile {
  readonly role: MemberRole;
  readonly reauthorizeInDays: number;
  readonly reauthorizationDue: boolean;
}

/** The caller's stores with their status, most urgent first (not active, then re-authorization due soonest). */
export async function listStores(
  deps: { stores: Pick<StoreRepository, 'listStoresOfUser'>; clock: Clock },
  caller: Caller,
): Promise<StoreView[]> {
  const now = deps.clock.now().getTime();
  const stores = await deps.stores.listStoresOfUser(caller.userId);
  return stores
    .map(({ profile, role }) => {
      const reauthorizeInDays = Math.floor((Date.parse(profile.reauthorizeBy) - now) / 86_400_000);
      // An explicit projection: repository bookkeeping (authorizedAt, updatedAt…) is not part of the API.
      return {
        storeId: profile.storeId,
        sellingPartnerId: profile.sellingPartnerId,
        region: profile.region,
        marketplaceIds: profile.marketplaceIds,
        displayName: profile.displayName,
        status: profile.status,
        connectedAt: profile.connectedAt,
        reauthorizeBy: profile.reauthorizeBy,
        ...(profile.revokedAt === undefined ? {} : { revokedAt: profile.revokedAt }),
        ...(profile.revokedReason === undefined ? {} : { revokedReason: profile.revokedReason }),
        role,
        reauthorizeInDays,
        reauthorizationDue: profile.status === 'ACTIVE' && reauthorizeInDays <= REAUTHORIZATION_NOTICE_DAYS,
      };
    })
    .sort(
      (a, b) =>
        Number(a.status === 'ACTIVE') - Number(b.status === 'ACTIVE') ||
        a.reauthorizeInDays - b.reauthorizeInDays,
    );
}

/** Owners of the store, and admins, may read its access log. */
export async function readStoreAudit(
  deps: { stores: Pick<StoreRepository, 'getMembership'>; reader: AuditReader; clock: Clock },
  caller: Caller,
  query: { storeId: string; from: string | undefined; to: string | undefined },
) {
  if (!STORE_ID_PATTERN.test(query.storeId)) throw new StoreNotFound();
  const now = deps.clock.now();
  const to = query.to === undefined ? now : parseTime(query.to, 'to');
  const from =
    query.from === undefined ? new Date(to.getTime() - 30 * 86_400_000) : parseTime(query.from, 'from');
  if (from > to) throw new BadRequest('from must be before to.');
  if (to.getTime() - from.getTime() > 400 * 86_400_000)
    throw new BadRequest('The time range is at most 400 days.');
  if (!caller.isAdmin) {
    const membership = await deps.stores.getMembership(query.storeId, caller.userId);
    if (membership?.role !== 'owner')
      throw new AccessDenied('Only the store owner or an admin can read its access log.');
  }
  const result = await deps.reader.readStoreRecords({ storeId: query.storeId, from, to, limit: 1000 });
  return { storeId: query.storeId, from: from.toISOString(), to: to.toISOString(), ...result };
}

/** An owner disconnects the store: the revocation is queued, and the worker makes it final. */
export async function disconnectStore(
  deps: {
    stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
    revocations: RevocationQueue;
    clock: Clock;
  },
  caller: Caller,
  storeId: string,
): Promise<{ storeId: string; eventId: string }> {
  if (!STORE_ID_PATTERN.test(storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(storeId, caller.userId);
  if (membership === undefined) throw new AccessDenied();
  if (membership.role !== 'owner') throw new AccessDenied('Only an owner of the store can disconnect it.');
  const eventId = randomUUID();
  await deps.revocations.send({
    eventId,
    storeId,
    source: 'disconnect',
    at: deps.clock.now().toISOString(),
    actorId: caller.userId,
  });
  return { storeId, eventId };
}

function parseTime(value: string, name: string): Date {
  const time = new Date(value);
  if (value.length > 40 || Number.isNaN(time.getTime()))
    throw new BadRequest(`${name} must be an ISO 8601 time.`);
  return time;
}
