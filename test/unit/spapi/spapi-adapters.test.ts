import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { SpApiError } from '../../../shared/amazon/amazon-errors';
import { createInventorySource } from '../../../shared/adapters/spapi/inventory-source';
import { createOrders2026Source, createOrdersV0Source } from '../../../shared/adapters/spapi/orders-sources';
import { createSpApiAxios } from '../../../shared/adapters/spapi/spapi-http';
import { logger } from '../../../shared/observability/powertools';
import { withAttemptBudget } from '../../../shared/pacing/attempt-budget';

// The adapters with a stand-in axios adapter: Amazon's answers are given as raw text, exactly as a truncated or
// HTML body reaches axios, so the tests need no network. The sandbox integration tests cover real HTTP.

const ENDPOINTS = { NA: 'https://spapi.test/na', EU: 'https://spapi.test/eu', FE: 'https://spapi.test/fe' };
const SECRET_MARKER = 'SECRET-BODY-MARKER';

function answering(status: number, text: string, contentType = 'application/json') {
  const seen: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    seen.push(config);
    // axios's own transformResponse turns JSON text into data, and leaves unparseable text as a string.
    const data = (config.transformResponse as ((this: unknown, data: unknown) => unknown)[]).reduce(
      (value, transform) => transform.call(config, value),
      text as unknown,
    );
    return { data, status, statusText: '', headers: { 'content-type': contentType }, config };
  };
  const http = createSpApiAxios('mint-hub-test');
  http.defaults.adapter = adapter;
  return { http, seen };
}

const inventoryPage = JSON.stringify({
  pagination: { nextToken: 'next+1' },
  payload: {
    granularity: { granularityType: 'Marketplace', granularityId: 'ATVPDKIKX0DER' },
    inventorySummaries: [
      { sellerSku: SECRET_MARKER, asin: 'B0', inventoryDetails: { fulfillableQuantity: 3 } },
    ],
  },
});
const query = {
  region: 'NA' as const,
  accessToken: 'Atza|x',
  marketplaceId: 'ATVPDKIKX0DER',
  nextToken: 'p1',
};

describe('SP-API adapters read only answers in the expected shape', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads a well-formed inventory page', async () => {
    const { http } = answering(200, inventoryPage);
    const page = await createInventorySource(ENDPOINTS, http).fetchInventoryPage(query);
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({ sellerSku: SECRET_MARKER, fulfillable: 3 });
    expect(page.nextToken).toBe('next+1');
  });

  it.each([
    ['truncated JSON', inventoryPage.slice(0, inventoryPage.length / 2), 'application/json'],
    ['an HTML page', `<html><body>${SECRET_MARKER}</body></html>`, 'text/html'],
    [
      'a page without its list',
      JSON.stringify({ payload: { granularity: {}, note: SECRET_MARKER } }),
      'application/json',
    ],
  ])(
    'answers %s as an unavailable Amazon, logging the operation and never the body',
    async (_label, text, type) => {
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
      const { http } = answering(200, text, type);

      const error = await createInventorySource(ENDPOINTS, http)
        .fetchInventoryPage(query)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SpApiError);
      expect(error).toMatchObject({
        kind: 'unavailable',
        reason: 'malformed',
        operation: 'getInventorySummaries',
      });
      expect((error as Error).message).not.toContain(SECRET_MARKER);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[1]).toMatchObject({ operation: 'getInventorySummaries', status: 200 });
      expect(JSON.stringify(warn.mock.calls)).not.toContain(SECRET_MARKER);
    },
  );

  it('refuses an Orders v0 page without Orders and a searchOrders page without orders', async () => {
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const v0 = createOrdersV0Source(ENDPOINTS, answering(200, JSON.stringify({ payload: {} })).http);
    const v2026 = createOrders2026Source(ENDPOINTS, answering(200, '{"pagination":{}}').http);
    const orders = { ...query, createdAfter: '2026-10-01T00:00:00Z' };

    await expect(v0.fetchOrdersPage(orders)).rejects.toMatchObject({
      operation: 'getOrders',
      reason: 'malformed',
    });
    await expect(v2026.fetchOrdersPage(orders)).rejects.toMatchObject({
      operation: 'searchOrders',
      reason: 'malformed',
    });
  });

  it('caps the 10 s timeout by the attempt budget and passes its abort signal', async () => {
    const { http, seen } = answering(200, inventoryPage);
    const source = createInventorySource(ENDPOINTS, http);
    const controller = new AbortController();

    await source.fetchInventoryPage(query);
    await withAttemptBudget({ deadlineMs: Date.now() + 1_200, signal: controller.signal }, () =>
      source.fetchInventoryPage(query),
    );

    expect(seen[0]?.timeout).toBe(10_000);
    expect(seen[1]?.timeout).toBeGreaterThan(1_000);
    expect(seen[1]?.timeout).toBeLessThanOrEqual(1_200);
    expect(seen[1]?.signal).toBe(controller.signal);
  });
});
