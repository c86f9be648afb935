import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbSharedPacing } from '../../../shared/adapters/dynamodb-shared-pacing';
import {
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
  it('grants the first at once, the burst after the arrival spread, then refuses with the wait until the next', async () => {
    const pacing = make();
    const storeId = nextStore();
    await expect(pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0)).resolves.toEqual({
      taken: true,
      tokensLeft: 1,
    });
    // Burst 2, but the second keeps the 100 ms arrival spread (ARRIVAL_SPREAD_MS) behind the first.
    await expect(pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0)).resolves.toEqual({
      taken: false,
      waitMs: 100,
    });
    await expect(pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0 + 100)).resolves.toMatchObject({
      taken: true,
    });
    await expect(pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0 + 150)).resolves.toEqual({
      taken: false,
      waitMs: 450,
    });
    await expect(pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0 + 600)).resolves.toMatchObject({
      taken: true,
    });
  });

  it('keeps one bucket per store and per operation', async () => {
    const pacing = make();
    const [a, b] = [nextStore(), nextStore()];
    for (const storeId of [a, b])
      for (const at of [T0, T0 + 100])
        await expect(pacing.take(storeId, 'getInventorySummaries', INVENTORY, at)).resolves.toMatchObject({
          taken: true,
        });
    await expect(pacing.take(a, 'searchOrders', SEARCH_ORDERS, T0)).resolves.toEqual({
      taken: true,
      tokensLeft: 19,
    });
  });

  it('a drain empties the bucket: the next token is one interval away, and a drain never gives tokens back', async () => {
    const pacing = make();
    const storeId = nextStore();
    await pacing.drain(storeId, 'searchOrders', SEARCH_ORDERS, T0);
    const interval = Math.ceil(1000 / 0.0056);
    await expect(pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, T0)).resolves.toEqual({
      taken: false,
      waitMs: interval,
    });
    // A later drain from an environment that is behind (an older clock) does not move the bucket back.
    await pacing.drain(storeId, 'searchOrders', SEARCH_ORDERS, T0 - 60_000);
    await expect(pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, T0)).resolves.toEqual({
      taken: false,
      waitMs: interval,
    });
    await expect(pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, T0 + interval)).resolves.toMatchObject({
      taken: true,
    });
  });

  it('a bucket pushed ahead at a slower plan counts as empty once the plan Amazon announced is known', async () => {
    const pacing = make();
    const storeId = nextStore();
    const announced: PacingPlan = { rate: 0.56, burst: 20 }; // x-amzn-RateLimit-Limit: 100 × the default
    // Environments that had not heard the announced rate yet took some at the default (one per 178.6 s).
    for (let i = 0; i < 19; i++) await pacing.take(storeId, 'searchOrders', SEARCH_ORDERS, T0);
    const interval = Math.ceil(1000 / 0.56);
    // At the announced plan that is beyond empty: empty it is, so one interval, not an hour.
    await expect(pacing.take(storeId, 'searchOrders', announced, T0)).resolves.toEqual({
      taken: false,
      waitMs: interval,
    });
    await expect(pacing.take(storeId, 'searchOrders', announced, T0 + interval)).resolves.toMatchObject({
      taken: true,
    });
  });

  it('concurrent takes at one instant grant exactly what the bucket holds, however many environments ask', async () => {
    const pacing = make();
    const storeId = nextStore();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => pacing.take(storeId, 'getOrderMetrics', { rate: 0.5, burst: 5 }, T0)),
    );
    // Burst 5 less the 100 ms spread: four at once, the fifth 100 ms later.
    expect(answers.filter((answer) => answer.taken)).toHaveLength(4);
    await expect(
      pacing.take(storeId, 'getOrderMetrics', { rate: 0.5, burst: 5 }, T0 + 100),
    ).resolves.toMatchObject({ taken: true });
  });
});

describe('shared pacing on DynamoDB Local: the item', () => {
  it('lives under the store partition and expires an hour after the bucket is full again', async () => {
    const pacing = createDynamoDbSharedPacing(dynamo.client, TABLE);
    const storeId = nextStore();
    await pacing.take(storeId, 'getInventorySummaries', INVENTORY, T0);
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
  });
});
