import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from '../../shared/http/responses';
import type { JwtAuthorizer } from '../auth/jwt-authorizer';
import { invokeLambda, ROUTE_FUNCTION_TIMEOUT_MS } from '../runtime/lambda-invocation';
import { buildHttpApiEvent, newRequestId } from './api-gateway-event';
import {
  gatewayError,
  headerOf,
  jsonResponse,
  redirectResponse,
  splitRawUrl,
  type GatewayRequest,
  type GatewayResponse,
} from './gateway-http';
import { matchRoute, type LambdaRoute } from './lambda-routes';
import { toGatewayResponse } from './lambda-response';
import type { StaticSite } from './static-files';

/**
 * The local API Gateway: one HTTP server on 127.0.0.1 that does at the edges what an HTTP API does (routing by
 * the manifest, the JWT authorizer, the payload 2.0 event, the 10 MB payload limit, its own error bodies and
 * timeouts) and calls the route's handler in this process. It also serves the local sign-in (`/local/*`) and,
 * for other GET requests, the dashboard, so everything shares one origin as `http://localhost:PORT` (a page
 * asked for at `127.0.0.1:PORT` or `[::1]:PORT` is redirected there first).
 *
 * It logs one line per API request (method, route, status, time), never a path's query string, a header, a
 * cookie or a body.
 *
 * Every answer that is not a dashboard file carries SECURITY_HEADERS (no-store, nosniff, no referrer), over
 * whatever a handler set: what CloudFront's API response headers policy does in AWS (lib/dashboard-site.ts),
 * including for the gateway's own 401/403/404/413/431/500/503 answers and HEAD requests.
 */
export interface GatewayApp {
  readonly routes: readonly LambdaRoute[];
  readonly authorizer: JwtAuthorizer;
  /** Answers `/local/*`; undefined means "no such endpoint". */
  readonly localEndpoints?: (request: GatewayRequest) => Promise<GatewayResponse | undefined>;
  readonly staticSite?: StaticSite;
  /** Lambda's function timeout: past it the invocation fails and API Gateway answers 500. @default 10 s */
  readonly functionTimeoutMs?: number;
  /** API Gateway's integration timeout: past it the client gets 503. @default 29 s */
  readonly integrationTimeoutMs?: number;
  /**
   * What the workspace is still doing before it is usable (seeding the demo stores), or undefined once it is:
   * until then `/healthz` answers 503 `{"status":"starting"}`, so "healthy" means ready to use.
   */
  readonly startingUp?: () => string | undefined;
}

