/** The Amazon Ads API settings: its security profile, consent and token hosts, API hosts, report queue and polling. */
import { AMAZON_DEFAULTS, readAmazonEndpoints, type ClientSecretSource } from './amazon-settings';
import { readDashboardUrl } from './resource-settings';
import { read, required, urlSetting } from './setting-values';
import { ENV, MissingSettingError, type EnvName, type Environment } from './settings';

type RegionUrls = Readonly<Record<'NA' | 'EU' | 'FE', string>>;

/** The Amazon Ads API: its own LWA security profile, consent and token hosts, and API hosts per region. */
export interface AdsSettings {
  readonly clientId: string;
  /** Where the browser returns after the Ads consent: `{dashboard}/auth/amazon-ads/callback`. */
  readonly redirectUri: string;
  /** `{host}/ap/oa` is the consent page; `MINT_HUB_ADS_CONSENT_URL` overrides every region's host. */
  readonly consentHosts: RegionUrls;
  /** `MINT_HUB_ADS_AUTH_URL` overrides every region's token endpoint. */
  readonly tokenUrls: RegionUrls;
  readonly apiUrls: RegionUrls;
}

export function readAdsSettings(env: Environment): AdsSettings {
  const consent = read(env, ENV.adsConsentUrl);
  const token = read(env, ENV.adsAuthUrl);
  const perRegion = (override: string | undefined, name: EnvName, defaults: RegionUrls): RegionUrls => ({
    NA: urlSetting(env, name, override ?? defaults.NA),
    EU: urlSetting(env, name, override ?? defaults.EU),
    FE: urlSetting(env, name, override ?? defaults.FE),
  });
  return {
    clientId: required(env, ENV.adsClientId),
    // The Ads callback lives beside the dashboard, like the SP-API one: register it as an allowed return URL.
    redirectUri: `${readDashboardUrl(env)}/auth/amazon-ads/callback`,
    consentHosts: perRegion(consent, ENV.adsConsentUrl, AMAZON_DEFAULTS.adsConsent),
    tokenUrls: perRegion(token, ENV.adsAuthUrl, AMAZON_DEFAULTS.adsToken),
    apiUrls: readAmazonEndpoints(env).adsApi,
  };
}

/** The Ads client secret: a second Secrets Manager secret in AWS, the environment locally; never both. */
export function readAdsClientSecretSource(env: Environment): ClientSecretSource {
  const arn = read(env, ENV.adsClientSecretId);
  const value = read(env, ENV.adsClientSecret);
  if (arn !== undefined && value !== undefined)
    throw new MissingSettingError(
      ENV.adsClientSecret,
      `must not be set together with ${ENV.adsClientSecretId}`,
    );
  if (arn !== undefined) return { kind: 'secrets-manager', secretId: arn };
  if (value !== undefined) return { kind: 'environment', value };
  throw new MissingSettingError(
    ENV.adsClientSecretId,
    `(or ${ENV.adsClientSecret} locally) is required but not set`,
  );
}

export const readAdsReportQueueUrl = (env: Environment): string =>
  urlSetting(env, ENV.adsReportQueueUrl, required(env, ENV.adsReportQueueUrl));

export const readAdsReportPollSeconds = (env: Environment): number => {
  const raw = read(env, ENV.adsReportPollSeconds);
  if (raw === undefined) return 60;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 900)
    throw new MissingSettingError(ENV.adsReportPollSeconds, 'must be whole seconds between 1 and 900');
  return value;
};
