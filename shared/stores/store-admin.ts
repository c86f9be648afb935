import { randomUUID } from 'node:crypto';
import { inStoreScope, type StoreScope } from '../store-access/store-scope';
import * as z from 'zod';
import { AUDIT_PAGE_SIZE, type AuditResponse } from '../api/audit-contract';
import type { DisconnectResponse } from '../api/members-contract';
import type { StoreSummary } from '../api/stores-contract';
import { decodeAuditCursor, encodeAuditCursor } from '../audit/audit-cursor';
import type { Caller } from '../auth/caller';
import { AccessDenied, BadRequest, StoreNotFound } from '../errors';
import type {
  AuditReader,
  AuditTrail,
  Clock,
  OperatorDirectory,
  RevocationQueue,
  StoreRepository,
} from '../ports';
import { applyStoreSignal } from '../revocation/apply-store-signal';
import type { RevocationLedger } from '../revocation/ports';
import { MILLISECONDS_PER_DAY } from '../time';
import { withActorNames } from './audit-actor-names';
import { reauthorizationOf } from './reauthorization';
import { auditStoreActionDenied, type StoreActionContext } from './store-action-audit';
import { STORE_ID_PATTERN, type StoreProfile } from './store';

// The rule lives in ./reauthorization; re-exported for the modules that import it from here.
export { REAUTHORIZATION_NOTICE_DAYS } from './reauthorization';

/** The caller's stores with their status, most urgent first (not active, then re-authorization due soonest). */
export async function listStores(
  deps: { stores: Pick<StoreRepository, 'listStoresOfUser'>; clock: Clock },
  caller: Caller,
): Promise<StoreSummary[]> {
  const now = deps.clock.now();
  const stores = await deps.stores.listStoresOfUser(caller.userId);
  return stores.map(({ profile, role }) => ({ ...storeSummaryFields(profile, now), role })).sort(byUrgency);
}

/**
 * A store as the API shows it, without the caller's role. An explicit projection: repository bookkeeping
 * (authorizedAt, updatedAt…) is not part of the API.
 */
export function storeSummaryFields(profile: StoreProfile, now: Date): Omit<StoreSummary, 'role'> {
  const { reauthorizeInDays, reauthorizationDue } = reauthorizationOf(profile, now);
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
    ...(profile.accountStatus === undefined ? {} : { accountStatus: profile.accountStatus }),
    ...(profile.accountStatusAt === undefined ? {} : { accountStatusAt: profile.accountStatusAt }),
    reauthorizeInDays,
    reauthorizationDue,
  };
}

/** Most urgent first: not active, then re-authorization due soonest. */
export const byUrgency = (
  a: Pick<StoreSummary, 'status' | 'reauthorizeInDays'>,
  b: Pick<StoreSummary, 'status' | 'reauthorizeInDays'>,
): number =>
  Number(a.status === 'ACTIVE') - Number(b.status === 'ACTIVE') || a.reauthorizeInDays - b.reauthorizeInDays;

/** `from`/`to` of the access log: ISO 8601 date-times with a zone (`2026-11-23T10:00:00Z`), nothing else. */
const AuditTime = z.iso.datetime({ offset: true });

/**
 * Owners of the store, and admins, may read its access log; a refused attempt is itself audited. With a directory,
 * each operator's record carries their name and email from the user pool (shared/stores/audit-actor-names.ts).
 */
