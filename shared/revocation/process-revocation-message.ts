/**
 * The revocation worker's work for one queue message: read it, find the store, decide, and apply the decision with
 * one conditional transaction that also records the event id, so a redelivered, duplicated or out-of-order message
 * is harmless. A revocation's `store-revoked` audit record is written after the transaction and marked done in the
 * event record; a crash in between leaves it pending, and the redelivery writes it.
 *
 * The parts live beside this file: the message to a store's signal (store-signal-of-message.ts), the signal applied
 * (apply-store-signal.ts), the audit records (revocation-audit-records.ts).
 */
import { UNCONFINED } from '../store-access/store-scope';
import { applyStoreSignal } from './apply-store-signal';
import { parseQueueMessage } from './queue-message';
import { WORKER_ACTOR_ID } from './revocation-audit-records';
import type { MessageOutcome, RevocationWorkerDependencies } from './revocation-worker-dependencies';
import { signalOf } from './store-signal-of-message';

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
  const signal = await signalOf(deps, message);
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
  // Everything done for the store (its transaction, snapshot purge, subscription record) runs on its own session.
  // `NONE`: a revocation deletes token ciphertext, it never decrypts it.
  return (deps.scope ?? UNCONFINED).run({ storeId: signal.storeId, purpose: 'NONE' }, async () => {
    const outcome = await applyStoreSignal(deps, signal);
    if (signal.action === 'revoke') await unsubscribeRevokedStore(deps, outcome);
    return outcome;
  });
}

/**
 * After a revocation (or its redelivery: the disconnect route applies it in the request, the worker then sees a
 * duplicate), the store's ACCOUNT_STATUS_CHANGED subscription is deleted at Amazon. Best effort: the unsubscriber
 * audits and swallows its failures; a store that has no subscription recorded costs one read.
 */
async function unsubscribeRevokedStore(
  deps: RevocationWorkerDependencies,
  outcome: MessageOutcome,
): Promise<void> {
  if (deps.unsubscriber === undefined || outcome.kind !== 'processed') return;
  const revoked =
    outcome.result === 'revoked' ||
    outcome.result === 'duplicate' ||
    (outcome.result === 'ignored' && outcome.reason === 'already-revoked');
  if (!revoked) return;
  const store = await deps.ledger.getStoreState(outcome.storeId);
  if (store?.status !== 'REVOKED') return;
  await deps.unsubscriber.unsubscribe(store, {
    requestId: outcome.eventId,
    actor: { type: 'system', id: WORKER_ACTOR_ID },
  });
}
