/**
 * Every setting the functions read, with its environment variable. Read once at init (in each function's entry
 * file) and failing fast with the name of what is missing. Nothing else in the code reads `process.env`.
 *
 * Amazon endpoints default to production; each can be pointed elsewhere (the local sandbox, a proxy) by its
 * `MINT_HUB_*_URL` setting, the names of docs/contracts.md.
 */
import { SECONDS_PER_DAY } from '../time';
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

export const ENV = {
  tableName: 'MINT_HUB_TABLE_NAME',
  /** The operators' Cognito user pool, for the members routes' directory lookups. */
  userPoolId: 'MINT_HUB_USER_POOL_ID',
  tokenKeyId: 'MINT_HUB_TOKEN_KEY_ID',
  revocationQueueUrl: 'MINT_HUB_REVOCATION_QUEUE_URL',
  /**
   * The SQS queue ARN registered as the app's Notifications API destination for ACCOUNT_STATUS_CHANGED (the
   * revocation queue). Unset: stores are not subscribed (the local workspace sets it to its queue's ARN).
   */
  accountStatusDestinationArn: 'MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN',
  auditLogGroupName: 'MINT_HUB_AUDIT_LOG_GROUP',
  auditFile: 'MINT_HUB_AUDIT_FILE',
  dashboardUrl: 'MINT_HUB_DASHBOARD_URL',
  redirectUri: 'MINT_HUB_REDIRECT_URI',
  appId: 'MINT_HUB_APP_ID',
  appDraft: 'MINT_HUB_APP_DRAFT',
  lwaClientId: 'MINT_HUB_LWA_CLIENT_ID',
  lwaClientSecretId: 'MINT_HUB_LWA_CLIENT_SECRET_ID',
  lwaClientSecret: 'MINT_HUB_LWA_CLIENT_SECRET',
  /** Days before the LWA client secret expires that the schedule asks Amazon to rotate it. @default 14 */
  clientSecretRotationLeadDays: 'MINT_HUB_CLIENT_SECRET_ROTATION_LEAD_DAYS',
  lwaTokenUrl: 'MINT_HUB_LWA_TOKEN_URL',
  sellerCentralUrl: 'MINT_HUB_SELLER_CENTRAL_URL',
  spapiUrlNA: 'MINT_HUB_SPAPI_URL_NA',
  spapiUrlEU: 'MINT_HUB_SPAPI_URL_EU',
  spapiUrlFE: 'MINT_HUB_SPAPI_URL_FE',
  adsApiUrlNA: 'MINT_HUB_ADS_API_URL_NA',
  adsApiUrlEU: 'MINT_HUB_ADS_API_URL_EU',
  adsApiUrlFE: 'MINT_HUB_ADS_API_URL_FE',
  adsAuthUrl: 'MINT_HUB_ADS_AUTH_URL',
  adsConsentUrl: 'MINT_HUB_ADS_CONSENT_URL',
  adsClientId: 'MINT_HUB_ADS_CLIENT_ID',
  adsClientSecretId: 'MINT_HUB_ADS_CLIENT_SECRET_ID',
  adsClientSecret: 'MINT_HUB_ADS_CLIENT_SECRET',
  adsReportQueueUrl: 'MINT_HUB_ADS_REPORT_QUEUE_URL',
  /** First wait before a report is polled, doubled per poll up to eight times it. @default 60 */
  adsReportPollSeconds: 'MINT_HUB_ADS_REPORT_POLL_SECONDS',
  datasets: 'MINT_HUB_DATASETS',
  /** The public page's facts in the local workspace (in AWS: the stage's integrationLive, contactEmail, contactUrl). */
  integrationLive: 'MINT_HUB_INTEGRATION_LIVE',
  contactEmail: 'MINT_HUB_CONTACT_EMAIL',
  contactUrl: 'MINT_HUB_CONTACT_URL',
  ordersApiVersion: 'MINT_HUB_ORDERS_API_VERSION',
  inventorySnapshotSeconds: 'MINT_HUB_INVENTORY_SNAPSHOT_SECONDS',
  ordersSnapshotSeconds: 'MINT_HUB_ORDERS_SNAPSHOT_SECONDS',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];
export type Environment = Readonly<Record<string, string | undefined>>;

/** An absolute http(s) URL. Plain `URL` parsing: settings are read at every cold start, so no schema library here. */
function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export class MissingSettingError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`Setting ${setting} ${detail}`);
    this.name = 'MissingSettingError';
  }
}

function read(env: Environment, name: EnvName): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function required(env: Environment, name: EnvName): string {
  const value = read(env, name);
  if (value === undefined) throw new MissingSettingError(name, 'is required but not set');
  return value;
}

