import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { AdProduct } from '../../api/ads-contract';
import type { AdsBudgetsRecord, AdsDayRecord, AdsLink, AdsRepository, ReportJob } from '../../ads/ads-ports';
import { NotAnOwner } from '../../ports';
import { keys, TABLE_DEFINITION } from '../../storage/table-definition';
import { SECONDS_PER_DAY } from '../../time';
import { KeptInMemory } from '../../store-data/kept-in-memory';
import { forgetSnapshotVersions, recordSnapshotVersion } from '../dynamodb-snapshot-versions';

type Item = Record<string, unknown>;

/** Report rows are kept past Amazon's longest retention (SP 95 days); DynamoDB's TTL then removes them. */
const DAY_RETENTION_SECONDS = 100 * SECONDS_PER_DAY;

/** The versions item's entry for a profile's report days (dynamodb-snapshot-versions.ts). */
const daysVersionName = (profileId: string) => `ads-days#${profileId}`;

/** A profile's report days as read under one version, per execution environment (confined to their store). */
const keptDays = new KeptInMemory<{ readonly days: readonly AdsDayRecord[] }>(8 * 1024 * 1024);

const linkFromItem = (item: Item): AdsLink => ({
  storeId: String(item['storeId']),
  marketplaceId: String(item['marketplaceId']),
  profileId: String(item['profileId']),
  countryCode: String(item['countryCode']),
  currency: String(item['currency']),
  timeZone: String(item['timeZone']),
  accountName: String(item['accountName'] ?? ''),
  linkedAt: String(item['linkedAt']),
  linkedBy: String(item['linkedBy']),
  ...(typeof item['syncRequestedAt'] === 'string' ? { syncRequestedAt: item['syncRequestedAt'] } : {}),
});

function jobFromItem(item: Item): ReportJob {
  const { pk, sk, ...rest } = item;
  void pk;
  void sk;
  return rest as unknown as ReportJob;
}

