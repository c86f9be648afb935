import type { ApiClient } from '../api/client';
import type { AppstoreAuthorizationRequest, WebsiteAuthorizationRequest } from '../api/types';
import { ApiError } from '../api/api-error';

/** Only an http(s) URL is followed (never `javascript:`), whatever the API answered. */
export function isNavigableUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Creates the authorization (state bound to the operator) and leaves for Seller Central or the Appstore. */
export async function startAuthorization(
  api: ApiClient,
  body: WebsiteAuthorizationRequest | AppstoreAuthorizationRequest,
  go: (url: string) => void = (url) => window.location.assign(url),
): Promise<void> {
  const { redirectUrl } = await api.createAuthorization(body);
  if (!isNavigableUrl(redirectUrl)) throw new ApiError('Unexpected', 200, 'The redirect URL is not valid.');
  go(redirectUrl);
}
