import type { JwtAuthorizer } from '../auth/jwt-authorizer';
import { invokeLambda, ROUTE_FUNCTION_TIMEOUT_MS } from '../runtime/lambda-invocation';
import { buildHttpApiEvent } from './api-gateway-event';
import { gatewayError, headerOf, type GatewayRequest, type GatewayResponse } from './gateway-http';
import type { LambdaRoute } from './lambda-routes';
import { toGatewayResponse } from './lambda-response';

// What the local gateway does for a request that matched a route, as an HTTP API integration does: the JWT
// authorizer (401, or 403 for a token without the route's scope), the function's init, the payload 2.0 event,
// the function timeout (500) and the integration timeout (503), and the handler's answer. It logs what the Lambda
// runtime would (init failures, timeouts, an unhandled error's type and message), never the event.

const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

/** The parts of the gateway's app an invocation reads (server.ts, GatewayApp). */
export interface RouteInvocationSettings {
  readonly authorizer: JwtAuthorizer;
  /** Lambda's function timeout: past it the invocation fails and API Gateway answers 500. @default 10 s */
  readonly functionTimeoutMs?: number;
  /** API Gateway's integration timeout: past it the client gets 503. @default 29 s */
  readonly integrationTimeoutMs?: number;
}

export async function invokeRoute(
  current: RouteInvocationSettings,
  request: GatewayRequest,
  route: LambdaRoute,
  pathParameters: Record<string, string>,
  requestId: string,
  gateway: { readonly port: number; readonly log: (line: string) => void },
): Promise<GatewayResponse> {
  const { port, log } = gateway;
  let claims;
  let scopes: readonly string[] | undefined;
  if (route.definition.auth === 'jwt') {
    const decision = await current.authorizer(headerOf(request, 'authorization'));
    if (!decision.authorized && decision.reason === 'insufficient-scope') {
      // A valid token without the route's scope (an ID token, or one not issued for the API): 403, as RFC 6750.
      return gatewayError(403, {
        'www-authenticate': `Bearer scope="${decision.requiredScopes.join(' ')}" error="insufficient_scope" error_description="the token does not have the required scope"`,
      });
    }
    if (!decision.authorized) {
      return gatewayError(401, {
        'www-authenticate':
          decision.reason === 'missing-token'
            ? 'Bearer'
            : `Bearer scope="" error="invalid_token" error_description="${decision.reason === 'expired-token' ? 'the token has expired' : 'the token is invalid'}"`,
      });
    }
    claims = decision.claims;
    scopes = decision.scopes;
  }
  let handler;
  try {
    handler = await route.load();
  } catch (error) {
    // Lambda reports an init failure (Runtime.ImportModuleError, a missing setting) as a failed invocation.
    log(
      `[lambda] ${route.functionName} failed to initialise: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
    return gatewayError(500);
  }
  const event = buildHttpApiEvent(request, {
    routeKey: route.routeKey,
    pathParameters,
    ...(claims === undefined ? {} : { claims }),
    ...(scopes === undefined ? {} : { scopes }),
    requestId,
    port,
  });
  // The route's own timeout from the manifest (as the stack sets it), unless a test overrides it.
  const functionTimeoutMs =
    current.functionTimeoutMs ??
    (route.definition.timeoutSeconds === undefined
      ? ROUTE_FUNCTION_TIMEOUT_MS
      : route.definition.timeoutSeconds * 1000);
  const integrationTimeoutMs = current.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
  const outcome = await raceIntegrationTimeout(
    invokeLambda(handler, event, { functionName: route.functionName, timeoutMs: functionTimeoutMs }),
    integrationTimeoutMs,
  );
  if (outcome === 'integration-timeout') return gatewayError(503);
  if (outcome.kind === 'timeout') {
    log(
      `[lambda] ${route.functionName}: Task timed out after ${(functionTimeoutMs / 1000).toFixed(2)} seconds`,
    );
    return gatewayError(500);
  }
  if (outcome.kind === 'error') {
    // What the Lambda runtime would log for an unhandled error: its type and message, never the event.
    const error = outcome.error;
    log(
      `[lambda] ${route.functionName}: unhandled ${error instanceof Error ? `${error.name}: ${error.message}` : 'error'}`,
    );
    return gatewayError(500);
  }
  return toGatewayResponse(outcome.result);
}

function raceIntegrationTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | 'integration-timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'integration-timeout'>((resolve) => {
    timer = setTimeout(() => resolve('integration-timeout'), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
