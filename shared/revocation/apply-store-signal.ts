/**
 * A signal applied to its store with one conditional transaction that also records the event id, so a redelivered,
 * duplicated or out-of-order message is harmless; what a crash may have left of an applied event is completed.
 */
import type { ProcessedEvent } from './ports';
import { accountStatusChangedRecord, storeRevokedRecord } from './revocation-audit-records';
import type { MessageOutcome, RevocationWorkerDependencies } from './revocation-worker-dependencies';
import { decide, type IgnoredReason, type StoreSignal } from './store-status-decision';

/** Another writer kept changing the store; SQS delivers the message again later. */
export class StoreKeptChanging extends Error {
  constructor() {
    super('The store kept changing while the event was applied');
    this.name = 'StoreKeptChanging';
  }
}

const ATTEMPTS = 3;

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
      if (
        signal.action === 'account-status' &&
        (processed.outcome === 'status-changed' || processed.outcome === 'account-status-recorded')
      ) {
        // At least once, keyed by the event id (requestId): the first delivery may have failed at the audit write.
        const store = await ledger.getStoreState(signal.storeId);
        if (store !== undefined)
          await deps.audit.write(
            accountStatusChangedRecord(store, signal, new Date(processed.processedAt), {
              storeStatus: store.status,
              redelivery: true,
            }),
          );
      }
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
        // A failed write fails the message; its redelivery finds the event and writes the record again.
        await deps.audit.write(
          accountStatusChangedRecord(store!, signal, now, {
            previousStoreStatus: decision.from,
            storeStatus: decision.to,
          }),
        );
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
