/**
 * Amazon marketplaces: id, region (the SP-API authorization region) and the Seller Central host where a seller of
 * that marketplace consents (SP-API docs, "Marketplace IDs" and "Seller Central URLs").
 */
export type Region = 'NA' | 'EU' | 'FE';
export const REGIONS: readonly Region[] = ['NA', 'EU', 'FE'];

export interface Marketplace {
  readonly id: string;
  readonly countryCode: string;
  readonly region: Region;
  readonly sellerCentralUrl: string;
  readonly currency: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  {
    id: 'A2EUQ1WTGCTBG2',
    countryCode: 'CA',
    region: 'NA',
    sellerCentralUrl: 'https://sellercentral.amazon.ca',
    currency: 'CAD',
  },
  {
    id: 'ATVPDKIKX0DER',
    countryCode: 'US',
    region: 'NA',
    sellerCentralUrl: 'https://sellercentral.amazon.com',
    currency: 'USD',
  },
  {
    id: 'A1AM78C64UM0Y8',
    countryCode: 'MX',
    region: 'NA',
    sellerCentralUrl: 'https://sellercentral.amazon.com.mx',
    currency: 'MXN',
  },
  {
    id: 'A2Q3Y263D00KWC',
    countryCode: 'BR',
    region: 'NA',
    sellerCentralUrl: 'https://sellercentral.amazon.com.br',
    currency: 'BRL',
  },
  {
    id: 'A28R8C7NBKEWEA',
    countryCode: 'IE',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.ie',
    currency: 'EUR',
  },
  {
    id: 'A1RKKUPIHCS9HS',
    countryCode: 'ES',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral-europe.amazon.com',
    currency: 'EUR',
  },
  {
    id: 'A1F83G8C2ARO7P',
    countryCode: 'GB',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral-europe.amazon.com',
    currency: 'GBP',
  },
  {
    id: 'A13V1IB3VIYZZH',
    countryCode: 'FR',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral-europe.amazon.com',
    currency: 'EUR',
  },
  {
    id: 'AMEN7PMS3EDWL',
    countryCode: 'BE',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.com.be',
    currency: 'EUR',
  },
  {
    id: 'A1805IZSGTT6HS',
    countryCode: 'NL',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.nl',
    currency: 'EUR',
  },
  {
    id: 'A1PA6795UKMFR9',
    countryCode: 'DE',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral-europe.amazon.com',
    currency: 'EUR',
  },
  {
    id: 'APJ6JRA9NG5V4',
    countryCode: 'IT',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral-europe.amazon.com',
    currency: 'EUR',
  },
  {
    id: 'A2NODRKZP88ZB9',
    countryCode: 'SE',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.se',
    currency: 'SEK',
  },
  {
    id: 'AE08WJ6YKNBMC',
    countryCode: 'ZA',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.co.za',
    currency: 'ZAR',
  },
  {
    id: 'A1C3SOZRARQ6R3',
    countryCode: 'PL',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.pl',
    currency: 'PLN',
  },
  {
    id: 'ARBP9OOSHTCHU',
    countryCode: 'EG',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.eg',
    currency: 'EGP',
  },
  {
    id: 'A33AVAJ2PDY3EV',
    countryCode: 'TR',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.com.tr',
    currency: 'TRY',
  },
  {
    id: 'A17E79C6D8DWNP',
    countryCode: 'SA',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.sa',
    currency: 'SAR',
  },
  {
    id: 'A2VIGQ35RCS4UG',
    countryCode: 'AE',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.ae',
    currency: 'AED',
  },
  {
    id: 'A21TJRUUN4KGV',
    countryCode: 'IN',
    region: 'EU',
    sellerCentralUrl: 'https://sellercentral.amazon.in',
    currency: 'INR',
  },
  {
    id: 'A19VAU5U5O7RUS',
    countryCode: 'SG',
    region: 'FE',
    sellerCentralUrl: 'https://sellercentral.amazon.sg',
    currency: 'SGD',
  },
  {
    id: 'A39IBJ37TRP1C6',
    countryCode: 'AU',
    region: 'FE',
    sellerCentralUrl: 'https://sellercentral.amazon.com.au',
    currency: 'AUD',
  },
  {
    id: 'A1VC38T7YXB528',
    countryCode: 'JP',
    region: 'FE',
    sellerCentralUrl: 'https://sellercentral.amazon.co.jp',
    currency: 'JPY',
  },
];

/** Where a seller of the region consents when no marketplace is named. */
export const DEFAULT_SELLER_CENTRAL: Readonly<Record<Region, string>> = {
  NA: 'https://sellercentral.amazon.com',
  EU: 'https://sellercentral-europe.amazon.com',
  FE: 'https://sellercentral.amazon.co.jp',
};

export const isRegion = (value: unknown): value is Region =>
  typeof value === 'string' && (REGIONS as readonly string[]).includes(value);

/** Finds a marketplace by id or by country code (`US`, `DE`; `UK` is accepted for `GB`). */
export function findMarketplace(idOrCountry: string): Marketplace | undefined {
  const key = idOrCountry.trim().toUpperCase();
  const country = key === 'UK' ? 'GB' : key;
  return MARKETPLACES.find((m) => m.id === idOrCountry.trim() || m.countryCode === country);
}

/** The region whose Seller Central is served from this origin, if it is one of Amazon's. */
export function regionOfSellerCentralOrigin(origin: string): Region | undefined {
  const entry = [
    ...MARKETPLACES.map((m) => [m.sellerCentralUrl, m.region] as const),
    ...Object.entries(DEFAULT_SELLER_CENTRAL).map(([r, url]) => [url, r as Region] as const),
  ].find(([url]) => url === origin);
  return entry?.[1];
}
