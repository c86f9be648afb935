// Shared helpers for the local runtime's tests: a gateway on a free port with its own temp data folder, fake
// handler modules (so a test can see whether and how a handler was called), and raw HTTP for what fetch would
// normalise away (path traversal, duplicate headers).
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { RouteDefinition } from '../../../shared/api/routes';
import { createJwtAuthorizer } from '../../../local/auth/jwt-authorizer';
import {
  createLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../../../local/auth/local-identity-provider';
import { LOCAL_CLIENT_ID } from '../../../local/auth/local-tokens';
import { loadOrCreateSigningKey, type SigningKey } from '../../../local/auth/signing-key';
import {
  createLambdaRoutes,
  importHandlerModule,
  type ModuleLoader,
} from '../../../local/gateway/lambda-routes';
import { startLocalGateway, type GatewayApp, type LocalGateway } from '../../../local/gateway/server';
import { createStaticSite } from '../../../local/gateway/static-files';

export interface TestGateway {
  gateway: LocalGateway;
  url: string;
  port: number;
  dataDir: string;
  signingKey: SigningKey;
  identity: LocalIdentityProvider;
  logLines: string[];
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  routes?: readonly RouteDefinition[];
  /** Handler modules by the manifest's handler path; paths not listed load the real module. */
  modules?: Record<string, { handler: unknown }>;
  staticRoots?: string[];
  runtimeConfig?: Record<string, string>;
  functionTimeoutMs?: number;
  integrationTimeoutMs?: number;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mint-hub-gateway-'));
  const logLines: string[] = [];
  const gateway = await startLocalGateway({ port: 0, log: (line) => logLines.push(line) });
  const signingKey = await loadOrCreateSigningKey(path.join(dataDir, 'local-signing-key.json'));
  const identity = createLocalIdentityProvider({ baseUrl: gateway.url, signingKey });
  const loader: ModuleLoader = async (handlerPath) =>
    options.modules?.[handlerPath] ?? importHandlerModule(handlerPath);
  const app: GatewayApp = {
    routes: createLambdaRoutes(options.routes, loader),
    authorizer: createJwtAuthorizer({
      issuer: identity.issuer,
      audience: [LOCAL_CLIENT_ID],
      jwks: signingKey.jwks,
    }),
    localEndpoints: (request) => identity.handle(request),
    ...(options.staticRoots === undefined
      ? {}
      : {
          staticSite: createStaticSite({
            roots: options.staticRoots,
            runtimeConfig: options.runtimeConfig ?? { auth: 'local' },
          }),
        }),
    ...(options.functionTimeoutMs === undefined ? {} : { functionTimeoutMs: options.functionTimeoutMs }),
    ...(options.integrationTimeoutMs === undefined
      ? {}
      : { integrationTimeoutMs: options.integrationTimeoutMs }),
  };
  gateway.serve(app);
  return {
    gateway,
    url: gateway.url,
    port: gateway.port,
    dataDir,
    signingKey,
    identity,
    logLines,
    close: async () => {
      await gateway.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A route definition for a fake handler, shaped like the manifest's. */
export function testRoute(
  id: string,
  method: RouteDefinition['method'],
  routePath: string,
  auth: RouteDefinition['auth'],
): RouteDefinition {
  return { id, method, path: routePath, auth, handler: `test/${id}`, capabilities: [], description: id };
}

/** Signs a token with the gateway's key (or another one), Cognito-access-token-shaped unless overridden. */
export async function signToken(
  testGateway: Pick<TestGateway, 'signingKey' | 'identity'>,
  overrides: JWTPayload = {},
  options: { foreignKey?: boolean; omit?: string[] } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    sub: '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02',
    iss: testGateway.identity.issuer,
    client_id: LOCAL_CLIENT_ID,
    token_use: 'access',
    scope: 'openid email profile',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: 'test-jti',
    username: '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02',
    email: 'lin@minthub.local',
    ...overrides,
  };
  for (const name of options.omit ?? []) delete claims[name];
  const key = options.foreignKey
    ? (await generateKeyPair('ES256')).privateKey
    : testGateway.signingKey.privateKey;
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: testGateway.signingKey.kid }).sign(key);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with the path sent byte for byte as given (fetch would normalise `..`). */
export function rawRequest(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `localhost:${port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
