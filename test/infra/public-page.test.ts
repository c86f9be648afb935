import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { API_SCOPE } from '../../shared/auth/api-scope';
import type { PublicPageFacts } from '../../shared/api/public-page-contract';
import { ENV } from '../../shared/config/settings';
import { dashboardContentSecurityPolicy } from '../../shared/http/content-security-policy';
import { buildPublicPageFacts } from '../../shared/public-page/public-facts';
import {
  distributionConfigOf,
  logicalIdIn,
  resourcesOfType,
  synthesize,
  type Synthesized,
} from './synth-fixture';

// The issue "The public SP-API page": the pages are deployed with the dashboard and publicly reachable through
// CloudFront (the SPA's deep-link rewrite, no signed URLs), their facts deployed in config.json from the stage,
// while every /api route still requires a token.

const PUBLIC_PATHS = ['/amazon-sp-api', '/privacy'];

interface Synth extends Synthesized {
  /** The config.json the BucketDeployment uploads, as staged in the cloud assembly. */
  readonly config: Record<string, unknown> & { publicPage: PublicPageFacts };
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
});

function synthesizeWithConfig(overrides: Parameters<typeof synthesize>[0] = {}): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-public-page-'));
  outdirs.push(outdir);
  const synth = synthesize(overrides, { outdir });
  const configs = fs
    .readdirSync(outdir)
    .filter((entry) => entry.startsWith('asset.'))
    .map((entry) => path.join(outdir, entry, 'config.json'))
    .filter((file) => fs.existsSync(file));
  expect(configs).toHaveLength(1);
  return { ...synth, config: JSON.parse(fs.readFileSync(configs[0]!, 'utf8')) as Synth['config'] };
}

let dev: Synth;
beforeAll(() => {
  dev = synthesizeWithConfig();
});

type DistributionConfig = {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Array<Record<string, unknown>>;
  Origins: Array<Record<string, unknown>>;
};
const distributionConfig = (synth: Synthesized) => distributionConfigOf<DistributionConfig>(synth);

