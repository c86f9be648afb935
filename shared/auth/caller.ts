import { DomainError } from '../errors';
import type { HttpEvent } from '../http/handler';

/** The signed-in operator behind a request, as the JWT authorizer vouched for them. */
export interface Caller {
  readonly userId: string;
  readonly email: string | undefined;
  readonly isAdmin: boolean;
}

export const ADMIN_GROUP = 'admin';

/**
 * API Gateway HTTP APIs pass JWT claims as strings; an array claim such as `cognito:groups` arrives as "[a b]".
 * Accept that and a real array (the local gateway and tests may send either). Group names are compared whole:
 * only the exact name `admin` counts, never a part of another name (Cognito group names may contain commas and
 * brackets, so the string form is split on spaces only, and only when it is bracketed as API Gateway writes it).
 */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  const bracketed = /^\[(.*)\]$/s.exec(value);
  return (bracketed === null ? [value] : (bracketed[1] ?? '').split(' ')).filter((group) => group !== '');
}

/** Reads the caller from the verified claims; a route behind the authorizer always has them. */
export function callerOf(event: HttpEvent): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const sub = claims?.['sub'];
  if (typeof sub !== 'string' || sub === '') throw new DomainError('Unauthorized', 'Sign in to continue.');
  const email = claims?.['email'] ?? claims?.['username'];
  return {
    userId: sub,
    email: typeof email === 'string' ? email : undefined,
    isAdmin: groupsOf(claims?.['cognito:groups']).includes(ADMIN_GROUP),
  };
}
