import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

/**
 * What API Gateway's JWT authorizer does for a route, for the local gateway: take the token from the
 * Authorization header (bare, or after `Bearer `), verify its signature against the issuer's key set, then check
 * `iss`, `exp` and `nbf`, and the audience: `aud` when the token has one (ID tokens), otherwise `client_id`
 * (Cognito access tokens). Only Cognito's two token kinds are accepted (`token_use` access or id).
 */
export interface JwtAuthorizerOptions {
  readonly issuer: string;
  /** The app clients whose tokens are accepted. */
  readonly audience: readonly string[];
  readonly jwks: JSONWebKeySet;
  /** For tests. @default the real clock */
  readonly now?: () => Date;
}

export type AuthorizerDecision =
  | { readonly authorized: true; readonly claims: JWTPayload }
  | { readonly authorized: false; readonly reason: 'missing-token' | 'invalid-token' | 'expired-token' };

export type JwtAuthorizer = (authorizationHeader: string | undefined) => Promise<AuthorizerDecision>;

const ACCEPTED_TOKEN_USE = new Set(['access', 'id']);

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const keySet = createLocalJWKSet(options.jwks);
  const now = options.now ?? (() => new Date());
  return async (authorizationHeader) => {
    const token = tokenFrom(authorizationHeader);
    if (token === undefined) return { authorized: false, reason: 'missing-token' };
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        algorithms: ['ES256'],
        requiredClaims: ['exp'],
        currentDate: now(),
      });
      if (!hasAcceptedAudience(payload, options.audience))
        return { authorized: false, reason: 'invalid-token' };
      if (typeof payload['token_use'] !== 'string' || !ACCEPTED_TOKEN_USE.has(payload['token_use'])) {
        return { authorized: false, reason: 'invalid-token' };
      }
      return { authorized: true, claims: payload };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { authorized: false, reason: 'expired-token' };
      // Any other failure (bad signature, unknown key, malformed, wrong issuer, not yet valid) is the same 401.
      return { authorized: false, reason: 'invalid-token' };
    }
  };
}

function tokenFrom(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const token = /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '').trim() : value;
  return token === '' ? undefined : token;
}

function hasAcceptedAudience(payload: JWTPayload, audience: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.some((value) => audience.includes(value));
  }
  const clientId = payload['client_id'];
  return typeof clientId === 'string' && audience.includes(clientId);
}
