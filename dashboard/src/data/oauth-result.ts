/**
 * The result of a seller authorization, as the backend's OAuth callback reports it when it redirects back to
 * the dashboard (contract in dashboard/README.md):
 *   success  `/stores?connected=<storeId>&result=connected|reauthorized`
 *   failure  `/stores?authError=<code>` (codes of shared/authorization/complete-authorization.ts; a type-level
 *            test fails when the two lists differ)
 */
export const AUTH_ERROR_CODES = [
  'invalid_request',
  'state_invalid',
  'state_expired',
  'session_mismatch',
  'consent_denied',
  'code_invalid',
  'seller_mismatch',
  'wrong_region',
  'amazon_unavailable',
  'configuration_error',
  // The claimed seller id names a store another team already connected: refused, nothing changed (DESIGN.md
  // "Identity"); the way in is to be added by one of its owners.
  'store_owned_elsewhere',
  // Amazon or Mint Hub could not finish after the code was sent; a code is never sent twice, so start again.
  'try_again',
] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export type OAuthResult =
  | { readonly kind: 'connected'; readonly storeId: string; readonly reauthorized: boolean }
  | { readonly kind: 'failed'; readonly code: AuthErrorCode | 'unknown' };

export function parseOAuthResult(search: string): OAuthResult | undefined {
  const params = new URLSearchParams(search);
  const connected = params.get('connected');
  if (connected !== null && connected !== '') {
    return { kind: 'connected', storeId: connected, reauthorized: params.get('result') === 'reauthorized' };
  }
  const error = params.get('authError');
  if (error === null) return undefined;
  const known = (AUTH_ERROR_CODES as readonly string[]).includes(error);
  return { kind: 'failed', code: known ? (error as AuthErrorCode) : 'unknown' };
}

/** The query without the result parameters, so a reload does not show the message again. */
export function withoutOAuthResult(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of ['connected', 'result', 'authError']) params.delete(name);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}
