import { FbaInventoryApi } from '@sp-api-sdk/fba-inventory-api-v1';
import type { AxiosInstance } from 'axios';
import type { Region } from '../../amazon/marketplaces';
import type { InventorySource } from '../../ports';
import type { InventoryItemRecord } from '../../stores/datasets';
import { parseAnswer, rateLimitOf, toSpApiError, withAccessToken } from './spapi-http';
import { getInventorySummariesResponseSchema, type InventorySummaryAnswer } from './spapi-schemas';

const toRecord = (summary: InventorySummaryAnswer): InventoryItemRecord => {
  const details = summary.inventoryDetails;
  return {
    sellerSku: summary.sellerSku ?? '',
    asin: summary.asin ?? '',
    fnSku: summary.fnSku ?? '',
    productName: summary.productName ?? '',
    fulfillable: details?.fulfillableQuantity ?? 0,
    inboundWorking: details?.inboundWorkingQuantity ?? 0,
    inboundShipped: details?.inboundShippedQuantity ?? 0,
    inboundReceiving: details?.inboundReceivingQuantity ?? 0,
    reserved: details?.reservedQuantity?.totalReservedQuantity ?? 0,
    unfulfillable: details?.unfulfillableQuantity?.totalUnfulfillableQuantity ?? 0,
    researching: details?.researchingQuantity?.totalResearchingQuantity ?? 0,
    lastUpdatedTime: summary.lastUpdatedTime,
  };
};

/** FBA Inventory v1 getInventorySummaries, marketplace granularity with details, through the generated client. */
export function createInventorySource(
  endpoints: Readonly<Record<Region, string>>,
  http: AxiosInstance,
): InventorySource {
  const clients = new Map<Region, FbaInventoryApi>();
  const clientFor = (region: Region) => {
    let client = clients.get(region);
    if (client === undefined) {
      client = new FbaInventoryApi(undefined, endpoints[region], http);
      clients.set(region, client);
    }
    return client;
  };
  return {
    async fetchInventoryPage({ region, accessToken, marketplaceId, nextToken }) {
      try {
        const response = await clientFor(region).getInventorySummaries(
          {
            granularityType: 'Marketplace',
            granularityId: marketplaceId,
            marketplaceIds: [marketplaceId],
            details: true,
            ...(nextToken === undefined ? {} : { nextToken }),
          },
          withAccessToken(accessToken),
        );
        const answer = parseAnswer(getInventorySummariesResponseSchema, response, 'getInventorySummaries');
        return {
          records: answer.payload.inventorySummaries.map(toRecord),
          nextToken: answer.pagination?.nextToken,
          rateLimit: rateLimitOf(response.headers),
        };
      } catch (error) {
        throw toSpApiError(error, 'getInventorySummaries');
      }
    },
  };
}
