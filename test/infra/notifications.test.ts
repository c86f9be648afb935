import { Match } from 'aws-cdk-lib/assertions';
import { CLIENT_SECRET_AGE_ALARM_DAYS } from '../../lib/client-secret-rotation';
import { AMAZON_NOTIFICATIONS_ACCOUNT } from '../../lib/revocation';
import { BACKGROUND_FUNCTIONS, ROUTES } from '../../shared/api/routes';
import { CLIENT_SECRET_QUEUE_DEFINITION } from '../../shared/notifications/queue-definition';
import {
  actionsOf,
  functionLogicalId,
  logicalIdIn,
  resourcesOfType,
  statementsOfFunction,
  synthesize,
  type Synthesized,
} from './synth-fixture';

let synth: Synthesized;
const logicalId = (element: { node: { defaultChild?: unknown } }) => logicalIdIn(synth, element);
const rotation = () => synth.stack.clientSecretRotation;

beforeAll(() => {
  synth = synthesize();
});

describe('client-secret rotation queue', () => {
  it('is KMS-encrypted with its own key, TLS-only, with a DLQ kept at least 14 days', () => {
    const queues = resourcesOfType(synth.template, 'AWS::SQS::Queue');
    const queue = queues[logicalId(rotation().queue)]?.Properties ?? {};
    const dlq = queues[logicalId(rotation().deadLetterQueue)]?.Properties ?? {};
    const keyArn = { 'Fn::GetAtt': [logicalId(rotation().key), 'Arn'] };
    expect(queue['KmsMasterKeyId']).toEqual(keyArn);
    expect(dlq['KmsMasterKeyId']).toEqual(keyArn);
    expect(rotation().key).not.toBe(synth.stack.revocation.key);
    expect(dlq['MessageRetentionPeriod']).toBeGreaterThanOrEqual(14 * 86_400);
    expect(queue['RedrivePolicy']).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(rotation().deadLetterQueue), 'Arn'] },
      maxReceiveCount: CLIENT_SECRET_QUEUE_DEFINITION.maxReceiveCount,
    });
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(rotation().queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it("lets Amazon's notification account send, and use the key only through SQS", () => {
    const amazon = { AWS: `arn:aws:iam::${AMAZON_NOTIFICATIONS_ACCOUNT}:root` };
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(rotation().queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: amazon,
            Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'],
            Resource: { 'Fn::GetAtt': [logicalId(rotation().queue), 'Arn'] },
          }),
        ]),
      },
    });
    const key = synth.template.toJSON().Resources[logicalId(rotation().key)];
    expect(key.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: amazon,
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
        }),
      ]),
    );
  });

  it('feeds the rotation worker with partial batch responses', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(rotation().queue), 'Arn'] },
      FunctionName: { Ref: functionLogicalId(synth, 'ClientSecretRotationWorker') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('client-secret rotation schedule', () => {
  it('runs the starter daily', () => {
    const rules = Object.values(resourcesOfType(synth.template, 'AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties?.['Targets']).includes(
        functionLogicalId(synth, 'StartClientSecretRotation'),
      ),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties?.['ScheduleExpression']).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
  });
});

describe('client-secret grants', () => {
  const ids = [...ROUTES.map((r) => r.id), ...BACKGROUND_FUNCTIONS.map((f) => f.id)];
  const secretActions = (id: string) =>
    statementsOfFunction(synth, functionLogicalId(synth, id))
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('secretsmanager:'));

  it('lets only the rotation worker write the secret', () => {
    const writers = ids.filter((id) =>
      secretActions(id).some((action) =>
        ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'].includes(action),
      ),
    );
    expect(writers).toEqual(['ClientSecretRotationWorker']);
    expect(secretActions('ClientSecretRotationWorker')).not.toContain('secretsmanager:GetSecretValue');
  });

  it('gives the starter the secret value and version metadata, never a write', () => {
    expect(secretActions('StartClientSecretRotation').sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:ListSecretVersionIds',
    ]);
  });
});

describe('client-secret alarms', () => {
  const alarmOf = (alarm: { node: { defaultChild?: unknown } }) =>
    resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm')[logicalId(alarm)]?.Properties ?? {};

  it('alarm on the DLQ, an expiry notice, an old secret and a failed start, each to the alarm topic', () => {
    const { deadLetterAlarm, expiryNoticeAlarm, secretAgeAlarm, rotationStartFailedAlarm } = rotation();
    expect(alarmOf(deadLetterAlarm)).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    expect(alarmOf(expiryNoticeAlarm)).toMatchObject({
      MetricName: 'ClientSecretExpiryNotice',
      Namespace: 'MintHub',
      Dimensions: [{ Name: 'service', Value: 'ClientSecretRotationWorker' }],
      Threshold: 1,
    });
    expect(alarmOf(secretAgeAlarm)).toMatchObject({
      MetricName: 'ClientSecretAgeDays',
      Dimensions: [{ Name: 'service', Value: 'StartClientSecretRotation' }],
      Threshold: CLIENT_SECRET_AGE_ALARM_DAYS,
      Statistic: 'Maximum',
    });
    expect(alarmOf(rotationStartFailedAlarm)).toMatchObject({
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
    });
    for (const alarm of rotation().alarms) {
      const actions = alarmOf(alarm)['AlarmActions'] as unknown[];
      expect(actions).toHaveLength(1);
      expect(alarmOf(alarm)['AlarmDescription']).toMatch(/runbook/);
    }
  });

  it('outputs the queue ARN for Developer Central', () => {
    expect(synth.template.toJSON().Outputs['ClientSecretQueueArn'].Value).toEqual({
      'Fn::GetAtt': [logicalId(rotation().queue), 'Arn'],
    });
  });
});
