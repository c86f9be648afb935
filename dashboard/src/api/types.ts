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
import type { AuditRecord, AuditResponse } from '../../../shared/api/audit-contract';
import type {
  DataSource,
  Freshness,
  HistoryCoverage,
  HistorySource,
  InventoryResponse,
  OpenOrdersCoverage,
  OrdersResponse,
} from '../../../shared/api/data-contract';
import type { ErrorCode } from '../../../shared/errors';
import type { Money } from '../../../shared/stores/datasets';
import type {
  ResolvedSkuSettings,
  RestockModePlan,
  RestockOverride,
  RestockOverrideSettings,
  RestockPlan,
  RestockPlanSettings,
  RestockSettingsRequest,
  RestockSettingsResponse,
  RestockStatus,
  ShippingMode,
  ShippingModeSettings,
} from '../../../shared/api/restock-contract';
import type { RevocationSource } from '../../../shared/revocation/revocation-event';

export type { ErrorCode, RevocationSource };
// Restock settings and plans: one definition, shared with the API (shared/api/restock-contract.ts).
export type {
  ResolvedSkuSettings,
  RestockModePlan,
  RestockOverride,
  RestockOverrideSettings,
  RestockPlan,
  RestockPlanSettings,
  RestockSettingsRequest,
  RestockSettingsResponse,
  RestockStatus,
  ShippingMode,
  ShippingModeSettings,
};
// The access log (`GET /api/stores/{storeId}/audit`): one definition, shared with the API (shared/api/audit-contract.ts).
export type { AuditRecord, AuditResponse };
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
  /** Whole days until `reauthorizeBy` (negative once past), as the API counts them. */
  readonly reauthorizeInDays?: number;
  /** The API's rule (an ACTIVE store within REAUTHORIZATION_NOTICE_DAYS of `reauthorizeBy`): shown, never derived. */
  readonly reauthorizationDue?: boolean;
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

export type DataReason =
  | 'inventory-replenishment'
  | 'order-fulfillment-monitoring'
  | 'ad-budget-review'
  | 'seller-request'
  | 'authorization-check';

// The data answers: one definition, shared with the API (shared/api/data-contract.ts), never hand-copied.
export type {
  DataSource,
  Freshness,
  HistoryCoverage,
  HistorySource,
  InventoryResponse,
  OpenOrdersCoverage,
  OrdersResponse,
};
export type { Money };
export type InventoryItem = InventoryResponse['items'][number];
export type InventoryTotals = InventoryResponse['totals'];
export type AtRiskOrder = OrdersResponse['atRisk'][number];
export type DailyOrders = OrdersResponse['daily'][number];

/** What every data answer says about where it comes from and how complete and fresh it is. */
export type DataAnswer = Pick<OrdersResponse, 'asOf' | 'source' | 'freshness'> & {
  readonly timeZone?: string;
  readonly history?: OrdersResponse['history'];
  readonly openOrders?: OrdersResponse['openOrders'];
};

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
