import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Region } from '../amazon/marketplaces';
import { batchGetItems } from './dynamodb-batch-reads';
import type { PendingShred, RevocationSweepStore, SweepCandidate } from '../revocation/ports';
import { keys } from '../storage/table-definition';
import type { TokenPurpose } from '../storage/token-encryption-context';
import type { StoreStatus } from '../stores/store';

type Item = Record<string, unknown>;

/** Where the revocation sweep stopped: one item of the job's own, outside every store's partition. */
const SWEEP_CURSOR_KEY = { pk: 'JOB#revocation-sweep', sk: 'CURSOR' } as const;
/** The profile attribute holding a shred whose audit record is not written yet (PendingShred). */
const PENDING_SHRED = 'sweepShred';
const SHREDDED_STATUS = 'REVOKED';
const TOKEN_PURPOSES: readonly TokenPurpose[] = ['SPAPI', 'ADS'];

const pendingShredFromItem = (value: unknown): PendingShred | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Item;
  if (typeof item['eventId'] !== 'string' || typeof item['shreddedAt'] !== 'string') return undefined;
  return {
    eventId: item['eventId'],
    shreddedAt: item['shreddedAt'],
    tokensDeleted: ((item['tokensDeleted'] as unknown[] | undefined) ?? []).filter(
      (purpose): purpose is TokenPurpose => purpose === 'SPAPI' || purpose === 'ADS',
    ),
    revokedReason: String(item['revokedReason'] ?? 'unknown'),
    ...(typeof item['revokedAt'] === 'string' ? { revokedAt: item['revokedAt'] } : {}),
  };
};

const sweepCandidateFromItem = (item: Item, tokens: readonly TokenPurpose[]): SweepCandidate => {
  const pendingShred = pendingShredFromItem(item[PENDING_SHRED]);
  return {
    storeId: String(item['storeId']),
    sellingPartnerId: String(item['sellingPartnerId']),
    region: item['region'] as Region,
    status: item['status'] as StoreStatus,
    updatedAt: typeof item['updatedAt'] === 'string' ? item['updatedAt'] : undefined,
    ...(typeof item['revokedAt'] === 'string' ? { revokedAt: item['revokedAt'] } : {}),
    ...(typeof item['revokedReason'] === 'string' ? { revokedReason: item['revokedReason'] } : {}),
    tokens,
    ...(pendingShred === undefined ? {} : { pendingShred }),
  };
};

/** A Scan position as the sweep keeps it: the table's own key of the last item evaluated. */
function parseSweepCursor(cursor: string | undefined): Item | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(cursor) as unknown;
    if (typeof key === 'object' && key !== null) {
      const { pk, sk } = key as Item;
      if (typeof pk === 'string' && typeof sk === 'string') return { pk, sk };
    }
  } catch {
    // A cursor we cannot read: from the top.
  }
  return undefined;
}

/**
 * The revocation sweep's side of the single table. No index lists revoked stores, so candidates come from a
 * filtered Scan, one bounded page per call, resumed from the last run's position; each candidate's ciphertexts are
 * then read by key. The shred is one conditional transaction on the profile's status and version.
 */
