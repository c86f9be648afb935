import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbSharedPacing } from '../../../shared/adapters/dynamodb-shared-pacing';
import {
  ARRIVAL_SPREAD_MS,
  InMemorySharedPacing,
  type PacingPlan,
  type SharedPacing,
} from '../../../shared/pacing/shared-pacing';
import { keys } from '../../../shared/storage/table-definition';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// One contract, two implementations: the in-memory GCRA the PacedCaller unit tests share between "environments",
// and the conditional writes on DynamoDB Local that every Lambda environment shares for real.
const TABLE = 'mint-hub-shared-pacing-contract';
const dynamo = useDynamoDbLocalTable(TABLE);

const INVENTORY: PacingPlan = { rate: 2, burst: 2 };
const SEARCH_ORDERS: PacingPlan = { rate: 0.0056, burst: 20 };
const T0 = Date.parse('2026-12-03T10:00:00.000Z');
let store = 0;
const nextStore = () => `A${String(++store).padStart(3, '0')}PACING-NA`;

const implementations: Array<[string, () => SharedPacing]> = [
  ['in memory', () => new InMemorySharedPacing()],
  ['DynamoDB Local', () => createDynamoDbSharedPacing(dynamo.client, TABLE)],
];

describe.each(implementations)('shared pacing (%s)', (_name, make) => {
  it('one environment alone: the burst at once, then the wait until the next token', async () => {
    const pacing = make();
    const storeId = nextStore();
    const take = (at: number) => pacing.take(storeId, 'getInventorySummaries', INVENTORY, at, 'env-a');
    await expect(take(T0)).resolves.toEqual({ taken: true, tokensLeft: 1 });
    await expect(take(T0)).resolves.toEqual({ taken: true, tokensLeft: 0 });
    await expect(take(T0 + 100)).resolves.toEqual({ taken: false, waitMs: 400 });
    await expect(take(T0 + 500)).resolves.toMatchObject({ taken: true });
  });

  it('another environment keeps the arrival spread in hand after the last taker', async () => {
    const pacing = make();
    const storeId = nextStore();
    const take = (at: number, taker: string) =>
      pacing.take(storeId, 'getInventorySummaries', INVENTORY, at, taker);
    await expect(take(T0, 'env-a')).resolves.toMatchObject({ taken: true });
    await expect(take(T0, 'env-b')).resolves.toEqual({ taken: false, waitMs: ARRIVAL_SPREAD_MS });
    await expect(take(T0 + ARRIVAL_SPREAD_MS, 'env-b')).resolves.toMatchObject({ taken: true });
    // Now env-b took last: env-a in turn keeps the spread.
    await expect(take(T0 + ARRIVAL_SPREAD_MS, 'env-a')).resolves.toEqual({ taken: false, waitMs: 500 });
    await expect(take(T0 + ARRIVAL_SPREAD_MS + 500, 'env-a')).resolves.toMatchObject({ taken: true });
  });

  it('keeps one bucket per store and per operation', async () => {
    const pacing = make();
    const [a, b] = [nextStore(), nextStore()];
    for (const storeId of [a, b])
      for (let i = 0; i < 2; i++)
        await expect(
          pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0, 'env-a'),
        ).resolves.toMatchObject({ taken: true });
    await expect(pacing.take(a, 'searchOrders', SEARCH_ORDERS, T0, 'env-a')).resolves.toEqual({
      taken: true,
      tokensLeft: 19,
    });
  });

  it('a drain empties the bucket for everyone, and a drain never gives tokens back', async () => {
    const pacing = make();
    const storeId = nextStore();
    await pacing.drain(storeId, 'searchOrders', SEARCH_ORDERS, T0, 'env-a');
    const interval = Math.ceil(1000 / 0.0056);
    const take = (at: number, taker: string) =>
      pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, at, taker);
    await expect(take(T0, 'env-a')).resolves.toEqual({ taken: false, waitMs: interval });
    await expect(take(T0, 'env-b')).resolves.toEqual({ taken: false, waitMs: interval + ARRIVAL_SPREAD_MS });
    // A later drain from an environment that is behind (an older clock) does not move the bucket back.
    await pacing.drain(storeId, 'searchOrders', SEARCH_ORDERS, T0 - 60_000, 'env-b');
    await expect(take(T0, 'env-a')).resolves.toEqual({ taken: false, waitMs: interval });
    await expect(take(T0 + interval, 'env-a')).resolves.toMatchObject({ taken: true });
  });

  it('takes counted at a slower plan stay spent, counted at the plan Amazon announced once it is known', async () => {
    const pacing = make();
    const storeId = nextStore();
    const announced: PacingPlan = { rate: 0.56, burst: 20 }; // x-amzn-RateLimit-Limit: 100 × the default
    const interval = Math.ceil(1000 / 0.56);
    // 19 takes at the default plan (one per 178.6 s) by an environment that had not heard the announced rate yet.
    for (let i = 0; i < 19; i++) await pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, T0, 'env-a');
    // The plan changed: rebased first (the 19 tokens are spent at the announced plan too), then decided.
    await expect(pacing.take(storeId, 'searchOrders', announced, T0, 'env-a')).resolves.toEqual({
      taken: false,
      waitMs: 0,
    });
    // One token of the burst of 20 is left — once the arrival spread is in hand, since a conversion is nobody's
    // take (requests decided under the old plan may still be on the way) — then one per interval: not an hour.
    await expect(pacing.take(storeId, 'searchOrders', announced, T0, 'env-a')).resolves.toEqual({
      taken: false,
      waitMs: ARRIVAL_SPREAD_MS,
    });
    await expect(
      pacing.take(storeId, 'searchOrders', announced, T0 + ARRIVAL_SPREAD_MS, 'env-a'),
    ).resolves.toMatchObject({ taken: true });
    await expect(
      pacing.take(storeId, 'searchOrders', announced, T0 + ARRIVAL_SPREAD_MS, 'env-a'),
    ).resolves.toEqual({ taken: false, waitMs: interval - ARRIVAL_SPREAD_MS });
  });

  it('one take at the documented plan leaves the rest of the burst at the announced one', async () => {
    const pacing = make();
    const storeId = nextStore();
    const announced: PacingPlan = { rate: 0.56, burst: 20 };
    await pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, T0, 'env-a');
    const at = T0 + 1_000;
    const taken: boolean[] = [];
    for (let i = 0; i < 21; i++)
      taken.push((await pacing.take(storeId, 'searchOrders', announced, at, 'env-a')).taken);
    // The rebase, then 19 at once (20 − the one spent), then the bucket is empty.
    expect(taken.filter(Boolean)).toHaveLength(19);
    expect(taken[0]).toBe(false);
    expect(taken.at(-1)).toBe(false);
  });

  it('concurrent takes at one instant grant exactly what the bucket allows, however many ask', async () => {
    const plan: PacingPlan = { rate: 0.5, burst: 5 };
    const pacing = make();
    // Twelve environments: the first takes with the whole burst, each after it keeps the spread: 4 in all.
    const many = nextStore();
    const byMany = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        pacing.take(many, 'getOrderMetrics', plan, T0, `env-${index}`),
      ),
    );
    expect(byMany.filter((answer) => answer.taken)).toHaveLength(4);
    // One environment asking twelve times at once: the burst, 5.
    const one = nextStore();
    const byOne = await Promise.all(
      Array.from({ length: 12 }, () => pacing.take(one, 'getOrderMetrics', plan, T0, 'env-a')),
    );
    expect(byOne.filter((answer) => answer.taken)).toHaveLength(5);
  });
});

describe('shared pacing on DynamoDB Local: the item', () => {
  it('lives under the store partition and expires an hour after the bucket is full again', async () => {
    const pacing = createDynamoDbSharedPacing(dynamo.client, TABLE);
    const storeId = nextStore();
    await pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0, 'env-a');
    const key = keys.storePacing(storeId, 'getInventorySummaries');
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        ConsistentRead: true,
      }),
    );
    expect(key.pk).toBe(`STORE#${storeId}`);
    expect(Number(Item?.['tat']?.N)).toBe(T0 + 500);
    expect(Number(Item?.['expiresAt']?.N)).toBe(Math.ceil((T0 + 500) / 1000) + 3600);
    expect(Item?.['by']?.S).toBe('env-a');
  });
});
