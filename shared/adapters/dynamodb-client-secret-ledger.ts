import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  ClientSecretLedger,
  ClientSecretState,
  ProcessedClientSecretEvent,
} from '../notifications/ports';
import { CLIENT_SECRET_QUEUE_DEFINITION } from '../notifications/queue-definition';
import { TABLE_DEFINITION } from '../storage/table-definition';
import { SECONDS_PER_DAY } from '../time';

type Item = Record<string, unknown>;

/**
 * The client secret's rotation ledger on the one table, in the app's own partition (no store owns it): the state
 * (`APP#LWA_CLIENT_SECRET` / `STATE`, times and a version id only, never a secret) and one item per processed
 * notification (`EVENT#{eventId}`), kept longer than the queue and its DLQ keep any message.
 */
export const CLIENT_SECRET_PARTITION = 'APP#LWA_CLIENT_SECRET';
export const clientSecretStateKey = { pk: CLIENT_SECRET_PARTITION, sk: 'STATE' } as const;
export const clientSecretEventKey = (eventId: string) => ({
  pk: CLIENT_SECRET_PARTITION,
  sk: `EVENT#${eventId}`,
});

const EVENT_RETENTION_SECONDS =
  (CLIENT_SECRET_QUEUE_DEFINITION.retentionDays +
    CLIENT_SECRET_QUEUE_DEFINITION.deadLetterRetentionDays +
    2) *
  SECONDS_PER_DAY;

const STATE_FIELDS = [
  'currentVersionId',
  'currentSecretExpiresAt',
  'rotatedAt',
  'previousSecretExpiresAt',
  'expiryNoticeAt',
  'expiryNoticeExpiresAt',
  'rotationRequestedAt',
] as const;

const eventFromItem = (item: Item): ProcessedClientSecretEvent => ({
  eventId: String(item['eventId']),
  outcome: item['outcome'] as ProcessedClientSecretEvent['outcome'],
  auditPending: item['auditPending'] === true,
  processedAt: String(item['processedAt']),
  eventTime: String(item['eventTime']),
  ...(typeof item['versionId'] === 'string' ? { versionId: item['versionId'] } : {}),
  ...(typeof item['newClientSecretExpiryTime'] === 'string'
    ? { newClientSecretExpiryTime: item['newClientSecretExpiryTime'] }
    : {}),
  ...(typeof item['oldClientSecretExpiryTime'] === 'string'
    ? { oldClientSecretExpiryTime: item['oldClientSecretExpiryTime'] }
    : {}),
});

export function createDynamoDbClientSecretLedger(
  client: DynamoDBClient,
  tableName: string,
): ClientSecretLedger {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

  const eventItem = ({ now, ...event }: ProcessedClientSecretEvent & { now: Date }): Item => ({
    ...clientSecretEventKey(event.eventId),
    ...event,
    [TABLE_DEFINITION.ttlAttribute]: Math.floor(now.getTime() / 1000) + EVENT_RETENTION_SECONDS,
  });
  const putEventOnce = (event: ProcessedClientSecretEvent & { now: Date }) => ({
    Put: { TableName: tableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(sk)' },
  });

  return {
    async getState() {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: clientSecretStateKey, ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      const state: Record<string, string> = {};
      for (const field of STATE_FIELDS) if (typeof Item[field] === 'string') state[field] = Item[field];
      return state as ClientSecretState;
    },

    async getProcessedEvent(eventId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: clientSecretEventKey(eventId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : eventFromItem(Item);
    },

    async recordRotation(event) {
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: clientSecretStateKey,
                  UpdateExpression:
                    'SET currentVersionId = :version, currentSecretExpiresAt = :expires, rotatedAt = :now, ' +
                    'previousSecretExpiresAt = :previous',
                  // A later rotation already recorded wins; the same one again is harmless.
                  ConditionExpression:
                    'attribute_not_exists(currentSecretExpiresAt) OR currentSecretExpiresAt <= :expires',
                  ExpressionAttributeValues: {
                    ':version': event.versionId,
                    ':expires': event.newClientSecretExpiryTime,
                    ':previous': event.oldClientSecretExpiryTime,
                    ':now': event.processedAt,
                  },
                },
              },
              putEventOnce(event),
            ],
          }),
        );
        return 'applied';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          const recorded = await this.recordEvent({ ...event, outcome: 'superseded', auditPending: false });
          return recorded === 'duplicate' ? 'duplicate' : 'superseded';
        }
        throw error;
      }
    },

    async recordEvent(event, state) {
      try {
        if (state?.expiryNoticeAt === undefined) {
          await documents.send(
            new PutCommand({
              TableName: tableName,
              Item: eventItem(event),
              ConditionExpression: 'attribute_not_exists(sk)',
            }),
          );
          return 'applied';
        }
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: clientSecretStateKey,
                  UpdateExpression: 'SET expiryNoticeAt = :at, expiryNoticeExpiresAt = :expires',
                  ConditionExpression: 'attribute_not_exists(expiryNoticeAt) OR expiryNoticeAt <= :at',
                  ExpressionAttributeValues: {
                    ':at': state.expiryNoticeAt,
                    ':expires': state.expiryNoticeExpiresAt,
                  },
                },
              },
              putEventOnce(event),
            ],
          }),
        );
        return 'applied';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'duplicate';
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        // An older notice than the one recorded: only the event is kept.
        if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return this.recordEvent(event);
        throw error;
      }
    },

    async markAudited(eventId, now) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: clientSecretEventKey(eventId),
          UpdateExpression: 'SET auditPending = :false, auditedAt = :now',
          ConditionExpression: 'attribute_exists(sk)',
          ExpressionAttributeValues: { ':false': false, ':now': now.toISOString() },
        }),
      );
    },

    async markRotationRequested(now) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: clientSecretStateKey,
          UpdateExpression: 'SET rotationRequestedAt = :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
    },
  };
}
