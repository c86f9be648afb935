import type {
  OverviewInventoryLine,
  OverviewOrdersLine,
  OverviewStore,
} from '../../../shared/api/overview-contract';
import { STATUS_ORDER } from '../../../dashboard/src/data/inventory';
import {
  anyLoaded,
  authorizationAttention,
  incompleteHref,
  incompleteMarketplaces,
  inventoryStatusHref,
  inventoryStatusesFromSearch,
  lineAgeSeconds,
  lineCount,
  ordersAtRiskHref,
  storeAllClear,
  withInventoryStatuses,
} from '../../../dashboard/src/data/overview';
import { parseRoute, routeHref } from '../../../dashboard/src/router/routes';

const GENERATED_AT = '2026-12-03T10:00:00.000Z';

const ordersLine = (over: Partial<OverviewOrdersLine> = {}): OverviewOrdersLine => ({
  state: 'loaded',
  asOf: '2026-12-03T09:48:00.000Z',
  ageSeconds: 720,
  complete: true,
  late: 0,
  dueWithin24h: 0,
  ...over,
});
const ordersNotLoaded: OverviewOrdersLine = {
  state: 'not-loaded',
  asOf: null,
  ageSeconds: null,
  complete: false,
  late: null,
  dueWithin24h: null,
};
const inventoryLine = (over: Partial<OverviewInventoryLine> = {}): OverviewInventoryLine => ({
  state: 'loaded',
  asOf: '2026-12-03T09:00:00.000Z',
  ageSeconds: 3600,
  complete: true,
  outOfStock: 0,
  orderNow: 0,
  ...over,
});

const store = (over: Partial<OverviewStore> = {}): OverviewStore => ({
  storeId: 'A2LUMENCRAFT7Q-NA',
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  displayName: 'Lumen Craft Co.',
  role: 'owner',
  status: 'ACTIVE',
  authorization: {
    reauthorizeBy: '2027-11-01T00:00:00.000Z',
    reauthorizeInDays: 333,
    due: false,
    lost: false,
  },
  marketplaces: [{ marketplaceId: 'ATVPDKIKX0DER', orders: ordersLine(), inventory: inventoryLine() }],
  dataIncomplete: false,
  ...over,
});

describe('overview counts', () => {
  it('says "not loaded" for a line with nothing stored, never 0', () => {
    expect(lineCount(ordersNotLoaded, ordersNotLoaded.late)).toEqual({ kind: 'not-loaded' });
    expect(lineCount(ordersLine({ late: 0 }), 0)).toEqual({ kind: 'count', value: 0, complete: true });
    expect(lineCount(inventoryLine({ complete: false, orderNow: 4 }), 4)).toEqual({
      kind: 'count',
      value: 4,
      complete: false,
    });
  });

  it('ages a line by the time the page has been open since the overview was counted', () => {
    const tenMinutesLater = Date.parse(GENERATED_AT) + 10 * 60_000;
    expect(lineAgeSeconds(ordersLine(), GENERATED_AT, Date.parse(GENERATED_AT))).toBe(720);
    expect(lineAgeSeconds(ordersLine(), GENERATED_AT, tenMinutesLater)).toBe(720 + 600);
    // A clock behind the server's never makes a line younger than the API said.
    expect(lineAgeSeconds(ordersLine(), GENERATED_AT, Date.parse(GENERATED_AT) - 60_000)).toBe(720);
    expect(lineAgeSeconds(ordersNotLoaded, GENERATED_AT, tenMinutesLater)).toBeUndefined();
  });
});

