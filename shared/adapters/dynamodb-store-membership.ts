/**
 * Store membership (`MEMBER#{userId}`): one member's role, the members of a store, and adding, changing and removing
 * members in transactions that keep the store with at least one owner.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ConcurrentStoreUpdate,
  LastOwner,
  NotAnOwner,
  type MemberRecord,
  type StoreRepository,
} from '../stores/store-ports';
import { keys } from '../storage/table-definition';
import type { MemberRole } from '../stores/store';
import { memberFromItem, memberItem, ownerConditions } from './dynamodb-store-items';

export function createDynamoDbStoreMembership(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Pick<StoreRepository, 'getMembership' | 'listMembers' | 'putMember' | 'removeMember'> {
  const { ownerCheck, requireOwner } = ownerConditions(documents, tableName);

  /**
   * The conditions a member change is written under. The actor must be an owner at the time of the write. When an
   * owner removes or demotes another member, the actor remains an owner, so the store keeps one; when they remove
   * or demote themselves, another owner must still be there, checked in the same transaction (DynamoDB
   * serializes transactions, so two owners removing each other cannot both succeed).
   */
  async function ownershipGuard(
    storeId: string,
    subjectId: string,
    actorUserId: string,
    leavingOwnership: boolean,
  ): Promise<{ checks: object[]; reasons: Array<'actor' | 'other-owner'> }> {
    // Nobody grants themselves a role: an owner changing their own role can only be leaving ownership.
    if (subjectId === actorUserId && !leavingOwnership) throw new NotAnOwner();
    if (!leavingOwnership) return { checks: [ownerCheck(storeId, actorUserId)], reasons: ['actor'] };
    const other = (await listMembersOf(storeId)).find((m) => m.role === 'owner' && m.userId !== subjectId);
    if (other === undefined) {
      await requireOwner(storeId, actorUserId);
      throw new LastOwner();
    }
    return { checks: [ownerCheck(storeId, other.userId)], reasons: ['other-owner'] };
  }

  async function listMembersOf(storeId: string): Promise<MemberRecord[]> {
    const members: MemberRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
          ExpressionAttributeValues: { ':pk': keys.storeProfile(storeId).pk, ':member': 'MEMBER#' },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) members.push(memberFromItem(storeId, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return members;
  }

  /** Runs a member transaction: `applied`, `retry` (the member or another owner changed), or a typed refusal. */
  async function transact(
    items: object[],
    reasons: ReadonlyArray<'actor' | 'other-owner'>,
  ): Promise<'applied' | 'retry'> {
    try {
      await documents.send(new TransactWriteCommand({ TransactItems: items as never }));
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
      if (reasons[0] === 'actor' && failed[1]) throw new NotAnOwner();
      return 'retry';
    }
  }

  return {
    async getMembership(storeId: string, userId: string) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeMember(storeId, userId),
          ConsistentRead: true,
        }),
      );
      return result.Item === undefined
        ? undefined
        : { storeId, userId, role: result.Item['role'] as MemberRole };
    },

    listMembers: listMembersOf,

    async putMember({ storeId, userId, role, actorUserId, now }) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await documents.send(
          new GetCommand({
            TableName: tableName,
            Key: keys.storeMember(storeId, userId),
            ConsistentRead: true,
          }),
        );
        const previous = current.Item === undefined ? undefined : memberFromItem(storeId, current.Item);
        if (previous?.role === role) {
          await requireOwner(storeId, actorUserId);
          return { result: 'unchanged' as const, member: previous };
        }
        const member: MemberRecord = previous
          ? { ...previous, role }
          : { storeId, userId, role, addedAt: now, addedBy: actorUserId };
        const write = {
          Put: {
            TableName: tableName,
            Item: memberItem(storeId, userId, role, member.addedAt, member.addedBy ?? undefined),
            // Written only over what was read: a concurrent change makes us read and decide again.
            ...(previous === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#role = :previous',
                  ExpressionAttributeNames: { '#role': 'role' },
                  ExpressionAttributeValues: { ':previous': previous.role },
                }),
          },
        };
        const demotingSelf = userId === actorUserId && previous?.role === 'owner';
        const guard = await ownershipGuard(storeId, userId, actorUserId, demotingSelf);
        const outcome = await transact([write, ...guard.checks], guard.reasons);
        if (outcome === 'applied')
          return {
            result: previous === undefined ? ('added' as const) : ('role-changed' as const),
            member,
            ...(previous === undefined ? {} : { previousRole: previous.role }),
          };
      }
      throw new ConcurrentStoreUpdate();
    },

    async removeMember({ storeId, userId, actorUserId }) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await documents.send(
          new GetCommand({
            TableName: tableName,
            Key: keys.storeMember(storeId, userId),
            ConsistentRead: true,
          }),
        );
        if (current.Item === undefined) {
          await requireOwner(storeId, actorUserId);
          return undefined;
        }
        const previous = memberFromItem(storeId, current.Item);
        const write = {
          Delete: {
            TableName: tableName,
            Key: keys.storeMember(storeId, userId),
            ConditionExpression: '#role = :previous',
            ExpressionAttributeNames: { '#role': 'role' },
            ExpressionAttributeValues: { ':previous': previous.role },
          },
        };
        const guard = await ownershipGuard(
          storeId,
          userId,
          actorUserId,
          userId === actorUserId && previous.role === 'owner',
        );
        if ((await transact([write, ...guard.checks], guard.reasons)) === 'applied') return previous;
      }
      throw new ConcurrentStoreUpdate();
    },
  };
}
