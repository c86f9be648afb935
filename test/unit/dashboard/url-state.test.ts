import {
  INVENTORY_CLEAR_FILTERS,
  inventoryFlagsChange,
  inventoryQueryChange,
  inventorySortChange,
  inventoryStatusesChange,
  inventoryViewFromParams,
} from '../../../dashboard/src/data/inventory-url-state';
import { DEFAULT_INVENTORY_SORT } from '../../../dashboard/src/data/inventory';
import { ORDER_WINDOWS } from '../../../dashboard/src/data/orders';
import { sellerCentralOrderUrl } from '../../../dashboard/src/format/seller-central';
import {
  changedHref,
  checkChoice,
  sortFromParams,
  sortParams,
  withParams,
} from '../../../dashboard/src/router/url-state';

// The views' state in the URL (issue 18): how a change is written, how a value the view does not offer is caught
// (to be corrected visibly), and the inventory's search, filters and sort read back.

describe('withParams', () => {
  it('sets, replaces and removes parameters, keeping the others in their order', () => {
    expect(withParams('?marketplaceId=X&days=30', { days: '7' })).toBe('?marketplaceId=X&days=7');
    expect(withParams('?marketplaceId=X&q=lamp', { q: undefined })).toBe('?marketplaceId=X');
    expect(withParams('?q=lamp', { q: '' })).toBe('');
    expect(withParams('', { status: ['out-of-stock', 'order-now'] })).toBe(
      '?status=out-of-stock&status=order-now',
    );
    expect(withParams('?status=healthy&x=1', { status: [] })).toBe('?x=1');
  });

  it('encodes what it writes, so a search for "a&b=c" stays one value', () => {
    const search = withParams('', { q: 'a&b=c #1' });
    expect(new URLSearchParams(search).get('q')).toBe('a&b=c #1');
    expect(new URLSearchParams(search).get('b')).toBeNull();
  });
});

describe('changedHref', () => {
  const location = { pathname: '/stores/S/orders', search: '?days=30', hash: '#orders-at-risk' };

  it('keeps the fragment on a replacement (typing, a correction) and drops it on a pushed choice', () => {
    expect(changedHref(location, { days: '7' }, 'replace')).toBe('/stores/S/orders?days=7#orders-at-risk');
    expect(changedHref(location, { days: '7' }, 'push')).toBe('/stores/S/orders?days=7');
  });
});

describe('checkChoice', () => {
  it('accepts an offered value, numbers by their value', () => {
    expect(checkChoice('14', ORDER_WINDOWS, 30)).toEqual({ value: 14 });
    expect(checkChoice('14.0', ORDER_WINDOWS, 30)).toEqual({ value: 14 });
    expect(checkChoice('B', ['A', 'B'], 'A')).toEqual({ value: 'B' });
  });

  it('falls back and names what it rejected, so the view can say so', () => {
    expect(checkChoice('400', ORDER_WINDOWS, 30)).toEqual({ value: 30, rejected: '400' });
    expect(checkChoice('abc', ORDER_WINDOWS, 30)).toEqual({ value: 30, rejected: 'abc' });
    expect(checkChoice('XYZ', ['ATVPDKIKX0DER'], 'ATVPDKIKX0DER')).toEqual({
      value: 'ATVPDKIKX0DER',
      rejected: 'XYZ',
    });
    // Case matters: marketplace ids are exact.
    expect(checkChoice('atvpdkikx0der', ['ATVPDKIKX0DER'], 'ATVPDKIKX0DER').rejected).toBe('atvpdkikx0der');
  });

  it('treats an absent or empty value as no choice: the default, nothing to correct', () => {
    expect(checkChoice(null, ORDER_WINDOWS, 30)).toEqual({ value: 30 });
    expect(checkChoice(undefined, ORDER_WINDOWS, 30)).toEqual({ value: 30 });
    expect(checkChoice(' ', ORDER_WINDOWS, 30)).toEqual({ value: 30 });
  });
});

