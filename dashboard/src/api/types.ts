/**
 * The API's response shapes as the dashboard reads them (docs/contracts.md). Fields marked optional are
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
import type { Region } from '../../../shared/amazon/marketplaces';
import type { RevocationSource } from '../../../shared/revocation/revocation-event';
import type { StoreSummary, StoresResponse as ApiStoresResponse } from '../../../shared/api/stores-contract';
import type { StoreStatus } from '../../../shared/stores/store';

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

// Regions, store statuses and access reasons: the API's own definitions, never hand-copied.
export { REGIONS, type Region } from '../../../shared/amazon/marketplaces';
export type { StoreStatus } from '../../../shared/stores/store';
export type StoreRole = MemberRole;

/** The fields of a store every view relies on; the rest the views work without (a fixture, an older API). */
type StoreIdentity = 'storeId' | 'sellingPartnerId' | 'region' | 'marketplaceIds' | 'status';

/**
 * A store of `GET /api/stores`: one definition with the API (shared/api/stores-contract.ts). `revokedReason`
 * values the dashboard does not know are shown as a plain "Revoked".
 */
export type Store = Pick<StoreSummary, StoreIdentity> & Partial<Omit<StoreSummary, StoreIdentity>>;

/** `GET /api/stores`; `isAdmin` falls back to the access token's `cognito:groups` when absent. */
export type StoresResponse = { readonly stores: readonly Store[] } & Partial<
  Omit<ApiStoresResponse, 'stores'>
>;

/** `POST /api/authorizations`, website flow. */
export interface WebsiteAuthorizationRequest {
  readonly region: Region;
  readonly marketplace?: string;
}

/** `POST /api/authorizations`, Appstore flow: the type of the API's own zod schema, one definition. */
export type { AppstoreAuthorizationRequest } from '../../../shared/authorization/appstore-request';

export interface AuthorizationResponse {
  readonly redirectUrl: string;
}

export type { AccessReason as DataReason } from '../../../shared/audit/audit-record';

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
