import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildHttpApiEvent,
  formatRequestTime,
  toApiGatewayClaims,
} from '../../../local/gateway/api-gateway-event';
import type { GatewayRequest } from '../../../local/gateway/gateway-http';

// Unit-style: the event builder against a fixture of what API Gateway sends, so the local gateway hands the
// handlers exactly what they will get in AWS.
const fixture = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'http-api-v2-event.json'), 'utf8'),
) as { event: unknown };

const receivedAt = new Date(1795404758123);

function request(overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    method: 'GET',
    rawUrl: '/healthz',
    rawPath: '/healthz',
    rawQueryString: '',
    rawHeaders: ['Host', 'localhost:3000'],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    httpVersion: '1.1',
    receivedAt,
    ...overrides,
  };
}

describe('the API Gateway HTTP API (payload 2.0) event', () => {
  it('matches the captured shape: duplicates, cookies, decoded query, path parameters, base64 body, string claims', () => {
    const rawQueryString = 'tag=restock&tag=urgent%2Bsoon&reason=inventory-replenishment&note=caf%C3%A9&flag';
    const incoming = request({
      method: 'POST',
      rawUrl: `/api/stores/A2LUMENCRAFT7Q-NA/notes?${rawQueryString}`,
      rawPath: '/api/stores/A2LUMENCRAFT7Q-NA/notes',
      rawQueryString,
      rawHeaders: [
        'Host',
        'localhost:3000',
        'User-Agent',
        'Mozilla/5.0 (X11; Linux x86_64) MintHubTest/1.0',
        'Accept',
        'application/json',
        'Authorization',
        'Bearer header.payload.signature',
        'Cookie',
        'theme=dark; lang=zh-CN',
        'Content-Type',
        'application/octet-stream',
        'Content-Length',
        '4',
        'X-Mint-Hub-Trace',
        'first',
        'Connection',
        'keep-alive',
        'X-Mint-Hub-Trace',
        'second',
        'Cookie',
        'seen=1',
      ],
      body: Buffer.from([0x00, 0xff, 0xfe, 0x01]),
    });

    const event = buildHttpApiEvent(incoming, {
      routeKey: 'POST /api/stores/{storeId}/notes',
      pathParameters: { storeId: 'A2LUMENCRAFT7Q-NA' },
      claims: {
        sub: '3f0b6a2e-8c1d-4e57-9a4b-1d2c3e4f5a01',
        'cognito:groups': ['admin', 'ops-leads'],
        iss: 'http://localhost:3000/local',
        version: 2,
        client_id: 'local-dashboard',
        token_use: 'access',
        scope: 'openid email profile',
        auth_time: 1795404758,
        exp: 1795408358,
        iat: 1795404758,
        jti: '0d4b9a8e-2f61-4c3a-9b7e-5a1c2d3e4f50',
        username: '3f0b6a2e-8c1d-4e57-9a4b-1d2c3e4f5a01',
        email: 'ada@minthub.local',
        email_verified: true,
      },
      requestId: 'Qx7pLm2vHcESHA==',
      traceId: 'Root=1-6a22862e-5f0a9b1c2d3e4f5a6b7c8d9e',
      port: 3000,
    });

    expect(event).toEqual(fixture.event);
  });

  it('leaves out cookies, query parameters, path parameters, body and authorizer when there are none', () => {
    const event = buildHttpApiEvent(request(), { routeKey: 'GET /healthz', port: 3000 });

    expect(Object.keys(event).sort()).toEqual(
      [
        'headers',
        'isBase64Encoded',
        'rawPath',
        'rawQueryString',
        'requestContext',
        'routeKey',
        'version',
      ].sort(),
    );
    expect(event.isBase64Encoded).toBe(false);
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{14}==$/);
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('passes JSON and text bodies as text, and form posts base64-encoded as API Gateway does', () => {
    const body = (contentType: string) =>
      buildHttpApiEvent(
        request({
          method: 'POST',
          rawHeaders: ['Host', 'localhost:3000', 'Content-Type', contentType],
          body: Buffer.from('{"a":"é"}'),
        }),
        { routeKey: 'POST /x', port: 3000 },
      );

    expect(body('application/json; charset=utf-8')).toMatchObject({
      body: '{"a":"é"}',
      isBase64Encoded: false,
    });
    expect(body('text/plain')).toMatchObject({ isBase64Encoded: false });
    expect(body('application/x-www-form-urlencoded')).toMatchObject({
      body: Buffer.from('{"a":"é"}').toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('appends the client address to a forwarded-for chain and keeps a trace id the client sent', () => {
    const event = buildHttpApiEvent(
      request({
        rawHeaders: [
          'Host',
          'localhost:3000',
          'X-Forwarded-For',
          '203.0.113.9',
          'X-Amzn-Trace-Id',
          'Root=1-abc',
        ],
      }),
      { routeKey: 'GET /healthz', port: 3000 },
    );

    expect(event.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toBe('Root=1-abc');
  });

  it('turns claims into strings the way HTTP APIs do', () => {
    expect(toApiGatewayClaims({ groups: ['admin'], none: [], n: 7, ok: false, nested: { a: 1 } })).toEqual({
      groups: '[admin]',
      none: '[]',
      n: '7',
      ok: 'false',
      nested: '{"a":1}',
    });
    expect(formatRequestTime(new Date('2026-03-05T07:08:09Z'))).toBe('05/Mar/2026:07:08:09 +0000');
  });
});
