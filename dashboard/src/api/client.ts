import { ApiError, apiErrorFrom } from './api-error';
import type {
  AddMemberRequest,
  AddMemberResponse,
  AppstoreAuthorizationRequest,
  AuditResponse,
  AuthorizationResponse,
  DataReason,
  DisconnectResponse,
  InventoryResponse,
  MembersResponse,
  OrdersResponse,
  RemoveMemberResponse,
  RestockSettingsRequest,
  RestockSettingsResponse,
  StoresResponse,
  WebsiteAuthorizationRequest,
} from './types';
import type {
  AdsAuthorizationRemoved,
  AdsAuthorizationStarted,
  AdsSummary,
} from '../../../shared/api/ads-contract';
import type { DisplayNameRequest, DisplayNameResponse } from '../../../shared/api/display-name-contract';
import type { OverviewResponse } from '../../../shared/api/overview-contract';
import type { AdminStoresResponse } from '../../../shared/api/admin-stores-contract';

export interface ApiClientOptions {
  readonly baseUrl: string;
  /** The current access token, or undefined when there is none (the client then asks for sign-in). */
  readonly accessToken: () => string | undefined;
  /** Called on a 401 or a missing token: the session is over, sign in again. */
  readonly onUnauthorized: () => void;
  readonly fetchImpl?: typeof fetch;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

type Query = Record<string, string | number | undefined>;

export function buildUrl(baseUrl: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return `${baseUrl}${path}${search === '' ? '' : `?${search}`}`;
}

const segment = encodeURIComponent;

/** The typed API client: one function per route (docs/contracts.md), each request with the operator's bearer token. */
export class ApiClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  }

  listStores(options?: RequestOptions): Promise<StoresResponse> {
    return this.request('GET', '/api/stores', {}, undefined, options);
  }

  /** Admins only (403 otherwise): every store, a page at a time; pass the previous answer's `nextCursor`. */
  listAdminStores(cursor?: string, options?: RequestOptions): Promise<AdminStoresResponse> {
    return this.request('GET', '/api/admin/stores', { cursor }, undefined, options);
  }

  createAuthorization(
    body: WebsiteAuthorizationRequest | AppstoreAuthorizationRequest,
    options?: RequestOptions,
  ): Promise<AuthorizationResponse> {
    return this.request('POST', '/api/authorizations', {}, body, options);
  }

  getInventory(
    storeId: string,
    marketplaceId: string,
    reason: DataReason = 'inventory-replenishment',
    options?: RequestOptions,
  ): Promise<InventoryResponse> {
    return this.request(
      'GET',
      `/api/stores/${segment(storeId)}/inventory`,
      { marketplaceId, reason },
      undefined,
      options,
    );
  }

  getOrders(
    storeId: string,
    marketplaceId: string,
    days: number,
    reason: DataReason = 'order-fulfillment-monitoring',
    options?: RequestOptions,
  ): Promise<OrdersResponse> {
    return this.request(
      'GET',
      `/api/stores/${segment(storeId)}/orders`,
      { marketplaceId, days, reason },
      undefined,
      options,
    );
  }

  /** 409 AdsNotConnected before the Ads consent (for this marketplace); 404 DatasetNotEnabled when ads is not live. */
  getAds(
    storeId: string,
    marketplaceId: string,
    days: number,
    reason: DataReason = 'ad-budget-review',
    options?: RequestOptions,
  ): Promise<AdsSummary> {
    return this.request(
      'GET',
      `/api/stores/${segment(storeId)}/ads`,
      { marketplaceId, days, reason },
      undefined,
      options,
    );
  }

  /** Owners: the Ads consent is started (state bound to this browser by a cookie); the dashboard follows `redirectUrl`. */
  startAdsAuthorization(storeId: string, options?: RequestOptions): Promise<AdsAuthorizationStarted> {
    return this.request('POST', `/api/stores/${segment(storeId)}/ads-authorization`, {}, undefined, options);
  }

  /** Owners: the store's Ads link removed and its token crypto-shredded; SP-API access is untouched. */
  removeAdsAuthorization(
    storeId: string,
    options?: RequestOptions,
  ): Promise<AdsAuthorizationRemoved | undefined> {
    return this.request(
      'DELETE',
      `/api/stores/${segment(storeId)}/ads-authorization`,
      {},
      undefined,
      options,
    );
  }

  /** Newest first, a page at a time: pass the previous answer's `nextCursor` (and the same range) for older ones. */
  getAudit(
    storeId: string,
    from: string,
    to: string,
    cursor?: string,
    options?: RequestOptions,
  ): Promise<AuditResponse> {
    return this.request(
      'GET',
      `/api/stores/${segment(storeId)}/audit`,
      { from, to, cursor },
      undefined,
      options,
    );
  }

  /**
   * 202: the store is REVOKED (reason `disconnect`) from this answer on and refuses every read; its token is
   * crypto-shredded in the same request. Undefined if the 202 came without a body.
   */
  disconnectStore(storeId: string, options?: RequestOptions): Promise<DisconnectResponse | undefined> {
    return this.request('DELETE', `/api/stores/${segment(storeId)}`, {}, undefined, options);
  }

  /** Members and admins may list; `canManage` says whether the caller may change the list (owners). */
  listMembers(storeId: string, options?: RequestOptions): Promise<MembersResponse> {
    return this.request('GET', `/api/stores/${segment(storeId)}/members`, {}, undefined, options);
  }

  /**
   * Owners add an existing operator by email (201 `added`), or change a member's role (200 `role-changed` or
   * `unchanged`). 404 OperatorNotFound when nobody with that email exists; 409 LastOwner.
   */
  addMember(storeId: string, body: AddMemberRequest, options?: RequestOptions): Promise<AddMemberResponse> {
    return this.request('POST', `/api/stores/${segment(storeId)}/members`, {}, body, options);
  }

  /** Every member reads the store's restock settings; `canEdit` says whether the caller may save them (owners). */
  getRestockSettings(storeId: string, options?: RequestOptions): Promise<RestockSettingsResponse> {
    return this.request('GET', `/api/stores/${segment(storeId)}/restock-settings`, {}, undefined, options);
  }

  /** Owners save settings and overrides; 400 names the bad field, 409 SettingsConflict when saved meanwhile. */
  putRestockSettings(
    storeId: string,
    body: RestockSettingsRequest,
    options?: RequestOptions,
  ): Promise<RestockSettingsResponse> {
    return this.request('PUT', `/api/stores/${segment(storeId)}/restock-settings`, {}, body, options);
  }

  /** What needs attention across the caller's stores, from stored data; a marketplace never viewed is `not-loaded`. */
  getOverview(reason: DataReason, options?: RequestOptions): Promise<OverviewResponse> {
    return this.request('GET', '/api/overview', { reason }, undefined, options);
  }

  /** Owners name the store (null: back to Amazon's storeName); 400 for an empty, long or hidden-character name. */
  putDisplayName(
    storeId: string,
    body: DisplayNameRequest,
    options?: RequestOptions,
  ): Promise<DisplayNameResponse> {
    return this.request('PUT', `/api/stores/${segment(storeId)}/display-name`, {}, body, options);
  }

  /** Owners remove a member; 409 LastOwner for the store's last owner, 404 MemberNotFound. */
  removeMember(
    storeId: string,
    userId: string,
    options?: RequestOptions,
  ): Promise<RemoveMemberResponse | undefined> {
    return this.request(
      'DELETE',
      `/api/stores/${segment(storeId)}/members/${segment(userId)}`,
      {},
      undefined,
      options,
    );
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    query: Query,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<T> {
    const token = this.options.accessToken();
    if (token === undefined) {
      this.options.onUnauthorized();
      throw new ApiError('Unauthorized', 401, 'Sign in to continue.');
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(this.options.baseUrl, path, query), {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // Authentication is the bearer token. Cookies flow only when the API shares the dashboard's origin (the
        // local gateway, or the API behind the same CloudFront): the OAuth flow's browser-binding cookie set by
        // POST /api/authorizations must come back on the callback. Cross-origin, no cookies are sent or stored.
        credentials: 'same-origin',
        // No Referer with store ids.
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('Network', 0, 'The request did not reach the server.');
    }
    const payload: unknown = await readJson(response);
    if (!response.ok) {
      const error = apiErrorFrom(response.status, payload, response.headers.get('retry-after'));
      if (response.status === 401) this.options.onUnauthorized();
      throw error;
    }
    // A DELETE's answer is read when it has one; its status alone already says it was done.
    if (payload === undefined && method !== 'DELETE') {
      throw new ApiError('Unexpected', response.status, 'The server answered without data.');
    }
    return payload as T;
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
