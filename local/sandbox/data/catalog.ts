import { Prng, deriveSeed } from './prng';
import type { Marketplace } from './marketplaces';
import type { SellerProfile } from './sellers';

// Seeded products per seller and, per marketplace, the FBA listing with its stock. Stock follows the
// shapes an ops team meets: healthy, low, out of stock, inbound (working / shipped / receiving), reserved,
// unfulfillable and researching units.

const CATALOG_SIZE = 380;

interface ProductFamily {
  noun: string;
  code: string;
  usdPrice: number;
}

const FAMILIES: Record<SellerProfile['productTheme'], { families: ProductFamily[]; finishes: string[] }> = {
  'home-lighting': {
    families: [
      { noun: 'LED Desk Lamp', code: 'LAMP', usdPrice: 34.99 },
      { noun: 'Bamboo Cutting Board', code: 'CUTB', usdPrice: 24.99 },
      { noun: 'Ceramic Pour-Over Set', code: 'POUR', usdPrice: 39.99 },
      { noun: 'Glass Storage Jar', code: 'JAR', usdPrice: 18.99 },
      { noun: 'Walnut Serving Tray', code: 'TRAY', usdPrice: 29.99 },
      { noun: 'Candle Warmer Lamp', code: 'CWRM', usdPrice: 32.99 },
      { noun: 'Fairy String Lights', code: 'STRL', usdPrice: 15.99 },
      { noun: 'Cast Iron Trivet', code: 'TRIV', usdPrice: 14.99 },
      { noun: 'Cork Coaster Set', code: 'CORK', usdPrice: 12.99 },
      { noun: 'Rechargeable Table Lamp', code: 'TLMP', usdPrice: 44.99 },
      { noun: 'Spice Jar Rack', code: 'SPCR', usdPrice: 27.99 },
      { noun: 'Stoneware Mixing Bowl', code: 'BOWL', usdPrice: 22.99 },
      { noun: 'Night Light Plug-In', code: 'NLIT', usdPrice: 11.99 },
      { noun: 'Linen Table Runner', code: 'RUNR', usdPrice: 19.99 },
      { noun: 'Acacia Salad Servers', code: 'SRVR', usdPrice: 16.99 },
      { noun: 'Motion Sensor Cabinet Light', code: 'CABL', usdPrice: 21.99 },
      { noun: 'Borosilicate Teapot', code: 'TPOT', usdPrice: 28.99 },
      { noun: 'Magnetic Knife Strip', code: 'KNFS', usdPrice: 23.99 },
      { noun: 'Pendant Light Shade', code: 'PEND', usdPrice: 49.99 },
      { noun: 'Silicone Baking Mat', code: 'BAKM', usdPrice: 13.99 },
    ],
    finishes: ['Matte Black', 'Warm White', 'Sage Green', 'Terracotta', 'Slate Grey', 'Natural Oak', 'Brass'],
  },
  'home-textiles': {
    families: [
      { noun: 'Waffle Bath Towel', code: 'TOWL', usdPrice: 24.99 },
      { noun: 'Cotton Throw Blanket', code: 'THRW', usdPrice: 39.99 },
      { noun: 'Linen Duvet Cover', code: 'DUVT', usdPrice: 89.99 },
      { noun: 'Quilted Pillow Sham', code: 'SHAM', usdPrice: 29.99 },
      { noun: 'Blackout Curtain Panel', code: 'CURT', usdPrice: 34.99 },
      { noun: 'Chunky Knit Pouf', code: 'POUF', usdPrice: 59.99 },
      { noun: 'Jute Area Rug', code: 'RUG', usdPrice: 79.99 },
      { noun: 'Percale Sheet Set', code: 'SHTS', usdPrice: 69.99 },
      { noun: 'Bath Mat', code: 'BMAT', usdPrice: 19.99 },
      { noun: 'Cushion Cover', code: 'CUSH', usdPrice: 16.99 },
      { noun: 'Weighted Blanket', code: 'WGHT', usdPrice: 99.99 },
      { noun: 'Kitchen Tea Towel Set', code: 'TTWL', usdPrice: 14.99 },
      { noun: 'Shower Curtain', code: 'SHWR', usdPrice: 27.99 },
      { noun: 'Mattress Protector', code: 'MPRO', usdPrice: 44.99 },
      { noun: 'Storage Basket', code: 'BSKT', usdPrice: 22.99 },
      { noun: 'Table Napkin Set', code: 'NAPK', usdPrice: 18.99 },
    ],
    finishes: ['Oatmeal', 'Navy', 'Charcoal', 'Dusty Rose', 'Ivory', 'Olive', 'Ocean Blue', 'Sand'],
  },
  outdoor: {
    families: [
      { noun: 'Ultralight Camping Hammock', code: 'HAMK', usdPrice: 39.99 },
      { noun: 'Trekking Pole Pair', code: 'POLE', usdPrice: 49.99 },
      { noun: 'Insulated Water Bottle', code: 'BOTL', usdPrice: 24.99 },
      { noun: 'Roll-Top Dry Bag', code: 'DRYB', usdPrice: 19.99 },
      { noun: 'Headlamp', code: 'HDLP', usdPrice: 21.99 },
      { noun: 'Camping Lantern', code: 'LANT', usdPrice: 29.99 },
      { noun: 'Packable Rain Jacket', code: 'RJKT', usdPrice: 69.99 },
      { noun: 'Merino Hiking Socks', code: 'SOCK', usdPrice: 17.99 },
      { noun: 'Foldable Camp Chair', code: 'CHAI', usdPrice: 54.99 },
      { noun: 'Microfibre Travel Towel', code: 'MTWL', usdPrice: 16.99 },
      { noun: 'Sleeping Bag Liner', code: 'LINR', usdPrice: 27.99 },
      { noun: 'Titanium Spork', code: 'SPRK', usdPrice: 9.99 },
      { noun: 'Collapsible Bowl Set', code: 'CBWL', usdPrice: 14.99 },
      { noun: 'Daypack', code: 'DPCK', usdPrice: 59.99 },
      { noun: 'Bike Saddle Bag', code: 'SADL', usdPrice: 24.99 },
      { noun: 'Gaiters', code: 'GAIT', usdPrice: 31.99 },
      { noun: 'Thermal Beanie', code: 'BEAN', usdPrice: 15.99 },
    ],
    finishes: ['Forest Green', 'Glacier Blue', 'Ember Orange', 'Graphite', 'Desert Tan', 'Signal Yellow'],
  },
  'stationery-textiles': {
    families: [
      { noun: 'Furoshiki Wrapping Cloth', code: 'FURO', usdPrice: 19.99 },
      { noun: 'Washi Tape Set', code: 'WASH', usdPrice: 9.99 },
      { noun: 'Tenugui Hand Towel', code: 'TENU', usdPrice: 12.99 },
      { noun: 'Dot Grid Notebook', code: 'NOTE', usdPrice: 14.99 },
      { noun: 'Fountain Pen', code: 'FPEN', usdPrice: 34.99 },
      { noun: 'Brush Pen Set', code: 'BRSH', usdPrice: 17.99 },
      { noun: 'Canvas Tote Bag', code: 'TOTE', usdPrice: 22.99 },
      { noun: 'Linen Pencil Case', code: 'PCAS', usdPrice: 13.99 },
      { noun: 'Indigo Noren Curtain', code: 'NORN', usdPrice: 39.99 },
      { noun: 'Sashiko Coaster Set', code: 'SASH', usdPrice: 15.99 },
      { noun: 'Desk Planner', code: 'PLAN', usdPrice: 19.99 },
      { noun: 'Letterpress Card Pack', code: 'CARD', usdPrice: 11.99 },
      { noun: 'Bookbinding Kit', code: 'BIND', usdPrice: 29.99 },
      { noun: 'Cotton Kimono Robe', code: 'ROBE', usdPrice: 59.99 },
      { noun: 'Ink Refill Pack', code: 'INKR', usdPrice: 8.99 },
      { noun: 'Origami Paper Pack', code: 'ORIG', usdPrice: 7.99 },
    ],
    finishes: ['Indigo', 'Sakura Pink', 'Matcha', 'Sumi Black', 'Kinari White', 'Persimmon', 'Wave Print'],
  },
};

