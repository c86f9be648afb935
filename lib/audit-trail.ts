import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, LogGroup, MetricFilter, QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUDIT_LOG_RETENTION_DAYS } from '../shared/storage/retention-periods';

/**
 * The access audit trail: one JSON record per data access (docs/contracts.md, "Audit records") in a dedicated,
 * KMS-encrypted log group kept for 400 days and retained if the stack is deleted, with saved Logs Insights
 * queries and alarms on denied access and on attempts against revoked stores.
 */
export class AuditTrail extends Construct {
  readonly logGroup: LogGroup;
  readonly key: Key;
  readonly deniedAccessAlarm: Alarm;
  readonly revokedStoreAccessAlarm: Alarm;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { region, account } = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description: 'Mint Hub: encrypts the access audit log group',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts with the key on our behalf, confined to this account's log groups.
    this.key.grantEncryptDecrypt(
      new ServicePrincipal(`logs.${region}.amazonaws.com`).withConditions({
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${account}:log-group:*` },
      }),
    );

    this.logGroup = new LogGroup(this, 'AccessLog', {
      // 400 days (13 months), the figure the privacy page states.
      retention: AUDIT_LOG_RETENTION_DAYS,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new QueryDefinition(this, 'AccessesByStore', {
      queryDefinitionName: `${Stack.of(this).stackName}/accesses-by-store`,
      logGroups: [this.logGroup],
      queryString: new QueryString({
        fields: [
          'at',
          'storeId',
          'actor.id',
          'dataset',
          'operation',
          'reason',
          'outcome',
          'source',
          'itemCount',
        ],
        filterStatements: ['kind = "data-access"'],
        statsStatements: ['count(*) as accesses by storeId, dataset, outcome'],
      }),
    });
    new QueryDefinition(this, 'DeniedAccesses', {
      queryDefinitionName: `${Stack.of(this).stackName}/denied-accesses`,
      logGroups: [this.logGroup],
      queryString: new QueryString({
        fields: ['at', 'actor.id', 'storeId', 'dataset', 'operation', 'reason', 'storeStatus', 'requestId'],
        filterStatements: ['kind = "data-access" and outcome = "denied"'],
        sort: 'at desc',
      }),
    });

    const denied = new MetricFilter(this, 'DeniedAccessFilter', {
      logGroup: this.logGroup,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.kind', '=', 'data-access'),
        FilterPattern.stringValue('$.outcome', '=', 'denied'),
      ),
      metricNamespace: 'MintHub/Audit',
      metricName: 'DeniedAccess',
      metricValue: '1',
      defaultValue: 0,
    });
    const revoked = new MetricFilter(this, 'RevokedStoreAccessFilter', {
      logGroup: this.logGroup,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.kind', '=', 'data-access'),
        FilterPattern.stringValue('$.storeStatus', '=', 'REVOKED'),
      ),
      metricNamespace: 'MintHub/Audit',
      metricName: 'RevokedStoreAccessAttempt',
      metricValue: '1',
      defaultValue: 0,
    });

    this.deniedAccessAlarm = new Alarm(this, 'DeniedAccessAlarm', {
      alarmDescription: 'Someone was refused access to a store: check the denied-accesses query.',
      metric: denied.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.revokedStoreAccessAlarm = new Alarm(this, 'RevokedStoreAccessAlarm', {
      alarmDescription: 'A data access was attempted on a revoked store: a client or cache still uses it.',
      metric: revoked.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
