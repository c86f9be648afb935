/** The audit records the revocation pipeline writes: a store revoked, an account status applied. */
import type { StoreEventRecord } from '../audit/audit-record';
import type { ProcessedEvent } from './ports';
import type { StoreSignal, StoreState } from './store-status-decision';

export const WORKER_ACTOR_ID = 'revocation-worker';

/**
 * The audit record of a revocation, built only from the recorded event so a redelivery writes the identical record.
 * `requestId` is the event id: a reader can deduplicate on it should a crash fall between the write and its mark.
 */
export function storeRevokedRecord(
  event: ProcessedEvent,
  revocation: NonNullable<ProcessedEvent['revocation']>,
): StoreEventRecord {
  return {
    kind: 'store-revoked',
    at: event.processedAt,
    actor:
      revocation.source === 'disconnect' && revocation.actorId !== undefined
        ? { type: 'operator', id: revocation.actorId }
        : { type: 'system', id: WORKER_ACTOR_ID },
    storeId: event.storeId,
    sellingPartnerId: revocation.sellingPartnerId,
    region: revocation.region,
    outcome: 'allowed',
    requestId: event.eventId,
    detail: {
      eventId: event.eventId,
      source: revocation.source,
      signalledAt: event.at,
      previousStatus: revocation.previousStatus,
      tokensDeleted: true,
      snapshotsPurged: revocation.snapshotsPurged,
    },
  };
}

/**
 * The audit record of an applied ACCOUNT_STATUS_CHANGED: Amazon's status and what it did to the store (SUSPENDED,
 * restored to ACTIVE, or only recorded, e.g. AT_RISK). `requestId` is the event id, as for revocations.
 */
export function accountStatusChangedRecord(
  store: StoreState,
  signal: Extract<StoreSignal, { action: 'account-status' }>,
  at: Date,
  detail: { previousStoreStatus?: string; storeStatus: string; redelivery?: boolean },
): StoreEventRecord {
  return {
    kind: 'account-status-changed',
    at: at.toISOString(),
    actor: { type: 'system', id: WORKER_ACTOR_ID },
    storeId: store.storeId,
    sellingPartnerId: store.sellingPartnerId,
    region: store.region,
    outcome: 'allowed',
    requestId: signal.eventId,
    detail: {
      eventId: signal.eventId,
      accountStatus: signal.accountStatus,
      signalledAt: signal.at,
      storeStatus: detail.storeStatus,
      ...(detail.previousStoreStatus === undefined
        ? {}
        : { previousStoreStatus: detail.previousStoreStatus }),
      ...(detail.redelivery === true ? { redelivery: true } : {}),
    },
  };
}
