import type { InventoryItem } from '../../../dashboard/src/api/types';
import {
  DEFAULT_INVENTORY_SORT,
  filterInventory,
  flagsInUse,
  nextSort,
  searchIndex,
  sortInventory,
} from '../../../dashboard/src/data/inventory';
import { sampleInventoryItems } from '../../../dashboard/src/fixtures/sample-data';

// Only the fields the sorting and filtering read; the rest of the answer does not matter here.
const item = (sku: string, overrides: Partial<InventoryItem> = {}): InventoryItem =>
  ({
    sellerSku: sku,
    asin: `ASIN-${sku}`,
    fnSku: `FN-${sku}`,
    productName: `Product ${sku}`,
    fulfillable: 0,
    inbound: 0,
    reserved: 0,
    unfulfillable: 0,
    unitsSoldPerDay: 0,
    daysOfCover: null,
    restockQuantity: 0,
    flags: [],
    ...overrides,
  }) as InventoryItem;

describe('inventory sorting', () => {
  it('puts the earliest order-by date first by default, SKUs with nothing to plan last', () => {
    const planned = (orderBy: string | null) => ({ plan: { orderBy } as NonNullable<InventoryItem['plan']> });
    const byDate = [
      item('x', planned(null)),
      item('y', planned('2026-04-01')),
      item('z', planned('2026-03-12')),
    ];
    expect(sortInventory(byDate, DEFAULT_INVENTORY_SORT).map((i) => i.sellerSku)).toEqual(['z', 'y', 'x']);
  });

  it('puts the fewest days of cover first and SKUs without sales last', () => {
    const items = [
      item('a', { daysOfCover: null }),
      item('b', { daysOfCover: 40 }),
      item('c', { daysOfCover: 2 }),
    ];
    expect(
      sortInventory(items, { key: 'daysOfCover', direction: 'ascending' }).map((i) => i.sellerSku),
    ).toEqual(['c', 'b', 'a']);
    expect(
      sortInventory(items, { key: 'daysOfCover', direction: 'descending' }).map((i) => i.sellerSku),
    ).toEqual(['b', 'c', 'a']);
  });

  it('sorts text naturally (SKU-2 before SKU-10) and keeps ties in their order', () => {
    const items = [item('SKU-10'), item('SKU-2'), item('sku-1')];
    expect(
      sortInventory(items, { key: 'sellerSku', direction: 'ascending' }).map((i) => i.sellerSku),
    ).toEqual(['sku-1', 'SKU-2', 'SKU-10']);
    const ties = [
      item('x', { fulfillable: 1 }),
      item('y', { fulfillable: 1 }),
      item('z', { fulfillable: 1 }),
    ];
    expect(
      sortInventory(ties, { key: 'fulfillable', direction: 'descending' }).map((i) => i.sellerSku),
    ).toEqual(['x', 'y', 'z']);
  });

  it('flips the direction on the same column and starts numbers descending, text ascending', () => {
    expect(nextSort({ key: 'fulfillable', direction: 'descending' }, 'fulfillable')).toEqual({
      key: 'fulfillable',
      direction: 'ascending',
    });
    expect(nextSort(DEFAULT_INVENTORY_SORT, 'restockQuantity').direction).toBe('descending');
    expect(nextSort(DEFAULT_INVENTORY_SORT, 'productName').direction).toBe('ascending');
  });
});

describe('inventory search and flags', () => {
  const items = [
    item('LCC-1', { productName: '亚麻灯罩 米白', flags: ['low-stock'] }),
    item('LCC-2', { asin: 'B0TARGET', flags: ['out-of-stock'] }),
    item('HPH-3', { productName: 'Linen throw', flags: [] }),
  ];

  it('matches SKU, ASIN and product name, case-insensitively, all words', () => {
    const skus = (query: string) => filterInventory(items, { query, flags: [] }).map((i) => i.sellerSku);
    expect(skus('lcc')).toEqual(['LCC-1', 'LCC-2']);
    expect(skus('b0target')).toEqual(['LCC-2']);
    expect(skus('灯罩')).toEqual(['LCC-1']);
    expect(skus('linen throw')).toEqual(['HPH-3']);
    expect(skus('  ')).toEqual(['LCC-1', 'LCC-2', 'HPH-3']);
  });

  it('keeps items carrying any of the chosen flags', () => {
    const result = filterInventory(items, { query: '', flags: ['low-stock', 'out-of-stock'] });
    expect(result.map((i) => i.sellerSku)).toEqual(['LCC-1', 'LCC-2']);
    expect(filterInventory(items, { query: 'lcc', flags: ['out-of-stock'] }).map((i) => i.sellerSku)).toEqual(
      ['LCC-2'],
    );
  });

  it('lists the flags in use, known ones in their order first', () => {
    expect(
      flagsInUse([
        ...items,
        item('z', { flags: ['zz-custom', 'inbound'] as unknown as InventoryItem['flags'] }),
      ]),
    ).toEqual(['out-of-stock', 'low-stock', 'inbound', 'zz-custom']);
  });

  it('handles 10,000 SKUs: sorts, searches through a prebuilt index, filters by flag', () => {
    const many = sampleInventoryItems(10_000);
    const index = searchIndex(many);
    const sorted = sortInventory(many, { key: 'restockQuantity', direction: 'descending' });
    expect(sorted).toHaveLength(10_000);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i - 1]!.restockQuantity).toBeGreaterThanOrEqual(sorted[i]!.restockQuantity);
    }
    expect(filterInventory(sorted, { query: 'LAMP-09999', flags: [] }, index)).toHaveLength(1);
    const outOfStock = filterInventory(sorted, { query: '', flags: ['out-of-stock'] }, index);
    expect(outOfStock.length).toBeGreaterThan(0);
    expect(outOfStock.every((i) => i.fulfillable === 0)).toBe(true);
  });
});
