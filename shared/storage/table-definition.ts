/**
 * The single-table layout (docs/data-model.md), shared by the CDK token vault and the local emulator bootstrap so the
 * two cannot drift. Keys start with the store (`STORE#{storeId}`) so IAM `dynamodb:LeadingKeys` can confine a
 * caller to one store.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items lazily, so readers must filter on it too. */
  ttlAttribute: 'expiresAt',
  /** Lists a user's stores: pk `USER#{userId}`, sk `STORE#{storeId}` on membership items. */
  userStoresIndex: { name: 'UserStores', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;

/**
 * The partition keys of the app's own items, outside every store (notification destinations and the client
 * secret's ledger under `APP#`, a job's cursor under `JOB#`, Amazon's subscription ids under `SUBSCRIPTION#`): a
 * worker's own role reaches these and no store item (`app-items:*` in lib/capabilities.ts).
 */
export const APP_ITEM_KEY_PATTERNS = ['APP#*', 'JOB#*', 'SUBSCRIPTION#*'] as const;

export const keys = {
  storeProfile: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'PROFILE' }),
  storeToken: (storeId: string, purpose: 'SPAPI' | 'ADS') => ({
    pk: `STORE#${storeId}`,
    sk: `TOKEN#${purpose}`,
  }),
  storeMember: (storeId: string, userId: string) => ({ pk: `STORE#${storeId}`, sk: `MEMBER#${userId}` }),
  storeSnapshot: (storeId: string, dataset: string, marketplaceId: string) => ({
    pk: `STORE#${storeId}`,
    sk: `SNAPSHOT#${dataset}#${marketplaceId}`,
  }),
  /**
   * Which content each of the store's snapshots holds and when it was last read (dynamodb-snapshot-store.ts):
   * under `SNAPSHOT#`, so a revocation's purge deletes it with them.
   */
  storeSnapshotVersions: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'SNAPSHOT#versions' }),
  /** The store's restock plan settings and per-SKU overrides: under the store, so LeadingKeys confines it. */
  storeRestockSettings: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'SETTINGS#restock' }),
  /** The pacing bucket every execution environment shares for one store and SP-API operation (TTL'd when idle). */
  storePacing: (storeId: string, operation: string) => ({
    pk: `STORE#${storeId}`,
    sk: `PACING#${operation}`,
  }),
  oauthState: (nonce: string) => ({ pk: `STATE#${nonce}`, sk: 'STATE' }),
  /** Where the daily health check stopped: one item of the job's own, outside every store's partition. */
  healthCheckCursor: () => ({ pk: 'JOB#authorization-health-check', sk: 'CURSOR' }),
  /**
   * Advertising items live under `SNAPSHOT#ads#`: the store's Ads links, report jobs, report rows per day and
   * campaign budgets. A revocation's snapshot purge removes them with the rest; removing the Ads link does too.
   */
  adsPrefix: 'SNAPSHOT#ads#',
  adsLink: (storeId: string, marketplaceId: string) => ({
    pk: `STORE#${storeId}`,
    sk: `SNAPSHOT#ads#LINK#${marketplaceId}`,
  }),
  adsJob: (storeId: string, profileId: string, adProduct: string) => ({
    pk: `STORE#${storeId}`,
    sk: `SNAPSHOT#ads#JOB#${profileId}#${adProduct}`,
  }),
  adsDay: (storeId: string, profileId: string, date: string, adProduct: string) => ({
    pk: `STORE#${storeId}`,
    sk: `SNAPSHOT#ads#DAY#${profileId}#${date}#${adProduct}`,
  }),
  adsBudgets: (storeId: string, profileId: string) => ({
    pk: `STORE#${storeId}`,
    sk: `SNAPSHOT#ads#BUDGETS#${profileId}`,
  }),
} as const;
