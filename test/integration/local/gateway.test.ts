import type { Context } from 'aws-lambda';
import type { HttpApiEvent } from '../../../local/gateway/api-gateway-event';
import { ROUTES } from '../../../shared/api/routes';
import { API_SCOPE } from '../../../shared/auth/api-scope';
import { rawRequest, signToken, startTestGateway, testRoute, type TestGateway } from './local-test-kit';

// The local gateway does at the edges what the HTTP API does: these requests go over real HTTP to fake handler
// modules that record what they were given.
describe('local API gateway', () => {
  const calls: Array<{ event: HttpApiEvent; context: Context }> = [];
  let slowResolve: (() => void) | undefined;
  const modules = {
    'test/Echo': {
      handler: async (event: HttpApiEvent, context: Context) => {
        calls.push({ event, context });
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'x-handler': 'echo' },
          cookies: ['a=1; Path=/', 'b=2; Path=/'],
          body: JSON.stringify({ claims: event.requestContext.authorizer?.jwt.claims ?? null }),
        };
      },
    },
    'test/Public': {
      handler: async (event: HttpApiEvent) => {
        calls.push({ event, context: {} as Context });
        return {
          statusCode: 200,
          body: Buffer.from('binary\u0000ok').toString('base64'),
          isBase64Encoded: true,
        };
      },
    },
    'test/Throws': {
      handler: async () => {
        throw new Error('database password is hunter2 at /srv/app/secret.ts:12');
      },
    },
    'test/Slow': {
      handler: () =>
        new Promise((resolve) => {
          slowResolve = () => resolve({ statusCode: 200, body: 'late' });
        }),
    },
    'test/Plain': { handler: async () => ({ message: 'inferred' }) },
  };
  const routes = [
    testRoute('Echo', 'GET', '/api/stores/{storeId}/echo', 'jwt'),
    testRoute('Public', 'POST', '/auth/public', 'public'),
    testRoute('Throws', 'GET', '/api/throws', 'public'),
    testRoute('Slow', 'GET', '/api/slow', 'public'),
    testRoute('Plain', 'GET', '/api/plain', 'public'),
    ...ROUTES.filter((route) => route.id === 'Healthz'),
  ];
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      routes,
      modules,
      functionTimeoutMs: 300,
      integrationTimeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    slowResolve?.();
    await gateway.close();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const echo = (authorization?: string) =>
    fetch(`${gateway.url}/api/stores/A2LUMENCRAFT7Q-NA/echo?reason=x`, {
      headers: authorization === undefined ? {} : { authorization },
    });

  it('answers GET /healthz from the real handler module', async () => {
    const response = await fetch(`${gateway.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{14}==$/);
  });

  it('answers an unknown route, or a known path with another method, with 404 {"message":"Not Found"}', async () => {
    const unknown = await fetch(`${gateway.url}/api/nothing-here`);
    const wrongMethod = await fetch(`${gateway.url}/healthz`, { method: 'POST' });

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    expect(wrongMethod.status).toBe(404);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['no token', async () => undefined],
    ['a malformed token', async () => 'Bearer not-a-jwt'],
    [
      'a token signed by another key',
      async () => `Bearer ${await signToken(gateway, {}, { foreignKey: true })}`,
    ],
    [
      'an expired token',
      async () => `Bearer ${await signToken(gateway, { exp: Math.floor(Date.now() / 1000) - 5 })}`,
    ],
    [
      'a token not valid yet',
      async () => `Bearer ${await signToken(gateway, { nbf: Math.floor(Date.now() / 1000) + 600 })}`,
    ],
    [
      'a token for another app client',
      async () => `Bearer ${await signToken(gateway, { client_id: 'someone-else' })}`,
    ],
    [
      'an ID token for another audience',
      async () => `Bearer ${await signToken(gateway, { aud: 'someone-else', token_use: 'id' })}`,
    ],
    [
      'a token from another issuer',
      async () =>
        `Bearer ${await signToken(gateway, { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x' })}`,
    ],
    [
      'a token that is not an access or ID token',
      async () => `Bearer ${await signToken(gateway, { token_use: 'refresh' })}`,
    ],
    ['a token without exp', async () => `Bearer ${await signToken(gateway, {}, { omit: ['exp'] })}`],
  ])(
    'refuses %s with 401 {"message":"Unauthorized"} and never calls the handler',
    async (_, authorization) => {
      const response = await echo(await authorization());

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(calls).toHaveLength(0);
    },
  );

  it('passes a valid token\'s claims to the handler as API Gateway does (strings, arrays as "[a b]")', async () => {
    const operator = {
      id: '3f0b6a2e-8c1d-4e57-9a4b-1d2c3e4f5a01',
      handle: 'ada',
      email: 'ada@minthub.local',
      name: 'Ada',
      groups: ['admin'],
    };
    const token = await gateway.identity.issueAccessToken(operator);

    const response = await echo(`Bearer ${token}`);

    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    const { event, context } = calls[0]!;
    expect(event.requestContext.authorizer?.jwt).toEqual({
      claims: expect.objectContaining({
        sub: operator.id,
        'cognito:groups': '[admin]',
        client_id: 'local-dashboard',
        token_use: 'access',
        iss: gateway.identity.issuer,
        exp: expect.stringMatching(/^\d+$/),
      }),
      // The route requires the API scope (as every JWT route of the stack does), so the token's scopes pass on.
      scopes: ['openid', 'email', 'profile', API_SCOPE],
    });
    expect(event.pathParameters).toEqual({ storeId: 'A2LUMENCRAFT7Q-NA' });
    expect(event.routeKey).toBe('GET /api/stores/{storeId}/echo');
    expect(event.queryStringParameters).toEqual({ reason: 'x' });
    expect(context.functionName).toBe('MintHub-local-Echo');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(300);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.headers.get('x-handler')).toBe('echo');
  });

  it('accepts the bare token as well as "Bearer <token>", as the authorizer\'s identity source does', async () => {
    const response = await echo(await signToken(gateway, { scope: `openid ${API_SCOPE}` }));

    expect(response.status).toBe(200);
  });

  it.each([
    ['an access token without the API scope', { scope: 'openid email profile' }],
    ['an access token without any scope', { scope: undefined }],
    [
      'an ID token (no scope claim) for the dashboard client',
      { token_use: 'id', aud: 'local-dashboard', client_id: undefined, scope: undefined },
    ],
    ['an ID token that claims the API scope', { token_use: 'id', aud: 'local-dashboard', scope: API_SCOPE }],
    ['a token with the scope only as part of another scope', { scope: `${API_SCOPE}s openid` }],
  ])(
    'refuses %s with 403 insufficient_scope, as the JWT authorizer with authorization scopes does',
    async (_, overrides) => {
      const response = await echo(`Bearer ${await signToken(gateway, overrides)}`);

      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'Forbidden' });
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer scope="${API_SCOPE}" error="insufficient_scope" error_description="the token does not have the required scope"`,
      );
      expect(calls).toHaveLength(0);
    },
  );

  it('accepts the API scope from an `scp` list claim too, as API Gateway reads `scope` or `scp`', async () => {
    const response = await echo(`Bearer ${await signToken(gateway, { scope: undefined, scp: [API_SCOPE] })}`);

    expect(response.status).toBe(200);
  });

  it('serves a public route without a token and decodes a base64 response body', async () => {
    const response = await fetch(`${gateway.url}/auth/public`, { method: 'POST', body: 'x' });

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('binary\u0000ok');
    expect(calls[0]?.event.requestContext.authorizer).toBeUndefined();
  });

  it('takes a result without statusCode as a 200 JSON body', async () => {
    const response = await fetch(`${gateway.url}/api/plain`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ message: 'inferred' });
  });

  it('answers a handler that throws with 500 {"message":"Internal Server Error"}, no stack, no error text', async () => {
    const response = await fetch(`${gateway.url}/api/throws`);
    const body = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(body)).toEqual({ message: 'Internal Server Error' });
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('.ts:');
  });

  it('fails an invocation that outlives the function timeout with 500, as Lambda and API Gateway do', async () => {
    const response = await fetch(`${gateway.url}/api/slow`);

    expect(response.status).toBe(500);
    expect(gateway.logLines.some((line) => line.includes('MintHub-local-Slow: Task timed out'))).toBe(true);
  });

  it('refuses a body over 10 MB with 413 before any handler runs', async () => {
    const response = await rawRequest(gateway.port, {
      method: 'POST',
      path: '/auth/public',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });

    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('refuses a request for another host name (DNS rebinding) with 403', async () => {
    const response = await rawRequest(gateway.port, {
      path: '/local/users',
      headers: { host: 'evil.example:80' },
    });

    expect(response.status).toBe(403);
  });
});

describe('local API gateway integration timeout', () => {
  it('answers 503 {"message":"Service Unavailable"} when the integration timeout passes first', async () => {
    const gateway = await startTestGateway({
      routes: [testRoute('Hang', 'GET', '/api/hang', 'public')],
      modules: { 'test/Hang': { handler: () => new Promise(() => undefined) } },
      functionTimeoutMs: 5_000,
      integrationTimeoutMs: 200,
    });
    try {
      const response = await fetch(`${gateway.url}/api/hang`);

      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    } finally {
      await gateway.close();
    }
  });
});
