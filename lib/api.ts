import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  EndpointType,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { ROUTES, type RouteDefinition, type RouteId } from '../shared/api/routes';
import { API_SCOPE } from '../shared/auth/api-scope';
import { grantCapabilities, type CapabilityResources } from './capabilities';
import { MintHubFunction } from './mint-hub-function';

export interface ApiOriginDomain {
  /** The API's regional custom domain, CloudFront's origin for the API paths. */
  readonly domainName: string;
  /** A regional ACM certificate (the stack's region) for domainName. */
  readonly certificateArn: string;
  /** When given, the alias record to the API's regional endpoint is created in this Route 53 zone. */
  readonly hostedZone?: { readonly hostedZoneId: string; readonly zoneName: string };
}

export interface ApiGatewayProps {
  /**
   * The API's own custom domain. With it the default execute-api endpoint is disabled: the only way in is
   * CloudFront (TLS policy, WAF, response headers). Without it (stages with no certificate) execute-api stays on,
   * because API Gateway then has no other hostname for CloudFront to reach.
   */
  readonly originDomain?: ApiOriginDomain;
}

/**
 * The HTTP API: one `$default` stage with throttling and access logs, and the Cognito JWT authorizer, which
 * requires the API scope (an access token issued for this API) on every JWT route.
 * Browsers reach it through the dashboard's CloudFront origin (same origin, so no CORS is configured).
 * Access logs name the route, never the path or query string: OAuth codes and states travel in query strings.
 */
export class ApiGateway extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The custom domain CloudFront reaches the API at, when the stage has one. */
  readonly originDomain: DomainName | undefined;
  private readonly originDomainName: string | undefined;
  private operatorsAuthorizer: HttpUserPoolAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: ApiGatewayProps = {}) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Mint Hub Operations API',
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.originDomain !== undefined,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userId: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    this.originDomainName = props.originDomain?.domainName;
    this.originDomain = props.originDomain ? this.addOriginDomain(props.originDomain) : undefined;
  }

  private addOriginDomain(origin: ApiOriginDomain): DomainName {
    const domain = new DomainName(this, 'OriginDomain', {
      domainName: origin.domainName,
      certificate: Certificate.fromCertificateArn(this, 'OriginCertificate', origin.certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'OriginMapping', { api: this.httpApi, domainName: domain, stage: this.stage });
    if (origin.hostedZone) {
      new ARecord(this, 'OriginAlias', {
        zone: HostedZone.fromHostedZoneAttributes(this, 'OriginZone', origin.hostedZone),
        recordName: origin.domainName,
        target: RecordTarget.fromAlias(
          new ApiGatewayv2DomainProperties(domain.regionalDomainName, domain.regionalHostedZoneId),
        ),
      });
    }
    return domain;
  }

  /** The Cognito JWT authorizer; set once the user pool exists (it depends on the site's URL). */
  useOperatorsAuthorizer(userPool: IUserPool, dashboardClient: IUserPoolClient): void {
    this.operatorsAuthorizer = new HttpUserPoolAuthorizer('OperatorsAuthorizer', userPool, {
      userPoolClients: [dashboardClient],
    });
  }

  get authorizer(): HttpUserPoolAuthorizer {
    if (this.operatorsAuthorizer === undefined)
      throw new Error('useOperatorsAuthorizer() must be called before adding JWT routes');
    return this.operatorsAuthorizer;
  }

  /** Where CloudFront reaches the API: the custom domain, else the $default stage's execute-api endpoint. */
  get url(): string {
    return this.originDomainName === undefined
      ? this.httpApi.apiEndpoint
      : `https://${this.originDomainName}`;
  }
}

export interface RouteFunctionsProps {
  readonly api: ApiGateway;
  readonly routeIds: readonly RouteId[];
  readonly resources: CapabilityResources;
  /** Non-secret settings every function of these routes receives. */
  readonly environment: Record<string, string>;
}

/**
 * Declares the function of each route (one handler file each, from the manifest), grants exactly the route's
 * capabilities, and adds the route, behind the JWT authorizer unless the manifest says public.
 */
export function addManifestRoutes(
  scope: Construct,
  props: RouteFunctionsProps,
): Record<string, MintHubFunction> {
  const functions: Record<string, MintHubFunction> = {};
  for (const id of props.routeIds) {
    const route: RouteDefinition | undefined = ROUTES.find((candidate) => candidate.id === id);
    if (route === undefined) throw new Error(`Route ${id} is not in the route manifest`);
    const fn = new MintHubFunction(scope, route.id, {
      handler: route.handler,
      description: `${route.method} ${route.path}: ${route.description}`,
      ...(route.timeoutSeconds === undefined ? {} : { timeout: Duration.seconds(route.timeoutSeconds) }),
      environment: props.environment,
    });
    grantCapabilities(fn, route.capabilities, props.resources);
    props.api.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      // Access tokens issued for the API only: an ID token has no `scope` claim and is refused.
      ...(route.auth === 'jwt' ? { authorizer: props.api.authorizer, authorizationScopes: [API_SCOPE] } : {}),
    });
    functions[route.id] = fn;
  }
  return functions;
}
