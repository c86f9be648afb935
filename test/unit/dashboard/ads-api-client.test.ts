import { ApiError } from '../../../dashboard/src/api/api-error';
import { ApiClient } from '../../../dashboard/src/api/client';
import type { AdsAuthorizationRemoved } from '../../../shared/api/ads-contract';

function client(respond: (url: string, init: RequestInit) => Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = new ApiClient({
    baseUrl: '',
    accessToken: () => 'tok',
    onUnauthorized: jest.fn(),
    fetchImpl: async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      return respond(String(input), init ?? {});
    },
  });
  return { api, calls };
}

describe('the ads routes of the API client', () => {
  it('reads the ads view with marketplace, period and the ad-budget-review reason', async () => {
    const { api, calls } = client(async () => Response.json({ storeId: 'S-NA', campaigns: [] }));
    await api.getAds('S-NA', 'ATVPDKIKX0DER', 14);
    expect(calls[0]?.url).toBe(
      '/api/stores/S-NA/ads?marketplaceId=ATVPDKIKX0DER&days=14&reason=ad-budget-review',
    );
    expect(calls[0]?.init.method).toBe('GET');
  });

  it('starts the Ads consent with a POST that carries the browser-binding cookie, and disconnects with a DELETE', async () => {
    const { api, calls } = client(async (url, init) =>
      init.method === 'POST'
        ? Response.json({ redirectUrl: 'https://www.amazon.com/ap/oa?client_id=x' })
        : Response.json({ removed: true, removedLinks: 3 }),
    );
    expect(await api.startAdsAuthorization('S/NA')).toEqual({
      redirectUrl: 'https://www.amazon.com/ap/oa?client_id=x',
    });
    // The contract's type (shared/api/ads-contract.ts), the one the route answers.
    const removed: AdsAuthorizationRemoved | undefined = await api.removeAdsAuthorization('S-NA');
    expect(removed).toEqual({ removed: true, removedLinks: 3 });
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['POST', '/api/stores/S%2FNA/ads-authorization'],
      ['DELETE', '/api/stores/S-NA/ads-authorization'],
    ]);
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('surfaces AdsNotConnected and DatasetNotEnabled as codes the view acts on', async () => {
    const { api } = client(async (url) =>
      url.includes('S-NA')
        ? Response.json({ error: { code: 'AdsNotConnected', message: 'x' } }, { status: 409 })
        : Response.json({ error: { code: 'DatasetNotEnabled', message: 'x' } }, { status: 404 }),
    );
    await expect(api.getAds('S-NA', 'ATVPDKIKX0DER', 30)).rejects.toMatchObject({
      code: 'AdsNotConnected',
      status: 409,
    });
    await expect(api.getAds('S-EU', 'A1F83G8C2ARO7P', 30)).rejects.toBeInstanceOf(ApiError);
    await expect(api.getAds('S-EU', 'A1F83G8C2ARO7P', 30)).rejects.toMatchObject({
      code: 'DatasetNotEnabled',
    });
  });
});
