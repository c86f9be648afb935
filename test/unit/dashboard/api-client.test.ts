import { ApiError, apiErrorFrom, parseRetryAfter } from '../../../dashboard/src/api/api-error';
import { ApiClient, buildUrl } from '../../../dashboard/src/api/client';

function client(respond: (url: string, init: RequestInit) => Promise<Response>, signedIn = true) {
  const token = signedIn ? 'tok' : undefined;
  const calls: { url: string; init: RequestInit }[] = [];
  const unauthorized = jest.fn();
  const api = new ApiClient({
    baseUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
    accessToken: () => token,
    onUnauthorized: unauthorized,
    fetchImpl: async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      return respond(String(input), init ?? {});
    },
  });
  return { api, calls, unauthorized };
}

describe('API client', () => {
  it('sends the bearer token and the reason with every data request', async () => {
    const { api, calls } = client(async () => Response.json({ storeId: 'S-NA', items: [] }));
    await api.getInventory('S-NA', 'ATVPDKIKX0DER');
    expect(calls[0]?.url).toBe(
      'https://abc.execute-api.eu-west-1.amazonaws.com/api/stores/S-NA/inventory?marketplaceId=ATVPDKIKX0DER&reason=inventory-replenishment',
    );
    expect((calls[0]?.init.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('builds the orders and audit queries of docs/contracts.md', async () => {
    const { api, calls } = client(async () => Response.json({ records: [] }));
    await api.getOrders('S-EU', 'A1PA6795UKMFR9', 14);
    await api.getAudit('S/EU', '2026-11-01T00:00:00.000Z', '2026-11-08T00:00:00.000Z');
    expect(calls[0]?.url).toContain(
      '/api/stores/S-EU/orders?marketplaceId=A1PA6795UKMFR9&days=14&reason=order-fulfillment-monitoring',
    );
    expect(calls[1]?.url).toContain('/api/stores/S%2FEU/audit?from=2026-11-01T00%3A00%3A00.000Z&to=');
    expect(calls[1]?.url).not.toContain('cursor');
  });

  it('asks for older access records with the cursor of the previous answer', async () => {
    const { api, calls } = client(async () => Response.json({ records: [] }));
    await api.getAudit('S-EU', '2026-11-01T00:00:00.000Z', '2026-11-08T00:00:00.000Z', 'eyJ0IjoxfQ');
    expect(calls[0]?.url).toMatch(/\/audit\?from=[^&]+&to=[^&]+&cursor=eyJ0IjoxfQ$/);
  });

  it('posts authorizations as JSON and accepts a 202 without body on disconnect', async () => {
    const { api, calls } = client(async (url) =>
      url.endsWith('/authorizations')
        ? Response.json({ redirectUrl: 'https://sellercentral.amazon.com/apps/authorize/consent?state=s' })
        : new Response(null, { status: 202 }),
    );
    await expect(api.createAuthorization({ region: 'EU' })).resolves.toEqual({
      redirectUrl: 'https://sellercentral.amazon.com/apps/authorize/consent?state=s',
    });
    expect(calls[0]?.init.body).toBe('{"region":"EU"}');
    await expect(api.disconnectStore('S-NA')).resolves.toBeUndefined();
    expect(calls[1]?.init.method).toBe('DELETE');
  });

  it('calls the members routes of docs/contracts.md and reads the disconnect answer', async () => {
    const { api, calls } = client(async (url, init) => {
      if (init.method === 'DELETE' && url.endsWith('/api/stores/S-NA')) {
        return Response.json(
          { storeId: 'S-NA', status: 'REVOKED', revokedReason: 'disconnect', shredding: 'done' },
          { status: 202 },
        );
      }
      if (init.method === 'DELETE')
        return Response.json({ storeId: 'S-NA', userId: 'u/1', result: 'removed' });
      if (init.method === 'POST') {
        return Response.json(
          {
            storeId: 'S-NA',
            result: 'added',
            member: {
              userId: 'u1',
              email: 'sofia@minthub.local',
              name: 'Sofia Marino',
              role: 'operator',
              addedAt: '2026-11-23T08:00:00.000Z',
              addedBy: 'u0',
            },
          },
          { status: 201 },
        );
      }
      return Response.json({ storeId: 'S-NA', members: [], canManage: true });
    });
    await expect(api.listMembers('S-NA')).resolves.toEqual({ storeId: 'S-NA', members: [], canManage: true });
    await expect(
      api.addMember('S-NA', { email: 'sofia@minthub.local', role: 'operator' }),
    ).resolves.toMatchObject({ result: 'added', member: { name: 'Sofia Marino' } });
    await expect(api.removeMember('S-NA', 'u/1')).resolves.toMatchObject({ result: 'removed' });
    await expect(api.disconnectStore('S-NA')).resolves.toEqual({
      storeId: 'S-NA',
      status: 'REVOKED',
      revokedReason: 'disconnect',
      shredding: 'done',
    });
    expect(calls.map((call) => `${call.init.method} ${new URL(call.url).pathname}`)).toEqual([
      'GET /api/stores/S-NA/members',
      'POST /api/stores/S-NA/members',
      'DELETE /api/stores/S-NA/members/u%2F1',
      'DELETE /api/stores/S-NA',
    ]);
    expect(calls[1]?.init.body).toBe('{"email":"sofia@minthub.local","role":"operator"}');
  });

  it('turns the members errors into ApiErrors', async () => {
    const { api } = client(async () =>
      Response.json({ error: { code: 'LastOwner', message: 'A store keeps one owner.' } }, { status: 409 }),
    );
    await expect(api.removeMember('S-NA', 'u0')).rejects.toMatchObject({ code: 'LastOwner', status: 409 });
  });

  it('turns the error contract into an ApiError with Retry-After', async () => {
    const { api } = client(async () =>
      Response.json(
        { error: { code: 'Throttled', message: 'Amazon is rate-limiting this store; try again shortly.' } },
        { status: 429, headers: { 'retry-after': '7' } },
      ),
    );
    await expect(api.listStores()).rejects.toMatchObject({
      code: 'Throttled',
      status: 429,
      retryAfterSeconds: 7,
    });
  });

  it('shows not-built routes as NotImplemented', async () => {
    const { api } = client(async () =>
      Response.json(
        { error: { code: 'NotImplemented', message: 'Listing stores is not built yet.' } },
        { status: 501 },
      ),
    );
    await expect(api.listStores()).rejects.toMatchObject({ code: 'NotImplemented', status: 501 });
  });

  it('sends the operator to sign in on a 401 and when there is no token', async () => {
    const expired = client(async () => new Response('{"message":"Unauthorized"}', { status: 401 }));
    await expect(expired.api.listStores()).rejects.toMatchObject({ code: 'Unauthorized' });
    expect(expired.unauthorized).toHaveBeenCalledTimes(1);

    const none = client(async () => Response.json({}), false);
    await expect(none.api.listStores()).rejects.toMatchObject({ code: 'Unauthorized' });
    expect(none.calls).toHaveLength(0);
    expect(none.unauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports a failed fetch as a network error', async () => {
    const { api } = client(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.listStores()).rejects.toMatchObject({ code: 'Network', status: 0 });
  });

  it('names gateway errors without the contract by their status', () => {
    expect(apiErrorFrom(503, undefined, null).code).toBe('AmazonUnavailable');
    expect(apiErrorFrom(403, { message: 'Forbidden' }, null).code).toBe('AccessDenied');
    expect(apiErrorFrom(418, undefined, null).code).toBe('Unexpected');
    expect(
      apiErrorFrom(429, { error: { code: 'Throttled', message: 'x', retryAfterSeconds: 4 } }, null),
    ).toEqual(new ApiError('Throttled', 429, 'x', 4));
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-23T08:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Mon, 23 Nov 2026 08:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('leaves out absent query values', () => {
    expect(buildUrl('', '/api/x', { a: 'b', c: undefined })).toBe('/api/x?a=b');
  });
});
