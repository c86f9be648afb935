import type { Region } from '../amazon/marketplaces';

/** Why data was read; a data route without one of these is a 400 (docs/contracts.md). */
export const ACCESS_REASONS = [
  'inventory-replenishment',
  'order-fulfillment-monitoring',
  'ad-budget-review',
  'seller-request',
  'authorization-check',
] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export type Actor = { readonly type: 'operator' | 'system'; readonly id: string };
export type Dataset = 'inventory' | 'orders' | 'ads';

/** One data access, in the exact shape of the audit contract. */
export interface DataAccessRecord {
  readonly kind: 'data-access';
  readonly at: string;
  readonly actor: Actor;
  readonly storeId: string;
  readonly sellingPartnerId: string | null;
  readonly region: Region | null;
  readonly marketplaceId: string | null;
  readonly dataset: Dataset;
  readonly operation: string;
  readonly reason: AccessReason | null;
  readonly outcome: 'allowed' | 'denied' | 'error';
  readonly source: 'amazon' | 'snapshot' | null;
  readonly itemCount: number | null;
  readonly requestId: string;
  /** Extra: the store's status when access was refused because of it (alarms key on REVOKED). */
  readonly storeStatus?: string;
}

/** Store lifecycle events: who connected, revoked or checked a store, and how. */
export interface StoreEventRecord {
  /**
   * `ads-connected` / `ads-revoked`: the store's Amazon Ads link (SP-API access is not affected by either).
   * `account-status-changed`: Amazon's ACCOUNT_STATUS_CHANGED applied (SUSPENDED, restored, or AT_RISK recorded);
   * `account-status-subscription`: the store's ACCOUNT_STATUS_CHANGED subscription made, reused, failed or deleted.
   */
  readonly kind:
    | 'store-connected'
    | 'store-revoked'
    | 'authorization-check'
    | 'ads-connected'
    | 'ads-revoked'
    | 'account-status-changed'
    | 'account-status-subscription';
  readonly at: string;
  readonly actor: Actor;
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly outcome: 'allowed' | 'denied' | 'error';
  readonly requestId: string;
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Who may reach a store, and attempts to: `store-connect-refused` (a callback claimed a store another team owns),
 * `member-added` / `member-removed`, and `store-action-denied` (a refused disconnect, access-log or members request,
 * audited like a refused data read). The seller id and region are the store's when it exists, else the claim's.
 */
export interface StoreAccessRecord {
  readonly kind:
    | 'store-connect-refused'
    | 'member-added'
    | 'member-removed'
    | 'store-action-denied'
    /** An Ads consent that linked nothing: a foreign profile, another region, or no profile. */
    | 'ads-connect-refused';
  readonly at: string;
  readonly actor: Actor;
  readonly storeId: string;
  readonly sellingPartnerId: string | null;
  readonly region: Region | null;
  /** The route or step: `OAuthCallback`, `DisconnectStore`, `GetStoreAudit`, `AddStoreMember`… */
  readonly operation: string;
  readonly outcome: 'allowed' | 'denied';
  readonly requestId: string;
  /** For member changes: the member (`subjectId`), `role`, and `previousRole` when a role changed. */
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

/**
 * An owner changed a store's settings (`restock`: the restock plan settings and per-SKU/ASIN overrides). `before`
 * and `after` hold only what changed, keyed by field (`settings.coverDays`, `settings.modes.sea.transitDays`) or
 * override (`overrides.sku:ABC-1`, `overrides.asin:B0…`); null means absent (an override added or removed).
 */
export interface SettingsChangedRecord {
  readonly kind: 'settings-changed';
  readonly at: string;
  readonly actor: Actor;
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  /** The route: `PutRestockSettings`, `PutStoreDisplayName`. */
  readonly operation: string;
  readonly outcome: 'allowed';
  readonly requestId: string;
  /** `display-name`: the owner's override of the store's name (`displayName`; null: Amazon's storeName). */
  readonly settings: 'restock' | 'display-name';
  /** The version saved. */
  readonly version: number;
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

/**
 * Events of the app itself, not of one store: `client-secret-rotated` (a new LWA client secret became current) and
 * `client-secret-rotation-requested` (the schedule asked Amazon to rotate). Times only: never a secret.
 */
export interface ApplicationEventRecord {
  /** `admin-action-denied`: a non-admin asked for an admin-only route (`detail.operation`). */
  readonly kind: 'client-secret-rotated' | 'client-secret-rotation-requested' | 'admin-action-denied';
  readonly at: string;
  /** No store: the app's own credentials. (Present so every record can be filtered by store.) */
  readonly storeId: null;
  readonly actor: Actor;
  readonly outcome: 'allowed' | 'denied' | 'error';
  readonly requestId: string;
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

export type AuditRecord =
  DataAccessRecord | StoreEventRecord | StoreAccessRecord | SettingsChangedRecord | ApplicationEventRecord;
