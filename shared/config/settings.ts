/**
 * Every setting the functions read, with its environment variable, and the error that names a missing or bad one.
 * Read once at init (in each function's entry file) and failing fast with the name of what is missing. Nothing
 * else in the code reads `process.env`. The readers live beside this file by area: `amazon-settings.ts` (Amazon's
 * endpoints, the app registration and its client secret), `ads-settings.ts`, `resource-settings.ts` (the AWS
 * resources and URLs of the stack) and `dataset-settings.ts`; `index.ts` exports them all.
 *
 * Amazon endpoints default to production; each can be pointed elsewhere (the local sandbox, a proxy) by its
 * `MINT_HUB_*_URL` setting, the names of docs/contracts.md.
 */
export const ENV = {
  tableName: 'MINT_HUB_TABLE_NAME',
  /** The operators' Cognito user pool, for the members routes' directory lookups. */
  userPoolId: 'MINT_HUB_USER_POOL_ID',
  tokenKeyId: 'MINT_HUB_TOKEN_KEY_ID',
  /**
   * The store-access role (shared/store-access/store-access-policy.ts) a store function assumes after its access
   * gate, for credentials confined to one store. STS is reached at the SDK's endpoint (`AWS_ENDPOINT_URL_STS`
   * locally: the STS stand-in).
   */
  storeAccessRoleArn: 'MINT_HUB_STORE_ACCESS_ROLE_ARN',
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

export class MissingSettingError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`Setting ${setting} ${detail}`);
    this.name = 'MissingSettingError';
  }
}
