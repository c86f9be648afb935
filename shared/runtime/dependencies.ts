import { createDynamoDbSharedPacing } from '../adapters/dynamodb-shared-pacing';
import { createCloudWatchAuditTrail } from '../adapters/cloudwatch-audit-trail';
import { clientSecretReader } from '../adapters/client-secret';
import { createDynamoDbStoreRepository } from '../adapters/dynamodb-store-repository';
import { createDynamoDbRevocationStore } from '../adapters/dynamodb-revocation-store';
import { createFileAuditReader, createFileAuditTrail } from '../adapters/file-audit-trail';
import { createCloudWatchAuditReader } from '../adapters/cloudwatch-audit-reader';
import { createSqsRevocationQueue } from '../adapters/sqs-revocation-queue';
import { createKmsTokenCipher } from '../adapters/kms-token-cipher';
import { createLwaClient } from '../adapters/lwa-client';
import { createApplicationManagementApi } from '../adapters/application-management-api';
import { createDynamoDbClientSecretLedger } from '../adapters/dynamodb-client-secret-ledger';
import { createSecretsManagerClientSecretStore } from '../adapters/secrets-manager-client-secret-store';
import { createSellersApi } from '../adapters/sellers-api';
import { lazySpApiSources } from '../adapters/spapi/lazy-sources';
import { PacedCaller } from '../pacing/paced-caller';
import { AccessTokenProvider } from '../store-data/access-token-provider';
import { createMarketplaceLearner } from '../store-data/marketplace-learner';
import { StoreDataService, type StoreDataDependencies } from '../store-data/store-data-service';
import { onStoreTable, scopedStoreRepository, scopedTokenCipher, storeScope } from './store-sessions';
import {
  readAmazonEndpoints,
  readAppRegistration,
  readAuditDestination,
  readClientSecretSource,
  readStorageSettings,
  readOrdersApiVersion,
  readRevocationQueueUrl,
  readSnapshotSettings,
  readTokenKeyId,
  readWritableClientSecretId,
  type Environment,
} from '../config';
import type { AuditReader, AuditTrail, Clock, RevocationQueue } from '../ports';
import {
  cloudWatchLogsClient,
  dynamoDbClient,
  kmsClient,
  secretsManagerClient,
  sqsClient,
} from './aws-clients';

/**
 * Builders of the real adapters from settings, used by the function entry files at init. Each reads only the
 * settings its adapters need, so a function without a grant also lacks the setting, and fails fast if misconfigured.
 */
export const systemClock: Clock = { now: () => new Date() };

/** Sent to Amazon with every SP-API call, as Amazon asks. */
export const USER_AGENT = 'MintHubOperations/0.1 (Language=TypeScript; Platform=AWS Lambda)';

export const storeRepository = (env: Environment) =>
  createDynamoDbStoreRepository(dynamoDbClient(), readStorageSettings(env).tableName);

export const tokenCipher = (env: Environment) => createKmsTokenCipher(kmsClient(), readTokenKeyId(env));

export function auditTrail(env: Environment): AuditTrail {
  const destination = readAuditDestination(env);
  return destination.kind === 'cloudwatch'
    ? createCloudWatchAuditTrail(cloudWatchLogsClient(), destination.logGroupName)
    : createFileAuditTrail(destination.path);
}

export function lwaClient(env: Environment) {
  const source = readClientSecretSource(env);
  return createLwaClient({
    tokenUrl: readAmazonEndpoints(env).lwaTokenUrl,
    clientId: readAppRegistration(env).lwaClientId,
    clientSecret: clientSecretReader(
      source,
      source.kind === 'secrets-manager' ? secretsManagerClient() : undefined,
    ),
  });
}

export const sellersApi = (env: Environment) =>
  createSellersApi({ endpoints: readAmazonEndpoints(env).spapi, userAgent: USER_AGENT });

export function auditReader(env: Environment): AuditReader {
  const destination = readAuditDestination(env);
  return destination.kind === 'cloudwatch'
    ? createCloudWatchAuditReader(cloudWatchLogsClient(), destination.logGroupName)
    : createFileAuditReader(destination.path);
}

export const revocationQueue = (env: Environment): RevocationQueue =>
  createSqsRevocationQueue(sqsClient(), readRevocationQueueUrl(env));

/**
 * The store-data service of this execution environment: one access-token cache and one set of pacing buckets,
 * shared by every invocation that lands here.
 */
export const storeDataService = (
  env: Environment,
  /** `perEnvironment`: pacing this environment's calls only, as before shared pacing (the bench's comparison). */
  pacing: 'shared' | 'perEnvironment' = 'shared',
): StoreDataService => new StoreDataService(storeDataDependencies(env, pacing));

/** What {@link storeDataService} is built from (a test adds its seam to these). */
export function storeDataDependencies(
  env: Environment,
  pacing: 'shared' | 'perEnvironment' = 'shared',
): StoreDataDependencies {
  // Past the gate, every store item and the store's token are reached on its store-access session only.
  const repository = scopedStoreRepository(env);
  // Loaded on the first call to Amazon, not at init (lazy-sources.ts).
  const spapi = lazySpApiSources({
    endpoints: readAmazonEndpoints(env).spapi,
    userAgent: USER_AGENT,
    ordersApiVersion: readOrdersApiVersion(env),
  });
  const snapshots = readSnapshotSettings(env);
  const tokens = new AccessTokenProvider({
    stores: repository,
    cipher: scopedTokenCipher(env),
    lwa: lwaClient(env),
    revocations: revocationQueue(env),
    clock: systemClock,
  });
  return {
    stores: repository,
    snapshots: repository,
    tokens,
    scope: storeScope(env),
    learnMarketplaces: createMarketplaceLearner({ tokens, sellers: sellersApi(env), stores: repository }),
    pacing: new PacedCaller({
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      // One bucket per store and operation for every environment (and `npm start`), on the one table.
      ...(pacing === 'shared' ? { shared: onStoreTable(env, createDynamoDbSharedPacing) } : {}),
    }),
    inventory: spapi.inventory,
    orders: spapi.orders,
    sales: spapi.sales,
    reports: spapi.reports,
    audit: auditTrail(env),
    clock: systemClock,
    snapshotSeconds: { inventory: snapshots.inventorySeconds, orders: snapshots.ordersSeconds },
    restockSettings: (storeId) => repository.getRestockSettings(storeId),
  };
}

/** The revocation pipeline's ledger and active-store directory (shared/revocation/ports.ts), on the one table. */
export const revocationStore = (env: Environment) =>
  createDynamoDbRevocationStore(dynamoDbClient(), readStorageSettings(env).tableName);

/** The LWA client secret's versions (Secrets Manager): the rotation worker writes, the schedule reads metadata. */
export const clientSecretStore = (env: Environment) =>
  createSecretsManagerClientSecretStore(secretsManagerClient(), readWritableClientSecretId(env));

/** The client secret's rotation ledger, on the one table. */
export const clientSecretLedger = (env: Environment) =>
  createDynamoDbClientSecretLedger(dynamoDbClient(), readStorageSettings(env).tableName);

/** Amazon's Application Management API, at the NA SP-API endpoint (the app is global). */
export const applicationManagementApi = (env: Environment) =>
  createApplicationManagementApi({ endpoint: readAmazonEndpoints(env).spapi.NA, userAgent: USER_AGENT });
