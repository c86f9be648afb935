import { App, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { EncryptedWorkQueue } from '../../lib/encrypted-work-queue';
import { synthesize } from './synth-fixture';

const DAY_SECONDS = 86_400;
const SQS_DEFAULT_RETENTION_SECONDS = 4 * DAY_SECONDS;

type Resource = { Type: string; Properties?: Record<string, unknown> };

// Every queue with a redrive policy, and the DLQ it names. A message's expiry counts from when it first entered
// the source queue, even in the DLQ: a DLQ that keeps messages no longer than its source can drop one the moment
// it lands, so each DLQ must keep them at least 14 days and longer than its source.
const synth = synthesize();

describe('dead-letter queues', () => {
  const resources = synth.template.toJSON().Resources as Record<string, Resource>;
  const retention = (resource: Resource | undefined) =>
    Number(resource?.Properties?.['MessageRetentionPeriod'] ?? SQS_DEFAULT_RETENTION_SECONDS);
  const pairs = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue' && resource.Properties?.['RedrivePolicy'])
    .map(([id, source]) => {
      const target = (
        source.Properties?.['RedrivePolicy'] as { deadLetterTargetArn: { 'Fn::GetAtt': string[] } }
      ).deadLetterTargetArn['Fn::GetAtt'][0];
      return { id, source, deadLetters: target === undefined ? undefined : resources[target] };
    });

  it('exist for the revocation queue at least', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(1);
    for (const { deadLetters } of pairs) expect(deadLetters?.Type).toBe('AWS::SQS::Queue');
  });

  it('keep messages at least 14 days, and longer than their source queue', () => {
    const shortLived = pairs
      .filter(
        ({ source, deadLetters }) =>
          retention(deadLetters) < 14 * DAY_SECONDS || retention(deadLetters) <= retention(source),
      )
      .map(({ id, source, deadLetters }) => ({
        id,
        source: retention(source),
        deadLetters: retention(deadLetters),
      }));
    expect(shortLived).toEqual([]);
  });
});

describe('EncryptedWorkQueue', () => {
  const definition = {
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
  };
  const build = (override: Partial<typeof definition>) =>
    new EncryptedWorkQueue(new Stack(new App()), 'Work', {
      definition: { ...definition, ...override },
      keyDescription: 'test',
      deadLetterAlarmDescription: 'test',
    });

  it('builds every queue of the stack (one construct holds the retention rule)', () => {
    const queues = synth.stack.node.findAll().filter((construct) => construct instanceof Queue);
    expect(queues.length).toBeGreaterThanOrEqual(6);
    const outside = queues
      .filter((queue) => !(queue.node.scope instanceof EncryptedWorkQueue))
      .map((q) => q.node.path);
    expect(outside).toEqual([]);
  });

  it('refuses a DLQ that keeps messages under 14 days or no longer than its queue', () => {
    expect(() => build({})).not.toThrow();
    expect(() => build({ deadLetterRetentionDays: 13 })).toThrow(
      /deadLetterRetentionDays \(13\) must be at least 14/,
    );
    expect(() => build({ retentionDays: 14 })).toThrow(/longer than retentionDays \(14\)/);
  });
});
