import { parseAdsDays } from '../data/ads';
import { parseDays } from '../data/orders';

/**
 * The dashboard's URLs. Every view's state that matters (store, marketplace, period, time range) is in the
 * URL, so links can be shared and a deep link survives sign-in. The store views read and correct their
 * marketplace, period, search, filters and sort through `url-state.ts` (`views/store-choices.tsx`); the values
 * here build links to them.
 */
export type Route =
  | { readonly name: 'overview' }
  | { readonly name: 'stores' }
  | { readonly name: 'admin' }
  | { readonly name: 'inventory'; readonly storeId: string; readonly marketplaceId?: string }
  | {
      readonly name: 'orders';
      readonly storeId: string;
      readonly marketplaceId?: string;
      readonly days: number;
    }
  | {
      readonly name: 'ads';
      readonly storeId: string;
      readonly marketplaceId?: string;
      readonly days: number;
    }
  | { readonly name: 'audit'; readonly storeId: string; readonly from?: string; readonly to?: string }
  | { readonly name: 'members'; readonly storeId: string }
  | { readonly name: 'restock-settings'; readonly storeId: string }
  | { readonly name: 'appstore' }
  | { readonly name: 'authorize' }
  | { readonly name: 'not-found' };

export type StoreRoute = Extract<Route, { storeId: string }>;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/overview') return { name: 'overview' };
  if (path === '/stores') return { name: 'stores' };
  if (path === '/admin') return { name: 'admin' };
  if (path === '/appstore') return { name: 'appstore' };
  if (path === '/authorize') return { name: 'authorize' };
  const match = /^\/stores\/([^/]+)\/(inventory|orders|ads|audit|members|restock-settings)$/.exec(path);
  const storeId = match?.[1] === undefined ? undefined : decode(match[1]);
  if (match === null || storeId === undefined || storeId === '') return { name: 'not-found' };
  const marketplaceId = params.get('marketplaceId') ?? undefined;
  switch (match[2]) {
    case 'inventory':
      return { name: 'inventory', storeId, ...(marketplaceId ? { marketplaceId } : {}) };
    case 'orders':
      return {
        name: 'orders',
        storeId,
        days: parseDays(params.get('days')),
        ...(marketplaceId ? { marketplaceId } : {}),
      };
    case 'ads':
      return {
        name: 'ads',
        storeId,
        days: parseAdsDays(params.get('days')),
        ...(marketplaceId ? { marketplaceId } : {}),
      };
    case 'members':
      return { name: 'members', storeId };
    case 'restock-settings':
      return { name: 'restock-settings', storeId };
    default: {
      const from = params.get('from') ?? undefined;
      const to = params.get('to') ?? undefined;
      return { name: 'audit', storeId, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
  }
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '/';
    case 'stores':
      return '/stores';
    case 'admin':
      return '/admin';
    case 'appstore':
      return '/appstore';
    case 'authorize':
      return '/authorize';
    case 'not-found':
      return '/';
    case 'inventory':
      return withQuery(`/stores/${encodeURIComponent(route.storeId)}/inventory`, {
        marketplaceId: route.marketplaceId,
      });
    case 'orders':
      return withQuery(`/stores/${encodeURIComponent(route.storeId)}/orders`, {
        marketplaceId: route.marketplaceId,
        days: route.days,
      });
    case 'ads':
      return withQuery(`/stores/${encodeURIComponent(route.storeId)}/ads`, {
        marketplaceId: route.marketplaceId,
        days: route.days,
      });
    case 'audit':
      return withQuery(`/stores/${encodeURIComponent(route.storeId)}/audit`, {
        from: route.from,
        to: route.to,
      });
    case 'members':
      return `/stores/${encodeURIComponent(route.storeId)}/members`;
    case 'restock-settings':
      return `/stores/${encodeURIComponent(route.storeId)}/restock-settings`;
  }
}
