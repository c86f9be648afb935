import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { dashboardContentSecurityPolicy } from '../shared/http/content-security-policy';
import { SITE_ACCESS_LOG_RETENTION_DAYS } from '../shared/storage/retention-periods';

export interface DashboardSiteProps {
  /** Folder of the built dashboard (static files). */
  readonly assetsPath: string;
  /**
   * The HTTP API's URL, served under the same origin: its custom origin domain (`https://api-origin.example.com`)
   * or, for stages without one, its execute-api endpoint (`https://{id}.execute-api.{region}.amazonaws.com`).
   */
  readonly apiEndpoint: string;
  /** API paths routed to the API instead of the bucket (from the route manifest). */
  readonly apiPathPatterns: readonly string[];
  /** A custom domain with its us-east-1 ACM certificate; without it CloudFront's default certificate is used. */
  readonly domain?: { readonly domainName: string; readonly certificateArn: string };
  /** The hosted sign-in origin the dashboard talks to (Cognito). */
  readonly signInOrigin: string;
  /** The WAF web ACL (scope CLOUDFRONT) that rate limits the API paths. */
  readonly webAclArn: string;
}

/**
 * What every answer on the API paths carries, whoever produced it (a function, or API Gateway's own 401, 404 or
 * 413): CloudFront overrides whatever the origin sent. The local gateway adds the same (shared/http/responses.ts).
 */
export const API_RESPONSE_HEADERS = {
  cacheControl: 'no-store',
  /** A JSON API renders nothing: no sources, no framing. */
  contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

/**
 * CloudFront access log fields we keep. Left out on purpose: `cs-uri-query` (OAuth codes and states travel in
 * query strings), `cs(Cookie)` (the OAuth binding cookie) and `cs(Referer)` (may carry Amazon's consent URL).
 */
export const ACCESS_LOG_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'x-edge-request-id',
  'x-edge-result-type',
  'x-edge-response-result-type',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'cs-protocol',
  'cs-protocol-version',
  'sc-status',
  'sc-bytes',
  'time-taken',
  'time-to-first-byte',
  'ssl-protocol',
  'ssl-cipher',
  'cs(User-Agent)',
] as const;

// Unknown paths without a file extension are the app's own routes: serve index.html. A viewer-request function,
// not custom error responses, because those would also replace the API's own 403/404 answers.
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) { request.uri = '/index.html'; }
  return request;
}`;

/**
 * The operators' site: one origin for the dashboard (private S3 bucket through origin access control) and the
 * API (API Gateway, under /api, /auth and /healthz), so there is no CORS, the OAuth binding cookie is first-party,
 * and the CSP can say `connect-src 'self'`. HTTPS only, strict security headers, access logs without query strings.
 * The WAF web ACL (lib/edge-firewall.ts) rate limits the API paths; their answers are never cacheable.
 */
export class DashboardSite extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;
  private readonly assetsPath: string;

  constructor(scope: Construct, id: string, props: DashboardSiteProps) {
    super(scope, id);
    this.assetsPath = props.assetsPath;
    const { region, account } = Stack.of(this);

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(SITE_ACCESS_LOG_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-assets/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Mint Hub: CSP, HSTS, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: dashboardContentSecurityPolicy([props.signInOrigin]),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
        },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: HeadersReferrerPolicy.NO_REFERRER },
        contentTypeOptions: { override: true },
      },
    });

    // Same security headers as the site, plus no caching anywhere (browsers, proxies), with override semantics.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiResponseHeaders', {
      comment: 'Mint Hub API: no-store, nosniff, HSTS, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: API_RESPONSE_HEADERS.contentSecurityPolicy,
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
        },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: HeadersReferrerPolicy.NO_REFERRER },
        contentTypeOptions: { override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cache-Control', value: API_RESPONSE_HEADERS.cacheControl, override: true },
        ],
      },
    });

    // The API's custom domain when the stage has one (execute-api is then disabled), else its execute-api host.
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
    });
    // Never cached; every viewer header (Authorization, cookies) except Host goes to API Gateway.
    const apiBehavior: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Mint Hub Operations: dashboard and API',
      webAclId: props.webAclArn,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaRewrite', {
              code: FunctionCode.fromInline(SPA_REWRITE),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'Serve index.html for the dashboard routes',
            }),
          },
        ],
      },
      additionalBehaviors: Object.fromEntries(props.apiPathPatterns.map((pattern) => [pattern, apiBehavior])),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
          }
        : {}),
    });

    this.addAccessLogs(region, account);
    this.url = props.domain
      ? `https://${props.domain.domainName}`
      : `https://${this.distribution.distributionDomainName}`;
  }

  /** CloudFront standard logging (v2) to S3 with the chosen fields only. */
  private addAccessLogs(region: string, account: string): void {
    const prefix = 'cloudfront';
    this.logBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontAccessLogDelivery',
        principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.logBucket.arnForObjects(`${prefix}/*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:aws:logs:us-east-1:${account}:delivery-source:*` },
        },
      }),
    );
    const source = new CfnDeliverySource(this, 'AccessLogSource', {
      name: `${Stack.of(this).stackName}-cloudfront`.slice(0, 60),
      logType: 'ACCESS_LOGS',
      resourceArn: this.distribution.distributionArn,
    });
    const destination = new CfnDeliveryDestination(this, 'AccessLogDestination', {
      name: `${Stack.of(this).stackName}-cloudfront-s3`.slice(0, 60),
      destinationResourceArn: `${this.logBucket.bucketArn}/${prefix}`,
      outputFormat: 'parquet',
    });
    const delivery = new CfnDelivery(this, 'AccessLogDelivery', {
      deliverySourceName: source.ref,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...ACCESS_LOG_FIELDS],
    });
    delivery.node.addDependency(source);
    if (region !== 'us-east-1') {
      // CloudFront's delivery source exists only in us-east-1; the stack's region must be us-east-1 for it.
      throw new Error('The dashboard site must be deployed in us-east-1 (CloudFront access log delivery).');
    }
  }

  /** Deploys the built dashboard and its runtime configuration, then invalidates the cache. */
  deploy(runtimeConfig: Readonly<Record<string, unknown>>): BucketDeployment {
    return new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(this.assetsPath), Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
  }
}