const SIZES: ReadonlyArray<readonly [string, number]> = [
  ['Small', 0.85],
  ['Medium', 1],
  ['Large', 1.25],
  ['Set of 2', 1.7],
];

export interface Product {
  sellerSku: string;
  asin: string;
  title: string;
  /** List price in US cents; each marketplace converts it. */
  usdPriceCents: number;
  /** Relative popularity; a few products sell far more than most. */
  popularity: number;
}

export interface StockLevels {
  fulfillable: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  reserved: { pendingCustomerOrder: number; pendingTransshipment: number; fcProcessing: number };
  unfulfillable: {
    customerDamaged: number;
    warehouseDamaged: number;
    distributorDamaged: number;
    carrierDamaged: number;
    defective: number;
    expired: number;
  };
  researching: { shortTerm: number; midTerm: number; longTerm: number };
}

export interface Listing {
  product: Product;
  marketplaceId: string;
  fnSku: string;
  /** Price in the marketplace currency, minor units. */
  unitPrice: number;
  /** Expected units sold per day in this marketplace; drives the order history. */
  dailyDemand: number;
  stock: StockLevels;
  lastUpdatedTime: Date;
}

export type StockShape = 'healthy' | 'low' | 'out-of-stock' | 'inbound-only' | 'stranded';

