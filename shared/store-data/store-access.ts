import {
  ACCESS_REASONS,
  type AccessReason,
  type Dataset,
  type DataAccessRecord,
} from '../audit/audit-record';
import type { Caller } from '../auth/caller';
import { AccessDenied, BadRequest, DomainError, StoreNotFound } from '../errors';
import type { AuditTrail, Clock, StoreRepository } from '../ports';
import { STORE_ID_PATTERN, type StoreMembership, type StoreProfile } from '../stores/store';
import type { StoreSessionPurpose } from '../store-access/store-access-policy';
import { UNCONFINED, type StoreScope } from '../store-access/store-scope';
import { recordRefusedAccess } from '../audit/refused-access-record';
import type { MarketplaceLearner } from './marketplace-learner';

export interface DataRequest {
  readonly caller: Caller;
  readonly storeId: string;
  readonly dataset: Dataset;
  readonly operation: string;
  readonly marketplaceId: string | null;
  readonly reason: string | undefined;
  readonly requestId: string;
}

export class StoreNotActive extends DomainError {
  constructor(status: string, revokedReason?: string) {
    super(
      'StoreNotActive',
      status === 'REVOKED'
        ? revokedReason === 'disconnect'
          ? 'An owner disconnected this store; an owner can connect it again.'
          : 'The seller revoked this store; ask the seller to authorize it again.'
        : status === 'SUSPENDED'
          ? 'Amazon has suspended this seller account; data access is paused.'
          : 'This store needs to be re-authorized by the seller.',
      { status, ...(revokedReason === undefined ? {} : { revokedReason }) },
    );
  }
}

export function parseReason(reason: string | undefined): AccessReason {
  if (reason === undefined || !(ACCESS_REASONS as readonly string[]).includes(reason)) {
    throw new BadRequest(`reason must be one of ${ACCESS_REASONS.join(', ')}.`);
  }
  return reason as AccessReason;
}

/** The audit record of a data request, for any outcome. */
export function accessRecord(
  request: DataRequest,
  at: Date,
  outcome: DataAccessRecord['outcome'],
  extra: Partial<
    Pick<DataAccessRecord, 'sellingPartnerId' | 'region' | 'source' | 'itemCount' | 'storeStatus'>
  > = {},
): DataAccessRecord {
  const reason = (ACCESS_REASONS as readonly string[]).includes(request.reason ?? '')
    ? (request.reason as AccessReason)
    : null;
  return {
    kind: 'data-access',
    at: at.toISOString(),
    actor: { type: 'operator', id: request.caller.userId },
    storeId: request.storeId,
    sellingPartnerId: extra.sellingPartnerId ?? null,
    region: extra.region ?? null,
    marketplaceId: request.marketplaceId,
    dataset: request.dataset,
    operation: request.operation,
    reason,
    outcome,
    source: extra.source ?? null,
    itemCount: extra.itemCount ?? null,
    requestId: request.requestId,
    ...(extra.storeStatus === undefined ? {} : { storeStatus: extra.storeStatus }),
  };
}

/** The gate's own reads (the function's role: shared/adapters/dynamodb-access-gate.ts) and what it records with. */
export interface AccessGateDependencies {
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

/** What a gate verified: the store profile asked for, and the store its membership read proved (the grant). */
export interface GateResult {
  readonly profile: StoreProfile;
  readonly membership: StoreMembership;
}

/** The access gate; replaceable only by tests (the seam that proves IAM holds when a gate is wrong). */
export type AccessGate = (deps: AccessGateDependencies, request: DataRequest) => Promise<GateResult>;

/**
 * The gate in front of every data access: a valid reason, membership of the store, and an ACTIVE store. Refusals
 * are audited as `denied` before they answer; nothing about the store leaks to a non-member, and no token is
 * touched for a store that is not ACTIVE.
 */
export const checkStoreAccess: AccessGate = async (deps, request) => {
  parseReason(request.reason);
  if (!STORE_ID_PATTERN.test(request.storeId)) throw new StoreNotFound();
  // When the store table cannot be read the access is still recorded, as an error, through the audit trail
  // (CloudWatch Logs), which does not depend on DynamoDB.
  const recordingFailure = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      await recordRefusedAccess(deps.audit, accessRecord(request, deps.clock.now(), 'error'));
      throw error;
    }
  };
  // Both reads at once (one round trip on a warm view); the membership still decides first.
  const profileRead = deps.stores.getProfile(request.storeId);
  profileRead.catch(() => undefined); // awaited below, or not needed when the membership refuses
  const membership = await recordingFailure(() =>
    deps.stores.getMembership(request.storeId, request.caller.userId),
  );
  // A refusal is decided before its record is written: a lost record does not turn it into a 500 (it is logged
  // and counted for AuditWriteFailedAlarm), and no data leaves either way.
  if (membership === undefined) {
    await recordRefusedAccess(deps.audit, accessRecord(request, deps.clock.now(), 'denied'));
    throw new AccessDenied();
  }
  const profile = await recordingFailure(() => profileRead);
  if (profile === undefined) throw new StoreNotFound();
  const identity = { sellingPartnerId: profile.sellingPartnerId, region: profile.region };
  if (profile.status !== 'ACTIVE') {
    await recordRefusedAccess(
      deps.audit,
      accessRecord(request, deps.clock.now(), 'denied', { ...identity, storeStatus: profile.status }),
    );
    throw new StoreNotActive(profile.status, profile.revokedReason);
  }
  return { profile, membership };
};

/**
 * The gate, then `work` in the scope of the store the gate verified (shared/store-access/store-scope.ts): past
 * this point every store item and token is reached with that store's credentials only. The marketplace check
 * runs in the scope, since learning a store's marketplaces asks Amazon with its token.
 */
export async function withStoreAccess<T>(
  deps: AccessGateDependencies & {
    /** Asks Amazon for the marketplaces of a store that has none recorded; without it such a store is refused. */
    learnMarketplaces?: MarketplaceLearner;
    /** The store scopes of this environment; unconfined when absent (the domain's own tests). */
    scope?: StoreScope;
    /** Test-only: replaces {@link checkStoreAccess}. */
    accessGate?: AccessGate;
  },
  request: DataRequest,
  purpose: StoreSessionPurpose,
  work: (store: StoreProfile) => Promise<T>,
): Promise<T> {
  const { profile, membership } = await (deps.accessGate ?? checkStoreAccess)(deps, request);
  return (deps.scope ?? UNCONFINED).run({ storeId: membership.storeId, purpose }, async () =>
    work(await requireMarketplace(deps, request, profile)),
  );
}

async function requireMarketplace(
  deps: { learnMarketplaces?: MarketplaceLearner },
  request: DataRequest,
  profile: StoreProfile,
): Promise<StoreProfile> {
  if (request.marketplaceId === null) return profile;
  // Never a silent pass: a store with no marketplaces recorded has them learned from Amazon first.
  let marketplaceIds = profile.marketplaceIds;
  if (marketplaceIds.length === 0) {
    if (deps.learnMarketplaces === undefined)
      throw new BadRequest("This store's marketplaces are not known yet; ask an owner to re-authorize it.");
    marketplaceIds = await deps.learnMarketplaces(profile);
  }
  if (!marketplaceIds.includes(request.marketplaceId))
    throw new BadRequest(`This store does not sell in marketplace ${request.marketplaceId.slice(0, 20)}.`);
  return { ...profile, marketplaceIds };
}