export function createDynamoDbRevocationSweepStore(
  client: DynamoDBClient,
  tableName: string,
): RevocationSweepStore {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const profileAttributes = {
    '#storeId': 'storeId',
    '#sellingPartnerId': 'sellingPartnerId',
    '#region': 'region',
    '#status': 'status',
    '#updatedAt': 'updatedAt',
    '#revokedAt': 'revokedAt',
    '#revokedReason': 'revokedReason',
    '#pending': PENDING_SHRED,
  };
  const profileProjection = Object.keys(profileAttributes).join(', ');

  /** Which ciphertexts exist for each store (strongly consistent reads by key). */
  async function tokensOf(storeIds: readonly string[]): Promise<Map<string, TokenPurpose[]>> {
    const found = new Map<string, TokenPurpose[]>(storeIds.map((storeId) => [storeId, []]));
    const allKeys = storeIds.flatMap((storeId) =>
      TOKEN_PURPOSES.map((purpose) => keys.storeToken(storeId, purpose)),
    );
    for (const item of await batchGetItems(documents, tableName, allKeys, { expression: 'pk, sk' })) {
      const storeId = String(item['pk']).slice('STORE#'.length);
      const purpose = String(item['sk']).slice('TOKEN#'.length) as TokenPurpose;
      found.get(storeId)?.push(purpose);
    }
    return found;
  }

  return {
    async sweepCandidatePage({ pageSize, cursor }) {
      const page = await documents.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'sk = :profile AND (#status = :shredded OR attribute_exists(#pending))',
          ProjectionExpression: profileProjection,
          ExpressionAttributeNames: profileAttributes,
          ExpressionAttributeValues: { ':profile': 'PROFILE', ':shredded': SHREDDED_STATUS },
          Limit: pageSize,
          ExclusiveStartKey: parseSweepCursor(cursor),
        }),
      );
      const profiles = page.Items ?? [];
      const tokens = await tokensOf(profiles.map((item) => String(item['storeId'])));
      return {
        candidates: profiles.map((item) =>
          sweepCandidateFromItem(item, tokens.get(String(item['storeId'])) ?? []),
        ),
        next:
          page.LastEvaluatedKey === undefined
            ? undefined
            : JSON.stringify({ pk: page.LastEvaluatedKey['pk'], sk: page.LastEvaluatedKey['sk'] }),
      };
    },

    async readSweepCandidate(storeId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeProfile(storeId),
          ConsistentRead: true,
          ProjectionExpression: profileProjection,
          ExpressionAttributeNames: profileAttributes,
        }),
      );
      if (Item === undefined) return undefined;
      return sweepCandidateFromItem(Item, (await tokensOf([storeId])).get(storeId) ?? []);
    },

    async shredLostCiphertext({ storeId, expectedUpdatedAt, pending }) {
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.storeProfile(storeId),
                  // updatedAt is left as it is: the mark is the sweep's own, not a change of the store.
                  UpdateExpression: 'SET #pending = :pending',
                  ConditionExpression:
                    'attribute_exists(pk) AND #status = :shredded AND attribute_not_exists(#pending) AND ' +
                    (expectedUpdatedAt === undefined
                      ? 'attribute_not_exists(#updatedAt)'
                      : '#updatedAt = :expectedUpdatedAt'),
                  ExpressionAttributeNames: {
                    '#status': 'status',
                    '#pending': PENDING_SHRED,
                    '#updatedAt': 'updatedAt',
                  },
                  ExpressionAttributeValues: {
                    ':pending': { ...pending, tokensDeleted: [...pending.tokensDeleted] },
                    ':shredded': SHREDDED_STATUS,
                    ...(expectedUpdatedAt === undefined ? {} : { ':expectedUpdatedAt': expectedUpdatedAt }),
                  },
                },
              },
              // Crypto-shredding: without its ciphertext the refresh token is gone for good.
              ...TOKEN_PURPOSES.map((purpose) => ({
                Delete: { TableName: tableName, Key: keys.storeToken(storeId, purpose) },
              })),
            ],
          }),
        );
        return 'applied';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
        if (codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict'))
          return 'conflict';
        throw error;
      }
    },

    async clearPendingShred(storeId, eventId) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.storeProfile(storeId),
            UpdateExpression: 'REMOVE #pending',
            ConditionExpression: '#pending.eventId = :eventId',
            ExpressionAttributeNames: { '#pending': PENDING_SHRED },
            ExpressionAttributeValues: { ':eventId': eventId },
          }),
        );
      } catch (error) {
        // Already cleared (a concurrent run), or a newer shred's mark: either way not ours to remove.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async readSweepCursor() {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: SWEEP_CURSOR_KEY, ConsistentRead: true }),
      );
      return typeof Item?.['position'] === 'string' ? Item['position'] : undefined;
    },

    async saveSweepCursor(cursor, now) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...SWEEP_CURSOR_KEY,
            ...(cursor === undefined ? {} : { position: cursor }),
            savedAt: now.toISOString(),
          },
        }),
      );
    },
  };
}
