import { MARKETPLACES } from '../../../shared/amazon/marketplaces';
import {
  appstoreContinueUrl,
  checkAmazonCallbackUri,
  websiteConsentUrl,
} from '../../../shared/authorization/consent-urls';

const base = {
  appId: 'amzn1.sp.solution.app',
  state: 'S'.repeat(43),
  draft: false,
  sellerCentralOverride: undefined,
};

describe('website consent URL', () => {
  it.each(MARKETPLACES.map((m) => [m.countryCode, m] as const))(
    'sends %s sellers to their Seller Central',
    (_country, marketplace) => {
      const url = new URL(
        websiteConsentUrl({ ...base, region: marketplace.region, marketplace: marketplace.id }),
      );
      expect(url.origin).toBe(marketplace.sellerCentralUrl);
      expect(url.pathname).toBe('/apps/authorize/consent');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        application_id: 'amzn1.sp.solution.app',
        state: base.state,
      });
    },
  );

  it('uses the region default without a marketplace, and country codes work too', () => {
    expect(websiteConsentUrl({ ...base, region: 'EU', marketplace: undefined })).toMatch(
      /^https:\/\/sellercentral-europe\.amazon\.com\//,
    );
    expect(websiteConsentUrl({ ...base, region: 'FE', marketplace: 'JP' })).toMatch(
      /^https:\/\/sellercentral\.amazon\.co\.jp\//,
    );
    expect(websiteConsentUrl({ ...base, region: 'EU', marketplace: 'UK' })).toMatch(
      /^https:\/\/sellercentral-europe\.amazon\.com\//,
    );
  });

  it('adds version=beta for a draft app', () => {
    expect(
      new URL(
        websiteConsentUrl({ ...base, draft: true, region: 'NA', marketplace: undefined }),
      ).searchParams.get('version'),
    ).toBe('beta');
  });

  it('refuses a marketplace of another region or an unknown one', () => {
    expect(() => websiteConsentUrl({ ...base, region: 'NA', marketplace: 'DE' })).toThrow(
      /belongs to region EU/,
    );
    expect(() => websiteConsentUrl({ ...base, region: 'NA', marketplace: 'XX' })).toThrow(
      /Unknown marketplace/,
    );
  });

  it('sends every consent to the configured sandbox Seller Central when one is set', () => {
    const url = new URL(
      websiteConsentUrl({
        ...base,
        sellerCentralOverride: 'http://127.0.0.1:4000',
        region: 'FE',
        marketplace: 'JP',
      }),
    );
    expect(url.origin).toBe('http://127.0.0.1:4000');
  });
});

describe('Appstore amazon_callback_uri', () => {
  const APP = 'amzn1.sp.solution.app';
  const confirm = `https://sellercentral.amazon.com/apps/authorize/confirm/${APP}`;
  const real = { appId: APP, sellerCentralOverride: undefined };
  const sandbox = { appId: APP, sellerCentralOverride: 'http://127.0.0.1:4000' };

  it("accepts Amazon's Seller Central confirm path and tells the region", () => {
    expect(checkAmazonCallbackUri(confirm, real).region).toBe('NA');
    expect(
      checkAmazonCallbackUri(`https://sellercentral.amazon.co.jp/apps/authorize/confirm/${APP}`, real).region,
    ).toBe('FE');
  });

  it.each([
    ['another host', 'https://evil.example.com/apps/authorize/confirm/amzn1.sp.solution.app'],
    [
      'a look-alike host',
      'https://sellercentral.amazon.com.evil.example/apps/authorize/confirm/amzn1.sp.solution.app',
    ],
    ['plain http', 'http://sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.app'],
    [
      'credentials in the URL',
      'https://user:pw@sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.app',
    ],
    ['another path', 'https://sellercentral.amazon.com/logout'],
    [
      "another application's confirm page",
      'https://sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.other',
    ],
    ['a path below the confirm page', `https://sellercentral.amazon.com/apps/authorize/confirm/${APP}/x`],
    ['another port', 'https://sellercentral.amazon.com:8443/apps/authorize/confirm/amzn1.sp.solution.app'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['not a URL', 'not a url'],
  ])('refuses %s (no open redirect)', (_label, uri) => {
    expect(() => checkAmazonCallbackUri(uri, real)).toThrow(/amazon_callback_uri/);
  });

  it('accepts the configured sandbox Seller Central, whose region is then learned from Amazon', () => {
    expect(
      checkAmazonCallbackUri(`http://127.0.0.1:4000/apps/authorize/confirm/${APP}`, sandbox).region,
    ).toBeUndefined();
    expect(() =>
      checkAmazonCallbackUri(`http://127.0.0.1:4001/apps/authorize/confirm/${APP}`, sandbox),
    ).toThrow();
  });

  it('continues with amazon_state unchanged, our state, and version=beta when draft', () => {
    const url = new URL(
      appstoreContinueUrl(new URL(confirm), { amazonState: 'amz|state+/=', state: 'ours', draft: true }),
    );
    expect(url.searchParams.get('amazon_state')).toBe('amz|state+/=');
    expect(url.searchParams.get('state')).toBe('ours');
    expect(url.searchParams.get('version')).toBe('beta');
    expect(`${url.origin}${url.pathname}`).toBe(confirm);
  });
});
