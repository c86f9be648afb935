/**
 * Store data reads: the access gate, snapshot or Amazon, the summary, and the audit record written before the data
 * leaves. Each view is in its own file (inventory-view.ts, orders-view.ts); this service holds what they share
 * for the life of an execution environment: the in-flight fetches and the SP-API caller.
 */
import type { InventoryResponse, OrdersResponse } from '../api/data-contract';
import type { Caller } from '../auth/caller';
import { InflightFetches } from './inflight-fetches';
import { inventoryView } from './inventory-view';
import { KeptAnswers } from './kept-answers';
import { ordersView } from './orders-view';
import type { StoreDataContext, StoreDataDependencies, ViewArgs } from './store-data-context';
import { createSpApiCaller } from './token-retry';

export { ORDER_HISTORY_DAYS, VELOCITY_HISTORY_DAYS, type OrderHistory } from './order-history-state';
export type { Freshness } from '../api/data-contract';
export { INVENTORY_SNAPSHOT_RETENTION_SECONDS, ORDER_HISTORY_RETENTION_SECONDS } from './snapshot-freshness';
export type { StoreDataDependencies } from './store-data-context';

/**
 * Orders: what ships late read directly every time; the history from its checkpoint, as far as the deadline
 * allows, saying how complete it is. Inventory: its own velocity, from the same history.
 */
export class StoreDataService {
  private readonly context: StoreDataContext;

  constructor(deps: StoreDataDependencies) {
    this.context = {
      deps,
      inflight: new InflightFetches(),
      callSpApi: createSpApiCaller(deps),
      kept: new KeptAnswers(),
    };
  }

  inventory(caller: Caller, args: ViewArgs): Promise<InventoryResponse> {
    return inventoryView(this.context, caller, args);
  }

  orders(caller: Caller, args: ViewArgs & { days: string | undefined }): Promise<OrdersResponse> {
    return ordersView(this.context, caller, args);
  }
}
