import { Prng, deriveSeed } from './prng';
import type { Listing } from './catalog';
import type { Marketplace } from './marketplaces';
import type { SellerProfile } from './sellers';

// A seeded order history before the sandbox start time. It is version-neutral: spapi/orders-v0.ts and
// spapi/orders-2026.ts each render it in their own model. Statuses follow each order's age at the anchor,
// and every marketplace gets a few merchant-fulfilled orders that are late or due within 24 hours, so
// fulfillment monitoring always has something to show.

export const HISTORY_DAYS = 120;

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type OrderStatus = 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED';
export type FulfillmentChannel = 'AFN' | 'MFN';
export type ServiceLevel = 'Standard' | 'Expedited' | 'SecondDay' | 'NextDay';

export interface SeededOrderItem {
  orderItemId: string;
  sellerSku: string;
  asin: string;
  title: string;
  quantity: number;
  quantityShipped: number;
  /** Marketplace currency, minor units. */
  unitPrice: number;
}

export interface SeededPackage {
  packageReferenceId: string;
  carrier: string;
  trackingNumber: string;
  shippedAt: Date;
  delivered: boolean;
}

export interface SeededOrder {
  orderId: string;
  marketplace: Marketplace;
  purchaseDate: Date;
  lastUpdateDate: Date;
  status: OrderStatus;
  channel: FulfillmentChannel;
  serviceLevel: ServiceLevel;
  isPrime: boolean;
  isBusiness: boolean;
  /** Merchant-fulfilled orders only, as in the Orders v0 model. */
  earliestShipDate?: Date;
  latestShipDate?: Date;
  earliestDeliveryDate?: Date;
  latestDeliveryDate?: Date;
  items: SeededOrderItem[];
  /** Minor units; charged on some merchant-fulfilled, non-Prime orders. */
  shippingCharge: number;
  package?: SeededPackage;
}

const CARRIERS: Record<string, string> = {
  US: 'UPS',
  CA: 'Canada Post',
  MX: 'Estafeta',
  BR: 'Correios',
  GB: 'Royal Mail',
  DE: 'DHL',
  FR: 'Colissimo',
  IT: 'Poste Italiane',
  ES: 'Correos',
  NL: 'PostNL',
  JP: 'Yamato Transport',
  AU: 'Australia Post',
  SG: 'SingPost',
};

function endOfUtcDay(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 23, 59, 59);
}

class OrderFactory {
  private readonly usedOrderIds = new Set<string>();
  private readonly demandTotal: number;

  constructor(
    private readonly random: Prng,
    private readonly seller: SellerProfile,
    private readonly marketplace: Marketplace,
    private readonly listings: readonly Listing[],
    private readonly anchorMs: number,
  ) {
    this.demandTotal = listings.reduce((sum, listing) => sum + listing.dailyDemand, 0);
  }

  private orderId(): string {
    for (;;) {
      const id = `${this.random.pick(this.marketplace.orderIdPrefixes)}-${this.random.digits(7)}-${this.random.digits(7)}`;
      if (!this.usedOrderIds.has(id)) {
        this.usedOrderIds.add(id);
        return id;
      }
    }
  }

  private pickListing(): Listing {
    let roll = this.random.next() * this.demandTotal;
    for (const listing of this.listings) {
      roll -= listing.dailyDemand;
      if (roll < 0) return listing;
    }
    return this.random.pick(this.listings);
  }

  private items(count: number): SeededOrderItem[] {
    const items: SeededOrderItem[] = [];
    const seen = new Set<string>();
    for (let attempt = 0; items.length < count && attempt < count * 5; attempt += 1) {
      const listing = this.pickListing();
      if (seen.has(listing.product.sellerSku)) continue;
      seen.add(listing.product.sellerSku);
      items.push({
        orderItemId: this.random.digits(14),
        sellerSku: listing.product.sellerSku,
        asin: listing.product.asin,
        title: listing.product.title,
        quantity: this.random.weighted([
          [1, 0.86],
          [2, 0.1],
          [3, 0.04],
        ]),
        quantityShipped: 0,
        unitPrice: listing.unitPrice,
      });
    }
    return items;
  }

