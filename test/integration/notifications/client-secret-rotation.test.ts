// LWA client-secret rotation end to end on loopback: DynamoDB Local, the SQS emulator, the Secrets Manager
// stand-in and the Amazon sandbox (its Application Management API rotates the secret and delivers
// APPLICATION_OAUTH_CLIENT_NEW_SECRET to the queue registered as Developer Central's). The real handler modules run,
// imported afresh with this file's settings; queue delivery is the revocation kit's event-source loop.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import {
  ensureClientSecretQueues,
  ensureTable,
  startDynamoDbLocal,
  startSecretsManagerStandin,
  startSqsEmulator,
  type DynamoDbLocalHandle,
  type RevocationQueues,
  type SecretsManagerStandinHandle,
  type SqsEmulatorHandle,
} from '../../../local/emulators';
import type { AmazonSandbox } from '../../../local/sandbox';
import { LOCAL_CLIENT_CONFIG } from '../emulators/local-test-support';
import {
  deliverOnce,
  drain,
  lambdaContext,
  peek,
  sendBody,
  shortenVisibility,
  type Emulators,
} from '../revocation/revocation-test-kit';
import { startTestSandbox, TEST_APP } from '../sandbox/sandbox-test-kit';
import { captureOutput } from '../../support/captured-output';

const DAY_MS = 86_400_000;

type WorkerModule = typeof import('../../../functions/client-secret-rotation-worker');
type StarterModule = typeof import('../../../functions/start-client-secret-rotation');
type DependenciesModule = typeof import('../../../shared/runtime/dependencies');

let dynamo: DynamoDbLocalHandle;
let sqs: SqsEmulatorHandle;
let secretsManager: SecretsManagerStandinHandle;
let sandbox: AmazonSandbox;
let dynamoClient: DynamoDBClient;
let sqsClient: SQSClient;
let secretsClient: SecretsManagerClient;
let workDir: string;
/** The stand-in's clock runs this far behind: the secret it creates looks this old. */
let secretClockOffsetMs = 0;

let queues: RevocationQueues;
let auditFile: string;
let secretId: string;
let worker: WorkerModule;
let starter: StarterModule;
let dependencies: DependenciesModule;
/** What the handlers log during each test (for the secret scans). */
const captured = captureOutput();

const savedEnvironment = { ...process.env };

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'mint-hub-client-secret-'));
  [dynamo, sqs, secretsManager, sandbox] = await Promise.all([
    startDynamoDbLocal({ port: 0 }),
    startSqsEmulator({ port: 0 }),
    startSecretsManagerStandin({ now: () => new Date(Date.now() - secretClockOffsetMs) }),
    startTestSandbox({ rateScale: 50 }),
  ]);
  dynamoClient = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint: dynamo.endpoint });
  sqsClient = new SQSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: sqs.endpoint });
  secretsClient = new SecretsManagerClient({ ...LOCAL_CLIENT_CONFIG, endpoint: secretsManager.endpoint });
}, 60_000);

afterAll(async () => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnvironment)) delete process.env[name];
  Object.assign(process.env, savedEnvironment);
  dynamoClient?.destroy();
  sqsClient?.destroy();
  secretsClient?.destroy();
  await Promise.all([dynamo?.stop(), sqs?.stop(), secretsManager?.stop(), sandbox?.close()]);
  await rm(workDir, { recursive: true, force: true });
});

/** The kit's delivery loop wants only the SQS client. */
const emulators = () => ({ sqsClient }) as unknown as Emulators;

