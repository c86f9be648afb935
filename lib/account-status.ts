import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../shared/config/settings';
import { grantCapabilities, type CapabilityResources } from './capabilities';
import { functionMetric, type MintHubFunction } from './mint-hub-function';

export interface AccountStatusSubscriptionsProps {
  /** The queue Amazon delivers ACCOUNT_STATUS_CHANGED to: the revocation queue (its policy admits Amazon). */
  readonly destination: IQueue;
  /** Functions that subscribe stores with a seller's access token: the OAuth callback and the health check. */
  readonly subscribers: readonly MintHubFunction[];
  /** The function that deletes a revoked store's subscription (grantless): the revocation worker. */
  readonly unsubscriber: MintHubFunction;
  /** The health check's id, for its metric. */
  readonly healthCheckId: string;
  readonly resources: CapabilityResources;
}

/**
 * Seller account status (ACCOUNT_STATUS_CHANGED): which functions may subscribe and unsubscribe stores, and where
 * Amazon delivers. The destination's id is not configured here: the app creates it on first need and keeps it in
 * the table (shared/adapters/dynamodb-account-status-subscriptions.ts). Only the revocation worker gains a grant
 * (reading the LWA client secret, for the grantless deleteSubscriptionById); the subscribers hold it already.
 */
export class AccountStatusSubscriptions extends Construct {
  /** Stores still unsubscribed after the daily health check tried again. */
  readonly subscriptionPendingAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AccountStatusSubscriptionsProps) {
    super(scope, id);
    for (const fn of [...props.subscribers, props.unsubscriber])
      fn.addEnvironment(ENV.accountStatusDestinationArn, props.destination.queueArn);
    grantCapabilities(props.unsubscriber, ['lwa:client-secret'], props.resources);

    this.subscriptionPendingAlarm = new Alarm(this, 'SubscriptionPendingAlarm', {
      alarmDescription:
        'The daily health check could not subscribe one or more stores to ACCOUNT_STATUS_CHANGED: Amazon would not tell us when those sellers are deactivated. See the runbook, "AccountStatusSubscriptionPendingAlarm".',
      metric: new Metric({
        ...functionMetric(props.healthCheckId),
        metricName: 'AccountStatusSubscriptionPending',
        statistic: 'Sum',
        period: Duration.days(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
