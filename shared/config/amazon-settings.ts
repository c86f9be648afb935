/**
 * Amazon's endpoints (production by default, each overridable for sandboxes), the app's registration and where its
 * LWA client secret comes from, and when the schedule asks Amazon to rotate it.
 */
import { read, required, urlSetting } from './setting-values';
import { ENV, MissingSettingError, type Environment } from './settings';

export const AMAZON_DEFAULTS = {
  lwaTokenUrl: 'https://api.amazon.com/auth/o2/token',
  spapi: {
    NA: 'https://sellingpartnerapi-na.amazon.com',
    EU: 'https://sellingpartnerapi-eu.amazon.com',
    FE: 'https://sellingpartnerapi-fe.amazon.com',
  },
  adsApi: {
    NA: 'https://advertising-api.amazon.com',
    EU: 'https://advertising-api-eu.amazon.com',
    FE: 'https://advertising-api-fe.amazon.com',
  },
  /** Login with Amazon consent for the Ads API, one host per region (the page is `{host}/ap/oa`). */
  adsConsent: {
    NA: 'https://www.amazon.com',
    EU: 'https://eu.account.amazon.com',
    FE: 'https://apac.account.amazon.com',
  },
  /** Login with Amazon token endpoints of the Ads API, per region. */
  adsToken: {
    NA: 'https://api.amazon.com/auth/o2/token',
    EU: 'https://api.amazon.co.uk/auth/o2/token',
    FE: 'https://api.amazon.co.jp/auth/o2/token',
  },
} as const;

export interface AmazonEndpoints {
  readonly lwaTokenUrl: string;
  /** When set, replaces every Seller Central consent host (sandboxes). */
  readonly sellerCentralUrl: string | undefined;
  readonly spapi: Readonly<Record<'NA' | 'EU' | 'FE', string>>;
  readonly adsApi: Readonly<Record<'NA' | 'EU' | 'FE', string>>;
}

export function readAmazonEndpoints(env: Environment): AmazonEndpoints {
  const sellerCentral = read(env, ENV.sellerCentralUrl);
  return {
    lwaTokenUrl: urlSetting(env, ENV.lwaTokenUrl, AMAZON_DEFAULTS.lwaTokenUrl),
    sellerCentralUrl:
      sellerCentral === undefined ? undefined : urlSetting(env, ENV.sellerCentralUrl, sellerCentral),
    spapi: {
      NA: urlSetting(env, ENV.spapiUrlNA, AMAZON_DEFAULTS.spapi.NA),
      EU: urlSetting(env, ENV.spapiUrlEU, AMAZON_DEFAULTS.spapi.EU),
      FE: urlSetting(env, ENV.spapiUrlFE, AMAZON_DEFAULTS.spapi.FE),
    },
    adsApi: {
      NA: urlSetting(env, ENV.adsApiUrlNA, AMAZON_DEFAULTS.adsApi.NA),
      EU: urlSetting(env, ENV.adsApiUrlEU, AMAZON_DEFAULTS.adsApi.EU),
      FE: urlSetting(env, ENV.adsApiUrlFE, AMAZON_DEFAULTS.adsApi.FE),
    },
  };
}

export interface AppRegistration {
  readonly appId: string;
  readonly lwaClientId: string;
  /** Draft (unpublished) apps must send `version=beta` in consent URLs. */
  readonly draft: boolean;
}

export function readAppRegistration(env: Environment): AppRegistration {
  const draft = read(env, ENV.appDraft) ?? 'false';
  if (draft !== 'true' && draft !== 'false')
    throw new MissingSettingError(ENV.appDraft, 'must be true or false');
  return {
    appId: required(env, ENV.appId),
    lwaClientId: required(env, ENV.lwaClientId),
    draft: draft === 'true',
  };
}

/**
 * Where the LWA client secret comes from: Secrets Manager in AWS (by ARN), or the environment in the local
 * runtime. Never both, so a deployed function cannot quietly fall back to an environment variable.
 */
export type ClientSecretSource =
  { kind: 'secrets-manager'; secretId: string } | { kind: 'environment'; value: string };

export function readClientSecretSource(env: Environment): ClientSecretSource {
  const arn = read(env, ENV.lwaClientSecretId);
  const value = read(env, ENV.lwaClientSecret);
  if (arn !== undefined && value !== undefined) {
    throw new MissingSettingError(
      ENV.lwaClientSecret,
      `must not be set together with ${ENV.lwaClientSecretId}`,
    );
  }
  if (arn !== undefined) return { kind: 'secrets-manager', secretId: arn };
  if (value !== undefined) return { kind: 'environment', value };
  throw new MissingSettingError(
    ENV.lwaClientSecretId,
    `(or ${ENV.lwaClientSecret} locally) is required but not set`,
  );
}

/** The rotation worker writes the secret, so it needs the Secrets Manager one (locally: the stand-in's). */
export function readWritableClientSecretId(env: Environment): string {
  const source = readClientSecretSource(env);
  if (source.kind !== 'secrets-manager')
    throw new MissingSettingError(
      ENV.lwaClientSecretId,
      'is required: a rotated secret is written to Secrets Manager',
    );
  return source.secretId;
}

export function readClientSecretRotationLeadDays(env: Environment): number {
  const value = read(env, ENV.clientSecretRotationLeadDays) ?? '14';
  const days = Number(value);
  // Amazon's secrets live 180 days; the age alarm fires at 170, so a lead under 10 days leaves no time to react.
  if (!Number.isInteger(days) || days < 10 || days > 90)
    throw new MissingSettingError(
      ENV.clientSecretRotationLeadDays,
      'must be a whole number of days from 10 to 90',
    );
  return days;
}
