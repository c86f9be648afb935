import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../../shared/http/responses';
import { splitRawUrl, type GatewayRequest, type GatewayResponse } from './gateway-http';

// The local gateway's side of Node's HTTP: the request body up to API Gateway's 10 MB payload limit, the request
// as the gateway sees it, and the answer written with the security headers over a handler's own (as CloudFront's
// response headers policy does) and its request id; and a whole raw response for a socket Node's parser gave up on.

export const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
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

export function snapshot(request: IncomingMessage, body: Buffer): GatewayRequest {
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

export function writeResponse(
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
export function rawHttpResponse(answer: GatewayResponse): string {
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
