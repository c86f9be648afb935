import { BadRequest } from '../errors';
import type { HttpEvent } from './handler';

/** Parses a JSON request body of at most `maxBytes`; anything else is a 400 that changes nothing. */
export function jsonBody(event: HttpEvent, maxBytes = 8192): unknown {
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if (Buffer.byteLength(raw, 'utf8') > maxBytes)
    throw new BadRequest(`The request body is larger than ${maxBytes} bytes.`);
  if (raw.trim() === '') throw new BadRequest('The request body must be a JSON object.');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
}

/** A query parameter; API Gateway joins repeated parameters with commas, which we refuse for single values. */
export function queryParameter(event: HttpEvent, name: string, maxLength: number): string | undefined {
  const value = event.queryStringParameters?.[name];
  if (value === undefined) return undefined;
  if (value.length > maxLength) throw new BadRequest(`${name} is too long.`);
  return value;
}
