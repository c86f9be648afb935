import { ENV, processEnvironment, readStorageSettings } from '../shared/config';
import { createTableHealthCheck, type TableHealth } from '../shared/health/table-health';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { dynamoDbClient } from '../shared/runtime/aws-clients';

/**
 * GET /healthz: 200 when the store table answers, 503 when it does not (with `checks` saying which). Without a
 * table setting (the gateway's own tests run this module alone) only the function itself is reported.
 */
export const makeHandler = (checkTable: (() => Promise<TableHealth>) | undefined) =>
  httpHandler('Healthz', async () => {
    if (checkTable === undefined) return json(200, { status: 'ok' });
    const table = await checkTable();
    return table === 'ok'
      ? json(200, { status: 'ok', checks: { table } })
      : json(503, { status: 'unavailable', checks: { table } }, { 'retry-after': '5' });
  });

const env = processEnvironment();
export const handler = makeHandler(
  env[ENV.tableName] === undefined
    ? undefined
    : createTableHealthCheck(dynamoDbClient(), readStorageSettings(env).tableName),
);
