import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Region } from '../amazon/marketplaces';
import { ACCOUNT_STATUSES, type AccountStatus } from '../api/account-status-contract';
import type { OAuthStateRecord } from '../authorization/oauth-state';
import { createDynamoDbBatchReader } from './dynamodb-batch-reads';
import {
  ConcurrentStoreUpdate,
  LastOwner,
  NotAnOwner,
  RestockSettingsConflict,
  StoreOwnedElsewhere,
  type ConnectStoreCommand,
  type MemberRecord,
  type OAuthStateStore,
  type SnapshotStore,
  type StoreBatchReader,
  type StoreDisplayNameStore,
  type StoreRepository,
} from '../ports';
import { keys, TABLE_DEFINITION } from '../storage/table-definition';
import type { MemberRole, StoreProfile, StoreStatus } from '../stores/store';
import type { StoredRestockSettings } from '../summaries/restock-settings';

type Item = Record<string, unknown>;

const profileFromItem = (item: Item): StoreProfile & { authorizedAt?: string; updatedAt?: string } => ({
  storeId: String(item['storeId']),
  sellingPartnerId: String(item['sellingPartnerId']),
  region: item['region'] as Region,
  marketplaceIds: (item['marketplaceIds'] as string[] | undefined) ?? [],
  // An owner's override wins over the name Amazon's Sellers API gave (`storeName`), which re-authorization renews.
  displayName: String(item['displayNameOverride'] ?? item['displayName'] ?? item['sellingPartnerId']),
  status: item['status'] as StoreStatus,
  connectedAt: String(item['connectedAt']),
  reauthorizeBy: String(item['reauthorizeBy']),
  ...(item['revokedAt'] === undefined ? {} : { revokedAt: String(item['revokedAt']) }),
  ...(item['revokedReason'] === undefined ? {} : { revokedReason: String(item['revokedReason']) }),
  ...(typeof item['accountStatus'] === 'string' &&
  (ACCOUNT_STATUSES as readonly string[]).includes(item['accountStatus'])
    ? { accountStatus: item['accountStatus'] as AccountStatus }
    : {}),
  ...(typeof item['accountStatusAt'] === 'string' ? { accountStatusAt: item['accountStatusAt'] } : {}),
  ...(item['authorizedAt'] === undefined ? {} : { authorizedAt: String(item['authorizedAt']) }),
  ...(item['updatedAt'] === undefined ? {} : { updatedAt: String(item['updatedAt']) }),
});

const stateFromItem = (stateHash: string, item: Item): OAuthStateRecord => ({
  stateHash,
  userId: String(item['userId']),
  flow: item['flow'] as OAuthStateRecord['flow'],
  region: item['region'] as Region | undefined,
  sellingPartnerId: item['sellingPartnerId'] as string | undefined,
  bindingHash: String(item['bindingHash']),
  ...(typeof item['storeId'] === 'string' ? { storeId: item['storeId'] } : {}),
  ...(typeof item['codeVerifier'] === 'string' ? { codeVerifier: item['codeVerifier'] } : {}),
  createdAt: String(item['createdAt']),
  expiresAt: Number(item['expiresAt']),
});

/** A membership item: under the store's partition, and in the user's index so their store list finds it. */
const memberItem = (
  storeId: string,
  userId: string,
  role: MemberRole,
  addedAt: string,
  addedBy: string | undefined,
): Item => ({
  ...keys.storeMember(storeId, userId),
  role,
  storeId,
  userId,
  gsi1pk: `USER#${userId}`,
  gsi1sk: `STORE#${storeId}`,
  addedAt,
  ...(addedBy === undefined ? {} : { addedBy }),
});

const memberFromItem = (storeId: string, item: Item): MemberRecord => ({
  storeId,
  userId: String(item['userId']),
  role: item['role'] as MemberRole,
  addedAt: String(item['addedAt'] ?? ''),
  addedBy: item['addedBy'] === undefined ? null : String(item['addedBy']),
});

