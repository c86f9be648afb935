import type { StoreEventRecord } from '../audit/audit-record';
import { REGIONS } from '../amazon/marketplaces';
import type { AuditTrail, Clock } from '../ports';
import { storeIdOf } from '../stores/store';
import { regionOfMarketplaceId } from './amazon-notification';
import type { ProcessedEvent, RevocationLedger } from './ports';
import { parseQueueMessage, PoisonMessage, type QueueMessage } from './queue-message';
import { decide, type IgnoredReason, type StoreSignal } from './store-status-decision';

/**
 * The revocation worker's work for one queue message: read it, find the store, decide, and apply the decision with
 * one conditional transaction that also records the event id, so a redelivered, duplicated or out-of-order message
 * is harmless. A revocation's `store-revoked` audit record is written after the transaction and marked done in the
 * event record; a crash in between leaves it pending, and the redelivery writes it.
 */
export interface RevocationWorkerDependencies {
  readonly ledger: RevocationLedger;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

export type MessageOutcome =
  | { readonly kind: 'ignored-notification'; readonly notificationType: string }
  | {
      readonly kind: 'processed';
      readonly storeId: string;
      readonly eventId: string;
      readonly source: string;
      readonly result:
        | 'revoked'
        | 'suspended'
        | 'restored'
        | 'account-status-recorded'
        | 'ignored'
        /** A redelivery of an event already applied; any unfinished part (audit, snapshot purge) was completed. */
        | 'duplicate';
      readonly reason?: IgnoredReason;
    };

/** Another writer kept changing the store; SQS delivers the message again later. */
export class StoreKeptChanging extends Error {
  constructor() {
    super('The store kept changing while the event was applied');
    this.name = 'StoreKeptChanging';
  }
}

const ATTEMPTS = 3;
export const WORKER_ACTOR_ID = 'revocation-worker';

/**
 * Processes one message body. `identified` is called as soon as the store and event are known, so the caller can
 * scope its log lines to them (and to nothing else).
 */
export async function processRevocationMessage(
  deps: RevocationWorkerDependencies,
  body: string,
  identified: (ids: { storeId: string; eventId: string }) => void = () => undefined,
): Promise<MessageOutcome> {
  const message = parseQueueMessage(body);
  if (message.kind === 'ignored-notification')
    return { kind: 'ignored-notification', notificationType: message.notificationType };
  const signal = await signalOf(deps.ledger, message);
  if ('unknownSeller' in signal) {
    // No region is known, so the seller id stands in for the store id.
    identified({ storeId: signal.unknownSeller, eventId: signal.eventId });
    return {
      kind: 'processed',
      storeId: signal.unknownSeller,
      eventId: signal.eventId,
      source: 'account-status',
      result: 'ignored',
      reason: 'unknown-store',
    };
  }
  identified({ storeId: signal.storeId, eventId: signal.eventId });
  return applyStoreSignal(deps, signal);
}

/**
 * Turns a message into a signal for one store. Amazon's notification names the seller; the region comes from its
 * marketplace, else from the one store the seller has with us.
 */
async function signalOf(
  ledger: RevocationLedger,
  message: Exclude<QueueMessage, { kind: 'ignored-notification' }>,
): Promise<StoreSignal | { unknownSeller: string; eventId: string }> {
  if (message.kind === 'revocation') {
    const { eventId, storeId, at, source, actorId } = message.event;
    return { action: 'revoke', eventId, storeId, at, source, ...(actorId === undefined ? {} : { actorId }) };
  }
  const { change, eventId } = message;
  if (change.sellerId === undefined) throw new PoisonMessage('the notification names no seller');
  const sellerId = change.sellerId;
  const region = change.marketplaceId === undefined ? undefined : regionOfMarketplaceId(change.marketplaceId);
  let storeId: string;
  if (region !== undefined) {
    storeId = storeIdOf(sellerId, region);
  } else {
    const candidates = (
      await Promise.all(REGIONS.map((r) => ledger.getStoreState(storeIdOf(sellerId, r))))
    ).filter((state) => state !== undefined);
    // A seller we do not serve (or no longer): nothing to change.
    if (candidates.length === 0) return { unknownSeller: sellerId, eventId };
    if (candidates.length > 1)
      throw new PoisonMessage(
        'the notification names no known marketplace and the seller has several stores',
      );
    storeId = candidates[0]!.storeId;
  }
  return {
    action: 'account-status',
    eventId,
    storeId,
    at: change.eventTime,
    accountStatus: change.currentStatus,
    ...(change.marketplaceId === undefined ? {} : { marketplaceId: change.marketplaceId }),
  };
}

/** Applies one signal to its store, idempotently by event id. */
export async function applyStoreSignal(
  deps: RevocationWorkerDependencies,
  signal: StoreSignal,
): Promise<MessageOutcome> {
  const { ledger, clock } = deps;
  const source = signal.action === 'revoke' ? signal.source : 'account-status';
  const outcome = (
    result: Extract<MessageOutcome, { kind: 'processed' }>['result'],
    reason?: IgnoredReason,
  ) =>
    ({
      kind: 'processed',
      storeId: signal.storeId,
      eventId: signal.eventId,
      source,
      result,
      ...(reason === undefined ? {} : { reason }),
    }) as const;

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const processed = await ledger.getProcessedEvent(signal.storeId, signal.eventId);
    if (processed !== undefined) {
      await finishProcessedEvent(deps, processed);
      return outcome('duplicate');
    }

    const store = await ledger.getStoreState(signal.storeId);
    const decision = decide(signal, store);
    const now = clock.now();
    let written;

    if (decision.apply === 'nothing') {
      // An unknown store has no partition to record the event in, and needs none: nothing can change for it.
      if (store === undefined) return outcome('ignored', decision.reason);
      written = await ledger.recordIgnoredEvent({
        storeId: signal.storeId,
        eventId: signal.eventId,
        action: signal.action,
        reason: decision.reason,
        at: signal.at,
        now,
      });
      if (written === 'applied') return outcome('ignored', decision.reason);
    } else if (decision.apply === 'revoke' && signal.action === 'revoke' && store !== undefined) {
      written = await ledger.revokeStore({
        storeId: signal.storeId,
        eventId: signal.eventId,
        source: signal.source,
        ...(signal.actorId === undefined ? {} : { actorId: signal.actorId }),
        at: signal.at,
        expectedStatus: decision.from,
        sellingPartnerId: store.sellingPartnerId,
        region: store.region,
        now,
      });
      if (written === 'applied') {
        const recorded = await ledger.getProcessedEvent(signal.storeId, signal.eventId);
        if (recorded !== undefined) await finishProcessedEvent(deps, recorded);
        return outcome('revoked');
      }
    } else if (decision.apply === 'account-status' && signal.action === 'account-status') {
      written = await ledger.changeAccountStatus({
        storeId: signal.storeId,
        eventId: signal.eventId,
        at: signal.at,
        accountStatus: signal.accountStatus,
        expectedStatus: decision.from,
        status: decision.to,
        now,
      });
      if (written === 'applied') {
        if (decision.to === decision.from) return outcome('account-status-recorded');
        return outcome(decision.to === 'SUSPENDED' ? 'suspended' : 'restored');
      }
    } else {
      throw new Error('The decision does not fit the signal');
    }
    // 'conflict' or 'duplicate' (a concurrent delivery of the same event): read again and decide again.
  }
  throw new StoreKeptChanging();
}

/**
 * Completes what a crash may have left of an applied event: the pending audit record, and (for a store still
 * revoked) snapshots beyond what the transaction could hold. Safe to run any number of times.
 */
async function finishProcessedEvent(
  deps: RevocationWorkerDependencies,
  event: ProcessedEvent,
): Promise<void> {
  if (event.outcome !== 'revoked' || event.revocation === undefined) return;
  if (event.auditPending) {
    await deps.audit.write(storeRevokedRecord(event, event.revocation));
    await deps.ledger.markAudited(event.storeId, event.eventId, deps.clock.now());
  }
  const store = await deps.ledger.getStoreState(event.storeId);
  // A store authorized again since keeps its new snapshots.
  if (store?.status === 'REVOKED') await deps.ledger.purgeSnapshots(event.storeId);
}

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
