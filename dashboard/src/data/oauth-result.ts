import { ADS_AUTH_ERRORS, type AdsAuthorizationError } from '../../../shared/api/ads-contract';

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
  // The claimed seller id names a store another team already connected: refused, nothing changed
  // (docs/security.md, isolation); the way in is to be added by one of its owners.
  'store_owned_elsewhere',
  // Amazon or Mint Hub could not finish after the code was sent; a code is never sent twice, so start again.
  'try_again',
] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/**
 * The Amazon Ads consent's callback (`GET /auth/amazon-ads/callback`, functions/ads-oauth-callback.ts) lands on
 *   success  `/stores/{storeId}/ads?adsConnected=<marketplaces linked>`
 *   failure  `/stores/{storeId}/ads?adsError=<code>`, or `/stores?adsError=<code>` when the state named no store
 * with the codes of `ADS_AUTH_ERRORS` (shared/api/ads-contract.ts, one list for both sides).
 */
export const ADS_AUTH_ERROR_CODES: readonly AdsAuthorizationError[] = ADS_AUTH_ERRORS;

/** An Ads consent failure as a message key suffix: `oauth.error.ads.<code>` (its own wording, not the SP-API one). */
export type AdsAuthErrorResult = `ads.${AdsAuthorizationError | 'unknown'}`;

export type OAuthResult =
  | { readonly kind: 'connected'; readonly storeId: string; readonly reauthorized: boolean }
  | { readonly kind: 'failed'; readonly code: AuthErrorCode | 'unknown' | AdsAuthErrorResult };

export type AdsAuthResult =
  | { readonly kind: 'ads-connected'; readonly marketplaces: number }
  | { readonly kind: 'ads-failed'; readonly code: AdsAuthErrorResult };

function adsErrorCode(error: string): AdsAuthErrorResult {
  return (ADS_AUTH_ERRORS as readonly string[]).includes(error)
    ? `ads.${error as AdsAuthorizationError}`
    : 'ads.unknown';
}

/** The Ads consent's outcome in the store's ads page query, or undefined. */
export function parseAdsAuthResult(search: string): AdsAuthResult | undefined {
  const params = new URLSearchParams(search);
  const connected = params.get('adsConnected');
  if (connected !== null && /^\d{1,3}$/.test(connected))
    return { kind: 'ads-connected', marketplaces: Number(connected) };
  const error = params.get('adsError');
  if (error === null) return undefined;
  return { kind: 'ads-failed', code: adsErrorCode(error) };
}

export function parseOAuthResult(search: string): OAuthResult | undefined {
  const params = new URLSearchParams(search);
  const connected = params.get('connected');
  if (connected !== null && connected !== '') {
    return { kind: 'connected', storeId: connected, reauthorized: params.get('result') === 'reauthorized' };
  }
  const error = params.get('authError');
  // An Ads consent whose state named no store lands on the stores page: shown there with its own wording.
  const adsError = params.get('adsError');
  if (error === null && adsError !== null) return { kind: 'failed', code: adsErrorCode(adsError) };
  if (error === null) return undefined;
  const known = (AUTH_ERROR_CODES as readonly string[]).includes(error);
  return { kind: 'failed', code: known ? (error as AuthErrorCode) : 'unknown' };
}

/** The query without the result parameters, so a reload does not show the message again. */
export function withoutOAuthResult(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of ['connected', 'result', 'authError', 'adsConnected', 'adsError']) params.delete(name);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}
