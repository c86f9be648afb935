import { RESTOCK_STATUSES } from '../../../shared/api/restock-contract';
import type { InventoryItem, RestockStatus } from '../api/types';

/** Restock statuses, most urgent first: the order of the filter and of the status sort. */
export const STATUS_ORDER: readonly RestockStatus[] = [
  'out-of-stock',
  'order-now',
  'order-soon',
  'sales-history-loading',
  'healthy',
  'overstock',
  'no-sales',
];
// Every status of the contract has a place in the order (a compile-time and a runtime check).
if (STATUS_ORDER.length !== RESTOCK_STATUSES.length) throw new Error('STATUS_ORDER is missing a status');

/** Statuses that mean "place an order now or soon". */
export const ORDER_DUE: ReadonlySet<string> = new Set(['out-of-stock', 'order-now', 'order-soon']);

/** Flags the catalogs translate, in display order; others the API may add are shown as sent. */
export const KNOWN_FLAGS = [
  'out-of-stock',
  'low-stock',
  'inbound',
  'unfulfillable',
  'overstock',
  'no-sales',
] as const;

export type KnownFlag = (typeof KNOWN_FLAGS)[number];

export function isKnownFlag(flag: string): flag is KnownFlag {
  return (KNOWN_FLAGS as readonly string[]).includes(flag);
}

export type InventorySortKey =
  | 'sellerSku'
  | 'productName'
  | 'asin'
  | 'fulfillable'
  | 'inbound'
  | 'reserved'
  | 'unfulfillable'
  | 'unitsSoldPerDay'
  | 'daysOfCover'
  | 'restockQuantity'
  | 'status'
  | 'orderBy';

export type SortDirection = 'ascending' | 'descending';

export interface SortState<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

export interface InventoryFilter {
  readonly query: string;
  /** Items carrying any of these flags; empty = no flag filter. */
  readonly flags: readonly string[];
  /** Items in any of these restock statuses; absent or empty = every status. */
  readonly statuses?: readonly string[];
}

/** Opening order: the earliest order-by date first ("what do I order today"), SKUs with nothing to order last. */
export const DEFAULT_INVENTORY_SORT: SortState<InventorySortKey> = {
  key: 'orderBy',
  direction: 'ascending',
};

const TEXT_KEYS: ReadonlySet<InventorySortKey> = new Set(['sellerSku', 'productName', 'asin', 'orderBy']);

/** Clicking a header: same column flips, a new column starts descending for numbers, ascending for text. */
export function nextSort<K extends string>(
  current: SortState<K>,
  key: K,
  textKeys: ReadonlySet<K> = TEXT_KEYS as ReadonlySet<string> as ReadonlySet<K>,
): SortState<K> {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: textKeys.has(key) ? 'ascending' : 'descending' };
}

/** Lower-cased text the search box matches: SKU, ASIN, FNSKU and product name. */
export function searchText(item: InventoryItem): string {
  return `${item.sellerSku}\u0000${item.asin}\u0000${item.fnSku}\u0000${item.productName}`.toLocaleLowerCase();
}

/** Search text built once per response, so typing in the search box over 10,000 rows stays instant. */
export function searchIndex(items: readonly InventoryItem[]): (item: InventoryItem) => string {
  const index = new Map<InventoryItem, string>();
  for (const item of items) index.set(item, searchText(item));
  return (item) => index.get(item) ?? searchText(item);
}

export function filterInventory(
  items: readonly InventoryItem[],
  filter: InventoryFilter,
  haystackOf: (item: InventoryItem) => string = searchText,
): InventoryItem[] {
  const terms = filter.query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const flags = new Set(filter.flags);
  const statuses = new Set(filter.statuses ?? []);
  if (terms.length === 0 && flags.size === 0 && statuses.size === 0) return [...items];
  return items.filter((item) => {
    if (flags.size > 0 && !item.flags.some((flag) => flags.has(flag))) return false;
    if (statuses.size > 0 && (item.status === undefined || !statuses.has(item.status))) return false;
    if (terms.length === 0) return true;
    const haystack = haystackOf(item);
    return terms.every((term) => haystack.includes(term));
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The value a column sorts by: order-by is the plan's date (none when there is no plan), status its rank. */
function sortValue(item: InventoryItem, key: InventorySortKey): unknown {
  if (key === 'orderBy') return item.plan?.orderBy ?? undefined;
  if (key === 'status') return item.status === undefined ? undefined : STATUS_ORDER.indexOf(item.status);
  return item[key as keyof InventoryItem];
}

function numericValue(item: InventoryItem, key: InventorySortKey): number | undefined {
  const value = sortValue(item, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Stable sort; missing numbers (no sales → no days of cover) sort last in both directions, since "unknown"
 * is never the most or least urgent.
 */
export function sortInventory(
  items: readonly InventoryItem[],
  sort: SortState<InventorySortKey>,
): InventoryItem[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const decorated = items.map((item, position) => ({ item, position }));
  decorated.sort((a, b) => {
    let order: number;
    if (sort.key === 'orderBy') {
      const left = sortValue(a.item, sort.key) as string | undefined;
      const right = sortValue(b.item, sort.key) as string | undefined;
      order =
        left === undefined || right === undefined
          ? left === right
            ? 0
            : left === undefined
              ? 1
              : -1
          : sign * (left < right ? -1 : left > right ? 1 : 0);
    } else if (TEXT_KEYS.has(sort.key)) {
      order =
        sign * collator.compare(String(sortValue(a.item, sort.key)), String(sortValue(b.item, sort.key)));
    } else {
      const left = numericValue(a.item, sort.key);
      const right = numericValue(b.item, sort.key);
      if (left === undefined || right === undefined) {
        order = left === right ? 0 : left === undefined ? 1 : -1;
      } else {
        order = sign * (left - right);
      }
    }
    return order !== 0 ? order : a.position - b.position;
  });
  return decorated.map(({ item }) => item);
}

/** Flags present in the data, known ones in their order first. */
export function flagsInUse(items: readonly InventoryItem[]): string[] {
  const seen = new Set<string>();
  for (const item of items) for (const flag of item.flags) seen.add(flag);
  const known = KNOWN_FLAGS.filter((flag) => seen.has(flag));
  const others = [...seen].filter((flag) => !isKnownFlag(flag)).sort();
  return [...known, ...others];
}

/** Statuses present in the data, in STATUS_ORDER. */
export function statusesInUse(items: readonly InventoryItem[]): RestockStatus[] {
  const seen = new Set(items.map((item) => item.status));
  return STATUS_ORDER.filter((status) => seen.has(status));
}
