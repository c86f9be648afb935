import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeWithNag } from './synth-fixture';

const withDomain = {
  dashboardDomain: {
    domainName: 'ops.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    apiOrigin: {
      domainName: 'api-origin.ops.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def',
    },
  },
};
const withDomainAndZone = {
  dashboardDomain: {
    ...withDomain.dashboardDomain,
    apiOrigin: {
      ...withDomain.dashboardDomain.apiOrigin,
      hostedZone: { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' },
    },
  },
};

function inTempDir<T>(run: (outdir: string) => T): T {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-nag-'));
  try {
    return run(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['without a custom dashboard domain', {}],
    ['with a custom dashboard domain', withDomain],
    ['with a custom dashboard domain whose API origin record is in Route 53', withDomainAndZone],
  ])('has zero unacknowledged findings %s', (_label, overrides) => {
    inTempDir((outdir) => {
      const { app } = synthesizeWithNag(overrides, outdir);
      expect(() => app.synth()).not.toThrow();
    });
  });

  it('is live: a finding nobody acknowledged fails synth', () => {
    inTempDir((outdir) => {
      const { app, stack } = synthesizeWithNag({}, outdir);
      new Queue(stack, 'UnencryptedOnPurpose', { encryption: QueueEncryption.UNENCRYPTED });
      expect(() => app.synth()).toThrow();
      const report = fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8');
      expect(report).toMatch(/AwsSolutions-SQS/);
      expect(report).toContain('UnencryptedOnPurpose');
    });
  });
});
