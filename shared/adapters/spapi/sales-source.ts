import type { AxiosInstance } from 'axios';
import type { Region } from '../../amazon/marketplaces';
import type { SalesSource } from '../../ports';
import { parseAnswer, rateLimitOf, toSpApiError, withAccessToken } from './spapi-http';
import { getOrderMetricsResponseSchema } from './spapi-schemas';

const amount = (value: string | number): number => {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
};

/**
 * Sales API v1 getOrderMetrics (0.5 rps, burst 15): order counts, units and sales of one marketplace (optionally
 * one SKU) per day of the marketplace's own time zone, 90 days in one call. Needs the Pricing role only and
 * carries no buyer data. Called with our axios instance: the @sp-api-sdk package for it is not a dependency.
 */
export function createSalesSource(
  endpoints: Readonly<Record<Region, string>>,
  http: AxiosInstance,
): SalesSource {
  return {
    async getOrderMetrics(query) {
      try {
        const params: Record<string, string> = {
          marketplaceIds: query.marketplaceId,
          interval: `${query.interval.start}--${query.interval.end}`,
          granularity: query.granularity,
          granularityTimeZone: query.timeZone,
          ...(query.sku === undefined ? {} : { sku: query.sku }),
        };
        const response = await http.get(`${endpoints[query.region]}/sales/v1/orderMetrics`, {
          ...withAccessToken(query.accessToken),
          params,
        });
        const answer = parseAnswer(getOrderMetricsResponseSchema, response, 'getOrderMetrics');
        return {
          metrics: answer.payload.map((metric) => ({
            interval: metric.interval,
            orderCount: metric.orderCount,
            unitCount: metric.unitCount,
            totalSales: {
              currency: metric.totalSales.currencyCode,
              amount: amount(metric.totalSales.amount),
            },
          })),
          rateLimit: rateLimitOf(response.headers),
        };
      } catch (error) {
        throw toSpApiError(error, 'getOrderMetrics');
      }
    },
  };
}
