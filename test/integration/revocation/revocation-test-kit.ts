// The revocation pipeline end to end on one machine: DynamoDB Local, the SQS emulator, the KMS stand-in and the
// Amazon sandbox, all on loopback with free ports. Each test gets its own table, queues and audit file; the handler
// modules are imported afresh for it, after its settings are in process.env, because entry files read settings at
// import. Queue delivery follows the Lambda event source mapping with partial batch responses (what the local
// runtime's poller does), written small here so these tests depend only on the handler contract.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  ensureRevocationQueues,
  ensureTable,
  startDynamoDbLocal,
  startIamEnforcement,
  startKmsStandin,
  startSqsEmulator,
  type DynamoDbLocalHandle,
  type IamEnforcementHandle,
  type KmsStandinHandle,
  type RevocationQueues,
  type SqsEmulatorHandle,
} from '../../../local/emulators';
import type { AmazonSandbox } from '../../../local/sandbox';
import { createDynamoDbStoreRepository } from '../../../shared/adapters/dynamodb-store-repository';
import { createKmsTokenCipher } from '../../../shared/adapters/kms-token-cipher';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import type { Caller } from '../../../shared/auth/caller';
import { tokenEncryptionContext } from '../../../shared/storage/token-encryption-context';
import type { Region } from '../../../shared/amazon/marketplaces';
import { MILLISECONDS_PER_DAY } from '../../../shared/time';
import { LOCAL_CLIENT_CONFIG } from '../emulators/local-test-support';
import { authorizeSeller, startTestSandbox, TEST_APP } from '../sandbox/sandbox-test-kit';

export const DAY_MS = MILLISECONDS_PER_DAY;

export interface Emulators {
  readonly dynamo: DynamoDbLocalHandle;
  readonly sqs: SqsEmulatorHandle;
  readonly kms: KmsStandinHandle;
  /** The STS stand-in and the IAM-enforcing proxies the functions reach DynamoDB and KMS through. */
  readonly storeAccess: IamEnforcementHandle;
  readonly sandbox: AmazonSandbox;
  readonly dynamoClient: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly sqsClient: SQSClient;
  readonly kmsClient: KMSClient;
  readonly workDir: string;
  stop(): Promise<void>;
}

