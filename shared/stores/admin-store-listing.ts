import type { AdminStoreMember, AdminStoresResponse } from '../api/admin-stores-contract';
import { ADMIN_STORES_PAGE_SIZE } from '../api/admin-stores-contract';
import type { ApplicationEventRecord } from '../audit/audit-record';
import { recordRefusedAccess } from '../audit/refused-access-record';
import type { Caller } from '../auth/caller';
import { mapWithConcurrency } from '../concurrency';
import { AccessDenied, BadRequest } from '../errors';
import type { AuditTrail, Clock, MemberRecord, OperatorDirectory, StoreRepository } from '../ports';
import type { HealthCheckResultStore } from '../revocation/health-check-results';
import { byUrgency, storeSummaryFields } from './store-admin';
import type { StoreProfile } from './store';

/**
 * The admin screens' list of every store: status, members by name and email, re-authorization dates and the daily
 * health check's last result. Admins only; a refusal is audited (an app-wide `admin-action-denied` record, which
 * the denied-access alarm counts like any refusal). The listing reads profiles and members, never store data.
 */

/** A key of the table (an opaque position to the client). */
export interface TablePosition {
  readonly pk: string;
  readonly sk: string;
}

/** Every store of the table, a bounded page at a time (shared/adapters/dynamodb-store-catalogue.ts). */
export interface StoreCatalogue {
  storeIdPage(args: {
    limit: number;
    after?: TablePosition;
  }): Promise<{ readonly storeIds: readonly string[]; readonly next: TablePosition | undefined }>;
}

export interface AdminStoreListingDependencies {
  readonly catalogue: StoreCatalogue;
  readonly stores: Pick<StoreRepository, 'getProfile' | 'listMembers'>;
  readonly healthChecks: Pick<HealthCheckResultStore, 'getHealthCheckResults'>;
  readonly directory: Pick<OperatorDirectory, 'getOperators'>;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

export const ADMIN_CURSOR_MAX_LENGTH = 700;
/** Stores whose profile and members are read at once. */
const READ_CONCURRENCY = 8;

export async function listAdminStores(
  deps: AdminStoreListingDependencies,
  caller: Caller,
  query: { cursor: string | undefined; requestId: string },
): Promise<AdminStoresResponse> {
  if (!caller.isAdmin) {
    const record: ApplicationEventRecord = {
      kind: 'admin-action-denied',
      at: deps.clock.now().toISOString(),
      storeId: null,
      actor: { type: 'operator', id: caller.userId },
      outcome: 'denied',
      requestId: query.requestId,
      detail: { operation: 'ListAdminStores' },
    };
    await recordRefusedAccess(deps.audit, record);
    throw new AccessDenied('Only admins can list every store.');
  }
  const after = query.cursor === undefined ? undefined : decodeAdminCursor(query.cursor);
  if (query.cursor !== undefined && after === undefined)
    throw new BadRequest('cursor is malformed: pass the nextCursor of the previous answer unchanged.');

  const page = await deps.catalogue.storeIdPage({
    limit: ADMIN_STORES_PAGE_SIZE,
    ...(after === undefined ? {} : { after }),
  });
  const read = await mapWithConcurrency(page.storeIds, READ_CONCURRENCY, async (storeId) => {
    const [profile, members] = await Promise.all([
      deps.stores.getProfile(storeId),
      deps.stores.listMembers(storeId),
    ]);
    return profile === undefined ? undefined : { profile, members };
  });
  const found = read.filter((entry): entry is { profile: StoreProfile; members: MemberRecord[] } =>
    Boolean(entry),
  );
  const ids = found.map((entry) => entry.profile.storeId);
  const [checks, people] = await Promise.all([
    deps.healthChecks.getHealthCheckResults(ids),
    deps.directory.getOperators([...new Set(found.flatMap((entry) => entry.members.map((m) => m.userId)))]),
  ]);
  const now = deps.clock.now();
  const stores = found
    .map(({ profile, members }) => {
      const check = checks.get(profile.storeId);
      const own = members.find((member) => member.userId === caller.userId);
      return {
        ...storeSummaryFields(profile, now),
        role: own?.role ?? null,
        members: members
          .map((member): AdminStoreMember => {
            const person = people.get(member.userId);
            return {
              userId: member.userId,
              email: person?.email ?? null,
              name: person?.name ?? null,
              role: member.role,
            };
          })
          .sort(
            (a, b) =>
              Number(b.role === 'owner') - Number(a.role === 'owner') ||
              (a.name ?? a.email ?? a.userId).localeCompare(b.name ?? b.email ?? b.userId),
          ),
        healthCheck: check === undefined ? null : { result: check.result, checkedAt: check.checkedAt },
      };
    })
    .sort(byUrgency);
  return {
    stores,
    ...(page.next === undefined ? {} : { nextCursor: encodeAdminCursor(page.next) }),
  };
}

/** The wire form of a position: base64url JSON, opaque to clients; its shape is checked when it comes back. */
export function encodeAdminCursor(position: TablePosition): string {
  return Buffer.from(JSON.stringify({ pk: position.pk, sk: position.sk }), 'utf8').toString('base64url');
}

export function decodeAdminCursor(cursor: string): TablePosition | undefined {
  if (cursor.length === 0 || cursor.length > ADMIN_CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { pk, sk } = value as Record<string, unknown>;
    const keyPart = (part: unknown): part is string =>
      typeof part === 'string' && part.length > 0 && part.length <= 256;
    return keyPart(pk) && keyPart(sk) && Object.keys(value).length === 2 ? { pk, sk } : undefined;
  } catch {
    return undefined;
  }
}
