import {
  ConditionalCheckFailedException,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  drainedTat,
  gcraDecide,
  REBASED_BY,
  intervalMs,
  toleranceAfterOtherMs,
  toleranceMs,
  tokensAt,
  type PacingPlan,
  type SharedBucketState,
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

function stateOf(item: Record<string, AttributeValue> | undefined): SharedBucketState | undefined {
  const tat = item?.['tat']?.N;
  if (tat === undefined) return undefined;
  const interval = item?.['interval']?.N;
  return {
    tat: Number(tat),
    by: item?.['by']?.S,
    ...(interval === undefined ? {} : { interval: Number(interval) }),
  };
}

/**
 * The shared limiter on the one table: item `STORE#{storeId}` / `PACING#{operation}` holding `tat` (epoch ms) and
 * `by` (the environment that took last; see shared/pacing/shared-pacing.ts). A take is one conditional UpdateItem
 * in the common case: the guess of which form applies (bucket idle, or running ahead of now) is checked by DynamoDB
 * with the decision's whole rule in its condition, and a failed check returns the item
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
    taker: string,
    known: SharedBucketState | undefined,
  ) => {
    const idle = known === undefined || known.tat <= nowMs;
    const common = {
      ':me': { S: taker },
      ':now': n(nowMs),
      ':latestOther': n(nowMs + toleranceAfterOtherMs(plan)),
    };
    return new UpdateItemCommand({
      TableName: tableName,
      Key: key(storeId, operation),
      ...(idle
        ? {
            // At or behind now: the next slot starts now, for the last taker (or nobody) at once, for another
            // environment once the arrival spread is in hand too.
            UpdateExpression: 'SET tat = :next, #by = :me, #interval = :interval, expiresAt = :expires',
            ConditionExpression:
              'attribute_not_exists(tat) OR (tat <= :now AND (tat <= :latestOther OR #by = :me OR attribute_not_exists(#by)))',
            ExpressionAttributeValues: {
              ...common,
              ':next': n(nowMs + intervalMs(plan)),
              ':interval': n(intervalMs(plan)),
              ':expires': expiresAt(nowMs + intervalMs(plan)),
            },
          }
        : {
            // `tat = tat + interval` only while tat is ahead of now and within the tolerance that applies.
            // Only at the plan `tat` was counted at (or one stored before plans were kept); another is rebased first.
            UpdateExpression:
              'SET tat = tat + :interval, #by = :me, #interval = :interval, expiresAt = :expires',
            ConditionExpression:
              'tat > :now AND (attribute_not_exists(#interval) OR #interval = :interval) AND (tat <= :latestOther OR ((#by = :me OR attribute_not_exists(#by)) AND tat <= :latestSelf))',
            ExpressionAttributeValues: {
              ...common,
              ':interval': n(intervalMs(plan)),
              ':latestSelf': n(nowMs + toleranceMs(plan)),
              ':expires': expiresAt(known.tat + intervalMs(plan)),
            },
          }),
      // `by` is not a reserved word today; named anyway, so a future one cannot break the expression.
      ExpressionAttributeNames: { '#by': 'by', '#interval': 'interval' },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  };

  /** Moves a tat counted at another plan to this one (gcraDecide says where), unless another environment moved it. */
  const rebase = async (
    storeId: string,
    operation: PacedOperation,
    known: number,
    rebasedTat: number,
    plan: PacingPlan,
    converted: boolean,
  ) => {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(storeId, operation),
          // A conversion (the stored plan known) is marked as nobody's take: every environment keeps the spread.
          UpdateExpression: converted
            ? 'SET tat = :rebased, #interval = :interval, #by = :rebasedBy, expiresAt = :expires'
            : 'SET tat = :rebased, #interval = :interval, expiresAt = :expires',
          ConditionExpression: 'tat = :known',
          ExpressionAttributeNames: { '#interval': 'interval', ...(converted ? { '#by': 'by' } : {}) },
          ExpressionAttributeValues: {
            ...(converted ? { ':rebasedBy': { S: REBASED_BY } } : {}),
            ':rebased': n(rebasedTat),
            ':interval': n(intervalMs(plan)),
            ':known': n(known),
            ':expires': expiresAt(rebasedTat),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };

  return {
    async take(storeId, operation, plan, nowMs, taker): Promise<SharedTake> {
      // First guess: idle. A busy bucket answers with its state, and the second write is then the right form.
      let known: SharedBucketState | undefined;
      for (let attempt = 0; attempt < MAX_CONTENDED_WRITES; attempt++) {
        const decision = gcraDecide(known, plan, nowMs, taker);
        if (!decision.allowed) {
          if (decision.rebaseTo !== undefined && known !== undefined)
            await rebase(
              storeId,
              operation,
              known.tat,
              decision.rebaseTo,
              plan,
              known.interval !== undefined,
            );
          return { taken: false, waitMs: decision.waitMs };
        }
        try {
          const { Attributes } = await client.send(
            conditionalWrite(storeId, operation, plan, nowMs, taker, known),
          );
          return {
            taken: true,
            tokensLeft: tokensAt(stateOf(Attributes)?.tat ?? decision.nextTat, plan, nowMs),
          };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          known = stateOf(error.Item);
        }
      }
      // Every write lost to another environment: the bucket is busy, so this one waits a full interval.
      return { taken: false, waitMs: Math.ceil(intervalMs(plan)) };
    },

    async drain(storeId, operation, plan, nowMs, taker): Promise<void> {
      const empty = drainedTat(plan, nowMs);
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: key(storeId, operation),
            UpdateExpression: 'SET tat = :empty, #by = :me, #interval = :interval, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(tat) OR tat < :empty',
            ExpressionAttributeNames: { '#by': 'by', '#interval': 'interval' },
            ExpressionAttributeValues: {
              ':empty': n(empty),
              ':interval': n(intervalMs(plan)),
              ':me': { S: taker },
              ':expires': expiresAt(empty),
            },
          }),
        );
      } catch (error) {
        // Already further ahead than empty (another environment drained or took since): nothing to do.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