describe('sort in the URL', () => {
  const keys = ['name', 'cost'] as const;
  const fallback = { key: 'cost', direction: 'descending' } as const;

  it('reads a known key and direction, else the opening order', () => {
    expect(sortFromParams(new URLSearchParams('sort=name&dir=asc'), keys, fallback)).toEqual({
      key: 'name',
      direction: 'ascending',
    });
    expect(sortFromParams(new URLSearchParams('sort=name'), keys, fallback)).toEqual({
      key: 'name',
      direction: 'descending',
    });
    expect(sortFromParams(new URLSearchParams('sort=price&dir=asc'), keys, fallback)).toBe(fallback);
    expect(sortFromParams(new URLSearchParams('sort=name&dir=up'), keys, fallback).direction).toBe(
      'descending',
    );
  });

  it('writes nothing for the opening order, so a plain link stays plain', () => {
    expect(sortParams(fallback, fallback)).toEqual({ sort: undefined, dir: undefined });
    expect(sortParams({ key: 'name', direction: 'ascending' }, fallback)).toEqual({
      sort: 'name',
      dir: 'asc',
    });
  });

  it('round-trips through the URL', () => {
    const sort = { key: 'cost', direction: 'ascending' } as const;
    const search = withParams('', sortParams(sort, fallback));
    expect(sortFromParams(new URLSearchParams(search), keys, fallback)).toEqual(sort);
  });
});

describe("the inventory view's URL", () => {
  it('reads search, statuses (known ones, in their order), flags and sort', () => {
    const view = inventoryViewFromParams(
      new URLSearchParams(
        'q=lamp&status=order-now&status=bogus&status=out-of-stock&flag=inbound&flag=inbound&sort=daysOfCover&dir=asc',
      ),
    );
    expect(view).toEqual({
      query: 'lamp',
      statuses: ['out-of-stock', 'order-now'],
      flags: ['inbound'],
      sort: { key: 'daysOfCover', direction: 'ascending' },
    });
  });

  it('opens with nothing filtered and the default order', () => {
    expect(inventoryViewFromParams(new URLSearchParams(''))).toEqual({
      query: '',
      statuses: [],
      flags: [],
      sort: DEFAULT_INVENTORY_SORT,
    });
  });

  it('writes every change back so that reading it gives the same view', () => {
    let search = '?marketplaceId=ATVPDKIKX0DER';
    search = withParams(search, inventoryQueryChange('bulb'));
    search = withParams(search, inventoryStatusesChange(['order-soon']));
    search = withParams(search, inventoryFlagsChange(['low-stock', 'inbound']));
    search = withParams(search, inventorySortChange({ key: 'sellerSku', direction: 'descending' }));
    expect(inventoryViewFromParams(new URLSearchParams(search))).toEqual({
      query: 'bulb',
      statuses: ['order-soon'],
      flags: ['low-stock', 'inbound'],
      sort: { key: 'sellerSku', direction: 'descending' },
    });
    const cleared = withParams(search, INVENTORY_CLEAR_FILTERS);
    expect(cleared).toBe('?marketplaceId=ATVPDKIKX0DER&sort=sellerSku&dir=desc');
  });
});

describe('sellerCentralOrderUrl', () => {
  it("opens the order on its marketplace's Seller Central", () => {
    expect(sellerCentralOrderUrl('ATVPDKIKX0DER', '113-0000001-0000001')).toBe(
      'https://sellercentral.amazon.com/orders-v3/order/113-0000001-0000001',
    );
    expect(sellerCentralOrderUrl('A2EUQ1WTGCTBG2', '702-1-2')).toBe(
      'https://sellercentral.amazon.ca/orders-v3/order/702-1-2',
    );
    expect(sellerCentralOrderUrl('A1VC38T7YXB528', '249-1-2')).toBe(
      'https://sellercentral.amazon.co.jp/orders-v3/order/249-1-2',
    );
  });

  it('uses the unified European Seller Central for the UK and Germany, their own hosts elsewhere', () => {
    expect(sellerCentralOrderUrl('A1F83G8C2ARO7P', '202-1-2')).toBe(
      'https://sellercentral-europe.amazon.com/orders-v3/order/202-1-2',
    );
    expect(sellerCentralOrderUrl('A1PA6795UKMFR9', '302-1-2')).toBe(
      'https://sellercentral-europe.amazon.com/orders-v3/order/302-1-2',
    );
    expect(sellerCentralOrderUrl('A1805IZSGTT6HS', '402-1-2')).toBe(
      'https://sellercentral.amazon.nl/orders-v3/order/402-1-2',
    );
  });

  it('encodes the id and knows no link for a marketplace it does not know', () => {
    expect(sellerCentralOrderUrl('ATVPDKIKX0DER', '1/../x')).toBe(
      'https://sellercentral.amazon.com/orders-v3/order/1%2F..%2Fx',
    );
    expect(sellerCentralOrderUrl('XYZ', '113-1-2')).toBeUndefined();
    expect(sellerCentralOrderUrl('ATVPDKIKX0DER', ' ')).toBeUndefined();
  });
});
