import {
  AMAZON_DEFAULTS,
  MissingSettingError,
  readAmazonEndpoints,
  readAppRegistration,
  readClientSecretSource,
  readOrdersApiVersion,
  readStorageSettings,
} from '../../shared/config';

describe('settings', () => {
  it("defaults every Amazon endpoint to Amazon's production hosts", () => {
    const endpoints = readAmazonEndpoints({});
    expect(endpoints.lwaTokenUrl).toBe('https://api.amazon.com/auth/o2/token');
    expect(endpoints.spapi).toEqual(AMAZON_DEFAULTS.spapi);
    expect(endpoints.sellerCentralUrl).toBeUndefined();
  });

  it('lets each MINT_HUB_*_URL point elsewhere, without a trailing slash', () => {
    const endpoints = readAmazonEndpoints({
      MINT_HUB_LWA_TOKEN_URL: 'http://127.0.0.1:4000/auth/o2/token',
      MINT_HUB_SELLER_CENTRAL_URL: 'http://127.0.0.1:4000/',
      MINT_HUB_SPAPI_URL_EU: 'http://127.0.0.1:4000/spapi/eu',
    });
    expect(endpoints.lwaTokenUrl).toBe('http://127.0.0.1:4000/auth/o2/token');
    expect(endpoints.sellerCentralUrl).toBe('http://127.0.0.1:4000');
    expect(endpoints.spapi.EU).toBe('http://127.0.0.1:4000/spapi/eu');
    expect(endpoints.spapi.NA).toBe(AMAZON_DEFAULTS.spapi.NA);
  });

  it('names the setting that is missing or malformed', () => {
    expect(() => readStorageSettings({})).toThrow(
      new MissingSettingError('MINT_HUB_TABLE_NAME', 'is required but not set'),
    );
    expect(() => readAmazonEndpoints({ MINT_HUB_SPAPI_URL_FE: 'ftp://x' })).toThrow(
      /MINT_HUB_SPAPI_URL_FE must be an http\(s\) URL/,
    );
    expect(() =>
      readAppRegistration({ MINT_HUB_APP_ID: 'a', MINT_HUB_LWA_CLIENT_ID: 'c', MINT_HUB_APP_DRAFT: 'yes' }),
    ).toThrow(/MINT_HUB_APP_DRAFT/);
    expect(() => readOrdersApiVersion({ MINT_HUB_ORDERS_API_VERSION: 'v1' })).toThrow(
      /MINT_HUB_ORDERS_API_VERSION/,
    );
  });

  it('defaults Orders to the 2026-01-01 API', () => {
    expect(readOrdersApiVersion({})).toBe('2026-01-01');
    expect(readOrdersApiVersion({ MINT_HUB_ORDERS_API_VERSION: 'v0' })).toBe('v0');
  });

  it('takes the client secret from Secrets Manager or (locally) the environment, never both', () => {
    expect(readClientSecretSource({ MINT_HUB_LWA_CLIENT_SECRET_ID: 'mint-hub/dev/lwa' })).toEqual({
      kind: 'secrets-manager',
      secretId: 'mint-hub/dev/lwa',
    });
    expect(readClientSecretSource({ MINT_HUB_LWA_CLIENT_SECRET: 's' })).toEqual({
      kind: 'environment',
      value: 's',
    });
    expect(() =>
      readClientSecretSource({ MINT_HUB_LWA_CLIENT_SECRET_ID: 'x', MINT_HUB_LWA_CLIENT_SECRET: 's' }),
    ).toThrow(/must not be set together/);
    expect(() => readClientSecretSource({})).toThrow(/MINT_HUB_LWA_CLIENT_SECRET_ID/);
  });

  it('never echoes a setting value in its error', () => {
    const attempt = () =>
      readClientSecretSource({
        MINT_HUB_LWA_CLIENT_SECRET_ID: 'x',
        MINT_HUB_LWA_CLIENT_SECRET: 'super-secret-value',
      });
    expect(attempt).toThrow(MissingSettingError);
    expect(attempt).not.toThrow(/super-secret-value/);
  });
});
