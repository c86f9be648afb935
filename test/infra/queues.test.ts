import { synthesize } from './synth-fixture';

const DAY_SECONDS = 86_400;
const SQS_DEFAULT_RETENTION_SECONDS = 4 * DAY_SECONDS;

type Resource = { Type: string; Properties?: Record<string, unknown> };

// Every queue with a redrive policy, and the DLQ it names. A message's expiry counts from when it first entered
// the source queue, even in the DLQ: a DLQ that keeps messages no longer than its source can drop one the moment
// it lands, so each DLQ must keep them at least 14 days and longer than its source.
describe('dead-letter queues', () => {
  const resources = synthesize().template.toJSON().Resources as Record<string, Resource>;
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
