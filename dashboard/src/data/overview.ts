import type {
  OverviewAuthorization,
  OverviewInventoryLine,
  OverviewMarketplace,
  OverviewOrdersLine,
  OverviewStore,
} from '../../../shared/api/overview-contract';
import type { RestockStatus } from '../api/types';
import { routeHref } from '../router/routes';
import { DEFAULT_ORDER_DAYS } from './orders';

/**
 * A count of the overview as the page shows it: a number counted from stored data, or "not loaded" when
 * nothing is stored for the marketplace yet. A line that is not loaded is never shown as 0.
 */
export type OverviewCount =
  | { readonly kind: 'count'; readonly value: number; readonly complete: boolean }
  | { readonly kind: 'not-loaded' };

type Line = OverviewOrdersLine | OverviewInventoryLine;

export function lineCount(line: Line, value: number | null): OverviewCount {
  if (line.state === 'not-loaded' || value === null) return { kind: 'not-loaded' };
  return { kind: 'count', value, complete: line.complete };
}

/**
 * How old the stored copy behind a line is now: its age when the overview was counted, plus the time the page
 * has been open since (the API's `ageSeconds` is taken at `generatedAt`). Undefined when nothing is stored.
 */
export function lineAgeSeconds(line: Line, generatedAt: string, now: number): number | undefined {
  if (line.state === 'not-loaded' || line.ageSeconds === null) return undefined;
  const since = Math.max(0, Math.round((now - Date.parse(generatedAt)) / 1000));
  return line.ageSeconds + (Number.isFinite(since) ? since : 0);
}

/** The query parameter the inventory view reads its restock-status filter from (`?status=out-of-stock`). */
export const INVENTORY_STATUS_PARAM = 'status';

/** The id of the orders view's at-risk section, the target of the overview's shipment links. */
export const ORDERS_AT_RISK_ANCHOR = 'orders-at-risk';

/** The orders view of one marketplace, at its at-risk shipments (late and due within 24 h). */
export function ordersAtRiskHref(storeId: string, marketplaceId: string): string {
  const href = routeHref({ name: 'orders', storeId, marketplaceId, days: DEFAULT_ORDER_DAYS });
  return `${href}#${ORDERS_AT_RISK_ANCHOR}`;
}

/** The inventory view of one marketplace, filtered to one restock status. */
export function inventoryStatusHref(storeId: string, marketplaceId: string, status: RestockStatus): string {
  const href = routeHref({ name: 'inventory', storeId, marketplaceId });
  return `${href}&${INVENTORY_STATUS_PARAM}=${encodeURIComponent(status)}`;
}

/** The restock statuses a URL asks the inventory view to filter by (unknown values are dropped). */
export function inventoryStatusesFromSearch(search: string, known: readonly string[]): string[] {
  const asked = new URLSearchParams(search).getAll(INVENTORY_STATUS_PARAM);
  return known.filter((status) => asked.includes(status));
}

/** What the authorization of a store asks for: nothing, a re-authorization soon, or access lost. */
export type AuthorizationAttention = 'lost' | 'due' | 'ok';

export function authorizationAttention(authorization: OverviewAuthorization): AuthorizationAttention {
  if (authorization.lost) return 'lost';
  return authorization.due ? 'due' : 'ok';
}

/** The marketplaces of a store with some line not loaded or not complete: where to open a view to fill it. */
export function incompleteMarketplaces(store: OverviewStore): string[] {
  const incomplete = (line: Line | null) => line !== null && (line.state === 'not-loaded' || !line.complete);
  return store.marketplaces
    .filter((marketplace) => incomplete(marketplace.orders) || incomplete(marketplace.inventory))
    .map((marketplace) => marketplace.marketplaceId);
}

/** Where a marketplace's "data incomplete" should send the reader: the first view with a line to fill. */
export function incompleteHref(storeId: string, marketplace: OverviewMarketplace): string {
  const orders = marketplace.orders;
  if (orders !== null && (orders.state === 'not-loaded' || !orders.complete))
    return routeHref({
      name: 'orders',
      storeId,
      marketplaceId: marketplace.marketplaceId,
      days: DEFAULT_ORDER_DAYS,
    });
  return routeHref({ name: 'inventory', storeId, marketplaceId: marketplace.marketplaceId });
}

/** True when nothing in the store asks for attention: every line loaded, complete and at zero, access fine. */
export function storeAllClear(store: OverviewStore): boolean {
  if (authorizationAttention(store.authorization) !== 'ok' || store.dataIncomplete) return false;
  return store.marketplaces.every(
    (marketplace) =>
      (marketplace.orders === null ||
        (marketplace.orders.late === 0 && marketplace.orders.dueWithin24h === 0)) &&
      (marketplace.inventory === null ||
        (marketplace.inventory.outOfStock === 0 && marketplace.inventory.orderNow === 0)),
  );
}

/** `search` with its restock-status filter replaced by `statuses` (none: the parameter is dropped). */
export function withInventoryStatuses(search: string, statuses: readonly string[]): string {
  const params = new URLSearchParams(search);
  params.delete(INVENTORY_STATUS_PARAM);
  for (const status of statuses) params.append(INVENTORY_STATUS_PARAM, status);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Whether any line of a dataset is counted from stored data across the overview: when none is, a total of 0 would
 * read as an all-clear, so the page says "not loaded" instead.
 */
export function anyLoaded(stores: readonly OverviewStore[], dataset: 'orders' | 'inventory'): boolean {
  return stores.some((store) =>
    store.marketplaces.some((marketplace) => marketplace[dataset]?.state === 'loaded'),
  );
}
