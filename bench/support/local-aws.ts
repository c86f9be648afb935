import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ensureRevocationQueues,
  ensureTable,
  startDynamoDbLocal,
  startIamEnforcement,
  startKmsStandin,
  startSqsEmulator,
  type KmsOperationCounts,
} from '../../local/emulators';
import type { SandboxApp, SandboxSeller } from '../../local/sandbox';
import type { Region } from '../../shared/amazon/marketplaces';
import { ENV, type Environment } from '../../shared/config/settings';
import type { TokenCipher } from '../../shared/ports';
import { lwaClient, storeRepository, tokenCipher } from '../../shared/runtime/dependencies';
import { tokenEncryptionContext } from '../../shared/storage/token-encryption-context';
import { AUTHORIZATION_LIFETIME_DAYS, storeIdOf, type StoreProfile } from '../../shared/stores/store';
import { MILLISECONDS_PER_DAY } from '../../shared/time';
import { approveConsent } from './seller-authorization';
import type { SandboxEndpoint } from './sandbox-host';

/** The operator every bench store belongs to (a Cognito-style sub; no such person exists). */
export const BENCH_OPERATOR = {
  userId: 'b0000000-0000-4000-8000-00000000bench',
  email: undefined,
  isAdmin: false,
};

export interface LocalAws {
  readonly keyArn: string;
  /** The store-access role the local STS stand-in lets the data functions assume (docs/security.md). */
  readonly storeAccessRoleArn: string;
  readonly revocationQueueUrl: string;
  readonly directory: string;
  kmsCounters(): KmsOperationCounts;
  /** A fresh table (same definition as the stack's) for one execution environment's stores. */
  createTable(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The AWS side of a bench process: DynamoDB Local, the SQS emulator and the KMS stand-in on loopback, with the
 * SDK pointed at them through its own endpoint settings, exactly as the local workspace does. Call before any
 * shared/runtime client is first used (they are created once per process).
 */
export async function startLocalAws(): Promise<LocalAws> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-aws-'));
  const [dynamodb, sqs, kms] = await Promise.all([
    startDynamoDbLocal({}),
    startSqsEmulator(),
    startKmsStandin({ keyFile: path.join(directory, 'kms-key.json') }),
  ]);
  // Store sessions held to the store-access role's policy, as in the workspace; every bench table admitted.
  const storeAccess = await startIamEnforcement({
    dynamodbEndpoint: dynamodb.endpoint,
    kmsEndpoint: kms.endpoint,
    tableName: '*',
    tokenKeyArn: kms.keyArn,
  });
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: storeAccess.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_KMS: storeAccess.kmsEndpoint,
    AWS_ENDPOINT_URL_STS: storeAccess.stsEndpoint,
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  const clientConfig = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamodbClient = new DynamoDBClient({ ...clientConfig, endpoint: dynamodb.endpoint });
  const sqsClient = new SQSClient({ ...clientConfig, endpoint: sqs.endpoint });
  const queues = await ensureRevocationQueues(sqsClient, 'mint-hub-bench');
  return {
    keyArn: kms.keyArn,
    storeAccessRoleArn: storeAccess.roleArn,
    revocationQueueUrl: queues.queueUrl,
    directory,
    kmsCounters: () => kms.counters(),
    createTable: (name) => ensureTable(dynamodbClient, name),
    stop: async () => {
      dynamodbClient.destroy();
      sqsClient.destroy();
      await storeAccess.stop();
      await Promise.allSettled([dynamodb.stop(), sqs.stop(), kms.stop()]);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The settings of one of our execution environments (what the stack gives a data function), pointed at a sandbox
 * and an app registration. shared/runtime/dependencies.ts builds the real adapters from it.
 */
export function environmentFor(args: {
  aws: LocalAws;
  tableName: string;
  sandbox: SandboxEndpoint;
  app: SandboxApp;
  extra?: Record<string, string>;
}): Environment {
  return {
    [ENV.tableName]: args.tableName,
    [ENV.tokenKeyId]: args.aws.keyArn,
    [ENV.storeAccessRoleArn]: args.aws.storeAccessRoleArn,
    [ENV.revocationQueueUrl]: args.aws.revocationQueueUrl,
    [ENV.auditFile]: path.join(args.aws.directory, `${args.tableName}-audit.jsonl`),
    [ENV.appId]: args.app.applicationId,
    [ENV.lwaClientId]: args.app.clientId,
    [ENV.lwaClientSecret]: args.app.clientSecret,
    [ENV.lwaTokenUrl]: args.sandbox.lwaTokenUrl,
    [ENV.spapiUrlNA]: args.sandbox.spapiUrl('NA'),
    [ENV.spapiUrlEU]: args.sandbox.spapiUrl('EU'),
    [ENV.spapiUrlFE]: args.sandbox.spapiUrl('FE'),
    ...args.extra,
  };
}

/**
 * Connects a store the way the OAuth callback does, through the same adapters: the seller's consent, the code
 * exchanged with LWA, the refresh token encrypted under the store's KMS context, profile + ciphertext + the bench
 * operator's membership written in one transaction.
 */
export async function connectStore(
  env: Environment,
  sandbox: SandboxEndpoint,
  app: SandboxApp,
  seller: SandboxSeller,
): Promise<StoreProfile> {
  const { code, redirectUri } = await approveConsent(sandbox, app, seller.sellingPartnerId);
  const tokens = await lwaClient(env).exchangeAuthorizationCode(code, redirectUri);
  const region = seller.region as Region;
  const storeId = storeIdOf(seller.sellingPartnerId, region);
  const encrypted = await tokenCipher(env).encrypt(
    tokens.refreshToken,
    tokenEncryptionContext({ storeId, sellingPartnerId: seller.sellingPartnerId, region, purpose: 'SPAPI' }),
  );
  const now = new Date();
  const profile = {
    storeId,
    sellingPartnerId: seller.sellingPartnerId,
    region,
    marketplaceIds: [...seller.marketplaceIds],
    displayName: seller.name,
    status: 'ACTIVE' as const,
    connectedAt: now.toISOString(),
    reauthorizeBy: new Date(now.getTime() + AUTHORIZATION_LIFETIME_DAYS * MILLISECONDS_PER_DAY).toISOString(),
  };
  await storeRepository(env).connectStore({
    profile: { ...profile, authorizedAt: profile.connectedAt },
    token: encrypted,
    ownerUserId: BENCH_OPERATOR.userId,
  });
  return profile;
}

/** Counts KMS Decrypts per store at the TokenCipher port (the stand-in only counts per operation). */
export function countingCipher(cipher: TokenCipher): {
  cipher: TokenCipher;
  decryptsByStore: Map<string, number>;
} {
  const decryptsByStore = new Map<string, number>();
  return {
    decryptsByStore,
    cipher: {
      encrypt: (plaintext, context) => cipher.encrypt(plaintext, context),
      decrypt: (ciphertext, context) => {
        decryptsByStore.set(context.storeId, (decryptsByStore.get(context.storeId) ?? 0) + 1);
        return cipher.decrypt(ciphertext, context);
      },
    },
  };
}
