import type { AppstoreAuthorizationRequest } from '../api/types';

/**
 * The Appstore page's query, as the Login URI forwards it:
 * `/appstore?amazon_callback_uri&amazon_state&selling_partner_id[&version]`. Undefined when incomplete.
 */
export function appstoreRequestFrom(search: string): AppstoreAuthorizationRequest | undefined {
  const params = new URLSearchParams(search);
  const amazonCallbackUri = params.get('amazon_callback_uri');
  const amazonState = params.get('amazon_state');
  const sellingPartnerId = params.get('selling_partner_id');
  const version = params.get('version');
  if (!amazonCallbackUri || !amazonState || !sellingPartnerId) return undefined;
  return { amazonCallbackUri, amazonState, sellingPartnerId, ...(version ? { version } : {}) };
}