  /** A new order placed at `purchasedAt`, not yet given a status. */
  private base(purchasedAt: number, channel: FulfillmentChannel): SeededOrder {
    const itemCount = this.random.weighted([
      [1, 0.76],
      [2, 0.18],
      [3, 0.06],
    ]);
    const isPrime = channel === 'AFN' ? this.random.chance(0.7) : this.random.chance(0.1);
    const shippingUsd = channel === 'MFN' && !isPrime && this.random.chance(0.4) ? 4.99 : 0;
    const shippingCharge =
      this.marketplace.currencyDigits === 0
        ? Math.round((shippingUsd * this.marketplace.usdRate) / 10) * 10
        : Math.round(shippingUsd * this.marketplace.usdRate * 100);
    return {
      orderId: this.orderId(),
      marketplace: this.marketplace,
      purchaseDate: new Date(purchasedAt),
      lastUpdateDate: new Date(purchasedAt),
      status: 'PENDING',
      channel,
      serviceLevel: this.random.weighted<ServiceLevel>([
        ['Standard', 0.7],
        ['Expedited', 0.18],
        ['SecondDay', 0.07],
        ['NextDay', 0.05],
      ]),
      isPrime,
      isBusiness: this.random.chance(0.06),
      items: this.items(itemCount),
      shippingCharge,
    };
  }

  private markShipped(order: SeededOrder, shippedAt: number): void {
    order.status = 'SHIPPED';
    order.lastUpdateDate = new Date(shippedAt);
    for (const item of order.items) item.quantityShipped = item.quantity;
    if (order.channel === 'MFN') {
      order.package = {
        packageReferenceId: this.random.digits(9),
        carrier: CARRIERS[this.marketplace.countryCode] ?? 'Other',
        trackingNumber: `${this.marketplace.countryCode}${this.random.alphanumeric(10)}`,
        shippedAt: new Date(shippedAt),
        delivered: this.anchorMs - shippedAt > 4 * DAY_MS,
      };
    }
  }

  private setMerchantWindows(order: SeededOrder, latestShipMs: number): void {
    order.earliestShipDate = order.purchaseDate;
    order.latestShipDate = new Date(latestShipMs);
    const transitDays = { NextDay: 1, SecondDay: 2, Expedited: 3, Standard: 5 }[order.serviceLevel];
    // latestShipMs is 23:59:59 (or close): delivery can start the next day.
    order.earliestDeliveryDate = new Date(latestShipMs + 1000 + Math.max(0, transitDays - 2) * DAY_MS);
    order.latestDeliveryDate = new Date(latestShipMs + transitDays * DAY_MS);
  }

  /** An order from the organic history, its status derived from its age at the anchor. */
  organic(purchasedAt: number): SeededOrder {
    const channel: FulfillmentChannel = this.random.chance(this.seller.merchantFulfilledShare)
      ? 'MFN'
      : 'AFN';
    const order = this.base(purchasedAt, channel);
    const age = this.anchorMs - purchasedAt;
    const authorizedAt = Math.min(this.anchorMs, purchasedAt + this.random.int(2, 20) * 60 * 1000);

    if (age > 20 * 60 * 1000 && this.random.chance(0.025)) {
      order.status = 'CANCELLED';
      order.lastUpdateDate = new Date(purchasedAt + this.random.next() * Math.min(2 * DAY_MS, age));
      return order;
    }
    if (age < 30 * 60 * 1000 || (age < 3 * DAY_MS && this.random.chance(0.006))) {
      return order; // payment not yet authorized: PENDING
    }

    if (channel === 'AFN') {
      const shippedAt = purchasedAt + this.random.int(3, 30) * HOUR_MS;
      if (shippedAt <= this.anchorMs) this.markShipped(order, shippedAt);
      else {
        order.status = 'UNSHIPPED';
        order.lastUpdateDate = new Date(authorizedAt);
      }
      return order;
    }

    const handlingDays = this.random.pick([1, 2, 2, 3]);
    const latestShipMs = endOfUtcDay(purchasedAt + handlingDays * DAY_MS);
    this.setMerchantWindows(order, latestShipMs);
    const shipsLate = this.random.chance(0.06);
    const shippedAt = shipsLate
      ? latestShipMs + this.random.int(2, 72) * HOUR_MS
      : Math.min(latestShipMs, purchasedAt + this.random.int(2, handlingDays * 24) * HOUR_MS);
    if (shippedAt <= this.anchorMs) {
      this.markShipped(order, shippedAt);
    } else if (order.items.length > 1 && this.random.chance(0.5)) {
      this.markPartiallyShipped(order, authorizedAt);
    } else {
      order.status = 'UNSHIPPED';
      order.lastUpdateDate = new Date(authorizedAt);
    }
    return order;
  }

