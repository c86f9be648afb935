/**
 * The API's response shapes as the dashboard reads them (DESIGN.md "Contracts"). Fields marked optional are
 * ones the design does not promise; the views work without them. Error codes come from the backend's own list.
 */
import type {
  AddMemberRequest,
  AddMemberResponse,
  DisconnectResponse,
  MemberRole,
  MembersResponse,
  RemoveMemberResponse,
  StoreMember,
} from '../../../shared/api/members-contract';
import type { ErrorCode } from '../../../shared/errors';
import type { RevocationSource } from '../../../shared/revocation/revocation-event';

export type { ErrorCode, RevocationSource };
// The members routes and the disconnect answer: one definition, shared with the API (shared/api/members-contract.ts).
export type {
  AddMemberRequest,
  AddMemberResponse,
  DisconnectResponse,
  MemberRole,
  MembersResponse,
  RemoveMemberResponse,
  StoreMember,
};

export type Region = 'NA' | 'EU' | 'FE';
export const REGIONS: readonly Region[] = ['NA', 'EU', 'FE'];

export type StoreStatus = 'ACTIVE' | 'REAUTH_REQUIRED' | 'SUSPENDED' | 'REVOKED';
export type StoreRole = MemberRole;

export interface Store {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly marketplaceIds: readonly string[];
  readonly displayName?: string;
  readonly status: StoreStatus;
  readonly connectedAt?: string;
  /** When the seller must authorize again (365 days after consent). */
  readonly reauthorizeBy?: string;
  readonly revokedAt?: string;
  /**
   * Why the store is revoked: `disconnect` = an owner disconnected it in Mint Hub; `invalid_grant` /
   * `health-check` = the seller revoked at Amazon or the authorization lapsed; `account-status` = Amazon
   * deactivated the account. Other values are shown as a plain "Revoked".
   */
  readonly revokedReason?: RevocationSource | string;
  /** The caller's membership; absent when an admin sees a store they are not a member of. */
  readonly role?: StoreRole;
}

/** `GET /api/stores` */
export interface StoresResponse {
  readonly stores: readonly Store[];
  /** Whether the caller is in the admin group (falls back to the access token's `cognito:groups`). */
  readonly isAdmin?: boolean;
}

/** `POST /api/authorizations`, website flow. */
export interface WebsiteAuthorizationRequest {
  readonly region: Region;
  readonly marketplace?: string;
}

/** `POST /api/authorizations`, Appstore flow. */
export interface AppstoreAuthorizationRequest {
  readonly amazonCallbackUri: string;
  readonly amazonState: string;
  readonly sellingPartnerId: string;
  readonly version?: string;
}

export interface AuthorizationResponse {
  readonly redirectUrl: string;
}

/** `amazon` = fetched from SP-API for this request; `snapshot` = the stored last summary. */
export type DataSource = 'amazon' | 'snapshot';

export type DataReason =
  | 'inventory-replenishment'
  | 'order-fulfillment-monitoring'
  | 'ad-budget-review'
  | 'seller-request'
  | 'authorization-check';

export interface Freshness {
  readonly asOf: string;
  readonly source: DataSource | string;
}

export interface InventoryTotals {
  readonly skus: number;
  readonly fulfillable: number;
  readonly inbound: number;
  readonly reserved: number;
  readonly unfulfillable: number;
  readonly outOfStock: number;
  readonly lowStock: number;
}

export interface InventoryItem {
  readonly sellerSku: string;
  readonly asin: string;
  readonly fnSku: string;
  readonly productName: string;
  readonly fulfillable: number;
  readonly inbound: number;
  readonly reserved: number;
  readonly unfulfillable: number;
  readonly unitsSoldPerDay: number;
  /** Null when nothing sold (cover is unbounded). */
  readonly daysOfCover: number | null;
  readonly restockQuantity: number;
  readonly flags: readonly string[];
}

/** `GET /api/stores/{storeId}/inventory` */
export interface InventoryResponse extends Freshness {
  readonly storeId: string;
  readonly marketplaceId: string;
  readonly totals: InventoryTotals;
  readonly items: readonly InventoryItem[];
  /** The planning settings behind daysOfCover and restockQuantity. */
  readonly settings?: { readonly leadTimeDays: number; readonly safetyDays: number };
}

export interface Money {
  readonly currency: string;
  /** Amazon sends decimal strings; numbers are accepted too. */
  readonly amount: number | string;
}

export interface AtRiskOrder {
  readonly orderId: string;
  readonly status: string;
  readonly latestShipDate: string;
  readonly late: boolean;
}

export interface DailyOrders {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly orders: number;
  /** One amount in the marketplace currency, a Money, or one Money per currency. */
  readonly revenue: number | string | Money | readonly Money[];
}

/** `GET /api/stores/{storeId}/orders` */
export interface OrdersResponse extends Freshness {
  readonly storeId: string;
  readonly marketplaceId: string;
  readonly days: number;
  readonly totals: {
    readonly orders: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly byChannel: Readonly<Record<string, number>>;
    readonly byMarketplace?: Readonly<Record<string, number>>;
    readonly revenue: readonly Money[];
  };
  /** Also accepted at the top level. */
  readonly byMarketplace?: Readonly<Record<string, number>>;
  readonly atRisk: readonly AtRiskOrder[];
  readonly daily: readonly DailyOrders[];
}

export type AuditKind =
  | 'data-access'
  | 'store-connected'
  | 'store-revoked'
  | 'authorization-check'
  | 'member-added'
  | 'member-removed'
  | 'store-connect-refused';
export type AuditOutcome = 'allowed' | 'denied' | 'error';

/** One access audit record (DESIGN.md). */
export interface AuditRecord {
  readonly kind: AuditKind | string;
  readonly at: string;
  readonly actor: { readonly type: 'operator' | 'system' | string; readonly id: string };
  readonly storeId: string;
  readonly sellingPartnerId?: string | null;
  readonly region?: string | null;
  readonly marketplaceId?: string | null;
  readonly dataset?: 'inventory' | 'orders' | 'ads' | string | null;
  readonly operation?: string | null;
  readonly reason?: string | null;
  readonly outcome?: AuditOutcome | string | null;
  readonly source?: DataSource | string | null;
  readonly itemCount?: number | null;
  readonly requestId?: string | null;
  /** Store events (`store-connected`, `store-revoked`, `authorization-check`) carry their particulars here. */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** `GET /api/stores/{storeId}/audit` */
export interface AuditResponse {
  readonly records: readonly AuditRecord[];
}

/** The error contract: `{"error":{"code","message"}}`. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode | string;
    readonly message: string;
    readonly retryAfterSeconds?: number;
    /** `StoreNotActive`: the store's status and, when revoked, why. */
    readonly status?: StoreStatus;
    readonly revokedReason?: RevocationSource | string;
  };
}