export async function readStoreAudit(
  deps: {
    stores: Pick<StoreRepository, 'getMembership'>;
    reader: AuditReader;
    audit: AuditTrail;
    clock: Clock;
    directory?: Pick<OperatorDirectory, 'getOperators'>;
  },
  caller: Caller,
  query: {
    storeId: string;
    from: string | undefined;
    to: string | undefined;
    cursor: string | undefined;
    requestId: string;
  },
): Promise<AuditResponse> {
  if (!STORE_ID_PATTERN.test(query.storeId)) throw new StoreNotFound();
  const now = deps.clock.now();
  const to = query.to === undefined ? now : parseTime(query.to, 'to');
  const from =
    query.from === undefined
      ? new Date(to.getTime() - 30 * MILLISECONDS_PER_DAY)
      : parseTime(query.from, 'from');
  if (from > to) throw new BadRequest('from must be before to.');
  if (to.getTime() - from.getTime() > 400 * MILLISECONDS_PER_DAY)
    throw new BadRequest('The time range is at most 400 days.');
  const after = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
  if (query.cursor !== undefined && after === undefined)
    throw new BadRequest('cursor is malformed: pass the nextCursor of the previous answer unchanged.');
  if (!caller.isAdmin) {
    const membership = await deps.stores.getMembership(query.storeId, caller.userId);
    if (membership?.role !== 'owner') {
      await auditStoreActionDenied(
        deps,
        actionContext(caller, query.storeId, 'GetStoreAudit', query.requestId),
      );
      throw new AccessDenied('Only the store owner or an admin can read its access log.');
    }
  }
  const page = await deps.reader.readStoreRecords({
    storeId: query.storeId,
    from,
    to,
    limit: AUDIT_PAGE_SIZE,
    ...(after === undefined ? {} : { after }),
  });
  return {
    storeId: query.storeId,
    from: from.toISOString(),
    to: to.toISOString(),
    records: await withActorNames(deps.directory, page.records),
    ...(page.next === undefined ? {} : { nextCursor: encodeAuditCursor(page.next) }),
  };
}

/**
 * An owner disconnects the store. In this request, one conditional transaction (the revocation worker's own)
 * marks it REVOKED, deletes its token ciphertext and records the event, so the very next read is refused; its
 * snapshots are purged and the `store-revoked` record written right after. The same event goes to the revocation
 * queue first, so a crash part-way is finished by the worker (the event id makes that idempotent).
 */
export async function disconnectStore(
  deps: {
    stores: Pick<StoreRepository, 'getMembership'>;
    ledger: RevocationLedger;
    revocations: RevocationQueue;
    audit: AuditTrail;
    clock: Clock;
    onQueueFailure: (error: unknown) => void;
    /** Past the gate, the store's items on its own store-access session (shared/store-access/store-scope.ts). */
    scope?: StoreScope;
  },
  caller: Caller,
  storeId: string,
  requestId: string,
): Promise<DisconnectResponse> {
  if (!STORE_ID_PATTERN.test(storeId)) throw new StoreNotFound();
  const membership = await deps.stores.getMembership(storeId, caller.userId);
  if (membership?.role !== 'owner') {
    await auditStoreActionDenied(deps, actionContext(caller, storeId, 'DisconnectStore', requestId));
    throw membership === undefined
      ? new AccessDenied()
      : new AccessDenied('Only an owner of the store can disconnect it.');
  }
  const event = {
    eventId: randomUUID(),
    storeId,
    source: 'disconnect' as const,
    at: deps.clock.now().toISOString(),
    actorId: caller.userId,
  };
  try {
    await deps.revocations.send(event);
  } catch (error) {
    // The disconnect itself happens below; the queued copy is only the safety net for a crash.
    deps.onQueueFailure(error);
  }
  const outcome = await inStoreScope(deps.scope, membership.storeId, () =>
    applyStoreSignal(deps, { action: 'revoke', ...event }),
  );
  if (outcome.kind === 'processed' && outcome.reason === 'unknown-store') throw new StoreNotFound();
  return { storeId, status: 'REVOKED', revokedReason: 'disconnect', shredding: 'done' };
}

const actionContext = (
  caller: Caller,
  storeId: string,
  operation: string,
  requestId: string,
): StoreActionContext => ({ actorId: caller.userId, storeId, operation, requestId });

function parseTime(value: string, name: string): Date {
  if (value.length > 40 || !AuditTime.safeParse(value).success)
    throw new BadRequest(
      `${name} must be an ISO 8601 date-time with a time zone, such as 2026-11-23T10:00:00Z.`,
    );
  return new Date(value);
}
