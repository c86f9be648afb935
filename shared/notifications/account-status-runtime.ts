import { createDynamoDbAccountStatusSubscriptions } from '../adapters/dynamodb-account-status-subscriptions';
import { createNotificationsApi } from '../adapters/spapi/notifications-api';
import {
  readAccountStatusDestinationArn,
  readAmazonEndpoints,
  readStorageSettings,
  type Environment,
} from '../config';
import { dynamoDbClient } from '../runtime/aws-clients';
import { auditTrail, lwaClient, systemClock, USER_AGENT } from '../runtime/dependencies';
import type { AccountStatusSubscriptionStore } from './account-status-ports';
import {
  createAccountStatusSubscriptions,
  type AccountStatusSubscriber,
  type AccountStatusUnsubscriber,
} from './account-status-subscriptions';

/**
 * Builders of the account-status subscription adapters from settings, for the entry files (the OAuth callback, the
 * health check, the revocation worker). Without MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN there is nothing to
 * subscribe to: the builders answer undefined and those functions work as before.
 */
export const accountStatusSubscriptionStore = (env: Environment): AccountStatusSubscriptionStore =>
  createDynamoDbAccountStatusSubscriptions(dynamoDbClient(), readStorageSettings(env).tableName);

export function accountStatusSubscriptions(
  env: Environment,
  /** Per Notifications API call; the OAuth callback passes less, so a slow Amazon cannot hold a seller's redirect. */
  options: {
    readonly timeoutMs?: number;
    /** The subscription records; {@link accountStatusSubscriptionStore} (the function's role) by default. */
    readonly store?: AccountStatusSubscriptionStore;
  } = {},
): (AccountStatusSubscriber & AccountStatusUnsubscriber) | undefined {
  const destinationArn = readAccountStatusDestinationArn(env);
  if (destinationArn === undefined) return undefined;
  return createAccountStatusSubscriptions({
    api: createNotificationsApi({
      endpoints: readAmazonEndpoints(env).spapi,
      userAgent: USER_AGENT,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    }),
    store: options.store ?? accountStatusSubscriptionStore(env),
    lwa: lwaClient(env),
    audit: auditTrail(env),
    clock: systemClock,
    destinationArn,
  });
}