  private markPartiallyShipped(order: SeededOrder, shippedAt: number): void {
    order.status = 'PARTIALLY_SHIPPED';
    order.lastUpdateDate = new Date(shippedAt);
    const first = order.items[0];
    if (first) first.quantityShipped = first.quantity;
  }

  /** An order placed minutes ago whose payment is not yet authorized. */
  pending(purchasedAt: number): SeededOrder {
    return this.base(purchasedAt, this.random.chance(this.seller.merchantFulfilledShare) ? 'MFN' : 'AFN');
  }

  /**
   * A merchant-fulfilled order still waiting to ship, whose latest ship date is `latestShipMs`: in the past
   * (late) or within the next day (due soon).
   */
  atRisk(latestShipMs: number, partiallyShipped: boolean): SeededOrder {
    const purchasedAt = Math.min(latestShipMs - this.random.int(20, 40) * HOUR_MS, this.anchorMs - HOUR_MS);
    const order = this.base(purchasedAt, 'MFN');
    this.setMerchantWindows(order, latestShipMs);
    const authorizedAt = purchasedAt + this.random.int(2, 20) * 60 * 1000;
    if (partiallyShipped && order.items.length < 2) order.items.push(...this.items(1));
    if (partiallyShipped && order.items.length > 1) this.markPartiallyShipped(order, authorizedAt);
    else {
      order.status = 'UNSHIPPED';
      order.lastUpdateDate = new Date(authorizedAt);
    }
    return order;
  }
}

export function generateOrders(
  seed: number,
  seller: SellerProfile,
  marketplace: Marketplace,
  listings: readonly Listing[],
  anchor: Date,
): SeededOrder[] {
  if (listings.length === 0) return [];
  const random = new Prng(deriveSeed(seed, 'orders', seller.sellingPartnerId, marketplace.id));
  const anchorMs = anchor.getTime();
  const factory = new OrderFactory(random, seller, marketplace, listings, anchorMs);
  const orders: SeededOrder[] = [];
  const baseDaily = seller.dailyOrders * marketplace.orderShare;

  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo -= 1) {
    const windowStart = anchorMs - daysAgo * DAY_MS;
    const weekday = new Date(windowStart).getUTCDay();
    const weekdayFactor = weekday === 0 || weekday === 6 ? 1.15 : weekday === 1 ? 0.92 : 1;
    const growth = 0.85 + 0.15 * (1 - daysAgo / HISTORY_DAYS);
    const count = random.poisson(baseDaily * weekdayFactor * growth);
    for (let i = 0; i < count; i += 1) {
      orders.push(factory.organic(windowStart + random.next() * DAY_MS));
    }
  }

  // Guaranteed at-risk work: two late, two due within 24 hours, one partially shipped and due; and one
  // order still pending payment.
  orders.push(
    factory.pending(anchorMs - random.int(5, 25) * 60 * 1000),
    factory.atRisk(anchorMs - random.int(6, 30) * HOUR_MS, false),
    factory.atRisk(anchorMs - random.int(31, 60) * HOUR_MS, false),
    factory.atRisk(anchorMs + random.int(2, 10) * HOUR_MS, false),
    factory.atRisk(anchorMs + random.int(11, 22) * HOUR_MS, false),
    factory.atRisk(anchorMs + random.int(4, 20) * HOUR_MS, true),
  );
  return orders.sort((a, b) => a.purchaseDate.getTime() - b.purchaseDate.getTime());
}
