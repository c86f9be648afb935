import { ApiClient } from '../../../dashboard/src/api/client';

// The dashboard's calls for issue 18's routes, typed from shared/api (overview-contract, display-name-contract).
function client() {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = new ApiClient({
    baseUrl: '',
    accessToken: () => 'tok',
    onUnauthorized: () => undefined,
    fetchImpl: async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      return Response.json({ stores: [], totals: {} });
    },
  });
  return { api, calls };
}

describe('API client: overview and display name', () => {
  it('asks for the overview with the reason, as every data read', async () => {
    const { api, calls } = client();
    await api.getOverview('order-fulfillment-monitoring');
    expect(calls[0]?.url).toBe('/api/overview?reason=order-fulfillment-monitoring');
    expect(calls[0]?.init.method).toBe('GET');
    expect((calls[0]?.init.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
  });

  it('puts the display name as JSON on the store, its id encoded', async () => {
    const { api, calls } = client();
    await api.putDisplayName('S/NA', { displayName: 'Lumen US' });
    await api.putDisplayName('S-NA', { displayName: null });
    expect(calls[0]?.url).toBe('/api/stores/S%2FNA/display-name');
    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.init.body).toBe('{"displayName":"Lumen US"}');
    expect(calls[1]?.init.body).toBe('{"displayName":null}');
  });
});