export interface LocalGatewayOptions {
  /** 0 picks a free port. @default 3000 */
  readonly port?: number;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

export interface LocalGateway {
  readonly port: number;
  /** `http://localhost:PORT` */
  readonly url: string;
  /** Starts answering with the app; until then every request gets 503 (the port is taken early, see start). */
  serve(app: GatewayApp): void;
  close(): Promise<void>;
}

export const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;
/** Paths API Gateway owns; the dashboard never answers them. */
const API_PREFIXES = ['/api/', '/auth/', '/local/'];
const API_PATHS = new Set(['/api', '/auth', '/local', '/healthz']);

export async function startLocalGateway(options: LocalGatewayOptions = {}): Promise<LocalGateway> {
  const log = options.log ?? ((line: string) => console.log(line));
  let app: GatewayApp | undefined;
  let port = 0;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`[gateway] internal error: ${error instanceof Error ? error.message : 'unknown'}`);
      if (!response.headersSent)
        writeResponse(response, 'GET', gatewayError(500), newRequestId(), { securityHeaders: true });
      else response.destroy();
    });
  });
  // Defaults suit a dev server: keep-alive on, and no idle timeout that would cut a long-running handler short.
  server.requestTimeout = 0;
  // Requests Node refuses before any handler sees them (headers over its limit, malformed HTTP): answered here,
  // with the same headers as every other gateway answer, instead of Node's bare default.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = gatewayError(error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400);
    socket.end(rawHttpResponse(answer), () => socket.destroy());
  });

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const method = incoming.method ?? 'GET';
    const gatewayAnswer = { securityHeaders: true };
    if (!isLocalHost(headerOf({ rawHeaders: incoming.rawHeaders }, 'host'), port)) {
      // A page on another site that rebinds its DNS name to 127.0.0.1 must not reach the local sign-in.
      incoming.resume();
      return writeResponse(response, method, gatewayError(403), requestId, gatewayAnswer);
    }
    const body = await readBody(incoming);
    if (body === 'too-large') {
      response.setHeader('connection', 'close');
      writeResponse(response, method, gatewayError(413), requestId, gatewayAnswer);
      return;
    }
    const request = snapshot(incoming, body);
    if (app === undefined)
      return writeResponse(response, method, gatewayError(503), requestId, gatewayAnswer);
    const started = Date.now();
    const { response: answer, routeKey, staticFile } = await dispatch(app, request, requestId);
    // Dashboard files keep the site's own headers (and caching); everything else is an API answer.
    writeResponse(response, method, answer, routeKey === undefined ? undefined : requestId, {
      securityHeaders: staticFile !== true,
    });
    if (routeKey !== undefined)
      log(`[gateway] ${routeKey} → ${answer.statusCode} (${Date.now() - started} ms)`);
  }

  async function dispatch(
    current: GatewayApp,
    request: GatewayRequest,
    requestId: string,
  ): Promise<{ response: GatewayResponse; routeKey?: string; staticFile?: true }> {
    const { method, rawPath } = request;
    const isApiPath = API_PATHS.has(rawPath) || API_PREFIXES.some((prefix) => rawPath.startsWith(prefix));
    // A page opened at 127.0.0.1 or [::1] goes to the canonical origin before anything runs there: the sign-in's
    // issuer and redirect URI are on localhost, and the page's CSP (`connect-src 'self'`) would block them.
    if (!isApiPath && (method === 'GET' || method === 'HEAD')) {
      const host = headerOf(request, 'host')?.toLowerCase();
      if (host !== undefined && host !== `localhost:${port}`)
        return { response: redirectResponse(`http://localhost:${port}${request.rawUrl}`) };
    }
    if (rawPath === '/healthz' && method === 'GET') {
      const starting = current.startingUp?.();
      if (starting !== undefined)
        return {
          response: jsonResponse(503, { status: 'starting', detail: starting }, { 'retry-after': '1' }),
          routeKey: 'GET /healthz',
        };
    }
    if (rawPath === '/local' || rawPath.startsWith('/local/')) {
      const answer = await current.localEndpoints?.(request);
      return { response: answer ?? gatewayError(404), routeKey: `${method} ${rawPath}` };
    }
    const match = matchRoute(current.routes, method, rawPath);
    if (match.kind === 'route') {
      return {
        response: await invokeRoute(current, request, match.route, match.pathParameters, requestId),
        routeKey: match.route.routeKey,
      };
    }
    if (!isApiPath && (method === 'GET' || method === 'HEAD') && current.staticSite !== undefined) {
      return { response: await current.staticSite.handle(request), staticFile: true };
    }
    return { response: gatewayError(404), routeKey: `${method} (no route)` };
  }

  async function invokeRoute(
    current: GatewayApp,
    request: GatewayRequest,
    route: LambdaRoute,
    pathParameters: Record<string, string>,
    requestId: string,
  ): Promise<GatewayResponse> {
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

  const wantedPort = options.port ?? 3000;
  port = await new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${wantedPort} on 127.0.0.1 is in use: stop what uses it, or set PORT (PORT=0 picks a free one)`,
            )
          : error,
      );
    server.once('error', onError);
    server.listen(wantedPort, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });

  return {
    port,
    url: `http://localhost:${port}`,
    serve(next) {
      app = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function raceIntegrationTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | 'integration-timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'integration-timeout'>((resolve) => {
    timer = setTimeout(() => resolve('integration-timeout'), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `localhost`, `127.0.0.1` or `[::1]` at our port; a request without Host (HTTP/1.0) is let through. */
function isLocalHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return true;
  const allowed = ['localhost', '127.0.0.1', '[::1]'].map((name) => `${name}:${port}`);
  return allowed.includes(host.toLowerCase());
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > PAYLOAD_LIMIT_BYTES) {
    request.resume(); // discard what comes, answer at once
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PAYLOAD_LIMIT_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function snapshot(request: IncomingMessage, body: Buffer): GatewayRequest {
  const rawUrl = request.url ?? '/';
  const { rawPath, rawQueryString } = splitRawUrl(rawUrl);
  return {
    method: request.method ?? 'GET',
    rawUrl,
    rawPath,
    rawQueryString,
    rawHeaders: request.rawHeaders,
    body,
    sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    httpVersion: request.httpVersion,
    receivedAt: new Date(),
  };
}

function writeResponse(
  response: ServerResponse,
  method: string,
  answer: GatewayResponse,
  apiRequestId: string | undefined,
  options: { securityHeaders: boolean },
): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  for (const [name, value] of Object.entries(answer.headers)) {
    response.setHeader(name, typeof value === 'string' ? value : [...value]);
  }
  // Override semantics, as CloudFront's response headers policy: set after, and over, the answer's own.
  if (options.securityHeaders) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  }
  // Every answer of an HTTP API carries its request id.
  if (apiRequestId !== undefined) response.setHeader('apigw-requestid', apiRequestId);
  response.setHeader('content-length', body.length);
  response.writeHead(answer.statusCode);
  response.end(method === 'HEAD' ? undefined : body);
}

/** A whole HTTP/1.1 response as bytes, for a socket Node's parser gave up on (the connection then closes). */
function rawHttpResponse(answer: GatewayResponse): string {
  const body = typeof answer.body === 'string' ? answer.body : answer.body.toString('utf8');
  const headers: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : value.join(', '),
      ]),
    ),
    ...SECURITY_HEADERS,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
