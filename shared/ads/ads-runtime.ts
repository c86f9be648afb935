import { clientSecretReader } from '../adapters/client-secret';
import { createAdsApi } from '../adapters/ads/ads-api';
import { createAdsLwaClient } from '../adapters/ads/ads-lwa-client';
import { createDynamoDbAdsRepository } from '../adapters/ads/dynamodb-ads-repository';
import { createSqsAdsReportQueue } from '../adapters/ads/sqs-ads-report-queue';
import {
  readAdsClientSecretSource,
  readAdsReportQueueUrl,
  readAdsSettings,
  readStorageSettings,
  type Environment,
} from '../config';
import { dynamoDbClient, secretsManagerClient, sqsClient } from '../runtime/aws-clients';
import { auditTrail, systemClock, USER_AGENT } from '../runtime/dependencies';
import { onStoreTable, scopedTokenCipher } from '../runtime/store-sessions';
import { AdsAccessTokenProvider } from './ads-access-token';

/**
 * Builders of the Ads adapters from settings, for the Ads function entry files (as runtime/dependencies.ts does for
 * the others). Only the Ads functions read the Ads client secret and decrypt `TOKEN#ADS`.
 */
export const adsRepository = (env: Environment) =>
  createDynamoDbAdsRepository(dynamoDbClient(), readStorageSettings(env).tableName);

/** The Ads items on the current store scope's session (shared/runtime/store-sessions.ts). */
export const scopedAdsRepository = (env: Environment) => onStoreTable(env, createDynamoDbAdsRepository);

export const adsReportQueue = (env: Environment) =>
  createSqsAdsReportQueue(sqsClient(), readAdsReportQueueUrl(env));

export function adsLwaClient(env: Environment) {
  const settings = readAdsSettings(env);
  const source = readAdsClientSecretSource(env);
  return createAdsLwaClient({
    tokenUrls: settings.tokenUrls,
    clientId: settings.clientId,
    clientSecret: clientSecretReader(
      source,
      source.kind === 'secrets-manager' ? secretsManagerClient() : undefined,
    ),
  });
}

export const adsApi = (env: Environment) => {
  const settings = readAdsSettings(env);
  return createAdsApi({ endpoints: settings.apiUrls, clientId: settings.clientId, userAgent: USER_AGENT });
};

/**
 * Ads access tokens for work in a store scope (the report worker): the `TOKEN#ADS` read, its Decrypt and an
 * invalid_grant's removal of the link all on the current scope's `ADS` session, through the worker's own scoped
 * repositories.
 */
export function scopedAdsAccessTokens(
  env: Environment,
  repositories: Pick<ConstructorParameters<typeof AdsAccessTokenProvider>[0], 'stores' | 'adsStore'>,
): AdsAccessTokenProvider {
  return new AdsAccessTokenProvider({
    ...repositories,
    cipher: scopedTokenCipher(env),
    lwa: adsLwaClient(env),
    audit: auditTrail(env),
    clock: systemClock,
  });
}
