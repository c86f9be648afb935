import { ROUTES, matchRoutePath } from '../../shared/api/routes';

describe('route manifest', () => {
  it('matches concrete paths and decodes parameters', () => {
    expect(matchRoutePath('/api/stores/{storeId}/inventory', '/api/stores/A1B2C3-NA/inventory')).toEqual({
      storeId: 'A1B2C3-NA',
    });
    expect(matchRoutePath('/api/stores/{storeId}', '/api/stores/A%2FB')).toEqual({ storeId: 'A/B' });
    expect(matchRoutePath('/api/stores', '/api/stores')).toEqual({});
  });

  it('refuses paths of another shape or with an empty parameter', () => {
    expect(matchRoutePath('/api/stores/{storeId}/inventory', '/api/stores/x/orders')).toBeUndefined();
    expect(matchRoutePath('/api/stores/{storeId}', '/api/stores/')).toBeUndefined();
    expect(matchRoutePath('/api/stores/{storeId}', '/api/stores/a/b')).toBeUndefined();
  });

  it('declares every route of docs/contracts.md exactly once, each with its own handler', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(keys.sort()).toEqual(
      [
        'POST /api/authorizations',
        'GET /auth/amazon/login',
        'GET /auth/amazon/callback',
        'GET /api/stores',
        'GET /api/stores/{storeId}/inventory',
        'GET /api/stores/{storeId}/orders',
        'GET /api/stores/{storeId}/ads',
        'POST /api/stores/{storeId}/ads-authorization',
        'DELETE /api/stores/{storeId}/ads-authorization',
        'GET /auth/amazon-ads/callback',
        'DELETE /api/stores/{storeId}',
        'GET /api/stores/{storeId}/audit',
        'GET /api/stores/{storeId}/members',
        'POST /api/stores/{storeId}/members',
        'DELETE /api/stores/{storeId}/members/{userId}',
        'GET /api/stores/{storeId}/restock-settings',
        'PUT /api/stores/{storeId}/restock-settings',
        'GET /api/overview',
        'PUT /api/stores/{storeId}/display-name',
        // Issue 18: the admin screens (an addition to DESIGN.md's routes).
        'GET /api/admin/stores',
        'GET /healthz',
      ].sort(),
    );
    expect(new Set(ROUTES.map((r) => r.handler)).size).toBe(ROUTES.length);
  });

  it('keeps every /api route behind the JWT authorizer and only Amazon redirects and health public', () => {
    for (const route of ROUTES) {
      expect(route.auth).toBe(route.path.startsWith('/api/') ? 'jwt' : 'public');
    }
  });
});
