import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2WithRequestContext, APIGatewayEventRequestContextV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { headerOf, type GatewayRequest } from './gateway-http';

/**
 * Builds the event API Gateway (HTTP API, payload format 2.0) hands a Lambda integration, from a request the
 * local gateway received. Rules from the payload 2.0 documentation and events observed from real APIs:
 * - header names lower-cased, repeated headers joined with commas; `cookie` headers leave `headers` and become the
 *   `cookies` array; API Gateway adds `x-forwarded-for` (client address appended), `x-forwarded-port`,
 *   `x-forwarded-proto` and an `x-amzn-trace-id` when the client sent none;
 * - query parameters decoded, repeated ones joined with commas; `queryStringParameters`, `pathParameters`,
 *   `cookies` and `body` are left out when there are none;
 * - a body is passed as text for text/*, application/json, application/xml and application/javascript, and
 *   base64-encoded (`isBase64Encoded: true`) for anything else, including form posts and no content type;
 * - JWT claims arrive as strings (arrays as `[a b]`); `scopes` is the token's scopes when the route requires
 *   authorization scopes (every JWT route of the stack does), null when it requires none.
 */
export type HttpApiEvent = APIGatewayProxyEventV2WithRequestContext<HttpApiRequestContext>;

export interface HttpApiRequestContext extends APIGatewayEventRequestContextV2 {
  authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
}

export interface EventRouting {
  /** `GET /api/stores/{storeId}/inventory` */
  readonly routeKey: string;
  readonly pathParameters?: Readonly<Record<string, string>>;
  /** Verified token claims for a route behind the JWT authorizer. */
  readonly claims?: JWTPayload;
  /** The token's scopes, for a route that requires authorization scopes; absent means `scopes: null`. */
  readonly scopes?: readonly string[];
  /** For deterministic tests. @default a fresh API-Gateway-style id */
  readonly requestId?: string;
  /** For deterministic tests. @default a fresh `Root=1-…` id */
  readonly traceId?: string;
  /** The port the gateway listens on, for `x-forwarded-port`. */
  readonly port: number;
}

/** The placeholder account of every local ARN (same as the emulators'). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

const TEXT_MEDIA_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);
/** Connection-level headers a proxy consumes; API Gateway does not forward them. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
]);

export function buildHttpApiEvent(request: GatewayRequest, routing: EventRouting): HttpApiEvent {
  const { headers, cookies } = eventHeaders(request, routing);
  const queryStringParameters = parseQueryString(request.rawQueryString);
  const host = headers['host'] ?? `localhost:${routing.port}`;
  const requestContext: HttpApiRequestContext = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    ...(routing.claims === undefined
      ? {}
      : {
          authorizer: {
            jwt: {
              claims: toApiGatewayClaims(routing.claims),
              scopes: routing.scopes === undefined ? null : [...routing.scopes],
            },
          },
        }),
    domainName: host,
    domainPrefix: host.split(/[.:]/, 1)[0] ?? host,
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: routing.requestId ?? newRequestId(),
    routeKey: routing.routeKey,
    stage: '$default',
    time: formatRequestTime(request.receivedAt),
    timeEpoch: request.receivedAt.getTime(),
  };
  const body = eventBody(request);
  return {
    version: '2.0',
    routeKey: routing.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    requestContext,
    ...(body === undefined ? {} : { body: body.text }),
    ...(routing.pathParameters && Object.keys(routing.pathParameters).length > 0
      ? { pathParameters: { ...routing.pathParameters } }
      : {}),
    isBase64Encoded: body?.base64 ?? false,
  };
}

function eventHeaders(
  request: GatewayRequest,
  routing: EventRouting,
): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookieHeaders: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] ?? '').toLowerCase();
    const value = request.rawHeaders[i + 1] ?? '';
    if (HOP_BY_HOP.has(name)) continue;
    if (name === 'cookie') {
      cookieHeaders.push(value);
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  headers['x-forwarded-for'] =
    headers['x-forwarded-for'] === undefined
      ? request.sourceIp
      : `${headers['x-forwarded-for']}, ${request.sourceIp}`;
  headers['x-forwarded-port'] = String(routing.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= routing.traceId ?? newTraceId(request.receivedAt);
  const cookies = cookieHeaders
    .flatMap((header) => header.split(';'))
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');
  return { headers, cookies };
}

/** Decoded parameters, duplicates joined with commas; undefined when the query string is empty. */
export function parseQueryString(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    if (name === '') continue;
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length === 0 ? undefined : parameters;
}

function eventBody(request: GatewayRequest): { text: string; base64: boolean } | undefined {
  if (request.body.length === 0) return undefined;
  return isTextContent(headerOf(request, 'content-type'))
    ? { text: request.body.toString('utf8'), base64: false }
    : { text: request.body.toString('base64'), base64: true };
}

function isTextContent(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (!mediaType) return false;
  return mediaType.startsWith('text/') || TEXT_MEDIA_TYPES.has(mediaType);
}

/** HTTP APIs pass every claim as a string: numbers and booleans as text, arrays as `[a b]`. */
export function toApiGatewayClaims(claims: JWTPayload): Record<string, string> {
  const converted: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) converted[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') converted[name] = JSON.stringify(value);
    else converted[name] = String(value);
  }
  return converted;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the request time format of API Gateway. */
export function formatRequestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** HTTP API request ids look like `JKJaXmPLvHcESHA=`: 10 random bytes, base64. */
export function newRequestId(): string {
  return randomBytes(10).toString('base64');
}

/** X-Ray's `Root=1-{epoch seconds, hex}-{96 random bits, hex}`. */
export function newTraceId(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000).toString(16);
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
}