export async function startEmulators(): Promise<Emulators> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'mint-hub-revocation-'));
  const [dynamo, sqs, kms, sandbox] = await Promise.all([
    startDynamoDbLocal({ port: 0 }),
    startSqsEmulator({ port: 0 }),
    startKmsStandin({ port: 0, keyFile: path.join(workDir, 'kms-key.json') }),
    // Usage plans sped up so a real inventory read takes well under a second.
    startTestSandbox({ rateScale: 50 }),
  ]);
  // Every test workspace has a table of its own: the enforcement admits store sessions on any of them.
  const storeAccess = await startIamEnforcement({
    dynamodbEndpoint: dynamo.endpoint,
    kmsEndpoint: kms.endpoint,
    tableName: '*',
    tokenKeyArn: kms.keyArn,
  });
  const dynamoClient = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint: dynamo.endpoint });
  const sqsClient = new SQSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: sqs.endpoint });
  const kmsClient = new KMSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: kms.endpoint });
  return {
    dynamo,
    sqs,
    kms,
    storeAccess,
    sandbox,
    dynamoClient,
    documents: DynamoDBDocumentClient.from(dynamoClient),
    sqsClient,
    kmsClient,
    workDir,
    async stop() {
      dynamoClient.destroy();
      sqsClient.destroy();
      kmsClient.destroy();
      await storeAccess.stop();
      await Promise.all([dynamo.stop(), sqs.stop(), kms.stop(), sandbox.close()]);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

type WorkerModule = typeof import('../../../functions/revocation-worker');
type HealthCheckModule = typeof import('../../../functions/authorization-health-check');
type DisconnectModule = typeof import('../../../functions/disconnect-store');
type DependenciesModule = typeof import('../../../shared/runtime/dependencies');

/** One test's own resources and freshly imported handler modules. */
export interface TestWorkspace {
  readonly tableName: string;
  readonly queues: RevocationQueues;
  readonly auditFile: string;
  readonly env: Record<string, string>;
  readonly worker: WorkerModule;
  readonly healthCheck: HealthCheckModule;
  readonly disconnect: DisconnectModule;
  readonly dependencies: DependenciesModule;
  readonly repository: ReturnType<typeof createDynamoDbStoreRepository>;
}

const savedEnvironment = { ...process.env };

/** Puts back the process environment as it was before any workspace. */
export function restoreEnvironment(): void {
  for (const name of Object.keys(process.env)) if (!(name in savedEnvironment)) delete process.env[name];
  Object.assign(process.env, savedEnvironment);
}

export async function createWorkspace(emulators: Emulators, name: string): Promise<TestWorkspace> {
  const suffix = randomUUID().slice(0, 8);
  const tableName = `revocation-${name}-${suffix}`;
  await ensureTable(emulators.dynamoClient, tableName);
  const queues = await ensureRevocationQueues(emulators.sqsClient, `${name}-${suffix}`);
  const auditFile = path.join(emulators.workDir, `${name}-${suffix}`, 'audit.jsonl');
  const { endpoints } = emulators.sandbox;
  const env: Record<string, string> = {
    MINT_HUB_TABLE_NAME: tableName,
    MINT_HUB_TOKEN_KEY_ID: emulators.kms.keyArn,
    MINT_HUB_REVOCATION_QUEUE_URL: queues.queueUrl,
    MINT_HUB_AUDIT_FILE: auditFile,
    MINT_HUB_APP_ID: TEST_APP.applicationId,
    MINT_HUB_LWA_CLIENT_ID: TEST_APP.clientId,
    MINT_HUB_LWA_CLIENT_SECRET: TEST_APP.clientSecret,
    MINT_HUB_LWA_TOKEN_URL: endpoints.lwaToken,
    MINT_HUB_SPAPI_URL_NA: endpoints.spapi.NA,
    MINT_HUB_SPAPI_URL_EU: endpoints.spapi.EU,
    MINT_HUB_SPAPI_URL_FE: endpoints.spapi.FE,
    MINT_HUB_DASHBOARD_URL: 'http://127.0.0.1:9',
    MINT_HUB_REDIRECT_URI: TEST_APP.redirectUris[0] ?? '',
    // Every inventory view goes to Amazon, so a view after a revocation would have to mint a token.
    MINT_HUB_INVENTORY_SNAPSHOT_SECONDS: '0',
    AWS_ENDPOINT_URL_DYNAMODB: emulators.storeAccess.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: emulators.sqs.endpoint,
    AWS_ENDPOINT_URL_KMS: emulators.storeAccess.kmsEndpoint,
    AWS_ENDPOINT_URL_STS: emulators.storeAccess.stsEndpoint,
    MINT_HUB_STORE_ACCESS_ROLE_ARN: emulators.storeAccess.roleArn,
    AWS_REGION: LOCAL_CLIENT_CONFIG.region,
    AWS_ACCESS_KEY_ID: LOCAL_CLIENT_CONFIG.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CLIENT_CONFIG.credentials.secretAccessKey,
    POWERTOOLS_DEV: 'true',
    // Expected failures (poison messages) would fill the output; what is logged is tested in test/unit/revocation.
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  restoreEnvironment();
  delete process.env.MINT_HUB_AUDIT_LOG_GROUP;
  delete process.env.MINT_HUB_LWA_CLIENT_SECRET_ID;
  Object.assign(process.env, env);
  // Entry files read their settings when imported: a fresh module registry imports them with this test's.
  jest.resetModules();
  const worker = await import('../../../functions/revocation-worker');
  const healthCheck = await import('../../../functions/authorization-health-check');
  const disconnect = await import('../../../functions/disconnect-store');
  const dependencies = await import('../../../shared/runtime/dependencies');
  return {
    tableName,
    queues,
    auditFile,
    env,
    worker,
    healthCheck,
    disconnect,
    dependencies,
    repository: createDynamoDbStoreRepository(emulators.dynamoClient, tableName),
  };
}

export const ownerOf = (storeId: string): Caller => ({
  userId: `owner-of-${storeId}`,
  email: undefined,
  isAdmin: false,
});

/**
 * A store connected as the OAuth callback would connect it: the seller consents in the sandbox, the code is
 * exchanged there, and the refresh token is encrypted by the KMS stand-in under the store's context.
 */
export async function connectStore(
  emulators: Emulators,
  workspace: TestWorkspace,
  sellingPartnerId: string,
  region: Region,
  options: { marketplaceIds?: string[]; reauthorizeBy?: Date; operators?: string[] } = {},
): Promise<{ storeId: string; authorizedAt: string }> {
  const storeId = `${sellingPartnerId}-${region}`;
  const tokens = await authorizeSeller(emulators.sandbox, sellingPartnerId);
  const cipher = createKmsTokenCipher(emulators.kmsClient, emulators.kms.keyArn);
  const token = await cipher.encrypt(
    tokens.refreshToken,
    tokenEncryptionContext({ storeId, sellingPartnerId, region, purpose: 'SPAPI' }),
  );
  const now = new Date();
  const authorizedAt = now.toISOString();
  await workspace.repository.connectStore({
    profile: {
      storeId,
      sellingPartnerId,
      region,
      marketplaceIds: options.marketplaceIds ?? [],
      displayName: sellingPartnerId,
      status: 'ACTIVE',
      connectedAt: authorizedAt,
      reauthorizeBy: (options.reauthorizeBy ?? new Date(now.getTime() + 365 * DAY_MS)).toISOString(),
      authorizedAt,
    },
    token,
    ownerUserId: ownerOf(storeId).userId,
  });
  for (const userId of options.operators ?? []) {
    await emulators.documents.send(
      new PutCommand({
        TableName: workspace.tableName,
        Item: {
          pk: `STORE#${storeId}`,
          sk: `MEMBER#${userId}`,
          role: 'operator',
          storeId,
          userId,
          gsi1pk: `USER#${userId}`,
          gsi1sk: `STORE#${storeId}`,
        },
      }),
    );
  }
  return { storeId, authorizedAt };
}

/** Every item of a store's partition, by sort key. */
export async function storeItems(
  emulators: Emulators,
  workspace: TestWorkspace,
  storeId: string,
): Promise<Record<string, Record<string, unknown>>> {
  const { Items } = await emulators.documents.send(
    new QueryCommand({
      TableName: workspace.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `STORE#${storeId}` },
      ConsistentRead: true,
    }),
  );
  return Object.fromEntries((Items ?? []).map((item) => [String(item['sk']), item]));
}

export async function profileOf(emulators: Emulators, workspace: TestWorkspace, storeId: string) {
  const { Item } = await emulators.documents.send(
    new GetCommand({
      TableName: workspace.tableName,
      Key: { pk: `STORE#${storeId}`, sk: 'PROFILE' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

export async function auditRecords(workspace: TestWorkspace): Promise<AuditRecord[]> {
  try {
    const text = await readFile(workspace.auditFile, 'utf8');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as AuditRecord);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function sendBody(emulators: Emulators, queueUrl: string, body: string): Promise<void> {
  await emulators.sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
}

/** A queue whose failed messages come back after one second, so redelivery is observable in a test. */
export async function shortenVisibility(emulators: Emulators, queueUrl: string): Promise<void> {
  await emulators.sqsClient.send(
    new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '1' } }),
  );
}

export const lambdaContext = (functionName: string, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

export type WorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface Delivery {
  readonly messages: Message[];
  readonly event: SQSEvent;
  readonly response: SQSBatchResponse | undefined;
  readonly failedIds: string[];
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

/**
 * One poll of the event source mapping: receive up to ten messages (waiting at most `waitSeconds`), invoke the
 * worker, delete what it did not report as failed. A handler that throws fails the whole batch, as on Lambda.
 */
export async function deliverOnce(
  emulators: Emulators,
  queues: Pick<RevocationQueues, 'queueUrl' | 'queueArn'>,
  handler: WorkerHandler,
  waitSeconds = 1,
): Promise<Delivery> {
  const Messages = await receive(emulators, queues.queueUrl, waitSeconds);
  const event: SQSEvent = { Records: Messages.map((message) => toRecord(message, queues.queueArn)) };
  if (Messages.length === 0) return { messages: [], event, response: undefined, failedIds: [] };
  let response: SQSBatchResponse | undefined;
  let failedIds: string[];
  try {
    response = await handler(event, lambdaContext('RevocationWorker', 30_000));
    failedIds = response.batchItemFailures.map((failure) => failure.itemIdentifier);
  } catch {
    failedIds = event.Records.map((record) => record.messageId);
  }
  const done = Messages.filter((message) => !failedIds.includes(message.MessageId ?? ''));
  if (done.length > 0) {
    await emulators.sqsClient.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queues.queueUrl,
        Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
  }
  return { messages: Messages, event, response, failedIds };
}

/** Delivers until the queue answers empty, at most `maxPolls` times. */
export async function drain(
  emulators: Emulators,
  queues: Pick<RevocationQueues, 'queueUrl' | 'queueArn'>,
  handler: WorkerHandler,
  maxPolls = 5,
): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (let poll = 0; poll < maxPolls; poll++) {
    const delivery = await deliverOnce(emulators, queues, handler, poll === 0 ? 1 : 0);
    if (delivery.messages.length === 0) break;
    deliveries.push(delivery);
  }
  return deliveries;
}

/** Messages waiting in a queue, received (and so hidden) for inspection. */
export function peek(emulators: Emulators, queueUrl: string, waitSeconds = 0): Promise<Message[]> {
  return receive(emulators, queueUrl, waitSeconds);
}

/**
 * Receives up to ten messages, polling every 100 ms for at most `waitSeconds`. Not a long poll: the emulator's long
 * poll keeps collecting for the whole wait, so with a one-second visibility timeout one receive can hold the same
 * message twice, which real SQS never returns.
 */
async function receive(emulators: Emulators, queueUrl: string, waitSeconds: number): Promise<Message[]> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const { Messages = [] } = await emulators.sqsClient.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length > 0 || Date.now() >= deadline) return Messages;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
