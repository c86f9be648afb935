import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { addManifestRoutes, type RouteFunctionsProps } from './api';
import { functionMetric, type MintHubFunction } from './mint-hub-function';

/**
 * Seller authorization: the website flow's state endpoint (signed-in operators), and the public Appstore
 * Login URI and OAuth redirect URI that Amazon sends sellers' browsers to.
 */
export class SellerAuthApi extends Construct {
  readonly functions: Record<string, MintHubFunction>;
  /** A callback tried to connect a store another team owns (docs/security.md): refused, and worth a look. */
  readonly storeConnectRefusedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: Omit<RouteFunctionsProps, 'routeIds'>) {
    super(scope, id);
    this.functions = addManifestRoutes(this, {
      ...props,
      routeIds: ['CreateAuthorization', 'AppstoreLogin', 'OAuthCallback'],
    });

    // Published by the OAuth callback (Powertools EMF) when it answers authError=store_owned_elsewhere.
    this.storeConnectRefusedAlarm = new Alarm(this, 'StoreConnectRefusedAlarm', {
      alarmDescription:
        'An OAuth callback tried to connect a store that another team already owns (authError=store_owned_elsewhere): nothing was changed; check the store-connected audit records for who tried and whether the seller id was claimed on purpose.',
      metric: new Metric({
        ...functionMetric('OAuthCallback'),
        metricName: 'StoreConnectRefused',
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
