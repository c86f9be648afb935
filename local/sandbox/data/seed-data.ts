import { generateListings, generateProducts, type Listing, type Product } from './catalog';
import { requireMarketplace } from './marketplaces';
import { generateOrders, type SeededOrder } from './orders';
import { SELLER_PROFILES, type SellerProfile } from './sellers';

export const DEFAULT_SEED = 20261101;

/**
 * The seeded world of one sandbox. Each (seller, marketplace) is generated on first use and then kept,
 * so starting a sandbox costs nothing and repeated reads are stable.
 */
export class SeedData {
  private readonly products = new Map<string, Product[]>();
  private readonly listingsCache = new Map<string, Listing[]>();
  private readonly ordersCache = new Map<string, SeededOrder[]>();

  constructor(
    readonly seed: number,
    /** Start of the sandbox clock: stock is "as of" and the order history ends here. */
    readonly anchor: Date,
  ) {}

  get sellers(): readonly SellerProfile[] {
    return SELLER_PROFILES;
  }

  listings(seller: SellerProfile, marketplaceId: string): Listing[] {
    const key = `${seller.sellingPartnerId}|${marketplaceId}`;
    let listings = this.listingsCache.get(key);
    if (!listings) {
      listings = generateListings(
        this.seed,
        seller,
        requireMarketplace(marketplaceId),
        this.productsOf(seller),
        this.anchor,
      );
      this.listingsCache.set(key, listings);
    }
    return listings;
  }

  orders(seller: SellerProfile, marketplaceId: string): SeededOrder[] {
    const key = `${seller.sellingPartnerId}|${marketplaceId}`;
    let orders = this.ordersCache.get(key);
    if (!orders) {
      orders = generateOrders(
        this.seed,
        seller,
        requireMarketplace(marketplaceId),
        this.listings(seller, marketplaceId),
        this.anchor,
      );
      this.ordersCache.set(key, orders);
    }
    return orders;
  }

  private productsOf(seller: SellerProfile): Product[] {
    let products = this.products.get(seller.sellingPartnerId);
    if (!products) {
      products = generateProducts(this.seed, seller);
      this.products.set(seller.sellingPartnerId, products);
    }
    return products;
  }
}
