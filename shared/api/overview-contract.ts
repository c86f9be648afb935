/**
 * `GET /api/overview?reason`: what needs attention today across the caller's stores and marketplaces, counted
 * from the data already stored (the views' snapshots); it never asks Amazon. One definition for the API
 * (shared/overview/) and the dashboard (dashboard/src/api/client.ts). Types only: nothing here runs.
 */
import type { Region } from '../amazon/marketplaces';
import type { MemberRole, StoreStatus } from '../stores/store';

/**
 * `loaded`: counted from a stored snapshot (`asOf` says when it was read from Amazon); `not-loaded`: nothing
 * is stored for this marketplace yet (open its view once), so the counts are null, never a reassuring 0.
 */
export type OverviewLineState = 'loaded' | 'not-loaded';

interface OverviewLineBase {
  readonly state: OverviewLineState;
  /** When the stored data was read from Amazon (ISO-8601); null when not loaded. */
  readonly asOf: string | null;
  /** Seconds from `asOf` to the overview's `generatedAt`; null when not loaded. */
  readonly ageSeconds: number | null;
  /**
   * False when not loaded, or when what is stored is partial (orders: the open orders were not read whole;
   * inventory: the sales history behind the restock plan is still loading). Show no all-clear then.
   */
  readonly complete: boolean;
}

/** What ships late, from the last complete open-orders listing stored for the marketplace. */
export interface OverviewOrdersLine extends OverviewLineBase {
  /** Orders awaiting shipment whose ship-by time has passed (as of `generatedAt`). */
  readonly late: number | null;
  /** Orders awaiting shipment due to ship within the next 24 hours, not yet late. */
  readonly dueWithin24h: number | null;
}

/** Stock-outs and what to order today, from the stored inventory and the store's restock settings. */
export interface OverviewInventoryLine extends OverviewLineBase {
  /** SKUs with nothing fulfillable. */
  readonly outOfStock: number | null;
  /** SKUs whose restock plan says order now (`order-now`). */
  readonly orderNow: number | null;
}

export interface OverviewMarketplace {
  readonly marketplaceId: string;
  /** Null when the orders dataset is not enabled in this workspace (`MINT_HUB_DATASETS`). */
  readonly orders: OverviewOrdersLine | null;
  /** Null when the inventory dataset is not enabled. */
  readonly inventory: OverviewInventoryLine | null;
}

export interface OverviewAuthorization {
  /** When the seller must re-authorize (ISO-8601), and in how many whole days. */
  readonly reauthorizeBy: string;
  readonly reauthorizeInDays: number;
  /** ACTIVE and due within 30 days (REAUTHORIZATION_NOTICE_DAYS). */
  readonly due: boolean;
  /** Access is lost: REVOKED, SUSPENDED or REAUTH_REQUIRED. No data of a lost store is read. */
  readonly lost: boolean;
  /** For a REVOKED store: `disconnect` (an owner), or the seller's revocation. */
  readonly revokedReason?: string;
}

export interface OverviewStore {
  readonly storeId: string;
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly status: StoreStatus;
  readonly authorization: OverviewAuthorization;
  /** One entry per marketplace of an ACTIVE store; empty for a lost store (its data is not read). */
  readonly marketplaces: readonly OverviewMarketplace[];
  /** Some line of this store is not loaded or not complete. */
  readonly dataIncomplete: boolean;
}

export interface OverviewTotals {
  readonly stores: number;
  /** Sums over the loaded lines only (a not-loaded line adds nothing and is counted in `linesNotLoaded`). */
  readonly lateShipments: number;
  readonly dueWithin24h: number;
  readonly outOfStock: number;
  readonly orderNow: number;
  /** Stores whose authorization is due within 30 days. */
  readonly authorizationDue: number;
  /** Stores whose access is lost (revoked, suspended, re-authorization required). */
  readonly authorizationLost: number;
  /** Stores with some line not loaded or not complete. */
  readonly dataIncomplete: number;
  readonly linesNotLoaded: number;
}

/** `GET /api/overview` */
export interface OverviewResponse {
  /** The clock the counts are taken at (ISO-8601). */
  readonly generatedAt: string;
  /** Most urgent first: lost, then most late shipments, then authorization due soonest. */
  readonly stores: readonly OverviewStore[];
  readonly totals: OverviewTotals;
}
