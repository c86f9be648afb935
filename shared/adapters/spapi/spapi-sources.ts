import type { Region } from '../../amazon/marketplaces';
import type { OrdersApiVersion } from '../../config';
import type { InventorySource, OrdersSource, ReportsSource, SalesSource } from '../../ports';
import { createInventorySource } from './inventory-source';
import { createOrders2026Source, createOrdersV0Source } from './orders-sources';
import { createReportsSource } from './reports-source';
import { createSalesSource } from './sales-source';
import { createSpApiAxios } from './spapi-http';

export interface SpApiSourceSettings {
  readonly endpoints: Readonly<Record<Region, string>>;
  readonly userAgent: string;
  readonly ordersApiVersion: OrdersApiVersion;
}

export interface SpApiSources {
  readonly inventory: InventorySource;
  readonly orders: OrdersSource;
  readonly sales: SalesSource;
  readonly reports: ReportsSource;
}

/**
 * Every SP-API source of a data function on one axios instance (one connection pool, one user-agent). This module
 * is what holds the generated @sp-api-sdk clients, axios and the answer schemas: lazy-sources.ts loads it on the
 * first SP-API call, never at init.
 */
export function createSpApiSources({
  endpoints,
  userAgent,
  ordersApiVersion,
}: SpApiSourceSettings): SpApiSources {
  const http = createSpApiAxios(userAgent);
  return {
    inventory: createInventorySource(endpoints, http),
    orders:
      ordersApiVersion === 'v0'
        ? createOrdersV0Source(endpoints, http)
        : createOrders2026Source(endpoints, http),
    sales: createSalesSource(endpoints, http),
    reports: createReportsSource(endpoints, http),
  };
}
