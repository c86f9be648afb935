import { Match } from 'aws-cdk-lib/assertions';
import { RATE_LIMITS } from '../../lib/edge-firewall';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../../shared/observability/powertools';
import {
  distributionConfigOf,
  logicalIdIn,
  resourcesOfType,
  synthesize,
  WITH_DOMAIN,
  type Synthesized,
} from './synth-fixture';

// What sits in front of the functions: CloudFront with its WAF web ACL and response headers, the API's origin
// domain (execute-api disabled), and the alarm on refused store connections.
let plain: Synthesized;
let withDomain: Synthesized;
let withZone: Synthesized;

beforeAll(() => {
  plain = synthesize();
  withDomain = synthesize({ dashboardDomain: WITH_DOMAIN });
  withZone = synthesize({
    dashboardDomain: {
      ...WITH_DOMAIN,
      apiOrigin: {
        ...WITH_DOMAIN.apiOrigin,
        hostedZone: { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' },
      },
    },
  });
});

type Behavior = Record<string, unknown> & { PathPattern?: string; ResponseHeadersPolicyId?: unknown };
type DistributionConfig = {
  CacheBehaviors: Behavior[];
  DefaultCacheBehavior: Behavior;
  Origins: Array<{ Id: string; DomainName: unknown; CustomOriginConfig?: Record<string, unknown> }>;
  WebACLId?: unknown;
};
const distributionConfig = (synth: Synthesized) => distributionConfigOf<DistributionConfig>(synth);
const apiOriginOf = (synth: Synthesized) => {
  const config = distributionConfig(synth);
  const originId = config.CacheBehaviors[0]?.['TargetOriginId'];
  return config.Origins.find((origin) => origin.Id === originId);
};

describe('the API origin domain (execute-api disabled)', () => {
  it('disables the default execute-api endpoint when the stage has a dashboard domain', () => {
    withDomain.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  it('gives the API a regional custom domain with TLS 1.2 and the regional certificate, mapped to its stage', () => {
    const api = withDomain.stack.api;
    withDomain.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: WITH_DOMAIN.apiOrigin.domainName,
      DomainNameConfigurations: [
        Match.objectLike({
          CertificateArn: WITH_DOMAIN.apiOrigin.certificateArn,
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        }),
      ],
    });
    withDomain.template.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: {
        ApiId: { Ref: logicalIdIn(withDomain, api.httpApi) },
        DomainName: { Ref: logicalIdIn(withDomain, api.originDomain!) },
        Stage: '$default',
      },
      DependsOn: [logicalIdIn(withDomain, api.stage)],
    });
  });

  it('sends CloudFront to that domain over TLS 1.2, never to execute-api', () => {
    const origin = apiOriginOf(withDomain);
    expect(origin?.DomainName).toBe(WITH_DOMAIN.apiOrigin.domainName);
    expect(origin?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(distributionConfig(withDomain))).not.toContain('execute-api');
  });

  it('creates the alias record when the stage names its Route 53 zone, and otherwise outputs the CNAME target', () => {
    withZone.template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: `${WITH_DOMAIN.apiOrigin.domainName}.`,
      Type: 'A',
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      AliasTarget: Match.objectLike({
        DNSName: {
          'Fn::GetAtt': [logicalIdIn(withZone, withZone.stack.api.originDomain!), 'RegionalDomainName'],
        },
      }),
    });
    expect(Object.keys(withZone.template.findOutputs('ApiOriginDnsTarget'))).toEqual([]);
    withDomain.template.resourceCountIs('AWS::Route53::RecordSet', 0);
    withDomain.template.hasOutput('ApiOriginDnsTarget', {
      Value: {
        'Fn::GetAtt': [logicalIdIn(withDomain, withDomain.stack.api.originDomain!), 'RegionalDomainName'],
      },
    });
  });

  it('keeps execute-api as the origin for stages without a dashboard domain (no certificate for a custom domain)', () => {
    const api = Object.values(resourcesOfType(plain.template, 'AWS::ApiGatewayV2::Api'))[0];
    expect(api?.Properties?.['DisableExecuteApiEndpoint']).toBe(false);
    plain.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    expect(JSON.stringify(apiOriginOf(plain)?.DomainName)).toContain('ApiEndpoint');
  });
});

