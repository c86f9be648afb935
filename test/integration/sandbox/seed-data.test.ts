import { totalReserved, totalResearching, totalUnfulfillable } from '../../../local/sandbox/data/catalog';
import { MARKETPLACES, requireMarketplace } from '../../../local/sandbox/data/marketplaces';
import { SeedData } from '../../../local/sandbox/data/seed-data';
import { DAY_MS, START_TIME, startTestSandbox } from './sandbox-test-kit';

describe('Seeded demo data', () => {
  const data = new SeedData(7, START_TIME);

  it('has four fictional stores in NA (two), EU and FE with several marketplaces each', () => {
    const byRegion = (region: string) => data.sellers.filter((seller) => seller.region === region);

    expect(byRegion('NA')).toHaveLength(2);
    expect(byRegion('EU')[0]?.marketplaceIds.map((id) => requireMarketplace(id).countryCode)).toEqual([
      'GB',
      'DE',
      'FR',
      'IT',
      'ES',
    ]);
    expect(byRegion('FE')[0]?.marketplaceIds.map((id) => requireMarketplace(id).countryCode)).toEqual([
      'JP',
      'AU',
      'SG',
    ]);
    for (const seller of data.sellers) {
      for (const id of seller.marketplaceIds) expect(requireMarketplace(id).region).toBe(seller.region);
    }
  });

  it('is deterministic for a seed and different across seeds', () => {
    const seller = data.sellers[0]!;
    const again = new SeedData(7, START_TIME);
    const other = new SeedData(8, START_TIME);
    const fingerprint = (source: SeedData) =>
      JSON.stringify([
        source.listings(seller, 'ATVPDKIKX0DER').slice(0, 20),
        source.orders(seller, 'A2EUQ1WTGCTBG2').slice(-20),
      ]);

    expect(fingerprint(again)).toBe(fingerprint(data));
    expect(fingerprint(other)).not.toBe(fingerprint(data));
  });

  it('lists 300+ FBA SKUs per marketplace with every stock shape', () => {
    for (const seller of data.sellers) {
      for (const marketplaceId of seller.marketplaceIds) {
        const listings = data.listings(seller, marketplaceId);
        const stocks = listings.map((listing) => listing.stock);

        expect(listings.length).toBeGreaterThanOrEqual(300);
        expect(stocks.some((stock) => stock.fulfillable > 50)).toBe(true);
        expect(stocks.some((stock) => stock.fulfillable > 0 && stock.fulfillable <= 10)).toBe(true);
        expect(stocks.some((stock) => stock.fulfillable === 0)).toBe(true);
        expect(stocks.some((stock) => stock.inboundWorking > 0)).toBe(true);
        expect(stocks.some((stock) => stock.inboundShipped > 0)).toBe(true);
        expect(stocks.some((stock) => stock.inboundReceiving > 0)).toBe(true);
        expect(stocks.some((stock) => totalReserved(stock) > 0)).toBe(true);
        expect(stocks.some((stock) => totalUnfulfillable(stock) > 0)).toBe(true);
        expect(stocks.some((stock) => totalResearching(stock) > 0)).toBe(true);
      }
    }
  });

  it('has 90+ days of orders with realistic statuses, channels, currencies and at-risk merchant orders', () => {
    for (const seller of data.sellers) {
      for (const marketplaceId of seller.marketplaceIds) {
        const orders = data.orders(seller, marketplaceId);
        const marketplace = requireMarketplace(marketplaceId);
        const waiting = orders.filter(
          (order) =>
            order.channel === 'MFN' && (order.status === 'UNSHIPPED' || order.status === 'PARTIALLY_SHIPPED'),
        );
        const latestShip = (order: (typeof orders)[number]) => order.latestShipDate?.getTime() ?? 0;

        expect(START_TIME.getTime() - (orders[0]?.purchaseDate.getTime() ?? 0)).toBeGreaterThan(90 * DAY_MS);
        expect(orders.every((order) => order.purchaseDate.getTime() < START_TIME.getTime())).toBe(true);
        expect(orders.every((order) => order.lastUpdateDate.getTime() <= START_TIME.getTime())).toBe(true);
        expect(new Set(orders.map((order) => order.channel))).toEqual(new Set(['AFN', 'MFN']));
        expect(new Set(orders.map((order) => order.status))).toEqual(
          new Set(['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED']),
        );
        expect(orders.every((order) => order.marketplace.currency === marketplace.currency)).toBe(true);
        expect(orders.every((order) => /^\d{3}-\d{7}-\d{7}$/.test(order.orderId))).toBe(true);
        expect(waiting.some((order) => latestShip(order) < START_TIME.getTime())).toBe(true);
        expect(
          waiting.some(
            (order) =>
              latestShip(order) > START_TIME.getTime() && latestShip(order) < START_TIME.getTime() + DAY_MS,
          ),
        ).toBe(true);
      }
    }
  });

  it('keeps marketplace ids and currencies as Amazon lists them', () => {
    const currencies = Object.fromEntries(
      MARKETPLACES.map((marketplace) => [marketplace.countryCode, marketplace.currency]),
    );

    expect(requireMarketplace('ATVPDKIKX0DER').countryCode).toBe('US');
    expect(requireMarketplace('A1VC38T7YXB528').currencyDigits).toBe(0);
    expect(currencies).toMatchObject({
      US: 'USD',
      CA: 'CAD',
      MX: 'MXN',
      GB: 'GBP',
      DE: 'EUR',
      JP: 'JPY',
      AU: 'AUD',
    });
  });

  it('starts a sandbox well under a second', async () => {
    const started = performance.now();
    const sandbox = await startTestSandbox();
    const elapsed = performance.now() - started;
    await sandbox.close();

    expect(elapsed).toBeLessThan(1000);
  });
});
