import { parseAdsReportMessage } from '../../../shared/ads/report-pipeline';

// A report message names the store its work runs for (a store session); a malformed id is refused when read,
// by name, instead of failing later at STS and filling the DLQ with an unexplained error.
describe('parseAdsReportMessage', () => {
  const sync = (storeId: unknown) =>
    JSON.stringify({ kind: 'sync', storeId, marketplaceId: 'ATVPDKIKX0DER' });

  it('reads a sync message for a store id of the right shape', () => {
    expect(parseAdsReportMessage(sync('A2LUMENCRAFT7Q-NA'))).toEqual({
      kind: 'sync',
      storeId: 'A2LUMENCRAFT7Q-NA',
      marketplaceId: 'ATVPDKIKX0DER',
    });
  });

  it.each(['A2LUMENCRAFT7Q', 'A2LUMENCRAFT7Q-XX', '../A2LUMENCRAFT7Q-NA', 'a2lumencraft7q-na', 42])(
    'refuses the store id %p',
    (storeId) => {
      expect(() => parseAdsReportMessage(sync(storeId))).toThrow(/storeId/);
    },
  );

  it('refuses a poll message whose store id is malformed', () => {
    const body = JSON.stringify({
      kind: 'poll',
      storeId: 'STORE#A2LUMENCRAFT7Q-NA',
      marketplaceId: 'ATVPDKIKX0DER',
      adProduct: 'SPONSORED_PRODUCTS',
      reportId: 'r-1',
    });
    expect(() => parseAdsReportMessage(body)).toThrow(/storeId/);
  });
});
