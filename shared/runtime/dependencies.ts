import { createCloudWatchAuditTrail } from '../adapters/cloudwatch-audit-trail';
import { clientSecretReader } from '../adapters/client-secret';
import { createDynamoDbStoreRepository } from '../adapters/dynamodb-store-repository';
import { createFileAuditTrail } from '../adapters/file-audit-trail';
import { createKmsTokenCipher } from '../adapters/kms-token-cipher';
import { createLwaClient } from '../adapters/lwa-client';
import { createSellersApi } from '../adapters/sellers-api';
import {
  readAmazonEndpoints,
  readAppRegistration,
  readAuditDestination,
  readClientSecretSource,
  readStorageSettings,
  readTokenKeyId,
  type Environment,
} from '../config/settings';
import type { AuditTrail, Clock } from '../ports';
import { cloudWatchLogsClient, dynamoDbClient, kmsClient, secretsManagerClient } from './aws-clients';

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
