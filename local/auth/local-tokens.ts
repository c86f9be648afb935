import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { API_SCOPE } from '../../shared/auth/api-scope';
import type { SeededOperator } from './seeded-operators';
import type { SigningKey } from './signing-key';

/**
 * The tokens the local sign-in issues, shaped like Cognito's: access tokens carry `client_id`, the granted `scope`
 * and no `aud`; ID tokens carry `aud` and no `scope`. Only an access token whose scope includes API_SCOPE passes the
 * API's authorizer.
 */
export const LOCAL_CLIENT_ID = 'local-dashboard';
export const TOKEN_LIFETIME_SECONDS = 3600;
/**
 * The scopes the stack allows the dashboard client (lib/operators.ts), the API's among them. A request naming
 * any other scope is refused (`invalid_scope`); one naming none gets all of them, as Cognito does.
 */
export const ALLOWED_SCOPES = new Set(['openid', 'email', 'profile', API_SCOPE]);
export const DEFAULT_SCOPE = [...ALLOWED_SCOPES].join(' ');

export interface IssuedTokens {
  readonly access_token: string;
  readonly id_token: string;
  readonly refresh_token?: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

export interface TokenGrant {
  scope: string;
  authTime: number;
  nonce?: string | undefined;
  originJti?: string;
}

export type TokenMinter = (
  operator: SeededOperator,
  grant: TokenGrant,
) => Promise<{ accessToken: string; idToken: string; originJti: string }>;

/** Signs an access token and an ID token for an operator, as issuer `issuer`, with the local signing key. */
export function createTokenMinter(issuer: string, signingKey: SigningKey, now: () => Date): TokenMinter {
  async function sign(payload: JWTPayload): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid })
      .sign(signingKey.privateKey);
  }

  return async function mintTokens(operator, grant) {
    const iat = Math.floor(now().getTime() / 1000);
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const originJti = grant.originJti ?? randomUUID();
    const eventId = randomUUID();
    const groups = operator.groups.length > 0 ? { 'cognito:groups': [...operator.groups] } : {};
    const accessToken = await sign({
      sub: operator.id,
      ...groups,
      iss: issuer,
      version: 2,
      client_id: LOCAL_CLIENT_ID,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: grant.scope,
      auth_time: grant.authTime,
      exp,
      iat,
      jti: randomUUID(),
      // Cognito's username for a pool with email sign-in is the sub; email is added for the local tools.
      username: operator.id,
      email: operator.email,
    });
    const idToken = await sign({
      sub: operator.id,
      ...groups,
      email_verified: true,
      iss: issuer,
      'cognito:username': operator.id,
      ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
      origin_jti: originJti,
      aud: LOCAL_CLIENT_ID,
      event_id: eventId,
      token_use: 'id',
      auth_time: grant.authTime,
      name: operator.name,
      exp,
      iat,
      jti: randomUUID(),
      email: operator.email,
    });
    return { accessToken, idToken, originJti };
  };
}
