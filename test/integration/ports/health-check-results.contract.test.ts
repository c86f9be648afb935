import { GetCommand, PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  createDynamoDbHealthCheckResults,
  healthCheckResultKey,
} from '../../../shared/adapters/dynamodb-health-check-results';
import {
  createInMemoryHealthCheckResults,
  type HealthCheckResult,
  type HealthCheckResultStore,
} from '../../../shared/revocation/health-check-results';
import { useDynamoDbLocalTable } from './dynamodb-local-table';

// One contract, two implementations: the in-memory results the unit tests use and the DynamoDB adapter on
// DynamoDB Local. If they agree here, the admin list's unit tests say something true of the table.
const TABLE = 'mint-hub-health-check-results-contract';
const dynamo = useDynamoDbLocalTable(TABLE);

const newStoreId = () => `A${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}-NA`;
const result = (
  storeId: string,
  checkedAt: string,
  outcome: HealthCheckResult['result'],
): HealthCheckResult => ({
  storeId,
  result: outcome,
  checkedAt,
  reauthorizeInDays: 42,
  requestId: `run-${checkedAt}`,
});

const implementations: Array<[string, () => HealthCheckResultStore]> = [
  ['in memory', () => createInMemoryHealthCheckResults()],
  ['DynamoDB on DynamoDB Local', () => createDynamoDbHealthCheckResults(dynamo.client, TABLE)],
];

describe.each(implementations)('health check results (%s)', (_name, create) => {
  it('answers the last result of each store that has one, and nothing for the others', async () => {
    const results = create();
    const [checked, never] = [newStoreId(), newStoreId()];
    await results.saveHealthCheckResult(result(checked, '2026-12-02T04:00:00.000Z', 'valid'));
    await results.saveHealthCheckResult(result(checked, '2026-12-03T04:00:00.000Z', 'invalid_grant'));

    const found = await results.getHealthCheckResults([checked, never]);

    expect([...found.keys()]).toEqual([checked]);
    expect(found.get(checked)).toEqual(result(checked, '2026-12-03T04:00:00.000Z', 'invalid_grant'));
  });

  it('never goes back in time: an earlier run finishing last does not replace a later result', async () => {
    const results = create();
    const storeId = newStoreId();
    await results.saveHealthCheckResult(result(storeId, '2026-12-03T04:00:00.000Z', 'valid'));

    await results.saveHealthCheckResult(result(storeId, '2026-12-02T04:00:00.000Z', 'unavailable'));

    expect((await results.getHealthCheckResults([storeId])).get(storeId)?.result).toBe('valid');
  });

  it('reads any number of stores at once (more than one batch)', async () => {
    const results = create();
    const ids = Array.from({ length: 130 }, newStoreId);
    await Promise.all(
      ids.map((id) => results.saveHealthCheckResult(result(id, '2026-12-03T04:00:00.000Z', 'valid'))),
    );

    expect((await results.getHealthCheckResults(ids)).size).toBe(130);
  });
});

describe('the DynamoDB item', () => {
  it("lives under the store's partition as HEALTH_CHECK, holding the classified result only", async () => {
    const storeId = newStoreId();
    await createDynamoDbHealthCheckResults(dynamo.client, TABLE).saveHealthCheckResult(
      result(storeId, '2026-12-03T04:00:00.000Z', 'valid'),
    );
    const documents = DynamoDBDocumentClient.from(dynamo.client);

    const { Item } = await documents.send(
      new GetCommand({ TableName: TABLE, Key: healthCheckResultKey(storeId) }),
    );

    expect(healthCheckResultKey(storeId)).toEqual({ pk: `STORE#${storeId}`, sk: 'HEALTH_CHECK' });
    expect(Object.keys(Item ?? {}).sort()).toEqual(
      ['checkedAt', 'pk', 'reauthorizeInDays', 'requestId', 'result', 'sk', 'storeId'].sort(),
    );
  });

  it('ignores an item whose result is not one the health check writes', async () => {
    const storeId = newStoreId();
    const documents = DynamoDBDocumentClient.from(dynamo.client);
    await documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          ...healthCheckResultKey(storeId),
          storeId,
          result: 'mystery',
          checkedAt: '2026-12-03T04:00:00.000Z',
        },
      }),
    );

    expect(
      (await createDynamoDbHealthCheckResults(dynamo.client, TABLE).getHealthCheckResults([storeId])).size,
    ).toBe(0);
  });
});
