import { STAGES } from '../../bin/stages';
import { parseStageConfig, stageOverrides } from '../../lib/stage-config';

const REAL_IDS = {
  appId: 'amzn1.sp.solution.8c2d6f1e-3b5a-4c7d-9e0f-1a2b3c4d5e6f',
  lwaClientId: 'amzn1.application-oa2-client.4f1c2b3a5d6e7f8091a2b3c4d5e6f708',
};

describe('stage configuration', () => {
  it('dev is valid as it is; prod once its real application ids are set', () => {
    expect(() => parseStageConfig(STAGES['dev'])).not.toThrow();
    expect(() => parseStageConfig({ ...STAGES['prod'], ...REAL_IDS })).not.toThrow();
  });

  it("refuses the placeholder application ids for a live (non-draft) app such as prod's", () => {
    expect(() => parseStageConfig(STAGES['prod'])).toThrow(/appId: is a placeholder[\s\S]*lwaClientId/);
  });

  it('takes -c overrides of every field, also those a stage leaves unset', () => {
    const context: Record<string, string> = {
      alarmEmail: 'ops@example.com',
      account: '123456789012',
      appDraft: 'false',
      dashboardDomain:
        '{"domainName":"ops.example.com","certificateArn":"arn:aws:acm:us-east-1:1:certificate/x"}',
      stage: 'ignored',
    };
    expect(stageOverrides((key) => context[key])).toEqual({
      alarmEmail: 'ops@example.com',
      account: '123456789012',
      appDraft: false,
      dashboardDomain: {
        domainName: 'ops.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
      },
    });
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
