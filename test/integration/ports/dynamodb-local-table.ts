import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDbLocal, type DynamoDbLocalHandle } from '../../../local/emulators';
import { LOCAL_CLIENT_CONFIG } from '../emulators/local-test-support';

/**
 * DynamoDB Local for one test file, with the app's table created from TABLE_DEFINITION: started before its tests,
 * stopped after. The client is read through the getter, once `beforeAll` has run.
 */
export function useDynamoDbLocalTable(tableName: string): { readonly client: DynamoDBClient } {
  // Each start of DynamoDB Local takes 1.5-3 s (a JVM); generous limits keep a busy machine from failing the tests.
  jest.setTimeout(30_000);
  let dynamo: DynamoDbLocalHandle | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ port: 0 });
    client = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint: dynamo.endpoint });
    await ensureTable(client, tableName);
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });
  return {
    get client() {
      if (client === undefined) throw new Error('DynamoDB Local is not started yet (use it inside a test)');
      return client;
    },
  };
}
