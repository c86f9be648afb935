import { requireMarketplace } from '../data/marketplaces';
import type { OperationRequest, OperationResult, SpApiOperation } from './operation';

// Sellers v1 getMarketplaceParticipations (models/sellers.json, fetched from amzn/selling-partner-api-models):
// the newer model, whose participations carry the seller's `storeName` (the name buyers see in the marketplace).

function getMarketplaceParticipations({ seller }: OperationRequest): OperationResult {
  return {
    status: 200,
    body: {
      payload: seller.marketplaceIds.map((id) => {
        const marketplace = requireMarketplace(id);
        return {
          marketplace: {
            id: marketplace.id,
            name: marketplace.name,
            countryCode: marketplace.countryCode,
            defaultCurrencyCode: marketplace.currency,
            defaultLanguageCode: marketplace.languageCode,
            domainName: marketplace.domainName,
          },
          participation: { isParticipating: true, hasSuspendedListings: false },
          storeName: seller.name,
        };
      }),
    },
  };
}

export const getMarketplaceParticipationsOperation: SpApiOperation = {
  operationId: 'getMarketplaceParticipations',
  method: 'GET',
  path: '/sellers/v1/marketplaceParticipations',
  usagePlan: { rate: 0.016, burst: 15 },
  listing: { list: ['payload'] },
  handle: getMarketplaceParticipations,
};
