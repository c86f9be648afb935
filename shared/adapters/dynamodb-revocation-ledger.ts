/**
 * The revocation ledger on the single table: the store's state, the processed events, and the two transactions the
 * worker writes (revoke and crypto-shred; an account-status change), each with its event record, once.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { LedgerWriteResult, RevocationLedger } from '../revocation/ports';
import { keys } from '../storage/table-definition';
import {
  cancellation,
  eventFromItem,
  eventItem,
  processedEventKey,
  stateFromItem,
} from './dynamodb-revocation-events';
import { snapshotPurge } from './dynamodb-snapshot-purge';

/** TransactWriteItems takes at most 100 actions; four are the profile, two tokens and the event record. */
const SNAPSHOT_DELETES_IN_TRANSACTION = 96;

export function createDynamoDbRevocationLedger(
  documents: DynamoDBDocumentClient,
  tableName: string,
): RevocationLedger {
  const { snapshotSortKeys, deleteAll, snapshotCount } = snapshotPurge(documents, tableName);
  return {
    async getStoreState(storeId) {
      const result = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.storeProfile(storeId), ConsistentRead: true }),
      );
      return result.Item === undefined ? undefined : stateFromItem(result.Item);
    },

    async getProcessedEvent(storeId, eventId) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: processedEventKey(storeId, eventId),
          ConsistentRead: true,
        }),
      );
      return result.Item === undefined ? undefined : eventFromItem(result.Item);
    },

    async revokeStore(command): Promise<LedgerWriteResult> {
      const snapshots = await snapshotSortKeys(command.storeId);
      const now = command.now.toISOString();
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.storeProfile(command.storeId),
                  UpdateExpression:
                    'SET #status = :revoked, revokedAt = :at, revokedReason = :source, updatedAt = :now',
                  // Never a store authorized after the evidence, and never one that changed since it was read.
                  ConditionExpression:
                    'attribute_exists(pk) AND #status = :expected AND ' +
                    '(authorizedAt <= :at OR (attribute_not_exists(authorizedAt) AND connectedAt <= :at))',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':revoked': 'REVOKED',
                    ':at': command.at,
                    ':source': command.source,
                    ':now': now,
                    ':expected': command.expectedStatus,
                  },
                },
              },
              // Crypto-shredding: without its ciphertext the refresh token is gone for good.
              { Delete: { TableName: tableName, Key: keys.storeToken(command.storeId, 'SPAPI') } },
              { Delete: { TableName: tableName, Key: keys.storeToken(command.storeId, 'ADS') } },
              {
                Put: {
                  TableName: tableName,
                  Item: eventItem(
                    {
                      eventId: command.eventId,
                      storeId: command.storeId,
                      action: 'revoke',
                      outcome: 'revoked',
                      at: command.at,
                      auditPending: true,
                      revocation: {
                        source: command.source,
                        ...(command.actorId === undefined ? {} : { actorId: command.actorId }),
                        previousStatus: command.expectedStatus,
                        sellingPartnerId: command.sellingPartnerId,
                        region: command.region,
                        snapshotsPurged: snapshotCount(snapshots),
                      },
                    },
                    command.now,
                  ),
                  ConditionExpression: 'attribute_not_exists(sk)',
                },
              },
              // The rest, if a store ever has more, is purged right after (RevocationLedger.purgeSnapshots).
              ...snapshots.slice(0, SNAPSHOT_DELETES_IN_TRANSACTION).map((sk) => ({
                Delete: { TableName: tableName, Key: { pk: `STORE#${command.storeId}`, sk } },
              })),
            ],
          }),
        );
        return 'applied';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (cancellation(error, 3) === 'ConditionalCheckFailed') return 'duplicate';
        if (cancellation(error, 0) === 'ConditionalCheckFailed') return 'conflict';
        if (error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict'))
          return 'conflict';
        throw error;
      }
    },

    async changeAccountStatus(command): Promise<LedgerWriteResult> {
      const now = command.now.toISOString();
      const changesStatus = command.status !== command.expectedStatus;
      const set = ['accountStatus = :account', 'accountStatusAt = :at', 'updatedAt = :now'];
      if (changesStatus) set.push('#status = :status');
      if (command.status === 'SUSPENDED' && changesStatus) set.push('suspendedAt = :at');
      const remove = command.status === 'ACTIVE' && changesStatus ? ' REMOVE suspendedAt' : '';
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.storeProfile(command.storeId),
                  UpdateExpression: `SET ${set.join(', ')}${remove}`,
                  ConditionExpression:
                    'attribute_exists(pk) AND #status = :expected AND ' +
                    '(attribute_not_exists(accountStatusAt) OR accountStatusAt < :at)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':account': command.accountStatus,
                    ':at': command.at,
                    ':now': now,
                    ':expected': command.expectedStatus,
                    ...(changesStatus ? { ':status': command.status } : {}),
                  },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: eventItem(
                    {
                      eventId: command.eventId,
                      storeId: command.storeId,
                      action: 'account-status',
                      outcome: changesStatus ? 'status-changed' : 'account-status-recorded',
                      at: command.at,
                      auditPending: false,
                    },
                    command.now,
                  ),
                  ConditionExpression: 'attribute_not_exists(sk)',
                },
              },
            ],
          }),
        );
        return 'applied';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (cancellation(error, 1) === 'ConditionalCheckFailed') return 'duplicate';
        if (cancellation(error, 0) === 'ConditionalCheckFailed') return 'conflict';
        if (error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict'))
          return 'conflict';
        throw error;
      }
    },

    async recordIgnoredEvent(event) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: eventItem(
              {
                eventId: event.eventId,
                storeId: event.storeId,
                action: event.action,
                outcome: `ignored:${event.reason}`,
                at: event.at,
                auditPending: false,
              },
              event.now,
            ),
            ConditionExpression: 'attribute_not_exists(sk)',
          }),
        );
        return 'applied';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'duplicate';
        throw error;
      }
    },

    async markAudited(storeId, eventId, now) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: processedEventKey(storeId, eventId),
          UpdateExpression: 'SET auditPending = :false, auditedAt = :now',
          ConditionExpression: 'attribute_exists(sk)',
          ExpressionAttributeValues: { ':false': false, ':now': now.toISOString() },
        }),
      );
    },

    async purgeSnapshots(storeId) {
      const sortKeys = await snapshotSortKeys(storeId);
      await deleteAll(storeId, sortKeys);
      return snapshotCount(sortKeys);
    },
  };
}