export function generateProducts(seed: number, seller: SellerProfile): Product[] {
  const random = new Prng(deriveSeed(seed, 'catalog', seller.sellingPartnerId));
  const { families, finishes } = FAMILIES[seller.productTheme];
  const combos: Array<{ family: ProductFamily; finish: string; size: readonly [string, number] }> = [];
  for (const family of families) {
    for (const finish of finishes) {
      for (const size of SIZES) combos.push({ family, finish, size });
    }
  }
  // Seeded shuffle, then keep the first CATALOG_SIZE combinations.
  for (let i = combos.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    const a = combos[i];
    const b = combos[j];
    if (a && b) {
      combos[i] = b;
      combos[j] = a;
    }
  }
  const usedAsins = new Set<string>();
  return combos.slice(0, CATALOG_SIZE).map(({ family, finish, size }, index) => {
    let asin = `B0${random.alphanumeric(8)}`;
    while (usedAsins.has(asin)) asin = `B0${random.alphanumeric(8)}`;
    usedAsins.add(asin);
    const finishCode = finish
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase();
    return {
      sellerSku: `${seller.skuPrefix}-${family.code}-${String(index + 1).padStart(4, '0')}-${finishCode}`,
      asin,
      title: `${seller.name.replace(/\.$/, '')} ${family.noun}, ${finish}, ${size[0]}`,
      usdPriceCents: Math.round(family.usdPrice * size[1]) * 100 - 1,
      // Log-normal popularity: most products are slow movers, a handful are best sellers.
      popularity: Math.exp(random.gaussian() * 0.9),
    };
  });
}

function localPrice(usdPriceCents: number, marketplace: Marketplace): number {
  const converted = (usdPriceCents / 100) * marketplace.usdRate;
  if (marketplace.currencyDigits === 0) return Math.max(100, Math.round(converted / 10) * 10 - 20);
  return Math.max(99, Math.round(converted) * 100 - 1);
}

function emptyStock(): StockLevels {
  return {
    fulfillable: 0,
    inboundWorking: 0,
    inboundShipped: 0,
    inboundReceiving: 0,
    reserved: { pendingCustomerOrder: 0, pendingTransshipment: 0, fcProcessing: 0 },
    unfulfillable: {
      customerDamaged: 0,
      warehouseDamaged: 0,
      distributorDamaged: 0,
      carrierDamaged: 0,
      defective: 0,
      expired: 0,
    },
    researching: { shortTerm: 0, midTerm: 0, longTerm: 0 },
  };
}

