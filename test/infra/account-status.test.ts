// Account-status subscriptions in the synthesized stack: which functions know the destination, the one new grant
// (the revocation worker reads the LWA client secret, for the grantless deleteSubscriptionById), and the alarm.
import { ENV } from '../../shared/config/settings';
import {
  actionsOf,
  environmentOf,
  functionLogicalId,
  logicalIdIn,
  resourcesOfType,
  statementsOfFunction,
  synthesize,
  type Synthesized,
} from './synth-fixture';

let synth: Synthesized;
const logicalId = (element: { node: { defaultChild?: unknown } }) => logicalIdIn(synth, element);

beforeAll(() => {
  synth = synthesize();
});

const secretReaders = () =>
  Object.keys(resourcesOfType(synth.template, 'AWS::Lambda::Function')).filter((fnId) =>
    statementsOfFunction(synth, fnId).some((statement) =>
      actionsOf(statement).includes('secretsmanager:GetSecretValue'),
    ),
  );

describe('account-status subscriptions', () => {
  it('point the callback, the health check and the worker at the revocation queue as the destination', () => {
    const queueArn = { 'Fn::GetAtt': [logicalId(synth.stack.revocation.queue), 'Arn'] };
    for (const id of ['OAuthCallback', 'AuthorizationHealthCheck', 'RevocationWorker'])
      expect(environmentOf(synth, id)[ENV.accountStatusDestinationArn]).toEqual(queueArn);
    expect(environmentOf(synth, 'GetInventory')[ENV.accountStatusDestinationArn]).toBeUndefined();
  });

  it('let the worker read the LWA client secret (grantless delete), and nothing more on the secret', () => {
    const worker = functionLogicalId(synth, 'RevocationWorker');
    const secretActions = statementsOfFunction(synth, worker)
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')))
      .flatMap(actionsOf);
    expect(secretActions).toEqual(['secretsmanager:GetSecretValue']);
    expect(secretReaders()).toContain(worker);
    // The worker never decrypts a token: it deletes subscriptions by id with a grantless token only.
    expect(
      statementsOfFunction(synth, worker).some(
        (statement) =>
          actionsOf(statement).includes('kms:Decrypt') &&
          JSON.stringify(statement.Resource).includes(logicalId(synth.stack.vault.tokenKey)),
      ),
    ).toBe(false);
  });

  it('alarm when the daily retry still leaves a store unsubscribed, to the alarm topic', () => {
    const alarm = resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm')[
      logicalId(synth.stack.accountStatus.subscriptionPendingAlarm)
    ]?.Properties;
    expect(alarm).toMatchObject({
      MetricName: 'AccountStatusSubscriptionPending',
      Dimensions: [{ Name: 'service', Value: 'AuthorizationHealthCheck' }],
      Threshold: 1,
      Period: 86_400,
    });
    expect(JSON.stringify(alarm?.['AlarmActions'])).toContain('Alarms');
  });
});
