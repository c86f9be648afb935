import { AccessDenied, DomainError, NotImplemented, Throttled } from '../../shared/errors';
import { toErrorResponse } from '../../shared/http/responses';

describe('error contract', () => {
  it('maps domain errors to their status with a plain message', () => {
    const response = toErrorResponse(new AccessDenied());
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(String(response.body))).toEqual({
      error: { code: 'AccessDenied', message: 'You do not have access to this store.' },
    });
    expect(toErrorResponse(new NotImplemented('The OAuth callback')).statusCode).toBe(501);
    expect(toErrorResponse(new DomainError('StoreNotActive', 'revoked')).statusCode).toBe(409);
  });

  it('tells throttled callers when to come back', () => {
    const response = toErrorResponse(new Throttled(7));
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('7');
  });

  it('never returns an unexpected error message, stack or Amazon body', () => {
    const error = new Error(
      '{"error":"invalid_grant","refresh_token":"Atzr|secret"} at Object.<anonymous> (/var/task/index.mjs:1:1)',
    );
    const response = toErrorResponse(error);
    expect(response.statusCode).toBe(500);
    expect(String(response.body)).not.toMatch(/Atzr|invalid_grant|index\.mjs/);
    expect(JSON.parse(String(response.body)).error.code).toBe('Internal');
  });

  it('marks every answer uncacheable and referrer-free', () => {
    const headers = toErrorResponse(new AccessDenied()).headers ?? {};
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });
});
