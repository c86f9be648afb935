import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Region } from '../amazon/marketplaces';
import type { AccountStatus } from '../revocation/amazon-notification';
import type {
  ActiveStore,
  ActiveStoreDirectory,
  LedgerWriteResult,
  ProcessedEvent,
  RevocationLedger,
} from '../revocation/ports';
import { REVOCATION_QUEUE_DEFINITION } from '../revocation/queue-definition';
import type { StoreState } from '../revocation/store-status-decision';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import type { StoreStatus } from '../stores/store';
import { SECONDS_PER_DAY } from '../time';

type Item = Record<string, unknown>;

/**
 * The revocation pipeline's side of the single table. Processed events live under the store's partition
 * (`STORE#{storeId}` / `REVOCATION#{eventId}`), so `dynamodb:LeadingKeys` still confines by store and the event
 * record can share a transaction with the status change it belongs to.
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

/** TransactWriteItems takes at most 100 actions; four are the profile, two tokens and the event record. */
const SNAPSHOT_DELETES_IN_TRANSACTION = 96;
const BATCH_WRITE_LIMIT = 25;
const BATCH_WRITE_ATTEMPTS = 5;

const stateFromItem = (item: Item): StoreState => ({
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

const eventFromItem = (item: Item): ProcessedEvent => {
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
function cancellation(error: TransactionCanceledException, index: number): string | undefined {
  return error.CancellationReasons?.[index]?.Code;
}

export function createDynamoDbRevocationStore(
  client: DynamoDBClient,
  tableName: string,
): RevocationLedger & ActiveStoreDirectory {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const ttl = TABLE_DEFINITION.ttlAttribute;
  const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + PROCESSED_EVENT_RETENTION_SECONDS;

  async function snapshotSortKeys(storeId: string): Promise<string[]> {
    const sortKeys: string[] = [];
    let startKey: Item | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :snapshot)',
          ExpressionAttributeValues: { ':pk': `STORE#${storeId}`, ':snapshot': 'SNAPSHOT#' },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) sortKeys.push(String(item['sk']));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return sortKeys;
  }

  /** Deletes items of one partition in batches of 25, retrying unprocessed ones a bounded number of times. */
  async function deleteAll(storeId: string, sortKeys: readonly string[]): Promise<void> {
    for (let i = 0; i < sortKeys.length; i += BATCH_WRITE_LIMIT) {
      let requests: Array<{ DeleteRequest: { Key: Item } }> = sortKeys
        .slice(i, i + BATCH_WRITE_LIMIT)
        .map((sk) => ({ DeleteRequest: { Key: { pk: `STORE#${storeId}`, sk } } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= BATCH_WRITE_ATTEMPTS) throw new Error('Snapshots could not all be deleted');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  }

  function eventItem(
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
                        snapshotsPurged: snapshots.length,
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
      return sortKeys.length;
    },

    async *activeStorePages(pageSize, startAfter) {
      // Scan order is the table's own, the same on every run; any key is a valid place to start after.
      let startKey: Item | undefined = startAfter === undefined ? undefined : keys.storeProfile(startAfter);
      do {
        // No status index: a filtered Scan, one bounded page at a time (see the health check for the scale limit).
        const page = await documents.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :profile AND #status = :active',
            ProjectionExpression: '#storeId, #sellingPartnerId, #region, #reauthorizeBy',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#storeId': 'storeId',
              '#sellingPartnerId': 'sellingPartnerId',
              '#region': 'region',
              '#reauthorizeBy': 'reauthorizeBy',
            },
            ExpressionAttributeValues: { ':profile': 'PROFILE', ':active': 'ACTIVE' },
            Limit: pageSize,
            ExclusiveStartKey: startKey,
          }),
        );
        const stores: ActiveStore[] = (page.Items ?? []).map((item) => ({
          storeId: String(item['storeId']),
          sellingPartnerId: String(item['sellingPartnerId']),
          region: item['region'] as Region,
          reauthorizeBy: String(item['reauthorizeBy']),
        }));
        if (stores.length > 0) yield stores;
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    },

    async readHealthCheckCursor() {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.healthCheckCursor(), ConsistentRead: true }),
      );
      return typeof Item?.['lastCheckedStoreId'] === 'string' ? Item['lastCheckedStoreId'] : undefined;
    },

    async saveHealthCheckCursor(storeId, now) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.healthCheckCursor(), lastCheckedStoreId: storeId, savedAt: now.toISOString() },
        }),
      );
    },

    async markReauthorizationRequired(storeId, reauthorizeBy, now) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.storeProfile(storeId),
            UpdateExpression: 'SET #status = :required, updatedAt = :now',
            ConditionExpression: '#status = :active AND reauthorizeBy = :reauthorizeBy',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':required': 'REAUTH_REQUIRED',
              ':active': 'ACTIVE',
              ':reauthorizeBy': reauthorizeBy,
              ':now': now.toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
