import { API_SCOPE } from '../../../shared/auth/api-scope';

/**
 * The hosted sign-in endpoints. Cognito's managed login and the local OAuth server share these paths, so the
 * dashboard has one code path for both: `{signInUrl}/oauth2/authorize`, `/oauth2/token`, `/logout`.
 *
 * Scopes: `openid email profile` for who signed in, and the API's own scope: every `/api` route's authorizer
 * requires it in the access token (shared/auth/api-scope.ts), so a token without it (an ID token) gets a 403.
 */
export const SIGN_IN_SCOPES = `openid email profile ${API_SCOPE}`;

export interface AuthorizeParams {
  readonly signInUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  readonly lang?: string;
}

export function authorizeUrl(params: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: SIGN_IN_SCOPES,
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
  });
  if (params.lang !== undefined) query.set('lang', params.lang);
  return `${params.signInUrl}/oauth2/authorize?${query.toString()}`;
}

export function tokenUrl(signInUrl: string): string {
  return `${signInUrl}/oauth2/token`;
}

export function tokenRequestBody(params: {
  clientId: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: params.clientId,
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: params.codeVerifier,
  });
}

export function logoutUrl(signInUrl: string, clientId: string, logoutUri: string): string {
  const query = new URLSearchParams({ client_id: clientId, logout_uri: logoutUri });
  return `${signInUrl}/logout?${query.toString()}`;
}

/**
 * Where sign-in returns: the site root, exactly as registered on the Cognito app client
 * (`callbackUrls: [dashboardUrl + '/']`); the deep link travels in sessionStorage instead.
 */
export function redirectUriFor(origin: string): string {
  return `${origin}/`;
}

/** A return path must stay on this site: a path, not `//host` or a scheme. */
export function safeReturnPath(value: string | null | undefined): string {
  if (value === null || value === undefined) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

/** Drops the OAuth response parameters from a URL's search so no code or state is left in the address bar. */
export function stripOAuthParams(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of ['code', 'state', 'error', 'error_description', 'error_uri']) params.delete(name);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}
