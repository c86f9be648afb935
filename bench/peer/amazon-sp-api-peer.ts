import { SellingPartner } from 'amazon-sp-api';
import { runPeer, type PeerClient, type PeerStore } from './peer-runner';

// amazon-sp-api 1.2.1 ("amz-tools"), one client per store, constructed as its README shows: region, the store's
// refresh token and the app credentials in the config object, every option at its default (auto_request_tokens,
// auto_request_throttled: retry a 429 after the restore rate, forever). Run with redirect-to-sandbox.cjs preloaded.

type CallApi = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;

function amazonSpApiClient(store: PeerStore): PeerClient {
  const client = new SellingPartner({
    region: store.region.toLowerCase() as 'na' | 'eu' | 'fe',
    refresh_token: store.refreshToken,
    credentials: {
      SELLING_PARTNER_APP_CLIENT_ID: store.clientId,
      SELLING_PARTNER_APP_CLIENT_SECRET: store.clientSecret,
    },
  });
  // The typings are stricter than the README's examples; the calls below are the README's.
  const callAPI = client.callAPI.bind(client) as unknown as CallApi;
  return {
    async inventoryPage(nextToken) {
      const result = await callAPI({
        operation: 'getInventorySummaries',
        endpoint: 'fbaInventory',
        query: {
          granularityType: 'Marketplace',
          granularityId: store.marketplaceId,
          marketplaceIds: [store.marketplaceId],
          details: true,
          ...(nextToken === undefined ? {} : { nextToken }),
        },
      });
      // The client merges `pagination` into the payload for this operation.
      return typeof result['nextToken'] === 'string' ? result['nextToken'] : undefined;
    },
    async ordersPage(createdAfter, nextToken) {
      const result = await callAPI({
        operation: 'searchOrders',
        endpoint: 'orders',
        query: {
          marketplaceIds: [store.marketplaceId],
          createdAfter,
          maxResultsPerPage: 100,
          includedData: ['FULFILLMENT', 'PROCEEDS'],
          ...(nextToken === undefined ? {} : { paginationToken: nextToken }),
        },
        options: { version: '2026-01-01' },
      });
      const pagination = result['pagination'] as { nextToken?: string } | undefined;
      return pagination?.nextToken;
    },
  };
}

void runPeer(amazonSpApiClient);