/** The Ads items of the single table (table-definition.ts), behind the AdsRepository port. */
export function createDynamoDbAdsRepository(client: DynamoDBClient, tableName: string): AdsRepository {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const ttl = TABLE_DEFINITION.ttlAttribute;

  async function queryAll(storeId: string, prefix: string, between?: [string, string]): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression:
            between === undefined
              ? 'pk = :pk AND begins_with(sk, :prefix)'
              : 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues:
            between === undefined
              ? { ':pk': `STORE#${storeId}`, ':prefix': prefix }
              : { ':pk': `STORE#${storeId}`, ':from': between[0], ':to': between[1] },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  async function batchWrite(requests: object[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: object[] | undefined = requests.slice(i, i + 25);
      // Unprocessed items under load are retried a bounded number of times, then it fails loudly.
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
        if (attempt >= 6) throw new Error('DynamoDB left report rows unwritten');
        const result: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
        );
        pending = result.UnprocessedItems?.[tableName];
        if (pending !== undefined && pending.length > 0)
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  async function purge(storeId: string): Promise<void> {
    const items = await queryAll(storeId, keys.adsPrefix);
    await batchWrite(items.map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } })));
    // The days are gone: what an environment kept under their versions must never be served again.
    const profiles = new Set(
      items.flatMap((item) => (item['profileId'] === undefined ? [] : [String(item['profileId'])])),
    );
    await forgetSnapshotVersions(documents, tableName, storeId, [...profiles].map(daysVersionName));
  }

  return {
    async getAdsLink(storeId, marketplaceId) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.adsLink(storeId, marketplaceId),
          ConsistentRead: true,
        }),
      );
      return result.Item === undefined ? undefined : linkFromItem(result.Item);
    },

    async listAdsLinks(storeId) {
      return (await queryAll(storeId, `${keys.adsPrefix}LINK#`)).map(linkFromItem);
    },

    async saveAdsAuthorization({ storeId, ownerUserId, token, links, now }) {
      const existing = await queryAll(storeId, `${keys.adsPrefix}LINK#`);
      const kept = new Set(links.map((l) => l.marketplaceId));
      const items = [
        {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.storeMember(storeId, ownerUserId),
            ConditionExpression: '#role = :owner',
            ExpressionAttributeNames: { '#role': 'role' },
            ExpressionAttributeValues: { ':owner': 'owner' },
          },
        },
        {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.storeProfile(storeId),
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'ACTIVE' },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.storeToken(storeId, 'ADS'), storeId, ...token, updatedAt: now },
          },
        },
        ...links.map((link) => ({
          Put: { TableName: tableName, Item: { ...keys.adsLink(storeId, link.marketplaceId), ...link } },
        })),
        // A marketplace no longer among the store's profiles loses its link on re-consent.
        ...existing
          .filter((item) => !kept.has(String(item['marketplaceId'])))
          .map((item) => ({ Delete: { TableName: tableName, Key: { pk: item['pk'], sk: item['sk'] } } })),
      ];
      try {
        await documents.send(new TransactWriteCommand({ TransactItems: items as never }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) throw new NotAnOwner();
        throw error;
      }
    },

    async removeAdsAuthorization(storeId) {
      // The token first: once its ciphertext is gone nothing can call Amazon for this store's ads.
      await documents.send(new DeleteCommand({ TableName: tableName, Key: keys.storeToken(storeId, 'ADS') }));
      const links = await queryAll(storeId, `${keys.adsPrefix}LINK#`);
      await batchWrite(links.map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } })));
      await purge(storeId);
      return { removedLinks: links.length };
    },

    purgeAdsData: purge,

    async markSyncRequested(storeId, marketplaceId, now, olderThan) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.adsLink(storeId, marketplaceId),
            UpdateExpression: 'SET syncRequestedAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(syncRequestedAt) OR syncRequestedAt < :olderThan)',
            ExpressionAttributeValues: { ':now': now, ':olderThan': olderThan },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async listReportJobs(storeId, profileId) {
      return (await queryAll(storeId, `${keys.adsPrefix}JOB#${profileId}#`)).map(jobFromItem);
    },

    async putReportJob(job) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.adsJob(job.storeId, job.profileId, job.adProduct), ...job },
            ...(job.version <= 1
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: 'version = :previous',
                  ExpressionAttributeValues: { ':previous': job.version - 1 },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async putAdsDays(storeId, days: readonly AdsDayRecord[]) {
      const expiresAt = Math.floor(Date.now() / 1000) + DAY_RETENTION_SECONDS;
      const readAt = new Date().toISOString();
      await batchWrite(
        days.map((day) => ({
          PutRequest: {
            Item: {
              ...keys.adsDay(storeId, day.profileId, day.date, day.adProduct),
              ...day,
              campaigns: [...day.campaigns],
              [ttl]: expiresAt,
            },
          },
        })),
      );
      // After the days: a version never names days that are not stored. Any write is new content.
      for (const profileId of new Set(days.map((day) => day.profileId)))
        await recordSnapshotVersion(documents, tableName, storeId, daysVersionName(profileId), {
          content: randomUUID(),
          readAt,
          expiresAt,
        });
    },

    async listAdsDays(storeId, profileId, from, to, known) {
      const version = known?.versions.get(daysVersionName(profileId));
      const keptKey = `${daysVersionName(profileId)}|${version?.content}|${from}|${to}`;
      if (version !== undefined) {
        const kept = keptDays.get(storeId, keptKey);
        if (kept !== undefined) return kept.days;
      }
      const prefix = `${keys.adsPrefix}DAY#${profileId}#`;
      const items = await queryAll(storeId, prefix, [`${prefix}${from}`, `${prefix}${to}~`]);
      const nowSeconds = Date.now() / 1000;
      const days = items
        .filter((item) => item[ttl] === undefined || Number(item[ttl]) > nowSeconds)
        .map((item) => ({
          profileId: String(item['profileId']),
          adProduct: item['adProduct'] as AdProduct,
          date: String(item['date']),
          campaigns: (item['campaigns'] as AdsDayRecord['campaigns'] | undefined) ?? [],
          readAt: String(item['readAt']),
        }));
      // Read after the version was: at least that version's days, so kept under it (a later write is a new one).
      if (version === undefined) return days;
      return keptDays.set(storeId, keptKey, { days }, JSON.stringify(days).length).days;
    },

    async putAdsBudgets(storeId, record: AdsBudgetsRecord) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.adsBudgets(storeId, record.profileId),
            ...record,
            campaigns: [...record.campaigns],
          },
        }),
      );
    },

    async getAdsBudgets(storeId, profileId) {
      const result = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.adsBudgets(storeId, profileId),
          ConsistentRead: true,
        }),
      );
      const item = result.Item;
      if (item === undefined) return undefined;
      return {
        profileId: String(item['profileId']),
        campaigns: (item['campaigns'] as AdsBudgetsRecord['campaigns'] | undefined) ?? [],
        readAt: String(item['readAt']),
      };
    },
  };
}
