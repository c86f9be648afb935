/**
 * The store scopes of a store function (shared/store-access/store-scope.ts), built from settings at init: the
 * gate's reads with the function's own role, and every other store port on the scope's store-access session.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import { createDynamoDbAccessGateReads } from '../adapters/dynamodb-access-gate';
import { createDynamoDbAccountStatusSubscriptions } from '../adapters/dynamodb-account-status-subscriptions';
import { createDynamoDbHealthCheckResults } from '../adapters/dynamodb-health-check-results';
import { createDynamoDbRevocationStore } from '../adapters/dynamodb-revocation-store';
import { createDynamoDbStoreRepository } from '../adapters/dynamodb-store-repository';
import { createKmsTokenCipher } from '../adapters/kms-token-cipher';
import { createStoreSessions, type StoreSessionClients } from '../adapters/sts-store-sessions';
import { readStorageSettings, readStoreAccessRoleArn, readTokenKeyId, type Environment } from '../config';
import { tracer } from '../observability/powertools';
import type { TokenCipher } from '../ports';
import { createStoreScope, scopedPort, type StoreScope } from '../store-access/store-scope';
import { dynamoDbClient, stsClient } from './aws-clients';

let scopes: StoreScope | undefined;
const sessionClientObservers: Array<(client: DynamoDBClient | KMSClient) => void> = [];

/**
 * Calls `observe` with every session client created from now on in this process (the bench counts their calls
 * and capacity units, as it does the shared clients').
 */
export const observeStoreSessionClients = (observe: (client: DynamoDBClient | KMSClient) => void): void => {
  sessionClientObservers.push(observe);
};

/** This environment's store scopes: one store-access session per store and purpose, kept while it lasts. */
export function storeScope(env: Environment): StoreScope {
  scopes ??= createStoreScope(
    createStoreSessions({
      sts: stsClient(),
      roleArn: readStoreAccessRoleArn(env),
      decorate: (client) => {
        for (const observe of sessionClientObservers) observe(client);
        return tracer.captureAWSv3Client(client);
      },
    }),
  );
  return scopes;
}

/** A port on the current scope's session clients. */
export const onStoreSession = <T extends object>(build: (clients: StoreSessionClients) => T): T =>
  scopedPort<T, StoreSessionClients>(build);

/** A table adapter on the current scope's DynamoDB session, for the one table. */
export const onStoreTable = <T extends object>(
  env: Environment,
  create: (client: DynamoDBClient, tableName: string) => T,
): T => {
  const tableName = readStorageSettings(env).tableName;
  return onStoreSession((clients) => create(clients.dynamodb, tableName));
};

/**
 * The store repository of a store function: `getMembership` and `getProfile` are the gate's projected reads with
 * the function's role; every other method runs on the current scope's session (and refuses outside a scope).
 */
export function scopedStoreRepository(env: Environment): ReturnType<typeof createDynamoDbStoreRepository> {
  const gate = createDynamoDbAccessGateReads(dynamoDbClient(), readStorageSettings(env).tableName);
  const scoped = onStoreTable(env, createDynamoDbStoreRepository);
  return new Proxy(scoped, {
    get: (target, name, receiver) =>
      name === 'getMembership' || name === 'getProfile' ? gate[name] : Reflect.get(target, name, receiver),
  });
}

/** Token encryption with the current scope's session: KMS admits only its store's context. */
export const scopedTokenCipher = (env: Environment): TokenCipher => {
  const keyId = readTokenKeyId(env);
  return onStoreSession((clients) => createKmsTokenCipher(clients.kms, keyId));
};

/** The revocation ledger's writes (status, token deletion, event) on the current scope's session. */
export const scopedRevocationStore = (env: Environment) => onStoreTable(env, createDynamoDbRevocationStore);

/**
 * The account-status subscription records of a worker acting on one store: the store's own record
 * (`STORE#{storeId}` / `SUBSCRIPTION#…`) on the current scope's session; the app's items (destinations, the
 * subscription → store mappings) with the function's role, since they are under no store's partition.
 */
export const scopedAccountStatusSubscriptionStore = (env: Environment) =>
  onStoreTable(env, (client, tableName) =>
    createDynamoDbAccountStatusSubscriptions(client, tableName, dynamoDbClient()),
  );

/** The health check's last result per store (`STORE#{storeId}` / `HEALTH_CHECK`) on the current scope's session. */
export const scopedHealthCheckResults = (env: Environment) =>
  onStoreTable(env, createDynamoDbHealthCheckResults);
