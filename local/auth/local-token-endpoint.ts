import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { headerOf, jsonResponse, type GatewayRequest, type GatewayResponse } from '../gateway/gateway-http';
import type { SeededOperator } from './seeded-operators';
import { LOCAL_CLIENT_ID, TOKEN_LIFETIME_SECONDS, type IssuedTokens, type TokenMinter } from './local-tokens';

/**
 * The local sign-in's `/oauth2/token`, as Cognito's: the authorization code (single use, PKCE S256) for tokens and
 * a refresh token, and the refresh token for new tokens. The codes come from the sign-in page
 * (local-hosted-ui.ts), through the map both are given.
 */
/** The dashboard client's refresh token validity in the stack (lib/operators.ts). */
const REFRESH_TOKEN_LIFETIME_MS = 12 * 3600 * 1000;

export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly nonce: string | undefined;
}

export interface CodeRecord extends AuthorizationRequest {
  readonly operator: SeededOperator;
  readonly authTime: number;
  readonly expiresAtMs: number;
}

interface RefreshRecord {
  readonly operator: SeededOperator;
  readonly scope: string;
  readonly authTime: number;
  readonly originJti: string;
  readonly expiresAtMs: number;
}

export function createTokenEndpoint(options: {
  readonly codes: Map<string, CodeRecord>;
  readonly mintTokens: TokenMinter;
  readonly now: () => Date;
}): (request: GatewayRequest) => Promise<GatewayResponse> {
  const { codes, mintTokens, now } = options;
  const refreshTokens = new Map<string, RefreshRecord>();
  const tokenError = (error: string, statusCode = 400) =>
    jsonResponse(statusCode, { error }, { 'cache-control': 'no-store', pragma: 'no-cache' });

  async function token(request: GatewayRequest): Promise<GatewayResponse> {
    const contentType = headerOf(request, 'content-type')?.split(';', 1)[0]?.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') return tokenError('invalid_request');
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('client_id') !== LOCAL_CLIENT_ID) return tokenError('invalid_client', 401);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return exchangeCode(form);
    if (grantType === 'refresh_token') return refresh(form);
    return tokenError('unsupported_grant_type');
  }

  async function exchangeCode(form: URLSearchParams): Promise<GatewayResponse> {
    const code = form.get('code') ?? '';
    const record = codes.get(code);
    // Single use: the code is spent by any attempt, so a wrong verifier cannot be retried against it.
    codes.delete(code);
    if (record === undefined || record.expiresAtMs <= now().getTime()) return tokenError('invalid_grant');
    if (form.get('redirect_uri') !== record.redirectUri) return tokenError('invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !sameText(s256(verifier), record.codeChallenge)) {
      return tokenError('invalid_grant');
    }
    const minted = await mintTokens(record.operator, record);
    const refreshToken = randomBytes(32).toString('base64url');
    purgeExpired(refreshTokens, now().getTime());
    refreshTokens.set(refreshToken, {
      operator: record.operator,
      scope: record.scope,
      authTime: record.authTime,
      originJti: minted.originJti,
      expiresAtMs: now().getTime() + REFRESH_TOKEN_LIFETIME_MS,
    });
    const body: IssuedTokens = {
      access_token: minted.accessToken,
      id_token: minted.idToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
    return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  }

  async function refresh(form: URLSearchParams): Promise<GatewayResponse> {
    const record = refreshTokens.get(form.get('refresh_token') ?? '');
    if (record === undefined || record.expiresAtMs <= now().getTime()) return tokenError('invalid_grant');
    const minted = await mintTokens(record.operator, record);
    const body: IssuedTokens = {
      access_token: minted.accessToken,
      id_token: minted.idToken,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
    return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  }

  return token;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function purgeExpired(records: Map<string, { expiresAtMs: number }>, nowMs: number): void {
  for (const [key, record] of records) if (record.expiresAtMs <= nowMs) records.delete(key);
}