/** CloudFront's path pattern match (`*` any run of characters), enough for the patterns of the stack. */
const matchesPattern = (pattern: string, uri: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(uri);

describe('the public pages through CloudFront', () => {
  it('deploys their facts in config.json: every dataset, not live, no contact for the dev stage', () => {
    expect(dev.config.publicPage).toEqual(
      buildPublicPageFacts({ datasets: ['inventory', 'orders', 'ads'], integrationLive: false }),
    );
    expect(dev.config.publicPage.integrationLive).toBe(false);
  });

  it("deploys the stage's live flag, contact and datasets, and gives the functions the same datasets", () => {
    const live = synthesizeWithConfig({
      integrationLive: true,
      contactEmail: 'privacy@example.com',
      datasets: ['inventory', 'orders'],
    });

    expect(live.config.publicPage).toEqual(
      buildPublicPageFacts({
        datasets: ['inventory', 'orders'],
        integrationLive: true,
        contact: { email: 'privacy@example.com' },
      }),
    );
    expect(live.config.publicPage.access.map((access) => access.dataset)).toEqual(['inventory', 'orders']);
    const functions = Object.values(resourcesOfType(live.template, 'AWS::Lambda::Function')).filter(
      (fn) =>
        (fn.Properties?.['Environment'] as { Variables?: Record<string, unknown> })?.Variables?.[ENV.appId],
    );
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) {
      const variables = (fn.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(variables[ENV.datasets]).toBe('inventory,orders');
    }
    // Without the stage setting the functions serve every dataset (unset is the default), as the page says.
    for (const fn of Object.values(resourcesOfType(dev.template, 'AWS::Lambda::Function'))) {
      const variables = (fn.Properties?.['Environment'] as { Variables?: Record<string, unknown> })
        ?.Variables;
      expect([undefined, 'inventory,orders,ads']).toContain(variables?.[ENV.datasets]);
    }
  });

  it('serves them from the public bucket origin, rewritten to the SPA, with the dashboard’s CSP', () => {
    const config = distributionConfig(dev);
    // No API behavior catches the public paths: the default behavior serves them.
    for (const uri of PUBLIC_PATHS) {
      expect(config.CacheBehaviors.filter((b) => matchesPattern(String(b['PathPattern']), uri))).toEqual([]);
    }
    const defaults = config.DefaultCacheBehavior;
    const bucketOrigin = config.Origins.find((origin) => origin['Id'] === defaults['TargetOriginId']);
    expect(bucketOrigin?.['S3OriginConfig']).toBeDefined();
    expect(bucketOrigin?.['OriginAccessControlId']).toBeDefined();
    // Public: no signed URLs or cookies, and no viewer authentication anywhere on the way.
    expect(defaults['TrustedKeyGroups']).toBeUndefined();
    expect(defaults['TrustedSigners']).toBeUndefined();
    expect(defaults['ViewerProtocolPolicy']).toBe('redirect-to-https');

    // The viewer-request function, run as CloudFront runs it: the public paths get index.html, files stay files.
    const associations = defaults['FunctionAssociations'] as Array<{
      EventType: string;
      FunctionARN: unknown;
    }>;
    expect(associations.map((association) => association.EventType)).toEqual(['viewer-request']);
    const functions = resourcesOfType(dev.template, 'AWS::CloudFront::Function');
    const [rewriteId] = Object.keys(functions);
    expect(JSON.stringify(associations[0]?.FunctionARN)).toContain(`"${rewriteId}"`);
    const code = String(functions[rewriteId!]?.Properties?.['FunctionCode']);
    const handler = new Function(`${code}; return handler;`)() as (event: { request: { uri: string } }) => {
      uri: string;
    };
    for (const uri of [...PUBLIC_PATHS, '/amazon-sp-api/']) {
      expect(handler({ request: { uri } }).uri).toBe('/index.html');
    }
    expect(handler({ request: { uri: '/config.json' } }).uri).toBe('/config.json');
    expect(handler({ request: { uri: '/assets/index-abc123.js' } }).uri).toBe('/assets/index-abc123.js');

    const policies = resourcesOfType(dev.template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const policyId = (defaults['ResponseHeadersPolicyId'] as { Ref: string }).Ref;
    const headers = (
      policies[policyId]?.Properties?.['ResponseHeadersPolicyConfig'] as {
        SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
      }
    ).SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      dashboardContentSecurityPolicy(['https://mint-hub-dev-ops.auth.us-east-1.amazoncognito.com']),
    );
  });

  it('keeps /api/* behind the API origin, where every route requires a token', () => {
    const config = distributionConfig(dev);
    const api = config.CacheBehaviors.find((behavior) => behavior['PathPattern'] === '/api/*');
    expect(api?.['TargetOriginId']).not.toBe(config.DefaultCacheBehavior['TargetOriginId']);
    expect(api?.['FunctionAssociations']).toBeUndefined();

    const routes = Object.values(resourcesOfType(dev.template, 'AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties ?? {},
    );
    const apiRoutes = routes.filter((route) => String(route['RouteKey']).split(' ')[1]?.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(5);
    for (const route of apiRoutes) {
      expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [API_SCOPE] });
    }
    // Nothing answers a public page path on the API (no route, no catch-all).
    expect(routes.filter((route) => /\$default|\/\{proxy\+\}$/.test(String(route['RouteKey'])))).toEqual([]);
    expect(
      routes.filter((route) => PUBLIC_PATHS.some((uri) => String(route['RouteKey']).endsWith(` ${uri}`))),
    ).toEqual([]);
  });

  it('states the retention the stack applies', () => {
    const { retention } = dev.config.publicPage;
    const logGroups = resourcesOfType(dev.template, 'AWS::Logs::LogGroup');
    expect(logGroups[logicalIdIn(dev, dev.stack.audit.logGroup)]?.Properties?.['RetentionInDays']).toBe(
      retention.auditLogDays,
    );

    const queues = resourcesOfType(dev.template, 'AWS::SQS::Queue');
    expect(queues[logicalIdIn(dev, dev.stack.revocation.queue)]?.Properties?.['MessageRetentionPeriod']).toBe(
      retention.revocationQueueDays * 86_400,
    );
    expect(
      queues[logicalIdIn(dev, dev.stack.revocation.deadLetterQueue)]?.Properties?.['MessageRetentionPeriod'],
    ).toBe(retention.deadLetterQueueDays * 86_400);

    const logBucket = resourcesOfType(dev.template, 'AWS::S3::Bucket')[
      logicalIdIn(dev, dev.stack.site.logBucket)
    ];
    expect(logBucket?.Properties?.['LifecycleConfiguration']).toEqual({
      Rules: [{ ExpirationInDays: retention.siteAccessLogDays, Status: 'Enabled' }],
    });
  });
});
