import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { BACKGROUND_FUNCTIONS, apiPathPatterns } from '../shared/api/routes';
import { ENV, readEnabledDatasets } from '../shared/config';
import { buildPublicPageFacts } from '../shared/public-page/public-facts';
import { ADS_REPORT_QUEUE_DEFINITION } from '../shared/ads/report-queue-definition';
import { AccountStatusSubscriptions } from './account-status';
import { AdsReportPipeline } from './ads-reports';
import { AdvertisingApi } from './advertising-api';
import { ApiGateway } from './api';
import { AuditTrail } from './audit-trail';
import { grantCapabilities, type CapabilityResources } from './capabilities';
import { ClientSecretRotation } from './client-secret-rotation';
import { DashboardSite } from './dashboard-site';
import { EdgeFirewall } from './edge-firewall';
import { MintHubFunction, POWERTOOLS_METRICS_NAMESPACE } from './mint-hub-function';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { Operators } from './operators';
import { RevocationQueue } from './revocation';
import { RevocationSweep } from './revocation-sweep';
import {
  AUDIT_WRITE_FAILED_METRIC,
  REVOCATION_QUEUE_SEND_FAILED_METRIC,
  STORE_ISOLATION_REFUSED_METRIC,
} from '../shared/observability/metric-names';
import { REVOCATION_SWEEP_DEFINITION } from '../shared/revocation/revocation-sweep';
import { SellerAuthApi } from './seller-auth-api';
import type { StageConfig } from './stage-config';
import { StoreAccess } from './store-access';
import { StoreDataApi } from './store-data-api';
import { TokenVault } from './token-vault';

export interface MintHubStackProps extends StackProps {
  readonly config: StageConfig;
  /** Folder of the built dashboard. */
  readonly dashboardAssetsPath: string;
}

/** Mint Hub Operations: one stack, one construct per concern (docs/architecture.md). */
export class MintHubStack extends Stack {
  readonly vault: TokenVault;
  readonly audit: AuditTrail;
  readonly revocation: RevocationQueue;
  readonly operators: Operators;
  readonly api: ApiGateway;
  readonly firewall: EdgeFirewall;
  readonly site: DashboardSite;
  readonly sellerAuth: SellerAuthApi;
  readonly storeData: StoreDataApi;
  readonly background: Record<string, MintHubFunction>;
  readonly adsReports: AdsReportPipeline;
  readonly advertising: AdvertisingApi;
  readonly clientSecretRotation: ClientSecretRotation;
  readonly accountStatus: AccountStatusSubscriptions;
  readonly revocationSweep: RevocationSweep;
  readonly storeAccess: StoreAccess;