async function freshWorkspace(name: string, secretAgeDays: number): Promise<void> {
  const tableName = `client-secret-${name}`;
  await ensureTable(dynamoClient, tableName);
  queues = await ensureClientSecretQueues(sqsClient, `cs-${name}`);
  auditFile = path.join(workDir, name, 'audit.jsonl');
  secretClockOffsetMs = secretAgeDays * DAY_MS;
  secretId = secretsManager.putSecret(`mint-hub-test/${name}`, TEST_APP.clientSecret);
  secretClockOffsetMs = 0;
  sandbox.notifications.useSqsEndpoint(sqs.endpoint);
  sandbox.notifications.registerApplicationQueue(queues.queueArn);
  const { endpoints } = sandbox;
  for (const key of Object.keys(process.env)) if (!(key in savedEnvironment)) delete process.env[key];
  delete process.env.MINT_HUB_LWA_CLIENT_SECRET;
  delete process.env.MINT_HUB_AUDIT_LOG_GROUP;
  Object.assign(process.env, {
    MINT_HUB_TABLE_NAME: tableName,
    MINT_HUB_AUDIT_FILE: auditFile,
    MINT_HUB_APP_ID: TEST_APP.applicationId,
    MINT_HUB_LWA_CLIENT_ID: TEST_APP.clientId,
    MINT_HUB_LWA_CLIENT_SECRET_ID: secretId,
    MINT_HUB_LWA_TOKEN_URL: endpoints.lwaToken,
    MINT_HUB_SPAPI_URL_NA: endpoints.spapi.NA,
    MINT_HUB_SPAPI_URL_EU: endpoints.spapi.EU,
    MINT_HUB_SPAPI_URL_FE: endpoints.spapi.FE,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    AWS_REGION: LOCAL_CLIENT_CONFIG.region,
    AWS_ACCESS_KEY_ID: LOCAL_CLIENT_CONFIG.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CLIENT_CONFIG.credentials.secretAccessKey,
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  jest.resetModules();
  worker = await import('../../../functions/client-secret-rotation-worker');
  starter = await import('../../../functions/start-client-secret-rotation');
  dependencies = await import('../../../shared/runtime/dependencies');
}

const currentSecret = async () =>
  (await secretsClient.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;

async function lwaToken(secret: string): Promise<number> {
  const response = await fetch(sandbox.endpoints.lwaToken, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: TEST_APP.clientId,
      client_secret: secret,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function auditLines(): Promise<string[]> {
  try {
    return (await readFile(auditFile, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

const lastDeliveredSecret = () => {
  const body = sandbox.notifications.delivered().at(-1)?.body ?? '{}';
  return (JSON.parse(body) as { payload: { applicationOAuthClientNewSecret: { newClientSecret: string } } })
    .payload.applicationOAuthClientNewSecret.newClientSecret;
};

const context = (name: string): Context => lambdaContext(name, 30_000);

describe('client-secret rotation', () => {
  it('starts before expiry, makes the new secret current, and the old one stops working after its grace', async () => {
    await freshWorkspace('end-to-end', 170);
    // A function already running holds the old secret in its cache.
    const runningLwa = dependencies.lwaClient(process.env);
    await runningLwa.grantlessAccessToken('sellingpartnerapi::notifications');

    const report = await starter.handler({}, context('StartClientSecretRotation'));
    expect(report).toMatchObject({ action: 'requested', expirySource: 'version-created' });
    expect(report.daysLeft).toBeLessThanOrEqual(14);

    const [delivery] = await drain(emulators(), queues, worker.handler);
    expect(delivery?.failedIds).toEqual([]);
    const newSecret = lastDeliveredSecret();
    expect(newSecret).not.toBe(TEST_APP.clientSecret);
    expect(await currentSecret()).toBe(newSecret);

    // The next exchange of a fresh execution environment uses it.
    jest.resetModules();
    const fresh = (await import('../../../shared/runtime/dependencies')).lwaClient(process.env);
    await expect(fresh.grantlessAccessToken('sellingpartnerapi::notifications')).resolves.toMatch(/^Atc\|/);

    // Seven days on, Amazon refuses the old secret; the running function re-reads the secret once and goes on.
    sandbox.clock.advance(8 * DAY_MS);
    expect(await lwaToken(TEST_APP.clientSecret)).toBe(401);
    expect(await lwaToken(newSecret)).toBe(200);
    await expect(runningLwa.grantlessAccessToken('sellingpartnerapi::notifications')).resolves.toMatch(
      /^Atc\|/,
    );

    const audit = (await auditLines()).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.map((record) => record['kind'])).toEqual([
      'client-secret-rotation-requested',
      'client-secret-rotated',
    ]);

    // The next daily run finds a fresh secret and does nothing.
    await expect(starter.handler({}, context('StartClientSecretRotation'))).resolves.toMatchObject({
      action: 'not-due',
      expirySource: 'rotation',
    });

    // No secret in any log line or audit record.
    const everything = [...captured, ...(await auditLines())].join('\n');
    for (const secret of [TEST_APP.clientSecret, newSecret]) expect(everything).not.toContain(secret);
    expect(captured.join('\n')).toContain('client-secret notification processed');
  });

  it('applies a duplicate delivery once', async () => {
    await freshWorkspace('duplicate', 20);
    await sandbox.notifications.rotateClientSecret();
    const body = sandbox.notifications.delivered().at(-1)?.body ?? '';
    await sendBody(emulators(), queues.queueUrl, body);
    const deliveries = await drain(emulators(), queues, worker.handler);
    expect(deliveries.flatMap((delivery) => delivery.failedIds)).toEqual([]);
    expect(deliveries.flatMap((delivery) => delivery.messages)).toHaveLength(2);

    // And again later, as a redelivery would.
    await sendBody(emulators(), queues.queueUrl, body);
    await drain(emulators(), queues, worker.handler);

    expect(await currentSecret()).toBe(lastDeliveredSecret());
    const kinds = (await auditLines()).map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds).toEqual(['client-secret-rotated']);
    expect([...captured, ...(await auditLines())].join('\n')).not.toContain(lastDeliveredSecret());
  });

  it('sends malformed and foreign messages to the DLQ and never writes them', async () => {
    await freshWorkspace('poison', 20);
    await shortenVisibility(emulators(), queues.queueUrl);
    const foreign = JSON.stringify({
      notificationVersion: '1.0',
      notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
      payloadVersion: '2023-11-30',
      eventTime: '2026-11-02T15:30:00Z',
      payload: {
        applicationOAuthClientNewSecret: {
          clientId: 'amzn1.application-oa2-client.someone-else',
          newClientSecret: 'amzn1.oa2-cs.v1.foreign-secret-never-stored',
          newClientSecretExpiryTime: '2027-05-01T15:30:00Z',
          oldClientSecretExpiryTime: '2026-11-09T15:30:00Z',
        },
      },
      notificationMetadata: {
        applicationId: 'amzn1.sp.solution.other',
        publishTime: '2026-11-02T15:30:00Z',
        notificationId: '0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c',
      },
    });
    await sendBody(emulators(), queues.queueUrl, foreign);
    await sendBody(
      emulators(),
      queues.queueUrl,
      '{"notificationType":"APPLICATION_OAUTH_CLIENT_NEW_SECRET"}',
    );

    for (let attempt = 0; attempt < 8; attempt++) {
      const delivery = await deliverOnce(emulators(), queues, worker.handler, 2);
      expect(delivery.failedIds).toHaveLength(delivery.messages.length);
      if (delivery.messages.length === 0) break;
    }
    const dead = await peek(emulators(), queues.deadLetterQueueUrl, 2);
    expect(dead).toHaveLength(2);
    expect(await currentSecret()).toBe(TEST_APP.clientSecret);
    expect(await auditLines()).toEqual([]);
    expect(captured.join('\n')).not.toContain('foreign-secret-never-stored');
  }, 30_000);

  it('records an expiry notice, whose metric the expiry alarm watches', async () => {
    await freshWorkspace('expiry', 20);
    await sandbox.notifications.sendClientSecretExpiry();
    const [delivery] = await drain(emulators(), queues, worker.handler);
    expect(delivery?.failedIds).toEqual([]);
    expect(captured.join('\n').replace(/\s+/g, '')).toContain('"result":"expiry-notice"');
  });
});
