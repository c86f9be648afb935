/** Amazon's marketplace ids (the "Marketplace IDs" table of the SP-API docs) with what the views display. */
export interface MarketplaceInfo {
  readonly id: string;
  readonly countryCode: string;
  readonly domain: string;
  readonly currency: string;
}

const LIST: readonly MarketplaceInfo[] = [
  { id: 'ATVPDKIKX0DER', countryCode: 'US', domain: 'Amazon.com', currency: 'USD' },
  { id: 'A2EUQ1WTGCTBG2', countryCode: 'CA', domain: 'Amazon.ca', currency: 'CAD' },
  { id: 'A1AM78C64UM0Y8', countryCode: 'MX', domain: 'Amazon.com.mx', currency: 'MXN' },
  { id: 'A2Q3Y263D00KWC', countryCode: 'BR', domain: 'Amazon.com.br', currency: 'BRL' },
  { id: 'A1F83G8C2ARO7P', countryCode: 'GB', domain: 'Amazon.co.uk', currency: 'GBP' },
  { id: 'A1PA6795UKMFR9', countryCode: 'DE', domain: 'Amazon.de', currency: 'EUR' },
  { id: 'A13V1IB3VIYZZH', countryCode: 'FR', domain: 'Amazon.fr', currency: 'EUR' },
  { id: 'APJ6JRA9NG5V4', countryCode: 'IT', domain: 'Amazon.it', currency: 'EUR' },
  { id: 'A1RKKUPIHCS9HS', countryCode: 'ES', domain: 'Amazon.es', currency: 'EUR' },
  { id: 'A1805IZSGTT6HS', countryCode: 'NL', domain: 'Amazon.nl', currency: 'EUR' },
  { id: 'A2NODRKZP88ZB9', countryCode: 'SE', domain: 'Amazon.se', currency: 'SEK' },
  { id: 'A1C3SOZRARQ6R3', countryCode: 'PL', domain: 'Amazon.pl', currency: 'PLN' },
  { id: 'AMEN7PMS3EDWL', countryCode: 'BE', domain: 'Amazon.com.be', currency: 'EUR' },
  { id: 'A33AVAJ2PDY3EV', countryCode: 'TR', domain: 'Amazon.com.tr', currency: 'TRY' },
  { id: 'A2VIGQ35RCS4UG', countryCode: 'AE', domain: 'Amazon.ae', currency: 'AED' },
  { id: 'A17E79C6D8DWNP', countryCode: 'SA', domain: 'Amazon.sa', currency: 'SAR' },
  { id: 'ARBP9OOSHTCHU', countryCode: 'EG', domain: 'Amazon.eg', currency: 'EGP' },
  { id: 'A21TJRUUN4KGV', countryCode: 'IN', domain: 'Amazon.in', currency: 'INR' },
  { id: 'AE08WJ6YKNBMC', countryCode: 'ZA', domain: 'Amazon.co.za', currency: 'ZAR' },
  { id: 'A1VC38T7YXB528', countryCode: 'JP', domain: 'Amazon.co.jp', currency: 'JPY' },
  { id: 'A39IBJ37TRP1C6', countryCode: 'AU', domain: 'Amazon.com.au', currency: 'AUD' },
  { id: 'A19VAU5U5O7RUS', countryCode: 'SG', domain: 'Amazon.sg', currency: 'SGD' },
];

const BY_ID = new Map(LIST.map((marketplace) => [marketplace.id, marketplace]));

export function findMarketplace(id: string): MarketplaceInfo | undefined {
  return BY_ID.get(id);
}

const regionNames = new Map<string, Intl.DisplayNames | undefined>();

function countryName(locale: string, countryCode: string): string {
  if (!regionNames.has(locale)) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      names = undefined;
    }
    regionNames.set(locale, names);
  }
  return regionNames.get(locale)?.of(countryCode) ?? countryCode;
}

/** "Amazon.de (Germany)" / "Amazon.de（德国）"; an unknown id is shown as is. */
export function marketplaceLabel(locale: string, id: string): string {
  const marketplace = findMarketplace(id);
  if (marketplace === undefined) return id;
  const country = countryName(locale, marketplace.countryCode);
  return locale.startsWith('zh')
    ? `${marketplace.domain}（${country}）`
    : `${marketplace.domain} (${country})`;
}
