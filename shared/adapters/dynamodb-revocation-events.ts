/**
 * Processed events of the revocation pipeline as the table holds them: their key, how long they are kept, their
 * items, and the store state the worker decides from.
 */
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Region } from '../amazon/marketplaces';
import type { AccountStatus } from '../revocation/amazon-notification';
import type { ProcessedEvent } from '../revocation/ports';
import { REVOCATION_QUEUE_DEFINITION } from '../revocation/queue-definition';
import type { StoreState } from '../revocation/store-status-decision';
import { TABLE_DEFINITION } from '../storage/table-definition';
import type { StoreStatus } from '../stores/store';
import { SECONDS_PER_DAY } from '../time';

export type Item = Record<string, unknown>;

/**
 * Processed events live under the store's partition (`STORE#{storeId}` / `REVOCATION#{eventId}`), so
 * `dynamodb:LeadingKeys` still confines by store and the event record can share a transaction with the status
 * change it belongs to.
 */
export const processedEventKey = (storeId: string, eventId: string) => ({
  pk: `STORE#${storeId}`,
  sk: `REVOCATION#${eventId}`,
});

/**
 * Kept longer than any delivery of the event can happen: the queue keeps a message a week, the DLQ two, and a
 * redrive from the DLQ brings it back once more; the sum of both, with margin, covers all of it.
 */
export const PROCESSED_EVENT_RETENTION_SECONDS =
  (REVOCATION_QUEUE_DEFINITION.retentionDays + REVOCATION_QUEUE_DEFINITION.deadLetterRetentionDays + 2) *
  SECONDS_PER_DAY;

export const stateFromItem = (item: Item): StoreState => ({
  storeId: String(item['storeId']),
  sellingPartnerId: String(item['sellingPartnerId']),
  region: item['region'] as Region,
  status: item['status'] as StoreStatus,
  connectedAt: String(item['connectedAt']),
  ...(typeof item['authorizedAt'] === 'string' ? { authorizedAt: item['authorizedAt'] } : {}),
  ...(typeof item['accountStatus'] === 'string'
    ? { accountStatus: item['accountStatus'] as AccountStatus }
    : {}),
  ...(typeof item['accountStatusAt'] === 'string' ? { accountStatusAt: item['accountStatusAt'] } : {}),
});

export const eventFromItem = (item: Item): ProcessedEvent => {
  const revocation = item['revocation'] as Item | undefined;
  return {
    eventId: String(item['eventId']),
    storeId: String(item['storeId']),
    action: item['action'] as ProcessedEvent['action'],
    outcome: item['outcome'] as ProcessedEvent['outcome'],
    at: String(item['at']),
    processedAt: String(item['processedAt']),
    auditPending: item['auditPending'] === true,
    ...(revocation === undefined
      ? {}
      : {
          revocation: {
            source: revocation['source'] as NonNullable<ProcessedEvent['revocation']>['source'],
            ...(typeof revocation['actorId'] === 'string' ? { actorId: revocation['actorId'] } : {}),
            previousStatus: revocation['previousStatus'] as StoreStatus,
            sellingPartnerId: String(revocation['sellingPartnerId']),
            region: revocation['region'] as Region,
            snapshotsPurged: Number(revocation['snapshotsPurged'] ?? 0),
          },
        }),
  };
};

/** Which write of a cancelled transaction refused, by position. */
export function cancellation(error: TransactionCanceledException, index: number): string | undefined {
  return error.CancellationReasons?.[index]?.Code;
}

const ttl = TABLE_DEFINITION.ttlAttribute;
const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + PROCESSED_EVENT_RETENTION_SECONDS;

/** A processed event's item, kept for PROCESSED_EVENT_RETENTION_SECONDS. */
export function eventItem(
  event: Pick<ProcessedEvent, 'eventId' | 'storeId' | 'action' | 'outcome' | 'at' | 'auditPending'> & {
    revocation?: ProcessedEvent['revocation'];
  },
  now: Date,
): Item {
  return {
    ...processedEventKey(event.storeId, event.eventId),
    ...event,
    processedAt: now.toISOString(),
    [ttl]: expiresAt(now),
  };
}
