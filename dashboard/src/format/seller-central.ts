import { MARKETPLACES } from '../../../shared/amazon/marketplaces';

/**
 * Links into Seller Central. The host per marketplace is the one table of `shared/amazon/marketplaces.ts` (the
 * SP-API docs' "Seller Central URLs": the unified EU account for UK, DE, FR, IT and ES, a host of its own for the
 * others); the path is the order details page Seller Central opens from "Manage Orders".
 */
const HOSTS = new Map(MARKETPLACES.map((marketplace) => [marketplace.id, marketplace.sellerCentralUrl]));

/** `https://sellercentral.amazon.com/orders-v3/order/113-…`; undefined for a marketplace we do not know. */
export function sellerCentralOrderUrl(marketplaceId: string, orderId: string): string | undefined {
  const host = HOSTS.get(marketplaceId);
  if (host === undefined || orderId.trim() === '') return undefined;
  return `${host}/orders-v3/order/${encodeURIComponent(orderId)}`;
}
