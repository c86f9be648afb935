import type { InventoryItem } from '../api/types';
import type { CsvCell } from './csv';

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
  | 'restockQuantity';

export type SortDirection = 'ascending' | 'descending';

export interface SortState<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

export interface InventoryFilter {
  readonly query: string;
  /** Items carrying any of these flags; empty = no flag filter. */
  readonly flags: readonly string[];
}

/** Opening order: the most urgent restocks first. */
export const DEFAULT_INVENTORY_SORT: SortState<InventorySortKey> = {
  key: 'daysOfCover',
  direction: 'ascending',
};

const TEXT_KEYS: ReadonlySet<InventorySortKey> = new Set(['sellerSku', 'productName', 'asin']);

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
  if (terms.length === 0 && flags.size === 0) return [...items];
  return items.filter((item) => {
    if (flags.size > 0 && !item.flags.some((flag) => flags.has(flag))) return false;
    if (terms.length === 0) return true;
    const haystack = haystackOf(item);
    return terms.every((term) => haystack.includes(term));
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function numericValue(item: InventoryItem, key: InventorySortKey): number | undefined {
  const value = item[key as keyof InventoryItem];
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
    if (TEXT_KEYS.has(sort.key)) {
      order = sign * collator.compare(String(a.item[sort.key]), String(b.item[sort.key]));
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

export const INVENTORY_CSV_FIELDS = [
  'sellerSku',
  'asin',
  'fnSku',
  'productName',
  'fulfillable',
  'inbound',
  'reserved',
  'unfulfillable',
  'unitsSoldPerDay',
  'daysOfCover',
  'restockQuantity',
  'flags',
] as const;

export function inventoryCsvRow(item: InventoryItem): CsvCell[] {
  return INVENTORY_CSV_FIELDS.map((field) => {
    const value = item[field];
    if (Array.isArray(value)) return value.join(' ');
    return value as CsvCell;
  });
}
