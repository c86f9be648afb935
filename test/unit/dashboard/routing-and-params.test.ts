import { parseConfig } from '../../../dashboard/src/config';
import { appstoreRequestFrom } from '../../../dashboard/src/data/appstore-params';
import { parseOAuthResult, withoutOAuthResult } from '../../../dashboard/src/data/oauth-result';
import { parseRoute, routeHref } from '../../../dashboard/src/router/routes';
import { isNavigableUrl, startAuthorization } from '../../../dashboard/src/views/start-authorization';
import type { ApiClient } from '../../../dashboard/src/api/client';
import { wrapFocusIndex } from '../../../dashboard/src/components/focus-trap';

describe('routes', () => {
  it('parses every view and keeps its state in the URL', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'overview' });
    expect(parseRoute('/stores/', '?connected=S-NA')).toEqual({ name: 'stores' });
    expect(parseRoute('/stores/A2LUMEN-NA/inventory', '?marketplaceId=ATVPDKIKX0DER')).toEqual({
      name: 'inventory',
      storeId: 'A2LUMEN-NA',
      marketplaceId: 'ATVPDKIKX0DER',
    });
    expect(parseRoute('/stores/S-EU/orders', '?days=7')).toEqual({
      name: 'orders',
      storeId: 'S-EU',
      days: 7,
    });
    expect(parseRoute('/stores/S-EU/audit', '?from=2026-11-01&to=2026-11-05')).toEqual({
      name: 'audit',
      storeId: 'S-EU',
      from: '2026-11-01',
      to: '2026-11-05',
    });
    expect(parseRoute('/stores/S-EU/members', '')).toEqual({ name: 'members', storeId: 'S-EU' });
    expect(parseRoute('/appstore', '?amazon_state=x')).toEqual({ name: 'appstore' });
    expect(parseRoute('/stores/x/unknown', '')).toEqual({ name: 'not-found' });
    expect(parseRoute('/stores/%E0%A4%A/inventory', '')).toEqual({ name: 'not-found' });
  });

  it('builds links that parse back to the same route', () => {
    const routes = [
      { name: 'inventory', storeId: 'S/NA', marketplaceId: 'ATVPDKIKX0DER' },
      { name: 'orders', storeId: 'S-NA', days: 60 },
      { name: 'audit', storeId: 'S-NA', from: '2026-11-01', to: '2026-11-02' },
      { name: 'members', storeId: 'S/NA' },
      { name: 'stores' },
    ] as const;
    for (const route of routes) {
      const url = new URL(routeHref(route), 'https://ops.example.com');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
});

describe('OAuth result from the callback redirect', () => {
  it('reads success and failure', () => {
    expect(parseOAuthResult('?connected=A2LUMEN-NA&result=connected')).toEqual({
      kind: 'connected',
      storeId: 'A2LUMEN-NA',
      reauthorized: false,
    });
    expect(parseOAuthResult('?connected=A2LUMEN-NA&result=reauthorized')).toMatchObject({
      reauthorized: true,
    });
    expect(parseOAuthResult('?authError=consent_denied')).toEqual({ kind: 'failed', code: 'consent_denied' });
    expect(parseOAuthResult('?authError=session_mismatch')).toEqual({
      kind: 'failed',
      code: 'session_mismatch',
    });
    expect(parseOAuthResult('?authError=%3Cscript%3E')).toEqual({ kind: 'failed', code: 'unknown' });
    expect(parseOAuthResult('?other=1')).toBeUndefined();
  });

  it('removes the result from the URL so a reload does not repeat it', () => {
    expect(withoutOAuthResult('?connected=S-NA&result=connected')).toBe('');
    expect(withoutOAuthResult('?authError=x&keep=1')).toBe('?keep=1');
  });
});

describe('Appstore page parameters', () => {
  it('needs the callback URI, the Amazon state and the seller id; version is optional', () => {
    expect(
      appstoreRequestFrom(
        '?amazon_callback_uri=https%3A%2F%2Fsellercentral.amazon.com%2Fapps%2Fauthorize%2Fconfirm%2Fx&amazon_state=as&selling_partner_id=S&version=beta',
      ),
    ).toEqual({
      amazonCallbackUri: 'https://sellercentral.amazon.com/apps/authorize/confirm/x',
      amazonState: 'as',
      sellingPartnerId: 'S',
      version: 'beta',
    });
    expect(appstoreRequestFrom('?amazon_state=as&selling_partner_id=S')).toBeUndefined();
  });
});

describe('starting an authorization', () => {
  it('goes to the redirect URL the API answers, and only to http(s)', async () => {
    const go = jest.fn();
    const api = (redirectUrl: string) =>
      ({ createAuthorization: async () => ({ redirectUrl }) }) as unknown as ApiClient;
    await startAuthorization(
      api('https://sellercentral.amazon.com/apps/authorize/consent?state=s'),
      { region: 'NA' },
      go,
    );
    expect(go).toHaveBeenCalledWith('https://sellercentral.amazon.com/apps/authorize/consent?state=s');
    await expect(startAuthorization(api('javascript:alert(1)'), { region: 'NA' }, go)).rejects.toMatchObject({
      code: 'Unexpected',
    });
    expect(isNavigableUrl('http://localhost:3000/sandbox/consent')).toBe(true);
    expect(isNavigableUrl(undefined)).toBe(false);
  });
});

describe('config.json', () => {
  it('reads the AWS and the local shapes', () => {
    expect(
      parseConfig({
        apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_x',
        clientId: 'c',
        signInUrl: 'https://ops.auth.eu-west-1.amazoncognito.com',
        auth: 'cognito',
      }),
    ).toMatchObject({ apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com', auth: 'cognito' });
    expect(
      parseConfig({
        apiUrl: '',
        auth: 'local',
        region: 'local',
        clientId: 'local-dashboard',
        signInUrl: 'http://localhost:3000/local',
      }),
    ).toEqual({
      apiUrl: '',
      auth: 'local',
      region: 'local',
      clientId: 'local-dashboard',
      signInUrl: 'http://localhost:3000/local',
    });
  });

  it('names the field that is wrong', () => {
    expect(() => parseConfig({ apiUrl: '', clientId: 'c', auth: 'local' })).toThrow('signInUrl');
    expect(() =>
      parseConfig({ apiUrl: 'ftp://x', clientId: 'c', auth: 'local', signInUrl: 'http://x' }),
    ).toThrow('apiUrl');
    expect(() => parseConfig({ apiUrl: '', clientId: 'c', auth: 'saml', signInUrl: 'http://x' })).toThrow(
      'auth',
    );
  });
});

describe('dialog focus trap', () => {
  it('wraps Tab from the last control to the first and Shift+Tab back', () => {
    expect(wrapFocusIndex(2, 3, false)).toBe(0);
    expect(wrapFocusIndex(0, 3, true)).toBe(2);
    expect(wrapFocusIndex(1, 3, false)).toBeUndefined();
    expect(wrapFocusIndex(-1, 3, false)).toBe(0);
    expect(wrapFocusIndex(0, 0, false)).toBeUndefined();
  });
});
