import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOfType, synthesize, type Synthesized } from './synth-fixture';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});

// Metrics any function may publish, each summed over every function (service) by one alarm on the alarm topic.
describe.each(['AuditWriteFailed', 'RevocationQueueSendFailed', 'ConfigurationFault'])(
  'the %s alarm',
  (metricName) => {
    it('sums the metric over every function in 5 minutes, alarms at 1, notifies the alarm topic', () => {
      const [topic] = Object.keys(resourcesOfType(synth.template, 'AWS::SNS::Topic'));
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          Match.objectLike({
            Expression: `SELECT SUM(${metricName}) FROM SCHEMA("MintHub", service)`,
            Period: 300,
          }),
        ],
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topic }],
      });
    });
  },
);
