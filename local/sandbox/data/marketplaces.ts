import type { SandboxRegion } from '../types';

// Marketplace ids, regions, currencies and domains as listed in Amazon's "Marketplace IDs" table.
// `usdRate` converts the catalog's USD list prices; `orderShare` scales order volume to the marketplace.

export interface Marketplace {
  id: string;
  region: SandboxRegion;
  countryCode: string;
  /** Name as the Sellers API and Orders v0 `SalesChannel` show it. */
  name: string;
  domainName: string;
  currency: string;
  /** Digits after the decimal point in amounts (JPY has none). */
  currencyDigits: number;
  languageCode: string;
  usdRate: number;
  orderShare: number;
  /** First block of the 3-7-7 order id. */
  orderIdPrefixes: readonly string[];
}

export const MARKETPLACES: readonly Marketplace[] = [
  {
    id: 'ATVPDKIKX0DER',
    region: 'NA',
    countryCode: 'US',
    name: 'Amazon.com',
    domainName: 'www.amazon.com',
    currency: 'USD',
    currencyDigits: 2,
    languageCode: 'en_US',
    usdRate: 1,
    orderShare: 1,
    orderIdPrefixes: ['111', '112', '113', '114'],
  },
  {
    id: 'A2EUQ1WTGCTBG2',
    region: 'NA',
    countryCode: 'CA',
    name: 'Amazon.ca',
    domainName: 'www.amazon.ca',
    currency: 'CAD',
    currencyDigits: 2,
    languageCode: 'en_CA',
    usdRate: 1.37,
    orderShare: 0.22,
    orderIdPrefixes: ['701', '702'],
  },
  {
    id: 'A1AM78C64UM0Y8',
    region: 'NA',
    countryCode: 'MX',
    name: 'Amazon.com.mx',
    domainName: 'www.amazon.com.mx',
    currency: 'MXN',
    currencyDigits: 2,
    languageCode: 'es_MX',
    usdRate: 18.4,
    orderShare: 0.12,
    orderIdPrefixes: ['701', '702'],
  },
  {
    id: 'A2Q3Y263D00KWC',
    region: 'NA',
    countryCode: 'BR',
    name: 'Amazon.com.br',
    domainName: 'www.amazon.com.br',
    currency: 'BRL',
    currencyDigits: 2,
    languageCode: 'pt_BR',
    usdRate: 5.4,
    orderShare: 0.1,
    orderIdPrefixes: ['701', '702'],
  },
  {
    id: 'A1F83G8C2ARO7P',
    region: 'EU',
    countryCode: 'GB',
    name: 'Amazon.co.uk',
    domainName: 'www.amazon.co.uk',
    currency: 'GBP',
    currencyDigits: 2,
    languageCode: 'en_GB',
    usdRate: 0.79,
    orderShare: 0.55,
    orderIdPrefixes: ['202', '203', '204', '205', '206'],
  },
  {
    id: 'A1PA6795UKMFR9',
    region: 'EU',
    countryCode: 'DE',
    name: 'Amazon.de',
    domainName: 'www.amazon.de',
    currency: 'EUR',
    currencyDigits: 2,
    languageCode: 'de_DE',
    usdRate: 0.92,
    orderShare: 0.65,
    orderIdPrefixes: ['302', '303', '304', '305', '306'],
  },
  {
    id: 'A13V1IB3VIYZZH',
    region: 'EU',
    countryCode: 'FR',
    name: 'Amazon.fr',
    domainName: 'www.amazon.fr',
    currency: 'EUR',
    currencyDigits: 2,
    languageCode: 'fr_FR',
    usdRate: 0.92,
    orderShare: 0.32,
    orderIdPrefixes: ['402', '403', '404', '405', '406', '407', '408'],
  },
  {
    id: 'APJ6JRA9NG5V4',
    region: 'EU',
    countryCode: 'IT',
    name: 'Amazon.it',
    domainName: 'www.amazon.it',
    currency: 'EUR',
    currencyDigits: 2,
    languageCode: 'it_IT',
    usdRate: 0.92,
    orderShare: 0.26,
    orderIdPrefixes: ['402', '403', '404', '405', '406', '407', '408'],
  },
  {
    id: 'A1RKKUPIHCS9HS',
    region: 'EU',
    countryCode: 'ES',
    name: 'Amazon.es',
    domainName: 'www.amazon.es',
    currency: 'EUR',
    currencyDigits: 2,
    languageCode: 'es_ES',
    usdRate: 0.92,
    orderShare: 0.22,
    orderIdPrefixes: ['402', '403', '404', '405', '406', '407', '408'],
  },
  {
    id: 'A1805IZSGTT6HS',
    region: 'EU',
    countryCode: 'NL',
    name: 'Amazon.nl',
    domainName: 'www.amazon.nl',
    currency: 'EUR',
    currencyDigits: 2,
    languageCode: 'nl_NL',
    usdRate: 0.92,
    orderShare: 0.1,
    orderIdPrefixes: ['402', '403', '404', '405', '406', '407', '408'],
  },
  {
    id: 'A1VC38T7YXB528',
    region: 'FE',
    countryCode: 'JP',
    name: 'Amazon.co.jp',
    domainName: 'www.amazon.co.jp',
    currency: 'JPY',
    currencyDigits: 0,
    languageCode: 'ja_JP',
    usdRate: 150,
    orderShare: 1,
    orderIdPrefixes: ['249', '250', '503'],
  },
  {
    id: 'A39IBJ37TRP1C6',
    region: 'FE',
    countryCode: 'AU',
    name: 'Amazon.com.au',
    domainName: 'www.amazon.com.au',
    currency: 'AUD',
    currencyDigits: 2,
    languageCode: 'en_AU',
    usdRate: 1.53,
    orderShare: 0.3,
    orderIdPrefixes: ['249', '250', '503'],
  },
  {
    id: 'A19VAU5U5O7RUS',
    region: 'FE',
    countryCode: 'SG',
    name: 'Amazon.sg',
    domainName: 'www.amazon.sg',
    currency: 'SGD',
    currencyDigits: 2,
    languageCode: 'en_SG',
    usdRate: 1.35,
    orderShare: 0.1,
    orderIdPrefixes: ['171', '503'],
  },
];

const BY_ID = new Map(MARKETPLACES.map((marketplace) => [marketplace.id, marketplace]));

export function findMarketplace(id: string): Marketplace | undefined {
  return BY_ID.get(id);
}

export function requireMarketplace(id: string): Marketplace {
  const marketplace = BY_ID.get(id);
  if (!marketplace) throw new Error(`Unknown marketplace ${id}`);
  return marketplace;
}

/** "19.99" / "2980": minor units to the decimal string Amazon uses in Money. */
export function formatAmount(minorUnits: number, marketplace: Marketplace): string {
  if (marketplace.currencyDigits === 0) return String(minorUnits);
  const negative = minorUnits < 0;
  const absolute = Math.abs(minorUnits);
  const scale = 10 ** marketplace.currencyDigits;
  const text = `${Math.floor(absolute / scale)}.${String(absolute % scale).padStart(marketplace.currencyDigits, '0')}`;
  return negative ? `-${text}` : text;
}
