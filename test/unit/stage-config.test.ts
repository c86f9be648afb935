import { STAGES } from '../../bin/stages';
import { parseStageConfig } from '../../lib/stage-config';

describe('stage configuration', () => {
  it.each(Object.keys(STAGES))('stage %s is valid', (name) => {
    expect(() => parseStageConfig(STAGES[name])).not.toThrow();
  });

  it('names every invalid field', () => {
    expect(() =>
      parseStageConfig({
        ...STAGES['dev'],
        region: 'mars',
        cognitoDomainPrefix: 'Has Spaces',
        ordersApiVersion: 'v9',
      }),
    ).toThrow(/region[\s\S]*cognitoDomainPrefix[\s\S]*ordersApiVersion/);
  });

  it('requires a us-east-1 certificate for a custom dashboard domain (CloudFront)', () => {
    expect(() =>
      parseStageConfig({
        ...STAGES['dev'],
        dashboardDomain: {
          domainName: 'ops.example.com',
          certificateArn: 'arn:aws:acm:eu-west-1:1:certificate/x',
        },
      }),
    ).toThrow(/dashboardDomain\.certificateArn/);
  });
});
