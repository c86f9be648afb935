import type { SandboxRegion, SandboxSeller } from '../types';

// The seeded stores. Identities are fixed (not derived from the seed) so other code and docs can name them;
// the seed only drives catalog, stock and orders. Every name is fictional; no real person's data appears.

export interface SellerProfile extends SandboxSeller {
  /** Prefix of the seller's SKUs, e.g. LCC-LAMP-0042-BLK. */
  skuPrefix: string;
  /** Product families the catalog is generated from (see catalog.ts). */
  productTheme: 'home-lighting' | 'home-textiles' | 'outdoor' | 'stationery-textiles';
  /** Orders per day in the seller's main marketplace (orderShare 1). */
  dailyOrders: number;
  /** Share of orders the seller ships itself (MFN). */
  merchantFulfilledShare: number;
}

export const SELLER_PROFILES: readonly SellerProfile[] = [
  {
    sellingPartnerId: 'A2LUMENCRAFT7Q',
    region: 'NA',
    name: 'Lumen Craft Co.',
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'],
    skuPrefix: 'LCC',
    productTheme: 'home-lighting',
    dailyOrders: 30,
    merchantFulfilledShare: 0.22,
  },
  {
    sellingPartnerId: 'A1HARBORPINE3K',
    region: 'NA',
    name: 'Harbor & Pine Home',
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
    skuPrefix: 'HPH',
    productTheme: 'home-textiles',
    dailyOrders: 14,
    merchantFulfilledShare: 0.3,
  },
  {
    sellingPartnerId: 'A3BRIGHTFIELD9E',
    region: 'EU',
    name: 'Brightfield Outdoor Ltd.',
    marketplaceIds: ['A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS'],
    skuPrefix: 'BFO',
    productTheme: 'outdoor',
    dailyOrders: 28,
    merchantFulfilledShare: 0.15,
  },
  {
    sellingPartnerId: 'A4SAKURALOOM2J',
    region: 'FE',
    name: 'Sakura Loom Trading',
    marketplaceIds: ['A1VC38T7YXB528', 'A39IBJ37TRP1C6', 'A19VAU5U5O7RUS'],
    skuPrefix: 'SLT',
    productTheme: 'stationery-textiles',
    dailyOrders: 26,
    merchantFulfilledShare: 0.25,
  },
  {
    // The large seller: about 10,000 orders a month on amazon.co.uk (orderShare 0.55), so the order history is
    // read through order reports, as it must be at Amazon's usage plans (searchOrders: 1 request per 180 s).
    sellingPartnerId: 'A5TIDEWAYBULK4',
    region: 'EU',
    name: 'Tideway Wholesale Ltd.',
    marketplaceIds: ['A1F83G8C2ARO7P'],
    skuPrefix: 'TWL',
    productTheme: 'home-textiles',
    dailyOrders: 606,
    merchantFulfilledShare: 0.1,
  },
];

export function sellerKey(sellingPartnerId: string, region: SandboxRegion): string {
  return `${sellingPartnerId}/${region}`;
}

export function findSeller(sellingPartnerId: string): SellerProfile | undefined {
  return SELLER_PROFILES.find((seller) => seller.sellingPartnerId === sellingPartnerId);
}

export function publicSellerView(seller: SellerProfile): SandboxSeller {
  return {
    sellingPartnerId: seller.sellingPartnerId,
    region: seller.region,
    name: seller.name,
    marketplaceIds: [...seller.marketplaceIds],
  };
}
