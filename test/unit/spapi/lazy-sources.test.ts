import type { AxiosInstance } from 'axios';
import { createOrders2026Source, createOrdersV0Source } from '../../../shared/adapters/spapi/orders-sources';
import type { SpApiSources, SpApiSourceSettings } from '../../../shared/adapters/spapi/spapi-sources';

// lazy-sources.ts loads spapi-sources.ts (the generated clients, axios, the schemas) on the first SP-API call. The
// module is replaced by a factory that counts its loads, so the test sees when it is loaded and what is forwarded.

const SOURCES_MODULE = '../../../shared/adapters/spapi/spapi-sources';
const ENDPOINTS = { NA: 'https://spapi.test/na', EU: 'https://spapi.test/eu', FE: 'https://spapi.test/fe' };
const settings = (ordersApiVersion: SpApiSourceSettings['ordersApiVersion']): SpApiSourceSettings => ({
  endpoints: ENDPOINTS,
  userAgent: 'mint-hub-test',
  ordersApiVersion,
});

/** Sources that answer each call with its name and arguments. */
function echoingSources(): SpApiSources {
  const echo =
    (name: string) =>
    async (args: unknown): Promise<never> =>
      ({ name, args }) as never;
  return {
    inventory: { fetchInventoryPage: echo('fetchInventoryPage') },
    orders: { operation: 'searchOrders', fetchOrdersPage: echo('fetchOrdersPage') },
    sales: { getOrderMetrics: echo('getOrderMetrics') },
    reports: {
      createOrderReport: echo('createOrderReport'),
      getReport: echo('getReport'),
      getReportDocument: echo('getReportDocument'),
      downloadOrderReport: echo('downloadOrderReport'),
    },
  };
}

/**
 * lazy-sources.ts in a fresh module registry whose spapi-sources.ts is `load` (called once per load). The registry
 * stays the current one: the module is loaded later, by the first call.
 */
function lazyWith(load: () => { createSpApiSources: (settings: SpApiSourceSettings) => SpApiSources }) {
  let loads = 0;
  jest.resetModules();
  jest.doMock(SOURCES_MODULE, () => {
    loads++;
    return load();
  });
  const lazy: typeof import('../../../shared/adapters/spapi/lazy-sources') = jest.requireActual(
    '../../../shared/adapters/spapi/lazy-sources',
  );
  return { lazy, loads: () => loads };
}

afterEach(() => jest.dontMock(SOURCES_MODULE));

describe('lazySpApiSources', () => {
  it('loads the SP-API module on the first call only, never when built', async () => {
    const built: SpApiSourceSettings[] = [];
    const { lazy, loads } = lazyWith(() => ({
      createSpApiSources: (given) => {
        built.push(given);
        return echoingSources();
      },
    }));
    const sources = lazy.lazySpApiSources(settings('2026-01-01'));
    expect(loads()).toBe(0);
    const args = { region: 'NA' as const, accessToken: 'Atza|x', marketplaceId: 'M', nextToken: undefined };
    await expect(sources.inventory.fetchInventoryPage(args)).resolves.toEqual({
      name: 'fetchInventoryPage',
      args,
    });
    await sources.orders.fetchOrdersPage(args);
    await sources.reports.getReport({ region: 'EU', accessToken: 'a', reportId: 'r' });
    // One module load and one set of sources (one axios instance) for every port and call.
    expect(loads()).toBe(1);
    expect(built).toEqual([settings('2026-01-01')]);
  });

  it('forwards every port method with its arguments and answer', async () => {
    const { lazy } = lazyWith(() => ({ createSpApiSources: echoingSources }));
    const sources = lazy.lazySpApiSources(settings('2026-01-01'));
    const calls: Array<[string, (args: never) => Promise<unknown>]> = [
      ['fetchInventoryPage', sources.inventory.fetchInventoryPage],
      ['fetchOrdersPage', sources.orders.fetchOrdersPage],
      ['getOrderMetrics', sources.sales.getOrderMetrics],
      ['createOrderReport', sources.reports.createOrderReport],
      ['getReport', sources.reports.getReport],
      ['getReportDocument', sources.reports.getReportDocument],
      ['downloadOrderReport', sources.reports.downloadOrderReport],
    ];
    for (const [name, call] of calls) {
      const args = { marker: name } as never;
      await expect(call(args)).resolves.toEqual({ name, args });
    }
  });

  it('passes errors of the real sources through unchanged', async () => {
    const refusal = new Error('refused');
    const { lazy } = lazyWith(() => ({
      createSpApiSources: () => ({
        ...echoingSources(),
        sales: { getOrderMetrics: () => Promise.reject(refusal) },
      }),
    }));
    const sources = lazy.lazySpApiSources(settings('v0'));
    await expect(sources.sales.getOrderMetrics({} as never)).rejects.toBe(refusal);
  });

  it('tries the load again on the next call after a failed one', async () => {
    let attempts = 0;
    const { lazy, loads } = lazyWith(() => {
      attempts++;
      if (attempts === 1) throw new Error('load failed');
      return { createSpApiSources: echoingSources };
    });
    const sources = lazy.lazySpApiSources(settings('2026-01-01'));
    await expect(sources.sales.getOrderMetrics({} as never)).rejects.toThrow('load failed');
    await expect(sources.sales.getOrderMetrics({} as never)).resolves.toMatchObject({
      name: 'getOrderMetrics',
    });
    expect(loads()).toBe(2);
  });

  it.each(['2026-01-01', 'v0'] as const)(
    'names the orders operation of the eager %s source before anything is loaded',
    (version) => {
      const { lazy, loads } = lazyWith(() => ({ createSpApiSources: echoingSources }));
      const eager = (version === 'v0' ? createOrdersV0Source : createOrders2026Source)(
        ENDPOINTS,
        {} as AxiosInstance,
      );
      expect(lazy.lazySpApiSources(settings(version)).orders.operation).toBe(eager.operation);
      expect(loads()).toBe(0);
    },
  );
});