function urlSetting(env: Environment, name: EnvName, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!isHttpUrl(value)) throw new MissingSettingError(name, 'must be an http(s) URL');
  return value.replace(/\/+$/, '');
}

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

export interface StorageSettings {
  readonly tableName: string;
}
export const readStorageSettings = (env: Environment): StorageSettings => ({
  tableName: required(env, ENV.tableName),
});

export const readTokenKeyId = (env: Environment): string => required(env, ENV.tokenKeyId);
/** The Cognito user pool that signs operators in (members routes look people up in it). */
export const readUserPoolId = (env: Environment): string => required(env, ENV.userPoolId);

export const readRevocationQueueUrl = (env: Environment): string =>
  urlSetting(env, ENV.revocationQueueUrl, required(env, ENV.revocationQueueUrl));

const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;

/** The account-status destination's queue ARN, or undefined when subscriptions are off. */
export function readAccountStatusDestinationArn(env: Environment): string | undefined {
  const value = read(env, ENV.accountStatusDestinationArn);
  if (value === undefined) return undefined;
  if (!SQS_ARN.test(value))
    throw new MissingSettingError(ENV.accountStatusDestinationArn, 'must be an SQS queue ARN');
  return value;
}
/**
 * Where access records go: the dedicated CloudWatch log group in AWS, or a JSON-lines file in the local runtime.
 * Exactly one must be set, so a deployed function cannot silently write its audit trail somewhere else.
 */
export type AuditDestination = { kind: 'cloudwatch'; logGroupName: string } | { kind: 'file'; path: string };

export function readAuditDestination(
  env: Environment,
  /** The file read when neither is set (the export script's local default); functions pass none. */
  fallbackFile?: string,
): AuditDestination {
  const logGroupName = read(env, ENV.auditLogGroupName);
  const file = read(env, ENV.auditFile);
  if (logGroupName !== undefined && file !== undefined) {
    throw new MissingSettingError(ENV.auditFile, `must not be set together with ${ENV.auditLogGroupName}`);
  }
  if (logGroupName !== undefined) return { kind: 'cloudwatch', logGroupName };
  if (file !== undefined) return { kind: 'file', path: file };
  if (fallbackFile !== undefined) return { kind: 'file', path: fallbackFile };
  throw new MissingSettingError(
    ENV.auditLogGroupName,
    `(or ${ENV.auditFile} locally) is required but not set`,
  );
}
export const readDashboardUrl = (env: Environment): string =>
  urlSetting(env, ENV.dashboardUrl, required(env, ENV.dashboardUrl));
export const readRedirectUri = (env: Environment): string =>
  urlSetting(env, ENV.redirectUri, required(env, ENV.redirectUri));

export type OrdersApiVersion = '2026-01-01' | 'v0';
export function readOrdersApiVersion(env: Environment): OrdersApiVersion {
  const value = read(env, ENV.ordersApiVersion) ?? '2026-01-01';
  if (value !== '2026-01-01' && value !== 'v0') {
    throw new MissingSettingError(ENV.ordersApiVersion, 'must be 2026-01-01 or v0');
  }
  return value;
}

export interface SnapshotSettings {
  /** Within this age an inventory view is served from the snapshot. @default 300 */
  readonly inventorySeconds: number;
  /** Within this age an orders view is served from the stored order history. @default 900 */
  readonly ordersSeconds: number;
}

function seconds(env: Environment, name: EnvName, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > SECONDS_PER_DAY)
    throw new MissingSettingError(name, `must be whole seconds between 0 and ${SECONDS_PER_DAY}`);
  return value;
}

export const readSnapshotSettings = (env: Environment): SnapshotSettings => ({
  inventorySeconds: seconds(env, ENV.inventorySnapshotSeconds, 300),
  ordersSeconds: seconds(env, ENV.ordersSnapshotSeconds, 900),
});

/** The datasets Mint Hub may serve: live and declared to Amazon (docs/contracts.md, `MINT_HUB_DATASETS`). */
export const DATASETS = ['inventory', 'orders', 'ads'] as const;
export type DatasetName = (typeof DATASETS)[number];

export function readEnabledDatasets(env: Environment): ReadonlySet<DatasetName> {
  const raw = read(env, ENV.datasets) ?? DATASETS.join(',');
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!(DATASETS as readonly string[]).includes(name))
      throw new MissingSettingError(ENV.datasets, `lists an unknown dataset; use ${DATASETS.join(', ')}`);
  }
  return new Set(names as DatasetName[]);
}

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