  constructor(scope: Construct, id: string, props: MintHubStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.vault = new TokenVault(this, 'TokenVault');
    this.audit = new AuditTrail(this, 'AuditTrail');
    this.revocation = new RevocationQueue(this, 'Revocation');

    const signInOrigin = `https://${config.cognitoDomainPrefix}.auth.${this.region}.amazoncognito.com`;
    // Order matters only for construction: the site fronts the API, the user pool returns to the site, and the
    // API's authorizer trusts the user pool.
    // With a dashboard domain the API gets its own origin domain and execute-api is disabled (lib/api.ts).
    const apiOrigin = config.dashboardDomain?.apiOrigin;
    this.api = new ApiGateway(this, 'Api', apiOrigin ? { originDomain: apiOrigin } : {});
    this.firewall = new EdgeFirewall(this, 'EdgeFirewall');
    this.site = new DashboardSite(this, 'DashboardSite', {
      assetsPath: props.dashboardAssetsPath,
      apiEndpoint: this.api.url,
      apiPathPatterns: apiPathPatterns(),
      signInOrigin,
      webAclArn: this.firewall.webAclArn,
      ...(config.dashboardDomain
        ? {
            domain: {
              domainName: config.dashboardDomain.domainName,
              certificateArn: config.dashboardDomain.certificateArn,
            },
          }
        : {}),
    });
    this.operators = new Operators(this, 'Operators', {
      domainPrefix: config.cognitoDomainPrefix,
      dashboardUrl: this.site.url,
    });
    this.api.useOperatorsAuthorizer(this.operators.userPool, this.operators.dashboardClient);

    const lwaClientSecret = Secret.fromSecretNameV2(this, 'LwaClientSecret', config.lwaClientSecretName);
    const resources: CapabilityResources = {
      vault: this.vault,
      revocation: this.revocation,
      audit: this.audit,
      lwaClientSecret,
      adsClientSecret: Secret.fromSecretNameV2(this, 'AdsClientSecret', config.adsClientSecretName),
      adsReports: (this.adsReports = new AdsReportPipeline(this, 'AdsReports')),
      userPool: this.operators.userPool,
      storeAccess: (this.storeAccess = new StoreAccess(this, 'StoreAccess', { vault: this.vault })),
    };
    // Non-secret settings; Amazon endpoints keep their production defaults (shared/config).
    const environment = {
      [ENV.appId]: config.appId,
      [ENV.lwaClientId]: config.lwaClientId,
      [ENV.appDraft]: String(config.appDraft),
      [ENV.dashboardUrl]: this.site.url,
      [ENV.redirectUri]: `${this.site.url}/auth/amazon/callback`,
      [ENV.ordersApiVersion]: config.ordersApiVersion,
      [ENV.adsClientId]: config.adsClientId,
      // Unset means every dataset (shared/config); the public page's facts below read the same value.
      ...(config.datasets ? { [ENV.datasets]: config.datasets.join(',') } : {}),
    };

    this.sellerAuth = new SellerAuthApi(this, 'SellerAuthApi', { api: this.api, resources, environment });
    this.storeData = new StoreDataApi(this, 'StoreDataApi', { api: this.api, resources, environment });
    this.advertising = new AdvertisingApi(this, 'AdvertisingApi', { api: this.api, resources, environment });

    this.background = {};
    for (const definition of BACKGROUND_FUNCTIONS) {
      const fn = new MintHubFunction(this, definition.id, {
        handler: definition.handler,
        description: definition.description,
        environment,
        timeout:
          definition.id === 'AuthorizationHealthCheck'
            ? Duration.minutes(10)
            : definition.id === 'RevocationSweep'
              ? Duration.seconds(REVOCATION_SWEEP_DEFINITION.timeoutSeconds)
              : definition.id === 'AdsReportWorker'
                ? Duration.seconds(ADS_REPORT_QUEUE_DEFINITION.workerTimeoutSeconds)
                : Duration.seconds(30),
      });
      grantCapabilities(fn, definition.capabilities, resources);
      this.background[definition.id] = fn;
    }
    const worker = this.background['RevocationWorker'];
    const healthCheck = this.background['AuthorizationHealthCheck'];
    if (worker === undefined || healthCheck === undefined)
      throw new Error('background functions missing from the manifest');
    this.revocation.attachWorker(worker);
    this.revocation.scheduleHealthCheck(healthCheck);
    const sweep = this.background['RevocationSweep'];
    if (sweep === undefined) throw new Error('RevocationSweep missing from the manifest');
    this.revocationSweep = new RevocationSweep(this, 'RevocationSweepSchedule', {
      sweep,
      sweepId: 'RevocationSweep',
    });
    const adsWorker = this.background['AdsReportWorker'];
    if (adsWorker === undefined) throw new Error('AdsReportWorker missing from the manifest');
    this.adsReports.attachWorker(adsWorker);
    const rotationWorker = this.background['ClientSecretRotationWorker'];
    const rotationStarter = this.background['StartClientSecretRotation'];
    if (rotationWorker === undefined || rotationStarter === undefined)
      throw new Error('client-secret rotation functions missing from the manifest');
    this.clientSecretRotation = new ClientSecretRotation(this, 'ClientSecretRotation', {
      worker: rotationWorker,
      workerId: 'ClientSecretRotationWorker',
      starter: rotationStarter,
      starterId: 'StartClientSecretRotation',
    });
    const oauthCallback = this.sellerAuth.functions['OAuthCallback'];
    if (oauthCallback === undefined) throw new Error('OAuthCallback missing from the manifest');
    this.accountStatus = new AccountStatusSubscriptions(this, 'AccountStatus', {
      destination: this.revocation.queue,
      subscribers: [oauthCallback, healthCheck],
      unsubscriber: worker,
      healthCheckId: 'AuthorizationHealthCheck',
      resources,
    });

    this.site.deploy({
      apiUrl: this.site.url,
      region: this.region,
      userPoolId: this.operators.userPool.userPoolId,
      clientId: this.operators.dashboardClient.userPoolClientId,
      signInUrl: signInOrigin,
      auth: 'cognito',
      // The public pages' facts: the datasets as the functions read them, and the stage's live flag and contact.
      publicPage: buildPublicPageFacts({
        datasets: readEnabledDatasets(environment),
        integrationLive: config.integrationLive ?? false,
        contact: { email: config.contactEmail, url: config.contactUrl },
      }),
    });

    // CloudWatch alarms publish to the encrypted topic, so the topic gets its own key that CloudWatch may use.
    const alarmKey = new Key(this, 'AlarmTopicKey', {
      description: 'Mint Hub: encrypts the alarm topic',
      enableKeyRotation: true,
    });
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const alarmTopic = new Topic(this, 'Alarms', { enforceSSL: true, masterKey: alarmKey });
    if (config.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    // A metric any function may publish, summed over every function (service) with a Metrics Insights query.
    const anyFunctionAlarm = (id: string, metricName: string, alarmDescription: string) =>
      new Alarm(this, id, {
        alarmDescription,
        metric: new MathExpression({
          expression: `SELECT SUM(${metricName}) FROM SCHEMA("${POWERTOOLS_METRICS_NAMESPACE}", service)`,
          period: Duration.minutes(5),
          usingMetrics: {},
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    // Any function that met a fault of ours (a permission, key, table, queue or secret; LWA invalid_client).
    const configurationFaultAlarm = anyFunctionAlarm(
      'ConfigurationFaultAlarm',
      'ConfigurationFault',
      'A function met a configuration fault (AccessDenied from AWS, a missing or disabled key, table, queue or secret, or LWA invalid_client): requests answer 503. See the runbook, "ConfigurationFault".',
    );
    // An audit record could not be written: a data read was refused for it (503), or the record of a refused or
    // failed access was lost (logged with its ids).
    const auditWriteFailedAlarm = anyFunctionAlarm(
      'AuditWriteFailedAlarm',
      AUDIT_WRITE_FAILED_METRIC,
      'An audit record could not be written to the access-audit log group: reads answer 503 AuditUnavailable, or the record of a refused or failed access was lost (the function logged its ids). See the runbook, "AuditWriteFailedAlarm".',
    );
    // A revocation signal could not be queued; the store is refused already, the worker or the sweep finishes it.
    const revocationQueueSendFailedAlarm = anyFunctionAlarm(
      'RevocationQueueSendFailedAlarm',
      REVOCATION_QUEUE_SEND_FAILED_METRIC,
      'A revocation signal (a disconnect follow-up or an invalid_grant) could not be sent to the revocation queue: the store is refused already; the next read, the health check or the sweep completes it. See the runbook, "RevocationQueueSendFailedAlarm".',
    );
    // A store session's IAM policy refused a call: work past one store's gate reached for another store.
    const storeIsolationRefusedAlarm = anyFunctionAlarm(
      'StoreIsolationRefusedAlarm',
      STORE_ISOLATION_REFUSED_METRIC,
      "A store session's IAM policy refused a call: work that passed one store's access gate reached for another store's item or token, and got 403 (nothing left). Always a fault in our code. See the runbook, \"StoreIsolationRefusedAlarm\".",
    );
    for (const alarm of [
      configurationFaultAlarm,
      auditWriteFailedAlarm,
      revocationQueueSendFailedAlarm,
      storeIsolationRefusedAlarm,
      this.revocation.deadLetterAlarm,
      this.audit.deniedAccessAlarm,
      this.audit.revokedStoreAccessAlarm,
      this.sellerAuth.storeConnectRefusedAlarm,
      this.adsReports.deadLetterAlarm,
      ...this.clientSecretRotation.alarms,
      this.accountStatus.subscriptionPendingAlarm,
      ...this.revocationSweep.alarms,
    ]) {
      alarm.addAlarmAction(new SnsAction(alarmTopic));
    }

    new CfnOutput(this, 'DashboardUrl', { value: this.site.url });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: apiOrigin
        ? 'The API origin behind CloudFront (execute-api is disabled); browsers use DashboardUrl'
        : 'The execute-api endpoint (stays enabled without dashboardDomain.apiOrigin); browsers use DashboardUrl',
    });
    if (
      apiOrigin !== undefined &&
      apiOrigin.hostedZone === undefined &&
      this.api.originDomain !== undefined
    ) {
      new CfnOutput(this, 'ApiOriginDnsTarget', {
        value: this.api.originDomain.regionalDomainName,
        description: `Create the DNS record: ${apiOrigin.domainName} CNAME to this value (CloudFront reaches the API there)`,
      });
    }
    new CfnOutput(this, 'OAuthRedirectUri', {
      value: `${this.site.url}/auth/amazon/callback`,
      description: 'Register as the OAuth Redirect URI of the SP-API app',
    });
    new CfnOutput(this, 'AppstoreLoginUri', {
      value: `${this.site.url}/auth/amazon/login`,
      description: 'Register as the Login URI of the SP-API app',
    });
    new CfnOutput(this, 'RevocationQueueArn', {
      value: this.revocation.queue.queueArn,
      description: 'SP-API notifications destination (createDestination)',
    });
    new CfnOutput(this, 'ClientSecretQueueArn', {
      value: this.clientSecretRotation.queue.queueArn,
      description:
        'Developer Central: register as the app notification queue (APPLICATION_OAUTH_CLIENT_NEW_SECRET / _SECRET_EXPIRY)',
    });
    new CfnOutput(this, 'AdsReturnUrl', {
      value: `${this.site.url}/auth/amazon-ads/callback`,
      description: 'Register as an Allowed Return URL of the Amazon Ads LWA security profile',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.operators.userPool.userPoolId });

    acknowledgeNagFindings(this, { customDashboardDomain: config.dashboardDomain !== undefined });
  }
}