/** The single table (docs/data-model.md) behind the store and OAuth-state ports. */
export function createDynamoDbStoreRepository(
  client: DynamoDBClient,
  tableName: string,
): StoreRepository & OAuthStateStore & SnapshotStore & StoreBatchReader & StoreDisplayNameStore {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const ttl = TABLE_DEFINITION.ttlAttribute;

  const ownerCheck = (storeId: string, userId: string) => ({
    ConditionCheck: {
      TableName: tableName,
      Key: keys.storeMember(storeId, userId),
      ConditionExpression: '#role = :owner',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':owner': 'owner' },
    },
  });

  async function requireOwner(storeId: string, userId: string): Promise<void> {
    const result = await documents.send(
      new GetCommand({ TableName: tableName, Key: keys.storeMember(storeId, userId), ConsistentRead: true }),
    );
    if (result.Item?.['role'] !== 'owner') throw new NotAnOwner();
  }

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
    ...createDynamoDbBatchReader(documents, tableName),

    async setDisplayNameOverride({ storeId, displayName, actorUserId, now }) {
      // Read, then write on condition that nobody changed the override meanwhile (its version) and that the actor
      // is still an owner: the before/after of the audit record is exactly what this write replaced.
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await documents.send(
          new GetCommand({ TableName: tableName, Key: keys.storeProfile(storeId), ConsistentRead: true }),
        );
        if (current.Item === undefined) throw new ConcurrentStoreUpdate();
        const before =
          typeof current.Item['displayNameOverride'] === 'string'
            ? current.Item['displayNameOverride']
            : null;
        const version = Number(current.Item['displayNameVersion'] ?? 0);
        const amazonName = String(current.Item['displayName'] ?? current.Item['sellingPartnerId']);
        if (before === displayName) {
          await requireOwner(storeId, actorUserId);
          return { changed: false, before, after: displayName, amazonName, version };
        }
        const set =
          'SET displayNameVersion = :next, displayNameUpdatedAt = :now, displayNameUpdatedBy = :actor';
        try {
          await documents.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.storeProfile(storeId),
                    UpdateExpression:
                      displayName === null
                        ? `${set} REMOVE displayNameOverride`
                        : `${set}, displayNameOverride = :name`,
                    ConditionExpression:
                      version === 0
                        ? 'attribute_exists(pk) AND attribute_not_exists(displayNameVersion)'
                        : 'displayNameVersion = :version',
                    ExpressionAttributeValues: {
                      ':next': version + 1,
                      ':now': now,
                      ':actor': actorUserId,
                      ...(version === 0 ? {} : { ':version': version }),
                      ...(displayName === null ? {} : { ':name': displayName }),
                    },
                  },
                },
                ownerCheck(storeId, actorUserId),
              ],
            }),
          );
          return { changed: true, before, after: displayName, amazonName, version: version + 1 };
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const failed = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
          if (failed[1]) throw new NotAnOwner();
          // The override changed between the read and the write: read again and decide again.
        }
      }
      throw new ConcurrentStoreUpdate();
    },

    async saveState(record: OAuthStateRecord) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.oauthState(record.stateHash), ...record, [ttl]: record.expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async consumeState(stateHash: string, bindingHash: string) {
      try {
        const result = await documents.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keys.oauthState(stateHash),
            // The binding is checked in the same conditional delete: a stranger holding a leaked state cannot
            // burn it. (Not constant-time, but it compares hashes of a 256-bit random value.)
            ConditionExpression: 'attribute_exists(pk) AND bindingHash = :binding',
            ExpressionAttributeValues: { ':binding': bindingHash },
            ReturnValues: 'ALL_OLD',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        const item = result.Attributes;
        if (item === undefined) return { status: 'missing' as const };
        return { status: 'consumed' as const, record: stateFromItem(stateHash, item) };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          return error.Item === undefined
            ? { status: 'missing' as const }
            : { status: 'binding-mismatch' as const };
        throw error;
      }
    },

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

    async getTokenCiphertext(storeId: string, purpose: 'SPAPI' | 'ADS') {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeToken(storeId, purpose),
          ConsistentRead: true,
        }),
      );
      const ciphertext = result.Item?.['ciphertext'];
      return typeof ciphertext === 'string' ? ciphertext : undefined;
    },

    async listStoresOfUser(userId: string) {
      const index = TABLE_DEFINITION.userStoresIndex;
      const memberships: Array<{ storeId: string; role: MemberRole }> = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.name,
            KeyConditionExpression: `${index.partitionKey} = :user`,
            ExpressionAttributeValues: { ':user': `USER#${userId}` },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? [])
          memberships.push({ storeId: String(item['storeId']), role: item['role'] as MemberRole });
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);

      const profiles = new Map<string, StoreProfile>();
      for (let i = 0; i < memberships.length; i += 100) {
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
          [tableName]: { Keys: memberships.slice(i, i + 100).map((m) => keys.storeProfile(m.storeId)) },
        };
        // BatchGet may leave keys unprocessed under load: retry those, a bounded number of times.
        for (let attempt = 0; request !== undefined && attempt < 5; attempt++) {
          const result: BatchGetCommandOutput = await documents.send(
            new BatchGetCommand({ RequestItems: request }),
          );
          for (const item of result.Responses?.[tableName] ?? [])
            profiles.set(String(item['storeId']), profileFromItem(item));
          const unprocessed = result.UnprocessedKeys?.[tableName]?.Keys;
          request =
            unprocessed !== undefined && unprocessed.length > 0
              ? { [tableName]: { Keys: unprocessed } }
              : undefined;
        }
      }
      return memberships.flatMap((m) => {
        const profile = profiles.get(m.storeId);
        return profile === undefined ? [] : [{ profile, role: m.role }];
      });
    },

    async get<T>(storeId: string, dataset: string, marketplaceId: string) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeSnapshot(storeId, dataset, marketplaceId),
          ConsistentRead: true,
        }),
      );
      const item = result.Item;
      // DynamoDB deletes expired items lazily: an expired one is treated as absent.
      if (item === undefined || Number(item[ttl]) * 1000 <= Date.now()) return undefined;
      const data = JSON.parse(gunzipSync(item['data'] as Uint8Array).toString('utf8')) as T;
      return { fetchedAt: String(item['fetchedAt']), data };
    },

    async put<T>(
      storeId: string,
      dataset: string,
      marketplaceId: string,
      snapshot: { fetchedAt: string; data: T },
      retainSeconds: number,
    ) {
      // Compressed: a store's order history or SKU list is far smaller gzipped than DynamoDB's 400 KB item limit.
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.storeSnapshot(storeId, dataset, marketplaceId),
            storeId,
            fetchedAt: snapshot.fetchedAt,
            data: gzipSync(JSON.stringify(snapshot.data)),
            [ttl]: Math.floor(Date.now() / 1000) + retainSeconds,
          },
        }),
      );
    },

    async getProfile(storeId: string) {
      const result = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.storeProfile(storeId), ConsistentRead: true }),
      );
      return result.Item === undefined ? undefined : profileFromItem(result.Item);
    },

    async connectStore(command: ConnectStoreCommand) {
      const { profile, token, ownerUserId } = command;
      const existing = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeProfile(profile.storeId),
          ConsistentRead: true,
        }),
      );
      const now = profile.authorizedAt;
      const member = keys.storeMember(profile.storeId, ownerUserId);
      const tokenPut = {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.storeToken(profile.storeId, 'SPAPI'),
            storeId: profile.storeId,
            ciphertext: token.ciphertext,
            keyId: token.keyId,
            updatedAt: now,
          },
        },
      };
      const items =
        existing.Item === undefined
          ? [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.storeProfile(profile.storeId),
                    ...profile,
                    connectedBy: ownerUserId,
                    ...(command.connectedVia === undefined ? {} : { connectedVia: command.connectedVia }),
                    updatedAt: now,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              tokenPut,
              {
                Put: {
                  TableName: tableName,
                  Item: memberItem(profile.storeId, ownerUserId, 'owner', now, ownerUserId),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : [
              {
                // Re-authorization: same store, new token; connectedAt and members stay.
                Update: {
                  TableName: tableName,
                  Key: keys.storeProfile(profile.storeId),
                  UpdateExpression:
                    'SET #status = :active, reauthorizeBy = :reauthorizeBy, authorizedAt = :now, updatedAt = :now, marketplaceIds = :marketplaceIds, displayName = :displayName REMOVE revokedAt, revokedReason',
                  ConditionExpression: 'updatedAt = :expectedUpdatedAt',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    // A new token does not lift Amazon's deactivation: the store stays SUSPENDED until Amazon's
                    // ACCOUNT_STATUS_CHANGED says NORMAL or AT_RISK (the revocation worker restores it then).
                    ':active': existing.Item['accountStatus'] === 'DEACTIVATED' ? 'SUSPENDED' : 'ACTIVE',
                    ':reauthorizeBy': profile.reauthorizeBy,
                    ':now': now,
                    ':marketplaceIds':
                      profile.marketplaceIds.length > 0
                        ? profile.marketplaceIds
                        : (existing.Item['marketplaceIds'] ?? []),
                    // Amazon's storeName renews the name; without one (Sellers API busy) the known name stays.
                    ':displayName':
                      profile.displayName === profile.sellingPartnerId
                        ? (existing.Item['displayName'] ?? profile.displayName)
                        : profile.displayName,
                    ':expectedUpdatedAt': existing.Item['updatedAt'],
                  },
                },
              },
              tokenPut,
              {
                // Only an owner re-authorizes: checked in the same transaction, so a membership removed meanwhile
                // cannot slip through (docs/security.md, "Isolation between stores").
                ConditionCheck: {
                  TableName: tableName,
                  Key: member,
                  ConditionExpression: '#role = :owner',
                  ExpressionAttributeNames: { '#role': 'role' },
                  ExpressionAttributeValues: { ':owner': 'owner' },
                },
              },
            ];
      try {
        await documents.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          if (
            existing.Item !== undefined &&
            error.CancellationReasons?.[2]?.Code === 'ConditionalCheckFailed'
          )
            throw new StoreOwnedElsewhere();
          throw new ConcurrentStoreUpdate();
        }
        throw error;
      }
      return existing.Item === undefined ? 'connected' : 'reauthorized';
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

    async setMarketplaces(
      storeId: string,
      marketplaceIds: readonly string[],
      displayName: string | undefined,
    ) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.storeProfile(storeId),
          UpdateExpression:
            displayName === undefined
              ? 'SET marketplaceIds = :marketplaceIds'
              : 'SET marketplaceIds = :marketplaceIds, displayName = :displayName',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':marketplaceIds': [...marketplaceIds],
            ...(displayName === undefined ? {} : { ':displayName': displayName }),
          },
        }),
      );
    },

    async getRestockSettings(storeId: string) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.storeRestockSettings(storeId),
          ConsistentRead: true,
        }),
      );
      const item = result.Item;
      if (item === undefined) return undefined;
      return {
        settings: item['settings'] as StoredRestockSettings['settings'],
        overrides: (item['overrides'] as StoredRestockSettings['overrides'] | undefined) ?? [],
        version: Number(item['version']),
        updatedAt: String(item['updatedAt']),
        updatedBy: String(item['updatedBy']),
      };
    },

    async putRestockSettings({ storeId, document, expectedVersion, actorUserId, now }) {
      const saved: StoredRestockSettings = {
        settings: document.settings,
        overrides: document.overrides,
        version: expectedVersion + 1,
        updatedAt: now,
        updatedBy: actorUserId,
      };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.storeRestockSettings(storeId), storeId, ...saved },
                  // Written only over the version that was read: two owners saving at once cannot both win.
                  ...(expectedVersion === 0
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: 'version = :expected',
                        ExpressionAttributeValues: { ':expected': expectedVersion },
                      }),
                },
              },
              ownerCheck(storeId, actorUserId),
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const failed = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
        if (failed[1]) throw new NotAnOwner();
        if (failed[0]) throw new RestockSettingsConflict();
        throw new ConcurrentStoreUpdate();
      }
      return saved;
    },
  };
}
