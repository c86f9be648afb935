/**
 * The route manifest: the one list of HTTP routes, read by the CDK stack (lib/) and by the local gateway
 * (local/), so the deployed API and `npm start` cannot drift. Each route names the handler file in
 * functions/ that serves it; the handler file exports `handler`. Over 350 lines on purpose: it is a data list,
 * one entry per route, and one list is what keeps the two from drifting.
 */
export type RouteAuth = 'public' | 'jwt';

/** What a function may touch; lib/ turns each into the least-privilege IAM grant. */
export type Capability =
  | 'table:read'
  | 'table:scan'
  | 'table:write'
  /** UpdateItem only: changes attributes of existing items (a view that stamps what it asked for), never creates or deletes one. */
  | 'table:update'
  | 'tokens:encrypt'
  | 'tokens:decrypt'
  | 'revocations:send'
  | 'audit:write'
  | 'audit:read'
  | 'lwa:client-secret'
  /** KMS Encrypt / Decrypt of Ads refresh tokens only (encryption context purpose `ADS`). */
  | 'ads-tokens:encrypt'
  | 'ads-tokens:decrypt'
  /** The Ads security profile's client secret (its own Secrets Manager secret). */
  | 'ads:client-secret'
  /** Send to the Ads report pipeline's queue. */
  | 'ads-reports:send'
  /** Write new versions of the LWA client secret and move its stages: the client-secret rotation worker only. */
  | 'lwa:client-secret-rotate'
  /** Read the LWA client secret's version metadata (which version is current, since when), never its value. */
  | 'lwa:client-secret-metadata'
  /** Look operators up in the sign-in directory (Cognito ListUsers on the operators' user pool). */
  | 'operators:read'
  /**
   * The access gate's reads with the function's own role: a member item or a profile by key, and a user's
   * memberships by the user-stores index, projecting only GATE_ATTRIBUTES (shared/store-access/store-access-policy.ts).
   */
  | 'store:gate'
  /**
   * Store-access sessions (sts:AssumeRole on the store-access role, tagged with the store) whose purpose tag may
   * be `NONE` (the store's items only), `SPAPI` (its items and its SP-API token) or `ADS` (its items and its Ads
   * token). The trust policy admits each function with only the purposes it declares.
   */
  | 'store:none'
  | 'store:spapi'
  | 'store:ads'
  /**
   * The app's own items, outside every store's partition (`APP#`, `JOB#`, `SUBSCRIPTION#`: notification
   * destinations, a job's cursor, Amazon's subscription ids): GetItem and Query (`read`), PutItem, UpdateItem and
   * DeleteItem (`write`), confined by `dynamodb:LeadingKeys`, so a worker's own role reaches no store item.
   */
  | 'app-items:read'
  | 'app-items:write'
  /** Scan of the table projecting only GATE_ATTRIBUTES: every store's profile, never a token or a snapshot. */
  | 'table:scan-profiles';

export interface RouteDefinition {
  /** Stable id, also the function's construct id. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: `{name}` for a path parameter. */
  readonly path: string;
  readonly auth: RouteAuth;
  /** Handler module, relative to the repository root, without extension. */
  readonly handler: string;
  readonly capabilities: readonly Capability[];
  readonly description: string;
  /** Lambda timeout; data routes fetch from Amazon within API Gateway's 30 s. @default 10 */
  readonly timeoutSeconds?: number;
}