describe('overview links', () => {
  it('sends shipments to the orders view of the marketplace, at its at-risk section', () => {
    const href = ordersAtRiskHref('S/NA', 'ATVPDKIKX0DER');
    const url = new URL(href, 'https://ops.example.com');
    expect(url.hash).toBe('#orders-at-risk');
    expect(parseRoute(url.pathname, url.search)).toEqual({
      name: 'orders',
      storeId: 'S/NA',
      marketplaceId: 'ATVPDKIKX0DER',
      days: 30,
    });
  });

  it('sends stock lines to the inventory view filtered by the restock status the inventory view reads', () => {
    const url = new URL(
      inventoryStatusHref('S-NA', 'A2EUQ1WTGCTBG2', 'order-now'),
      'https://ops.example.com',
    );
    expect(parseRoute(url.pathname, url.search)).toEqual({
      name: 'inventory',
      storeId: 'S-NA',
      marketplaceId: 'A2EUQ1WTGCTBG2',
    });
    expect(inventoryStatusesFromSearch(url.search, STATUS_ORDER)).toEqual(['order-now']);
  });

  it('reads only known statuses from the URL and writes the filter back without touching the rest', () => {
    expect(inventoryStatusesFromSearch('?status=bogus&status=out-of-stock', STATUS_ORDER)).toEqual([
      'out-of-stock',
    ]);
    expect(inventoryStatusesFromSearch('', STATUS_ORDER)).toEqual([]);
    expect(withInventoryStatuses('?marketplaceId=X&status=order-now', [])).toBe('?marketplaceId=X');
    expect(withInventoryStatuses('?marketplaceId=X', ['out-of-stock', 'order-now'])).toBe(
      '?marketplaceId=X&status=out-of-stock&status=order-now',
    );
    expect(withInventoryStatuses('?status=order-now', [])).toBe('');
  });

  it('makes the overview the home page and keeps /stores', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'overview' });
    expect(parseRoute('/overview', '')).toEqual({ name: 'overview' });
    expect(parseRoute('/stores', '')).toEqual({ name: 'stores' });
    expect(routeHref({ name: 'overview' })).toBe('/');
  });

  it('sends "data incomplete" to the first view with a line to fill', () => {
    const notLoadedOrders = { marketplaceId: 'M', orders: ordersNotLoaded, inventory: inventoryLine() };
    expect(incompleteHref('S-NA', notLoadedOrders)).toBe('/stores/S-NA/orders?marketplaceId=M&days=30');
    const partialStock = {
      marketplaceId: 'M',
      orders: ordersLine(),
      inventory: inventoryLine({ complete: false }),
    };
    expect(incompleteHref('S-NA', partialStock)).toBe('/stores/S-NA/inventory?marketplaceId=M');
  });
});

describe('overview store state', () => {
  it('tells lost from due from fine', () => {
    expect(authorizationAttention(store().authorization)).toBe('ok');
    expect(authorizationAttention({ ...store().authorization, due: true })).toBe('due');
    expect(authorizationAttention({ ...store().authorization, due: true, lost: true })).toBe('lost');
  });

  it('is all clear only when every line is loaded, complete and at zero, and access is fine', () => {
    expect(storeAllClear(store())).toBe(true);
    const late = store({
      marketplaces: [{ marketplaceId: 'M', orders: ordersLine({ late: 1 }), inventory: inventoryLine() }],
    });
    expect(storeAllClear(late)).toBe(false);
    const notLoaded = store({
      dataIncomplete: true,
      marketplaces: [{ marketplaceId: 'M', orders: ordersNotLoaded, inventory: inventoryLine() }],
    });
    expect(storeAllClear(notLoaded)).toBe(false);
    expect(incompleteMarketplaces(notLoaded)).toEqual(['M']);
    expect(storeAllClear(store({ authorization: { ...store().authorization, lost: true } }))).toBe(false);
    // A dataset not enabled in the workspace (null) asks nothing.
    expect(
      storeAllClear(store({ marketplaces: [{ marketplaceId: 'M', orders: null, inventory: null }] })),
    ).toBe(true);
  });
});

describe('overview totals', () => {
  it('knows a dataset is loaded only when some line of it is', () => {
    const notLoaded = store({
      marketplaces: [{ marketplaceId: 'M', orders: ordersNotLoaded, inventory: inventoryLine() }],
    });
    expect(anyLoaded([notLoaded], 'orders')).toBe(false);
    expect(anyLoaded([notLoaded], 'inventory')).toBe(true);
    expect(anyLoaded([notLoaded, store()], 'orders')).toBe(true);
    expect(anyLoaded([], 'orders')).toBe(false);
    expect(
      anyLoaded([store({ marketplaces: [{ marketplaceId: 'M', orders: null, inventory: null }] })], 'orders'),
    ).toBe(false);
  });
});
