import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests per caller, per IP and per IP on the sign-in callbacks, in each rolling window. */
export const RATE_LIMITS = {
  /** One signed-in caller (one bearer token) on `/api/`: a busy dashboard stays far below it. */
  perCaller: 600,
  /** One client IP on `/api/` and `/auth/`: several operators behind one office NAT, and tokens rotated on purpose. */
  perIp: 3000,
  /** One client IP on `/auth/` (Amazon's redirects to the Login URI and the OAuth callbacks): a handful per consent. */
  signInPerIp: 100,
  windowSeconds: 300,
} as const;

export const THROTTLED_BODY_KEY = 'Throttled';

const IDENTITY = [{ priority: 0, type: 'NONE' }];
// Counts `//api/…` and `/./api/…` too: normalising can only make the rules count more requests, never fewer.
const NORMALIZED_PATH = [{ priority: 0, type: 'NORMALIZE_PATH' }];

const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: NORMALIZED_PATH,
  },
});

/**
 * The WAF web ACL in front of the distribution (scope CLOUDFRONT, so the stack is in us-east-1): per-caller rate
 * limiting of the API. Rate-based rules skip a request that lacks an aggregation key, so the per-caller rule
 * (keyed on the Authorization header) has a per-IP fallback that also catches callers rotating made-up tokens.
 * Blocked requests get a 429 in the API's error shape, uncacheable. Everything else is allowed; the dashboard's
 * static files are not rate limited. Blocked requests only are logged, without the bearer token, cookies or
 * query string (OAuth codes and states travel there).
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly blockedRequests: LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const metricPrefix = Stack.of(this).stackName.replace(/[^A-Za-z0-9-]/g, '');

    const throttled: CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: THROTTLED_BODY_KEY,
          responseHeaders: [
            { name: 'cache-control', value: 'no-store' },
            { name: 'x-content-type-options', value: 'nosniff' },
            { name: 'retry-after', value: String(RATE_LIMITS.windowSeconds) },
          ],
        },
      },
    };
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-${name}`,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Mint Hub Operations: per-caller rate limits on /api/ and /auth/',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      customResponseBodies: {
        [THROTTLED_BODY_KEY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: { code: 'Throttled', message: 'Too many requests. Wait a few minutes, then try again.' },
          }),
        },
      },
      rules: [
        {
          name: 'SignInCallbacksPerIp',
          priority: 0,
          action: throttled,
          visibilityConfig: visibility('SignInCallbacksPerIp'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: RATE_LIMITS.signInPerIp,
              evaluationWindowSec: RATE_LIMITS.windowSeconds,
              scopeDownStatement: pathStartsWith('/auth/'),
            },
          },
        },
        {
          name: 'ApiPerCaller',
          priority: 1,
          action: throttled,
          visibilityConfig: visibility('ApiPerCaller'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [{ header: { name: 'authorization', textTransformations: IDENTITY } }],
              limit: RATE_LIMITS.perCaller,
              evaluationWindowSec: RATE_LIMITS.windowSeconds,
              scopeDownStatement: pathStartsWith('/api/'),
            },
          },
        },
        {
          name: 'ApiAndAuthPerIp',
          priority: 2,
          action: throttled,
          visibilityConfig: visibility('ApiAndAuthPerIp'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: RATE_LIMITS.perIp,
              evaluationWindowSec: RATE_LIMITS.windowSeconds,
              scopeDownStatement: {
                orStatement: { statements: [pathStartsWith('/api/'), pathStartsWith('/auth/')] },
              },
            },
          },
        },
      ],
    });

    // WAF delivers only to log groups whose name starts with aws-waf-logs-.
    this.blockedRequests = new LogGroup(this, 'BlockedRequests', {
      logGroupName: `aws-waf-logs-${Stack.of(this).stackName}`,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the `:*` that its Arn attribute ends with: WAF refuses that form.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.blockedRequests.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'cookie' } },
        { queryString: {} },
      ],
      loggingFilter: {
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
  }

  get webAclArn(): string {
    return this.webAcl.attrArn;
  }
}