export const ROUTES = [
  {
    id: 'CreateAuthorization',
    method: 'POST',
    path: '/api/authorizations',
    auth: 'jwt',
    handler: 'functions/create-authorization',
    capabilities: ['table:write'],
    description: 'Creates a single-use OAuth state and answers the consent or Appstore redirect URL',
  },
  {
    id: 'AppstoreLogin',
    method: 'GET',
    path: '/auth/amazon/login',
    auth: 'public',
    handler: 'functions/appstore-login',
    capabilities: [],
    description: 'Appstore Login URI: forwards the Appstore parameters to the dashboard',
  },
  {
    id: 'OAuthCallback',
    method: 'GET',
    path: '/auth/amazon/callback',
    auth: 'public',
    handler: 'functions/oauth-callback',
    capabilities: ['table:write', 'tokens:encrypt', 'audit:write', 'lwa:client-secret'],
    description: 'Consumes the state, exchanges the code, stores the encrypted refresh token',
  },
  {
    id: 'ListStores',
    method: 'GET',
    path: '/api/stores',
    auth: 'jwt',
    handler: 'functions/list-stores',
    capabilities: ['table:read'],
    description: "The caller's stores with their status",
  },
  {
    id: 'GetInventory',
    timeoutSeconds: 28,
    method: 'GET',
    path: '/api/stores/{storeId}/inventory',
    auth: 'jwt',
    handler: 'functions/get-inventory',
    capabilities: ['store:gate', 'store:spapi', 'revocations:send', 'audit:write', 'lwa:client-secret'],
    description: 'Inventory summary of one store and marketplace',
  },
  {
    id: 'GetOrders',
    timeoutSeconds: 28,
    method: 'GET',
    path: '/api/stores/{storeId}/orders',
    auth: 'jwt',
    handler: 'functions/get-orders',
    capabilities: ['store:gate', 'store:spapi', 'revocations:send', 'audit:write', 'lwa:client-secret'],
    description: 'Order summary of one store and marketplace',
  },
  {
    id: 'GetAds',
    timeoutSeconds: 28,
    method: 'GET',
    path: '/api/stores/{storeId}/ads',
    auth: 'jwt',
    handler: 'functions/get-ads',
    // Served from stored reports: no Amazon call and no token; it only asks the pipeline (queue) for fresh data,
    // stamping the link it asked about (markSyncRequested, a conditional UpdateItem).
    capabilities: ['store:gate', 'store:none', 'audit:write', 'ads-reports:send'],
    description: 'Advertising summary of one store and Ads profile',
  },
  {
    id: 'StartAdsAuthorization',
    method: 'POST',
    path: '/api/stores/{storeId}/ads-authorization',
    auth: 'jwt',
    handler: 'functions/start-ads-authorization',
    capabilities: ['table:read', 'table:write', 'audit:write'],
    description:
      "An owner starts the Amazon Ads consent for a store: state, PKCE, the region's LWA consent URL",
  },
  {
    id: 'RemoveAdsAuthorization',
    method: 'DELETE',
    path: '/api/stores/{storeId}/ads-authorization',
    auth: 'jwt',
    handler: 'functions/remove-ads-authorization',
    capabilities: ['store:gate', 'store:none', 'audit:write'],
    description: 'An owner removes the Ads link: token crypto-shredded, reports purged; SP-API untouched',
  },
  {
    id: 'AdsOAuthCallback',
    timeoutSeconds: 20,
    method: 'GET',
    path: '/auth/amazon-ads/callback',
    auth: 'public',
    handler: 'functions/ads-oauth-callback',
    capabilities: [
      'table:read',
      'table:write',
      'ads-tokens:encrypt',
      'audit:write',
      'ads:client-secret',
      'ads-reports:send',
    ],
    description: "Consumes the Ads state, exchanges the code once, links the store's own profiles",
  },
  {
    id: 'DisconnectStore',
    method: 'DELETE',
    path: '/api/stores/{storeId}',
    auth: 'jwt',
    handler: 'functions/disconnect-store',
    capabilities: ['store:gate', 'store:none', 'revocations:send', 'audit:write'],
    description:
      'Owner disconnects a store: revoked and crypto-shredded in the request, the queue finishes what is left',
  },
  {
    id: 'GetStoreAudit',
    method: 'GET',
    path: '/api/stores/{storeId}/audit',
    auth: 'jwt',
    handler: 'functions/get-store-audit',
    // operators:read: each operator's record carries their name and email from the user pool.
    capabilities: ['table:read', 'audit:read', 'audit:write', 'operators:read'],
    description: "The store's access records, for its owners and admins",
  },
  {
    id: 'ListAdminStores',
    method: 'GET',
    path: '/api/admin/stores',
    auth: 'jwt',
    handler: 'functions/list-admin-stores',
    // Every store: a bounded, paged Scan of the profiles (no index lists them); members' names from the user pool.
    // No token key and no write but the refusal's audit record.
    capabilities: ['table:read', 'table:scan', 'operators:read', 'audit:write'],
    description: 'Every store with members, re-authorization dates and the last health check, for admins',
  },
  {
    id: 'ListStoreMembers',
    method: 'GET',
    path: '/api/stores/{storeId}/members',
    auth: 'jwt',
    handler: 'functions/list-store-members',
    capabilities: ['store:gate', 'store:none', 'operators:read', 'audit:write'],
    description: "The store's members with names and emails, for its members and admins",
  },
  {
    id: 'AddStoreMember',
    method: 'POST',
    path: '/api/stores/{storeId}/members',
    auth: 'jwt',
    handler: 'functions/add-store-member',
    capabilities: ['store:gate', 'store:none', 'operators:read', 'audit:write'],
    description: 'An owner adds an existing operator (by email) as operator or owner, or changes their role',
  },
  {
    id: 'RemoveStoreMember',
    method: 'DELETE',
    path: '/api/stores/{storeId}/members/{userId}',
    auth: 'jwt',
    handler: 'functions/remove-store-member',
    capabilities: ['store:gate', 'store:none', 'audit:write'],
    description: 'An owner removes a member; never the last owner',
  },
  {
    id: 'GetRestockSettings',
    method: 'GET',
    path: '/api/stores/{storeId}/restock-settings',
    auth: 'jwt',
    handler: 'functions/get-restock-settings',
    capabilities: ['store:gate', 'store:none', 'audit:write'],
    description: "The store's restock plan settings and per-SKU overrides, for its members",
  },
  {
    id: 'PutRestockSettings',
    method: 'PUT',
    path: '/api/stores/{storeId}/restock-settings',
    auth: 'jwt',
    handler: 'functions/put-restock-settings',
    capabilities: ['store:gate', 'store:none', 'audit:write'],
    description:
      'An owner saves the restock plan settings and per-SKU overrides; audited with before and after',
  },
  {
    id: 'GetOverview',
    // A first overview of many stores plans every SKU of every marketplace (later ones reuse the plans).
    timeoutSeconds: 28,
    method: 'GET',
    path: '/api/overview',
    auth: 'jwt',
    handler: 'functions/get-overview',
    // Stored data only: no token, no Amazon call, nothing written but the audit records.
    capabilities: ['table:read', 'audit:write'],
    description: "What needs attention across the caller's stores, from the stored snapshots",
  },
  {
    id: 'PutStoreDisplayName',
    method: 'PUT',
    path: '/api/stores/{storeId}/display-name',
    auth: 'jwt',
    handler: 'functions/put-store-display-name',
    capabilities: ['store:gate', 'store:none', 'audit:write'],
    description: "An owner overrides the store's display name (or clears the override); audited",
  },
  {
    id: 'Healthz',
    method: 'GET',
    path: '/healthz',
    auth: 'public',
    handler: 'functions/healthz',
    capabilities: ['table:read'],
    description: 'Health: 200 when the store table answers, 503 when it does not',
  },
] as const satisfies readonly RouteDefinition[];

