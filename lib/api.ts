import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, type RouteDefinition, type RouteId } from '../shared/api/routes';
import { grantCapabilities, type CapabilityResources } from './capabilities';
import { MintHubFunction } from './mint-hub-function';

/**
 * The HTTP API: one `$default` stage with throttling and access logs, and the Cognito JWT authorizer.
 * Browsers reach it through the dashboard's CloudFront origin (same origin, so no CORS is configured).
 * Access logs name the route, never the path or query string: OAuth codes and states travel in query strings.
 */
export class ApiGateway extends Construct {
  readonly httpApi: HttpApi;
  readonly accessLogs: LogGroup;
  private operatorsAuthorizer: HttpUserPoolAuthorizer | undefined;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Mint Hub Operations API',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
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

  get url(): string {
    // With no default stage created by the L2, build the $default stage URL from the API endpoint.
    return this.httpApi.apiEndpoint;
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
      ...(route.auth === 'jwt' ? { authorizer: props.api.authorizer } : {}),
    });
    functions[route.id] = fn;
  }
  return functions;
}
