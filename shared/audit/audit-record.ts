import type { Region } from '../amazon/marketplaces';

/** Why data was read; a data route without one of these is a 400 (DESIGN.md, "Contracts"). */
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
  readonly kind: 'store-connected' | 'store-revoked' | 'authorization-check';
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
  readonly kind: 'store-connect-refused' | 'member-added' | 'member-removed' | 'store-action-denied';
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

export type AuditRecord = DataAccessRecord | StoreEventRecord | StoreAccessRecord;
