import type { SpApiSources, SpApiSourceSettings } from './spapi-sources';

/** The operation behind the orders port of each Orders API version (as orders-sources.ts names it). */
export const ORDERS_OPERATIONS = { '2026-01-01': 'searchOrders', v0: 'getOrders' } as const;

/**
 * The SP-API sources of a data function, loaded on their first call instead of at init. What they are built from
 * (the generated @sp-api-sdk clients, axios with form-data and its MIME table, the answer schemas) is about 300 KB,
 * a quarter of a data function's bundle; a view served from a stored snapshot never calls Amazon, so it never
 * evaluates them, and the first view that does evaluates them once per execution environment, beside a call to
 * Amazon that takes far longer. In the bundle, esbuild keeps `import()` of a bundled module as a
 * wrapper evaluated when the import runs (no second file). The ports behave as the eager sources do: same calls,
 * same answers, same errors.
 */
export function lazySpApiSources(settings: SpApiSourceSettings): SpApiSources {
  let loading: Promise<SpApiSources> | undefined;
  const sources = (): Promise<SpApiSources> => {
    loading ??= import('./spapi-sources')
      .then((module) => module.createSpApiSources(settings))
      .catch((error: unknown) => {
        // Not kept: a failed load (it cannot fail in a bundle) is tried again by the next call.
        loading = undefined;
        throw error;
      });
    return loading;
  };
  return {
    inventory: {
      fetchInventoryPage: async (args) => (await sources()).inventory.fetchInventoryPage(args),
    },
    orders: {
      operation: ORDERS_OPERATIONS[settings.ordersApiVersion],
      fetchOrdersPage: async (query) => (await sources()).orders.fetchOrdersPage(query),
    },
    sales: {
      getOrderMetrics: async (query) => (await sources()).sales.getOrderMetrics(query),
    },
    reports: {
      createOrderReport: async (args) => (await sources()).reports.createOrderReport(args),
      getReport: async (args) => (await sources()).reports.getReport(args),
      getReportDocument: async (args) => (await sources()).reports.getReportDocument(args),
      downloadOrderReport: async (args) => (await sources()).reports.downloadOrderReport(args),
    },
  };
}
