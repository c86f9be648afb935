/**
 * The Appstore page's query, as the Login URI forwards it:
 * `/appstore?amazon_callback_uri&amazon_state&selling_partner_id[&version]`. Every value is a claim until the
 * API's schema has checked it (data/appstore-handoff.ts).
 */
const QUERY_NAMES = ['amazon_callback_uri', 'amazon_state', 'selling_partner_id', 'version'] as const;

/** What the query claims, unchecked: the three required values present, `version` when given. */
export interface AppstoreClaim {
  readonly amazonCallbackUri: string;
  readonly amazonState: string;
  readonly sellingPartnerId: string;
  readonly version?: string;
}

/** True when the query carries any Appstore parameter (a complete set or not). */
export function hasAppstoreParams(search: string): boolean {
  const params = new URLSearchParams(search);
  return QUERY_NAMES.some((name) => params.has(name));
}

/** The query's claim; undefined when incomplete. */
export function appstoreRequestFrom(search: string): AppstoreClaim | undefined {
  const params = new URLSearchParams(search);
  const amazonCallbackUri = params.get('amazon_callback_uri');
  const amazonState = params.get('amazon_state');
  const sellingPartnerId = params.get('selling_partner_id');
  const version = params.get('version');
  if (!amazonCallbackUri || !amazonState || !sellingPartnerId) return undefined;
  return { amazonCallbackUri, amazonState, sellingPartnerId, ...(version ? { version } : {}) };
}

/** The query without the Appstore parameters, for the address bar once they are kept in this tab. */
export function withoutAppstoreParams(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of QUERY_NAMES) params.delete(name);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}
