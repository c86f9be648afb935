import type { Deadline, PacedCaller } from '../pacing/paced-caller';
import { PaginationGuard } from '../pacing/pagination-guard';
import type { InventorySource } from '../ports';
import type { InventoryItemRecord } from '../stores/datasets';
import type { StoreProfile } from '../stores/store';
import type { SpApiCaller } from './token-retry';

/**
 * Every page of a marketplace's FBA inventory, in one go. Bounded: each page is paced, and the guard stops a
 * repeated token or a listing longer than the usage plan allows before the deadline (Amazon's nextToken lives
 * only 30 s, so a listing cannot resume later).
 */
export async function readInventory(
  deps: {
    readonly inventory: InventorySource;
    readonly pacing: PacedCaller;
    readonly callSpApi: SpApiCaller;
  },
  store: StoreProfile,
  marketplaceId: string,
  deadline: Deadline,
): Promise<InventoryItemRecord[]> {
  const items: InventoryItemRecord[] = [];
  let nextToken: string | undefined;
  const guard = new PaginationGuard(
    'getInventorySummaries',
    deps.pacing.pageLimit(store.storeId, 'getInventorySummaries', deadline),
  );
  for (let page = 0; page < 10_000; page++) {
    guard.beforePage();
    const result = await deps.callSpApi(store, 'getInventorySummaries', deadline, (accessToken) =>
      deps.inventory.fetchInventoryPage({ region: store.region, accessToken, marketplaceId, nextToken }),
    );
    guard.afterPage(result.nextToken);
    items.push(...result.records);
    nextToken = result.nextToken;
    if (nextToken === undefined) return items;
  }
  throw new Error('Inventory pagination did not end');
}
