import { SellingPartnerApiAuth } from '@sp-api-sdk/auth';
import { FbaInventoryApiClient } from '@sp-api-sdk/fba-inventory-api-v1';
import { OrdersApiClient } from '@sp-api-sdk/orders-api-2026-01-01';
import { runPeer, type PeerClient, type PeerStore } from './peer-runner';

// An ES module on purpose: @sp-api-sdk/common 4.0.4's CommonJS build breaks when rateLimiting.retry is on (its
// axios-retry import resolves to the module object: "axiosRetry is not a function"); the ESM build, which the
// READMEs' `import` lines load, works.
//
// @sp-api-sdk (bizon), one auth and one client per API per store, constructed as the packages' READMEs show,
// including their "Rate Limiting" section: `rateLimiting: { retry: true }` (without it a 429 is simply an error).
// Everything else at its default: axios-retry's 3 retries, waiting 1000/rate + 1500 ms, where the rate comes from
// x-amzn-RateLimit-Limit on the 429 if present, else from the client's table of documented plans. Run with
// redirect-to-sandbox.cjs preloaded (auth and clients hard-code Amazon's hosts).

function spApiSdkClient(store: PeerStore): PeerClient {
  const auth = new SellingPartnerApiAuth({
    clientId: store.clientId,
    clientSecret: store.clientSecret,
    refreshToken: store.refreshToken,
  });
  const region = store.region.toLowerCase() as 'na' | 'eu' | 'fe';
  const inventory = new FbaInventoryApiClient({ auth, region, rateLimiting: { retry: true } });
  const orders = new OrdersApiClient({ auth, region, rateLimiting: { retry: true } });
  return {
    async inventoryPage(nextToken) {
      const { data } = await inventory.getInventorySummaries({
        granularityType: 'Marketplace',
        granularityId: store.marketplaceId,
        marketplaceIds: [store.marketplaceId],
        details: true,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      return data.pagination?.nextToken;
    },
    async ordersPage(createdAfter, nextToken) {
      const { data } = await orders.searchOrders({
        marketplaceIds: [store.marketplaceId],
        createdAfter,
        maxResultsPerPage: 100,
        includedData: ['FULFILLMENT', 'PROCEEDS'],
        ...(nextToken === undefined ? {} : { paginationToken: nextToken }),
      });
      return data.pagination?.nextToken;
    },
  };
}

void runPeer(spApiSdkClient);
