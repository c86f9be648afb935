import { sortFromParams, sortParams, type ParamChanges } from '../router/url-state';
import {
  DEFAULT_INVENTORY_SORT,
  STATUS_ORDER,
  type InventoryFilter,
  type InventorySortKey,
  type SortState,
} from './inventory';
import { INVENTORY_STATUS_PARAM, inventoryStatusesFromSearch } from './overview';

/**
 * The inventory view's search, filters and sort as URL parameters (issue 18): `?q=lamp&status=out-of-stock&flag=
 * inbound&sort=daysOfCover&dir=asc`. `status` is the parameter the overview links with. Unknown statuses and sort
 * keys are dropped (the filter lists only what the data holds); flags are kept as sent, since the API may add some.
 */
export const INVENTORY_QUERY_PARAM = 'q';
export const INVENTORY_FLAG_PARAM = 'flag';

/** Every column the table sorts by. */
export const INVENTORY_SORT_KEYS: readonly InventorySortKey[] = [
  'sellerSku',
  'productName',
  'asin',
  'fulfillable',
  'inbound',
  'reserved',
  'unfulfillable',
  'unitsSoldPerDay',
  'daysOfCover',
  'restockQuantity',
  'status',
  'orderBy',
];

export interface InventoryUrlView extends Required<InventoryFilter> {
  readonly sort: SortState<InventorySortKey>;
}

export function inventoryViewFromParams(params: URLSearchParams): InventoryUrlView {
  return {
    query: params.get(INVENTORY_QUERY_PARAM) ?? '',
    flags: [...new Set(params.getAll(INVENTORY_FLAG_PARAM).filter((flag) => flag !== ''))],
    statuses: inventoryStatusesFromSearch(params.toString(), STATUS_ORDER),
    sort: sortFromParams(params, INVENTORY_SORT_KEYS, DEFAULT_INVENTORY_SORT),
  };
}

export const inventoryQueryChange = (query: string): ParamChanges => ({ [INVENTORY_QUERY_PARAM]: query });
export const inventoryFlagsChange = (flags: readonly string[]): ParamChanges => ({
  [INVENTORY_FLAG_PARAM]: flags,
});
export const inventoryStatusesChange = (statuses: readonly string[]): ParamChanges => ({
  [INVENTORY_STATUS_PARAM]: statuses,
});
export const inventorySortChange = (sort: SortState<InventorySortKey>): ParamChanges =>
  sortParams(sort, DEFAULT_INVENTORY_SORT);
/** "Clear filters": search and filters go, the sort stays. */
export const INVENTORY_CLEAR_FILTERS: ParamChanges = {
  [INVENTORY_QUERY_PARAM]: undefined,
  [INVENTORY_FLAG_PARAM]: undefined,
  [INVENTORY_STATUS_PARAM]: undefined,
};
