import {
  ConditionalCheckFailedException,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  drainedTat,
  gcraDecide,
  intervalMs,
  toleranceMs,
  tokensAt,
  type PacingPlan,
  type SharedPacing,
  type SharedTake,
} from '../pacing/shared-pacing';
import type { PacedOperation } from '../pacing/token-bucket';
import { keys } from '../storage/table-definition';

/** An idle bucket's item outlives its last use by this much, then TTL removes it (it is full again by then). */
const IDLE_SECONDS = 3600;

/** Conditional writes lost to other environments before this one answers "wait one interval". */
const MAX_CONTENDED_WRITES = 4;

const n = (value: number): AttributeValue => ({ N: String(value) });

/**
 * The shared limiter on the one table: item `STORE#{storeId}` / `PACING#{operation}` holding `tat` (epoch ms, see
 * shared/pacing/shared-pacing.ts). A take is one conditional UpdateItem in the common case: the guess of which
 * form applies (bucket idle, or running ahead of now) is checked by DynamoDB, and a failed check returns the item
 * (ReturnValuesOnConditionCheckFailure), so the next try, or the answer "wait N ms", needs no extra read.
 * Under the store's partition like every store item, so `dynamodb:LeadingKeys` confines it too.
 */
export function createDynamoDbSharedPacing(client: DynamoDBClient, tableName: string): SharedPacing {
  const key = (storeId: string, operation: PacedOperation) => {
    const k = keys.storePacing(storeId, operation);
    return { pk: { S: k.pk }, sk: { S: k.sk } };
  };
  const expiresAt = (tat: number) => n(Math.ceil(tat / 1000) + IDLE_SECONDS);

  /** The write for a decision made on `known` (undefined: the item is absent or at/behind now). */
  const conditionalWrite = (
    storeId: string,
    operation: PacedOperation,
    plan: PacingPlan,
    nowMs: number,
    known: number | undefined,
  ) => {
    const idle = known === undefined || known <= nowMs;
    return new UpdateItemCommand({
      TableName: tableName,
      Key: key(storeId, operation),
      ...(idle
        ? {
            // Behind now (and, when the tolerance is negative, far enough behind): the next slot starts now.
            UpdateExpression: 'SET tat = :next, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(tat) OR tat <= :idleLatest',
            ExpressionAttributeValues: {
              ':next': n(nowMs + intervalMs(plan)),
              ':idleLatest': n(nowMs + Math.min(0, toleranceMs(plan))),
              ':expires': expiresAt(nowMs + intervalMs(plan)),
            },
          }
        : {
            // `tat = tat + interval` only while tat is ahead of now and within the burst's tolerance.
            UpdateExpression: 'SET tat = tat + :interval, expiresAt = :expires',
            ConditionExpression: 'tat > :now AND tat <= :latest',
            ExpressionAttributeValues: {
              ':interval': n(intervalMs(plan)),
              ':now': n(nowMs),
              ':latest': n(nowMs + toleranceMs(plan)),
              ':expires': expiresAt(known + intervalMs(plan)),
            },
          }),
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  };

  const tatOf = (item: Record<string, AttributeValue> | undefined): number | undefined => {
    const raw = item?.['tat']?.N;
    return raw === undefined ? undefined : Number(raw);
  };

  /** Moves a tat taken at a slower plan back to this plan's empty bucket, unless another environment moved it. */
  const rebase = async (storeId: string, operation: PacedOperation, known: number, emptyTat: number) => {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(storeId, operation),
          UpdateExpression: 'SET tat = :empty, expiresAt = :expires',
          ConditionExpression: 'tat = :known',
          ExpressionAttributeValues: {
            ':empty': n(emptyTat),
            ':known': n(known),
            ':expires': expiresAt(emptyTat),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };

  return {
    async take(storeId, operation, plan, nowMs): Promise<SharedTake> {
      // First guess: idle. A busy bucket answers with its tat, and the second write is then the right form.
      let known: number | undefined;
      for (let attempt = 0; attempt < MAX_CONTENDED_WRITES; attempt++) {
        const decision = gcraDecide(known, plan, nowMs);
        if (!decision.allowed) {
          if (decision.rebaseTo !== undefined && known !== undefined)
            await rebase(storeId, operation, known, decision.rebaseTo);
          return { taken: false, waitMs: decision.waitMs };
        }
        try {
          const { Attributes } = await client.send(conditionalWrite(storeId, operation, plan, nowMs, known));
          return { taken: true, tokensLeft: tokensAt(tatOf(Attributes) ?? decision.nextTat, plan, nowMs) };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          known = tatOf(error.Item);
        }
      }
      // Every write lost to another environment: the bucket is busy, so this one waits a full interval.
      return { taken: false, waitMs: Math.ceil(intervalMs(plan)) };
    },

    async drain(storeId, operation, plan, nowMs): Promise<void> {
      const empty = drainedTat(plan, nowMs);
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: key(storeId, operation),
            UpdateExpression: 'SET tat = :empty, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(tat) OR tat < :empty',
            ExpressionAttributeValues: { ':empty': n(empty), ':expires': expiresAt(empty) },
          }),
        );
      } catch (error) {
        // Already further ahead than empty (another environment drained or took since): nothing to do.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
