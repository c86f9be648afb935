/**
 * The single-table layout of DESIGN.md, shared by the CDK token vault and the local emulator bootstrap so the
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
  oauthState: (nonce: string) => ({ pk: `STATE#${nonce}`, sk: 'STATE' }),
} as const;
