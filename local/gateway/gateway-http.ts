/**
 * The gateway's view of one HTTP exchange. A request is read whole (bounded by the payload limit) before any
 * part of the gateway looks at it, and each part answers with a plain response object that the server writes,
 * so the pieces (identity provider, static site, Lambda routes) are testable without sockets.
 */
export interface GatewayRequest {
  readonly method: string;
  /** Path and query exactly as received, e.g. `/api/stores/A1-NA/inventory?reason=x`. */
  readonly rawUrl: string;
  /** Path part of rawUrl, still percent-encoded. */
  readonly rawPath: string;
  /** Query part of rawUrl without the `?`, `''` when there is none. */
  readonly rawQueryString: string;
  /** Header names and values in arrival order, as Node's `rawHeaders` gives them (name, value, name, value…). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** e.g. `1.1`. */
  readonly httpVersion: string;
  readonly receivedAt: Date;
}

export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string | Buffer;
}

/** The first value of a header (names compared case-insensitively), or undefined. */
export function headerOf(request: Pick<GatewayRequest, 'rawHeaders'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]?.toLowerCase() === wanted) return request.rawHeaders[i + 1];
  }
  return undefined;
}

export function splitRawUrl(rawUrl: string): { rawPath: string; rawQueryString: string } {
  const withoutFragment = rawUrl.split('#', 1)[0] ?? '';
  const queryStart = withoutFragment.indexOf('?');
  if (queryStart === -1) return { rawPath: withoutFragment || '/', rawQueryString: '' };
  return {
    rawPath: withoutFragment.slice(0, queryStart) || '/',
    rawQueryString: withoutFragment.slice(queryStart + 1),
  };
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** The bodies API Gateway itself answers with, e.g. `{"message":"Not Found"}`. */
export function gatewayError(
  statusCode: 400 | 401 | 403 | 404 | 413 | 431 | 500 | 503,
  headers: Record<string, string> = {},
): GatewayResponse {
  const messages = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    413: 'Request Entity Too Large',
    431: 'Request Header Fields Too Large',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  } as const;
  return jsonResponse(statusCode, { message: messages[statusCode] }, headers);
}

export function redirectResponse(location: string, headers: Record<string, string> = {}): GatewayResponse {
  return { statusCode: 302, headers: { location, 'cache-control': 'no-store', ...headers }, body: '' };
}
