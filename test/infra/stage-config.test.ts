import { STAGES } from '../../bin/stages';
import { parseStageConfig } from '../../lib/stage-config';
import { WITH_DOMAIN } from './synth-fixture';

// A dashboard domain brings the API's origin domain, whose regional certificate API Gateway reads from the
// stage's own region only.
describe('stage configuration: the API origin domain', () => {
  const withOrigin = (apiOrigin: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...STAGES['dev'],
    ...extra,
    dashboardDomain: { ...WITH_DOMAIN, apiOrigin: { ...WITH_DOMAIN.apiOrigin, ...apiOrigin } },
  });

  it('accepts a dashboard domain with its API origin, with or without a Route 53 zone', () => {
    expect(() => parseStageConfig(withOrigin({}))).not.toThrow();
    expect(() =>
      parseStageConfig(
        withOrigin({ hostedZone: { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' } }),
      ),
    ).not.toThrow();
  });

  it('requires the API origin with a dashboard domain', () => {
    const { apiOrigin: _apiOrigin, ...dashboardDomain } = WITH_DOMAIN;
    expect(() => parseStageConfig({ ...STAGES['dev'], dashboardDomain })).toThrow(
      /dashboardDomain\.apiOrigin/,
    );
  });

  it("requires the API origin's certificate in the stage's region", () => {
    expect(() =>
      parseStageConfig(withOrigin({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' })),
    ).toThrow(/dashboardDomain\.apiOrigin\.certificateArn: must be an ACM certificate in the stage's region/);
  });

  it("refuses the dashboard's own domain, a non-DNS name and a zone that does not hold the name", () => {
    expect(() => parseStageConfig(withOrigin({ domainName: 'ops.example.com' }))).toThrow(
      /apiOrigin\.domainName: must differ/,
    );
    expect(() => parseStageConfig(withOrigin({ domainName: 'https://api.example.com' }))).toThrow(
      /apiOrigin\.domainName/,
    );
    expect(() =>
      parseStageConfig(
        withOrigin({ hostedZone: { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.org' } }),
      ),
    ).toThrow(/apiOrigin\.hostedZone\.zoneName/);
  });
});
