import { SpApiError } from '../amazon/amazon-errors';
import { AmazonUnavailable, Throttled } from '../errors';
import type { SellersApi, StoreRepository } from '../ports';
import type { StoreProfile } from '../stores/store';
import type { AccessTokenProvider } from './access-token-provider';

/** Learns a store's marketplaces for the access gate. */
export type MarketplaceLearner = (store: StoreProfile) => Promise<readonly string[]>;

/**
 * A store connected while the Sellers API was busy has no marketplaces yet. The access gate never lets that pass
 * silently: it asks Amazon (getMarketplaceParticipations, with the store's own access token) and stores the
 * answer, so the check runs against what Amazon says the seller participates in.
 */
export function createMarketplaceLearner(deps: {
  tokens: Pick<AccessTokenProvider, 'accessTokenFor'>;
  sellers: SellersApi;
  stores: Pick<StoreRepository, 'setMarketplaces'>;
}): MarketplaceLearner {
  return async (store) => {
    let participations;
    try {
      participations = await deps.sellers.getMarketplaceParticipations(
        store.region,
        await deps.tokens.accessTokenFor(store),
      );
    } catch (error) {
      if (error instanceof SpApiError && error.kind === 'throttled') throw new Throttled(2);
      if (error instanceof SpApiError) throw new AmazonUnavailable();
      throw error;
    }
    const participating = participations.filter((p) => p.isParticipating);
    const marketplaceIds = participating.map((p) => p.marketplaceId);
    if (marketplaceIds.length > 0) {
      const storeName = participating.find((p) => p.storeName !== '')?.storeName;
      await deps.stores.setMarketplaces(
        store.storeId,
        marketplaceIds,
        store.displayName === store.sellingPartnerId ? storeName : undefined,
      );
    }
    return marketplaceIds;
  };
}
