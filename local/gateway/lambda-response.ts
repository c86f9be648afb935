import { gatewayError, type GatewayResponse } from './gateway-http';

/**
 * How an HTTP API (payload format 2.0) turns what a Lambda function returned into the HTTP response:
 * - an object with `statusCode` is a structured response: `headers` (values as text), `cookies` (one
 *   `set-cookie` each), `body`, decoded from base64 when `isBase64Encoded`; `multiValueHeaders` is a 1.0 field,
 *   honoured too so a handler written for either format behaves;
 * - anything else is taken as a JSON body with status 200 (a string is sent as is);
 * - a status code that is not an integer 100–599 is a malformed response: 500.
 */
export function toGatewayResponse(result: unknown): GatewayResponse {
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
  }
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return gatewayError(500);

  const headers: Record<string, string | string[]> = {};
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
  }
  if (isRecord(result.multiValueHeaders)) {
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values)) continue;
      const key = name.toLowerCase();
      const existing = headers[key];
      const merged = [...(existing === undefined ? [] : [existing].flat()), ...values.map(String)];
      headers[key] = merged;
    }
  }
  if (Array.isArray(result.cookies) && result.cookies.length > 0) {
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [
      ...(existing === undefined ? [] : [existing].flat()),
      ...result.cookies.map(String),
    ];
  }

  const rawBody = result.body === undefined || result.body === null ? '' : String(result.body);
  const body = result.isBase64Encoded === true ? Buffer.from(rawBody, 'base64') : rawBody;
  return { statusCode, headers, body };
}

interface StructuredResult {
  statusCode: unknown;
  headers?: unknown;
  multiValueHeaders?: unknown;
  cookies?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

function isStructured(value: unknown): value is StructuredResult {
  return isRecord(value) && 'statusCode' in value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