function generateStock(random: Prng, dailyDemand: number): StockLevels {
  const stock = emptyStock();
  const shape = random.weighted<StockShape>([
    ['healthy', 0.56],
    ['low', 0.16],
    ['out-of-stock', 0.12],
    ['inbound-only', 0.08],
    ['stranded', 0.08],
  ]);
  const coverDays = (min: number, max: number): number =>
    Math.max(1, Math.round(dailyDemand * (min + random.next() * (max - min))));
  switch (shape) {
    case 'healthy':
      stock.fulfillable = coverDays(25, 120) + random.int(12, 140); // at least a carton or two
      break;
    case 'low':
      stock.fulfillable = random.int(1, Math.max(2, Math.min(15, Math.round(dailyDemand * 6))));
      break;
    case 'out-of-stock':
      stock.fulfillable = 0;
      break;
    case 'inbound-only':
      stock.fulfillable = 0;
      stock.inboundShipped = coverDays(20, 60) + random.int(10, 60);
      break;
    case 'stranded':
      stock.fulfillable = random.int(0, 8);
      stock.unfulfillable.warehouseDamaged = random.int(1, 6);
      stock.unfulfillable.defective = random.int(0, 4);
      break;
  }
  // Replenishment on the way for about a third of the catalog, whatever the shape.
  if (random.chance(0.3)) {
    const inbound = coverDays(15, 50) + random.int(10, 80);
    const stage = random.weighted<'working' | 'shipped' | 'receiving'>([
      ['working', 0.4],
      ['shipped', 0.4],
      ['receiving', 0.2],
    ]);
    if (stage === 'working') stock.inboundWorking += inbound;
    if (stage === 'shipped') stock.inboundShipped += inbound;
    if (stage === 'receiving') {
      stock.inboundReceiving += Math.ceil(inbound / 2);
      stock.fulfillable += Math.floor(inbound / 4);
    }
  }
  if (stock.fulfillable > 0 && random.chance(0.6)) {
    stock.reserved.pendingCustomerOrder = random.int(1, Math.max(1, Math.round(dailyDemand * 2)));
  }
  if (random.chance(0.15)) stock.reserved.pendingTransshipment = random.int(1, 25);
  if (random.chance(0.08)) stock.reserved.fcProcessing = random.int(1, 6);
  if (random.chance(0.12)) stock.unfulfillable.customerDamaged += random.int(1, 5);
  if (random.chance(0.04)) stock.unfulfillable.carrierDamaged += random.int(1, 3);
  if (random.chance(0.03)) stock.unfulfillable.distributorDamaged += random.int(1, 3);
  if (random.chance(0.02)) stock.unfulfillable.expired += random.int(1, 4);
  if (random.chance(0.06)) {
    stock.researching.shortTerm = random.int(0, 3);
    stock.researching.midTerm = random.int(0, 2);
    stock.researching.longTerm = random.int(1, 2);
  }
  return stock;
}

/** The FBA listings of one seller in one marketplace: 84–100 % of the catalog, each with its stock. */
export function generateListings(
  seed: number,
  seller: SellerProfile,
  marketplace: Marketplace,
  products: readonly Product[],
  anchor: Date,
): Listing[] {
  const random = new Prng(deriveSeed(seed, 'listings', seller.sellingPartnerId, marketplace.id));
  const coverage = marketplace.orderShare >= 1 ? 1 : 0.84 + random.next() * 0.14;
  const averageUnitsPerOrder = 1.45;
  const unitsPerDay = (seller.dailyOrders * marketplace.orderShare * averageUnitsPerOrder) / products.length;
  const listings: Listing[] = [];
  for (const product of products) {
    if (!random.chance(coverage)) continue;
    const dailyDemand = unitsPerDay * product.popularity;
    listings.push({
      product,
      marketplaceId: marketplace.id,
      fnSku: `X00${random.alphanumeric(7)}`,
      unitPrice: localPrice(product.usdPriceCents, marketplace),
      dailyDemand,
      stock: generateStock(random, dailyDemand),
      lastUpdatedTime: new Date(anchor.getTime() - random.int(60, 45 * 24 * 3600) * 1000),
    });
  }
  return listings.sort((a, b) => a.product.sellerSku.localeCompare(b.product.sellerSku));
}

export function totalReserved(stock: StockLevels): number {
  const { pendingCustomerOrder, pendingTransshipment, fcProcessing } = stock.reserved;
  return pendingCustomerOrder + pendingTransshipment + fcProcessing;
}

export function totalUnfulfillable(stock: StockLevels): number {
  return Object.values(stock.unfulfillable).reduce((sum, units) => sum + units, 0);
}

export function totalResearching(stock: StockLevels): number {
  const { shortTerm, midTerm, longTerm } = stock.researching;
  return shortTerm + midTerm + longTerm;
}
