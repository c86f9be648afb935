import type { StoreEventRecord } from '../audit/audit-record';
import { REGIONS } from '../amazon/marketplaces';
import type { AccountStatusSubscriptionStore } from '../notifications/account-status-ports';
import type { AccountStatusUnsubscriber } from '../notifications/account-status-subscriptions';
import type { AuditTrail, Clock } from '../ports';
import { storeIdOf } from '../stores/store';
import { regionOfMarketplaceId } from './amazon-notification';
import type { ProcessedEvent, RevocationLedger } from './ports';
import { parseQueueMessage, PoisonMessage, type QueueMessage } from './queue-message';
import { decide, type IgnoredReason, type StoreSignal, type StoreState } from './store-status-decision';

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
  /**
   * The subscription id → store mapping recorded when a store was subscribed to ACCOUNT_STATUS_CHANGED: Amazon's
   * notification names the subscription, never the seller.
   */
  readonly subscriptions?: Pick<AccountStatusSubscriptionStore, 'storeOfSubscription'>;
  /** Deletes a revoked store's ACCOUNT_STATUS_CHANGED subscription at Amazon: best effort, audited, never throws. */
  readonly unsubscriber?: AccountStatusUnsubscriber;
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
  const outcome = await applyStoreSignal(deps, signal);
  if (signal.action === 'revoke') await unsubscribeRevokedStore(deps, outcome);
  return outcome;
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

/**
 * Turns a message into a signal for one store. Amazon's ACCOUNT_STATUS_CHANGED names its subscription, which the
 * mapping recorded at subscription turns into the store. A payload that names a seller instead (older or test
 * payloads) finds the region from its marketplace, else from the one store the seller has with us. A
 * notification that names neither a known subscription nor a seller is poison: it reaches the DLQ and its alarm.
 */
async function signalOf(
  deps: RevocationWorkerDependencies,
  message: Exclude<QueueMessage, { kind: 'ignored-notification' }>,
): Promise<StoreSignal | { unknownSeller: string; eventId: string }> {
  const { ledger } = deps;
  if (message.kind === 'revocation') {
    const { eventId, storeId, at, source, actorId } = message.event;
    return { action: 'revoke', eventId, storeId, at, source, ...(actorId === undefined ? {} : { actorId }) };
  }
  const { change, eventId } = message;
  if (change.subscriptionId !== undefined && deps.subscriptions !== undefined) {
    const mapped = await deps.subscriptions.storeOfSubscription(change.subscriptionId);
    if (mapped !== undefined)
      return {
        action: 'account-status',
        eventId,
        storeId: mapped,
        at: change.eventTime,
        accountStatus: change.currentStatus,
        ...(change.marketplaceId === undefined ? {} : { marketplaceId: change.marketplaceId }),
      };
  }
  if (change.sellerId === undefined)
    throw new PoisonMessage(
      change.subscriptionId === undefined
        ? 'the notification names no seller and no subscription'
        : 'the notification names a subscription that maps to no store',
    );
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
