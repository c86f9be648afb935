/**
 * What every store data view runs with: the service's dependencies, the fetches it shares between concurrent views
 * (inflight-fetches.ts) and its SP-API caller that retries once on a stale token (token-retry.ts); plus the view's
 * arguments and the marketplace check every view makes first.
 */
import type { StoredRestockSettings } from '../summaries/restock-settings';
import { BadRequest } from '../errors';
import type { PacedCaller } from '../pacing/paced-caller';
import type { AuditTrail } from '../audit/audit-ports';
import type { Clock } from '../clock';
import type {
  InventorySource,
  OrdersSource,
  ReportsSource,
  SalesSource,
  SnapshotStore,
} from './store-data-ports';
import type { StoreRepository } from '../stores/store-ports';
import type { AccessTokenProvider } from './access-token-provider';
import type { InflightFetches } from './inflight-fetches';
import type { KeptAnswers } from './kept-answers';
import type { MarketplaceLearner } from './marketplace-learner';
import type { SpApiCaller } from './token-retry';
import type { StoreScope } from '../store-access/store-scope';
import type { AccessGate } from './store-access';

export interface StoreDataDependencies {
  readonly stores: Pick<StoreRepository, 'getMembership' | 'getProfile'>;
  readonly snapshots: SnapshotStore;
  readonly tokens: AccessTokenProvider;
  readonly pacing: PacedCaller;
  readonly inventory: InventorySource;
  readonly orders: OrdersSource;
  readonly sales: SalesSource;
  readonly reports: ReportsSource;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly snapshotSeconds: { readonly inventory: number; readonly orders: number };
  /** The access gate learns the marketplaces of a store that has none recorded (store-access.ts). */
  readonly learnMarketplaces?: MarketplaceLearner;
  /**
   * The store scopes of this environment: past the gate, the view's store items and token are reached with the
   * verified store's credentials only (shared/store-access/store-scope.ts). Unconfined when absent.
   */
  readonly scope?: StoreScope;
  /** Test-only: replaces the access gate, to prove the store scope holds when a gate is wrong. */
  readonly accessGate?: AccessGate;
  /** The store's saved restock settings; the region's defaults when absent. */
  readonly restockSettings?: (storeId: string) => Promise<StoredRestockSettings | undefined>;
}

/** One service's state, shared by its views: one in-flight fetch per key, one SP-API caller, kept answers. */
export interface StoreDataContext {
  readonly deps: StoreDataDependencies;
  readonly inflight: InflightFetches;
  readonly callSpApi: SpApiCaller;
  readonly kept: KeptAnswers;
}

export interface ViewArgs {
  storeId: string;
  marketplaceId: string | undefined;
  reason: string | undefined;
  requestId: string;
  deadlineMs: number;
}

const MARKETPLACE_PATTERN = /^[A-Z0-9]{8,20}$/;

export function requireMarketplace(marketplaceId: string | undefined): string {
  if (marketplaceId === undefined || !MARKETPLACE_PATTERN.test(marketplaceId))
    throw new BadRequest('marketplaceId is required.');
  return marketplaceId;
}