describe('WAF rate limits in front of the API', () => {
  type Rule = {
    Name: string;
    Priority: number;
    Action: { Block?: { CustomResponse?: Record<string, unknown> } };
    Statement: { RateBasedStatement: Record<string, unknown> };
  };
  const webAcl = (synth: Synthesized) =>
    Object.entries(resourcesOfType(synth.template, 'AWS::WAFv2::WebACL'))[0] as unknown as [
      string,
      { Properties: { Rules: Rule[] } & Record<string, unknown> },
    ];
  const rule = (name: string) => webAcl(plain)[1].Properties.Rules.find((r) => r.Name === name);
  const startsWith = (prefix: string) => ({
    ByteMatchStatement: {
      FieldToMatch: { UriPath: {} },
      PositionalConstraint: 'STARTS_WITH',
      SearchString: prefix,
      TextTransformations: [{ Priority: 0, Type: 'NORMALIZE_PATH' }],
    },
  });

  it.each([
    ['without', () => plain],
    ['with', () => withDomain],
  ])('associates one CLOUDFRONT web ACL with the distribution %s a dashboard domain', (_label, get) => {
    const synth = get();
    synth.template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const [id, acl] = webAcl(synth);
    expect(acl.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(distributionConfig(synth).WebACLId).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(synth.stack.region).toBe('us-east-1');
  });

  it('limits each caller (its Authorization header) on /api/', () => {
    expect(rule('ApiPerCaller')?.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [
        { Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
      ],
      Limit: RATE_LIMITS.perCaller,
      EvaluationWindowSec: RATE_LIMITS.windowSeconds,
      ScopeDownStatement: startsWith('/api/'),
    });
  });

  it('falls back to the client IP on /api/ and /auth/ (requests without a token, or with made-up ones)', () => {
    expect(rule('ApiAndAuthPerIp')?.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      Limit: RATE_LIMITS.perIp,
      EvaluationWindowSec: RATE_LIMITS.windowSeconds,
      ScopeDownStatement: { OrStatement: { Statements: [startsWith('/api/'), startsWith('/auth/')] } },
    });
    expect(rule('SignInCallbacksPerIp')?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: RATE_LIMITS.signInPerIp,
      ScopeDownStatement: startsWith('/auth/'),
    });
    expect(RATE_LIMITS.perIp).toBeGreaterThan(RATE_LIMITS.perCaller);
  });

  it('answers a throttled request 429 in the API error shape, uncacheable', () => {
    const [, acl] = webAcl(plain);
    for (const r of acl.Properties.Rules) {
      expect(r.Action.Block?.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: 'Throttled',
        ResponseHeaders: expect.arrayContaining([
          { Name: 'cache-control', Value: 'no-store' },
          { Name: 'x-content-type-options', Value: 'nosniff' },
        ]),
      });
    }
    const body = (
      acl.Properties['CustomResponseBodies'] as Record<string, { ContentType: string; Content: string }>
    )['Throttled'];
    expect(body?.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body?.Content ?? '')).toEqual({
      error: { code: 'Throttled', message: expect.any(String) },
    });
  });
});

describe('WAF logs', () => {
  it('logs blocked requests only, without the bearer token, cookies or query strings', () => {
    const [aclId] = Object.keys(resourcesOfType(plain.template, 'AWS::WAFv2::WebACL'));
    const logGroupId = logicalIdIn(plain, plain.stack.firewall.blockedRequests);
    plain.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-MintHub-test',
      RetentionInDays: 90,
    });
    plain.template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
      LogDestinationConfigs: [
        {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':log-group:$'), { Ref: logGroupId }])],
        },
      ],
      RedactedFields: [
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'cookie' } },
        { QueryString: {} },
      ],
      LoggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }],
          },
        ],
      },
    });
  });
});

