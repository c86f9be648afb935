import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { JwtAuthorizer } from '../auth/jwt-authorizer';
import { newRequestId } from './api-gateway-event';
import { rawHttpResponse, readBody, snapshot, writeResponse } from './gateway-exchange';
import {
  gatewayError,
  headerOf,
  jsonResponse,
  redirectResponse,
  type GatewayRequest,
  type GatewayResponse,
} from './gateway-http';
import { matchRoute, type LambdaRoute } from './lambda-routes';
import { invokeRoute } from './route-invocation';
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
 *
 * This module serves and routes; the reading and writing on Node's HTTP are in gateway-exchange.ts, a route's
 * authorizer and invocation in route-invocation.ts.
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
        response: await invokeRoute(current, request, match.route, match.pathParameters, requestId, {
          port,
          log,
        }),
        routeKey: match.route.routeKey,
      };
    }
    if (!isApiPath && (method === 'GET' || method === 'HEAD') && current.staticSite !== undefined) {
      return { response: await current.staticSite.handle(request), staticFile: true };
    }
    return { response: gatewayError(404), routeKey: `${method} (no route)` };
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

/** `localhost`, `127.0.0.1` or `[::1]` at our port; a request without Host (HTTP/1.0) is let through. */
function isLocalHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return true;
  const allowed = ['localhost', '127.0.0.1', '[::1]'].map((name) => `${name}:${port}`);
  return allowed.includes(host.toLowerCase());
}
