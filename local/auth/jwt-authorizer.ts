import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { API_SCOPE } from '../../shared/auth/api-scope';

/**
 * What API Gateway's JWT authorizer does for a route, for the local gateway: take the token from the
 * Authorization header (bare, or after `Bearer `), verify its signature against the issuer's key set, then check
 * `iss`, `exp` and `nbf`, and the audience: `aud` when the token has one (ID tokens), otherwise `client_id`
 * (Cognito access tokens). Only Cognito's two token kinds are recognised (`token_use` access or id); anything
 * else is an invalid token (401).
 *
 * Then the route's authorization scopes, as the stack sets them on every JWT route (lib/api.ts): the token's
 * `scope` (or `scp`) claim must carry one of them, else API Gateway answers 403 `insufficient_scope`. Cognito ID
 * tokens have no `scope` claim, so they are refused here; and only access tokens are accepted at all.
 */
export interface JwtAuthorizerOptions {
  readonly issuer: string;
  /** The app clients whose tokens are accepted. */
  readonly audience: readonly string[];
  readonly jwks: JSONWebKeySet;
  /** The routes' authorization scopes: a token needs one of them. @default [API_SCOPE] */
  readonly requiredScopes?: readonly string[];
  /** For tests. @default the real clock */
  readonly now?: () => Date;
}

export type AuthorizerDecision =
  | {
      readonly authorized: true;
      readonly claims: JWTPayload;
      /** The token's scopes, which API Gateway passes on as `jwt.scopes` when the route requires scopes. */
      readonly scopes?: readonly string[];
    }
  | { readonly authorized: false; readonly reason: 'missing-token' | 'invalid-token' | 'expired-token' }
  /** A valid token that is not an access token for the API: 403, not 401, as API Gateway answers. */
  | {
      readonly authorized: false;
      readonly reason: 'insufficient-scope';
      readonly requiredScopes: readonly string[];
    };

export type JwtAuthorizer = (authorizationHeader: string | undefined) => Promise<AuthorizerDecision>;

const ACCEPTED_TOKEN_USE = new Set(['access', 'id']);

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const keySet = createLocalJWKSet(options.jwks);
  const now = options.now ?? (() => new Date());
  const requiredScopes = options.requiredScopes ?? [API_SCOPE];
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
      const granted = scopesOf(payload);
      if (payload['token_use'] !== 'access' || !requiredScopes.some((scope) => granted.includes(scope))) {
        return { authorized: false, reason: 'insufficient-scope', requiredScopes };
      }
      return { authorized: true, claims: payload, scopes: granted };
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

/** `scope` as OAuth 2.0 and Cognito send it (space-separated), or `scp` as a list (some other issuers). */
function scopesOf(payload: JWTPayload): string[] {
  const scope = payload['scope'];
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  const scp = payload['scp'];
  if (Array.isArray(scp)) return scp.filter((value): value is string => typeof value === 'string');
  return typeof scp === 'string' ? scp.split(' ').filter(Boolean) : [];
}

function hasAcceptedAudience(payload: JWTPayload, audience: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.some((value) => audience.includes(value));
  }
  const clientId = payload['client_id'];
  return typeof clientId === 'string' && audience.includes(clientId);
}