export type RouteId = (typeof ROUTES)[number]['id'];

/** Functions that are not behind a route. */
export const BACKGROUND_FUNCTIONS = [
  {
    id: 'RevocationWorker',
    handler: 'functions/revocation-worker',
    capabilities: ['store:none', 'app-items:read', 'app-items:write', 'audit:write'],
    description: 'Makes revocations and suspensions final: status, crypto-shredding, snapshot purge',
  },
  {
    id: 'AuthorizationHealthCheck',
    handler: 'functions/authorization-health-check',
    capabilities: [
      'table:scan-profiles',
      'app-items:read',
      'app-items:write',
      'store:spapi',
      'revocations:send',
      'audit:write',
      'lwa:client-secret',
    ],
    description: 'Daily: one refresh-grant exchange per active store; flags re-authorization due',
  },
  {
    id: 'RevocationSweep',
    handler: 'functions/revocation-sweep',
    // No token key at all: shredding deletes ciphertext, it never decrypts it.
    capabilities: ['table:read', 'table:scan', 'table:write', 'audit:write'],
    description:
      'Hourly: completes any REVOKED store whose token ciphertext still exists (lost crypto-shred)',
  },
  {
    id: 'ClientSecretRotationWorker',
    handler: 'functions/client-secret-rotation-worker',
    capabilities: ['table:read', 'table:write', 'audit:write', 'lwa:client-secret-rotate'],
    description:
      "Makes Amazon's new LWA client secret current: staged, proven with LWA, then promoted; audited",
  },
  {
    id: 'StartClientSecretRotation',
    handler: 'functions/start-client-secret-rotation',
    capabilities: [
      'table:read',
      'table:write',
      'audit:write',
      'lwa:client-secret',
      'lwa:client-secret-metadata',
    ],
    description: 'Daily: reports the LWA client secret age; asks Amazon to rotate it before it expires',
  },
  {
    id: 'AdsReportWorker',
    handler: 'functions/ads-report-worker',
    capabilities: ['store:gate', 'store:ads', 'audit:write', 'ads:client-secret', 'ads-reports:send'],
    description:
      'Ads report pipeline: requests, polls, downloads and stores Reporting v3 reports; reads budgets',
  },
] as const satisfies readonly {
  id: string;
  handler: string;
  capabilities: readonly Capability[];
  description: string;
}[];

/** Turns `/api/stores/{storeId}/inventory` into a matcher for a concrete path. */
export function matchRoutePath(pattern: string, path: string): Record<string, string> | undefined {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] ?? '';
    const actual = pathParts[i] ?? '';
    if (expected.startsWith('{') && expected.endsWith('}')) {
      if (actual === '') return undefined;
      params[expected.slice(1, -1)] = decodeURIComponent(actual);
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

/** CloudFront path patterns that send requests to the API rather than the dashboard bucket. */
export function apiPathPatterns(): string[] {
  const patterns = new Set<string>();
  for (const route of ROUTES) {
    const first = route.path.split('/')[1] ?? '';
    patterns.add(route.path.split('/').length > 2 ? `/${first}/*` : route.path);
  }
  return [...patterns].sort();
}