describe('response headers on the API behaviours', () => {
  const policies = (synth: Synthesized) =>
    resourcesOfType(synth.template, 'AWS::CloudFront::ResponseHeadersPolicy') as unknown as Record<
      string,
      { Properties: { ResponseHeadersPolicyConfig: unknown } }
    >;
  const policyOf = (synth: Synthesized, behavior: Behavior) => {
    const ref = behavior.ResponseHeadersPolicyId as { Ref: string };
    return policies(synth)[ref.Ref]?.Properties.ResponseHeadersPolicyConfig as unknown as {
      CustomHeadersConfig?: { Items: Array<{ Header: string; Value: string; Override: boolean }> };
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
  };

  it.each([
    ['without', () => plain],
    ['with', () => withDomain],
  ])(
    'adds Cache-Control: no-store and nosniff, overriding the origin, on every API path %s a domain',
    (_l, get) => {
      const synth = get();
      const behaviors = distributionConfig(synth).CacheBehaviors;
      expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/auth/*', '/healthz']);
      for (const behavior of behaviors) {
        const policy = policyOf(synth, behavior);
        expect(policy.CustomHeadersConfig?.Items).toContainEqual({
          Header: 'Cache-Control',
          Value: 'no-store',
          Override: true,
        });
        expect(policy.SecurityHeadersConfig['ContentTypeOptions']).toEqual({ Override: true });
        expect(policy.SecurityHeadersConfig['StrictTransportSecurity']).toMatchObject({ Override: true });
        expect(policy.SecurityHeadersConfig['ReferrerPolicy']).toMatchObject({
          ReferrerPolicy: 'no-referrer',
        });
      }
    },
  );

  it('keeps the dashboard files cacheable: the default behaviour has no Cache-Control override', () => {
    const policy = policyOf(plain, distributionConfig(plain).DefaultCacheBehavior);
    expect(policy.CustomHeadersConfig).toBeUndefined();
    expect(JSON.stringify(policy.SecurityHeadersConfig['ContentSecurityPolicy'])).toContain(
      "script-src 'self'",
    );
  });
});

describe('alarm on refused store connections', () => {
  it('alarms when any callback is refused for a store owned by another team (sum >= 1 in 5 minutes)', () => {
    const topics = Object.keys(resourcesOfType(plain.template, 'AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    plain.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'MintHub',
      MetricName: 'StoreConnectRefused',
      Dimensions: [{ Name: 'service', Value: 'OAuthCallback' }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topics[0] }],
    });
  });

  it('alarms on a configuration fault in any function (Metrics Insights over every service)', () => {
    plain.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({
          Expression: 'SELECT SUM(ConfigurationFault) FROM SCHEMA("MintHub", service)',
        }),
      ],
      Threshold: 1,
    });
  });

  it("watches the namespace and dimensions the callback's Powertools metrics are published with", () => {
    // The callback function's own Powertools setup: its POWERTOOLS_SERVICE_NAME from the template, our namespace.
    const callback = Object.values(resourcesOfType(plain.template, 'AWS::Lambda::Function')).find(
      (f) =>
        (f.Properties?.['Environment'] as { Variables?: Record<string, string> })?.Variables?.[
          'POWERTOOLS_SERVICE_NAME'
        ] === 'OAuthCallback',
    );
    expect(callback).toBeDefined();
    process.env['POWERTOOLS_SERVICE_NAME'] = 'OAuthCallback';
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
    delete process.env['POWERTOOLS_SERVICE_NAME'];
    metrics.addMetric('StoreConnectRefused', 'Count', 1);
    const emf = metrics.serializeMetrics() as unknown as {
      _aws: {
        CloudWatchMetrics: Array<{
          Namespace: string;
          Dimensions: string[][];
          Metrics: Array<{ Name: string }>;
        }>;
      };
    } & Record<string, unknown>;
    metrics.clearMetrics();
    const directive = emf._aws.CloudWatchMetrics[0]!;
    const published = Object.fromEntries((directive.Dimensions[0] ?? []).map((name) => [name, emf[name]]));

    const alarm = Object.values(resourcesOfType(plain.template, 'AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties?.['MetricName'] === 'StoreConnectRefused',
    );
    const dimensions = alarm?.Properties?.['Dimensions'] as Array<{ Name: string; Value: string }>;
    expect(directive.Namespace).toBe(alarm?.Properties?.['Namespace']);
    expect(directive.Metrics.map((m) => m.Name)).toEqual(['StoreConnectRefused']);
    expect(Object.fromEntries(dimensions.map((d) => [d.Name, d.Value]))).toEqual(published);
  });
});
