import { REVOCATION_SWEEP_DEFINITION } from '../../shared/revocation/revocation-sweep';
import {
  actionsOf,
  functionLogicalId,
  logicalIdIn,
  refersTo,
  resourcesOfType,
  statementsOfFunction,
  synthesize,
  type Synthesized,
} from './synth-fixture';

// Issue 19: the periodic sweep that completes lost crypto-shreds, as deployed: its schedule, its grants (what it
// needs and nothing that could read a token), and the alarms that say a shred was lost or the sweep is not working.
let synth: Synthesized;
let sweepId: string;
const logicalId = (element: { node: { defaultChild?: unknown } }) => logicalIdIn(synth, element);

beforeAll(() => {
  synth = synthesize();
  sweepId = functionLogicalId(synth, 'RevocationSweep');
});

describe('revocation sweep schedule', () => {
  it(`runs the sweep function every ${REVOCATION_SWEEP_DEFINITION.periodMinutes} minutes`, () => {
    const rules = Object.values(resourcesOfType(synth.template, 'AWS::Events::Rule')).filter((rule) =>
      refersTo(rule.Properties?.['Targets'], sweepId),
    );
    expect(rules).toHaveLength(1);
    // CDK writes whole hours as hours: rate(1 hour) for 60 minutes.
    const expression = String(rules[0]?.Properties?.['ScheduleExpression']);
    const [, amount, unit] = /^rate\((\d+) (minutes?|hours?)\)$/.exec(expression) ?? [];
    expect(Number(amount) * (unit?.startsWith('hour') ? 60 : 1)).toBe(
      REVOCATION_SWEEP_DEFINITION.periodMinutes,
    );
    expect(rules[0]?.Properties?.['State']).toBe('ENABLED');
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [sweepId, 'Arn'] },
    });
  });

  it('gives the function the time a run takes, past its stop margin', () => {
    const fn = resourcesOfType(synth.template, 'AWS::Lambda::Function')[sweepId]?.Properties ?? {};
    expect(fn['Timeout']).toBe(REVOCATION_SWEEP_DEFINITION.timeoutSeconds);
    expect(REVOCATION_SWEEP_DEFINITION.timeoutSeconds).toBeGreaterThan(
      REVOCATION_SWEEP_DEFINITION.stopMarginSeconds * 2,
    );
    // The period is longer than a run: two runs never overlap by schedule.
    expect(REVOCATION_SWEEP_DEFINITION.periodMinutes * 60).toBeGreaterThan(
      REVOCATION_SWEEP_DEFINITION.timeoutSeconds,
    );
  });
});

describe('revocation sweep grants', () => {
  const actions = () => statementsOfFunction(synth, sweepId).flatMap(actionsOf);
  const tokenKey = () => logicalId(synth.stack.vault.tokenKey);

  it('may scan, read and write the table and write the audit trail', () => {
    expect(actions()).toEqual(
      expect.arrayContaining([
        'dynamodb:Scan',
        'dynamodb:BatchGetItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:BatchWriteItem',
        'logs:PutLogEvents',
      ]),
    );
    const scan = statementsOfFunction(synth, sweepId).find((s) => actionsOf(s).includes('dynamodb:Scan'));
    // The table only: no index, no other table.
    expect(scan?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(synth.stack.vault.table), 'Arn'] });
  });

  it('holds nothing that could read or write a token, call Amazon or reach a queue', () => {
    const statements = statementsOfFunction(synth, sweepId);
    for (const statement of statements) expect(refersTo(statement.Resource, tokenKey())).toBe(false);
    const kms = statements.filter((s) => actionsOf(s).some((action) => action.startsWith('kms:')));
    // KMS only through DynamoDB, for the table's own storage key.
    for (const statement of kms) {
      expect(refersTo(statement.Resource, logicalId(synth.stack.vault.storageKey))).toBe(true);
      expect(statement.Condition).toEqual({
        StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' },
      });
    }
    expect(actions().filter((action) => /^(sqs|secretsmanager|cognito-idp|lambda):/.test(action))).toEqual(
      [],
    );
    expect(actions().filter((action) => action.includes('*') && !action.startsWith('xray:'))).toEqual([]);
  });

  it('finds its table and audit log group in the environment, and no key or queue', () => {
    const variables = (
      resourcesOfType(synth.template, 'AWS::Lambda::Function')[sweepId]?.Properties?.['Environment'] as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(variables).toHaveProperty('MINT_HUB_TABLE_NAME');
    expect(variables).toHaveProperty('MINT_HUB_AUDIT_LOG_GROUP');
    expect(variables).not.toHaveProperty('MINT_HUB_TOKEN_KEY_ID');
    expect(variables).not.toHaveProperty('MINT_HUB_REVOCATION_QUEUE_URL');
  });
});

describe('revocation sweep alarms', () => {
  const alarms = () => resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm');
  const alarmOf = (construct: { node: { defaultChild?: unknown } }) => alarms()[logicalId(construct)];
  const topicRef = () => {
    const topics = Object.keys(resourcesOfType(synth.template, 'AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    return { Ref: topics[0] };
  };

  it('raises an alarm as soon as one run swept a store, on the metric the function publishes', () => {
    const alarm = alarmOf(synth.stack.revocationSweep.lostShredAlarm)?.Properties ?? {};
    expect(alarm).toMatchObject({
      Namespace: 'MintHub',
      MetricName: 'StoresSwept',
      Dimensions: [{ Name: 'service', Value: 'RevocationSweep' }],
      Statistic: 'Sum',
      Period: REVOCATION_SWEEP_DEFINITION.periodMinutes * 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicRef()],
    });
    expect(String(alarm['AlarmDescription'])).toContain('RevocationSweepScheduleLostShredAlarm');
  });

  it('raises an alarm when the sweep keeps failing, and when the function errors', () => {
    const failing = alarmOf(synth.stack.revocationSweep.sweepFailingAlarm)?.Properties ?? {};
    expect(failing).toMatchObject({
      MetricName: 'SweepErrors',
      Dimensions: [{ Name: 'service', Value: 'RevocationSweep' }],
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      AlarmActions: [topicRef()],
    });
    const errors = alarmOf(synth.stack.revocationSweep.invocationErrorsAlarm)?.Properties ?? {};
    expect(errors).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: sweepId } }],
      AlarmActions: [topicRef()],
    });
  });
});
