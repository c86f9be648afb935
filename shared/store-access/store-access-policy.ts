/**
 * The store-access role: the only credentials that can touch one store's items and tokens. A function that serves
 * a store assumes it after its access gate passes, tagging the session with the store and the token purpose the
 * work needs; the role's policy admits only items whose partition key is that store's and only token Decrypt or
 * Encrypt under that store's encryption context. This document is the one definition: the CDK stack attaches it
 * (lib/store-access.ts) and the local STS stand-in enforces it on DynamoDB Local and the KMS stand-in
 * (local/emulators/iam-enforcement.ts), so the two cannot drift.
 */
import { TOKEN_ENCRYPTION_CONTEXT_KEYS } from '../storage/token-encryption-context';

/** The session tags of a store-access session, both required by the role's trust policy. */
export const STORE_SESSION_TAGS = { storeId: 'storeId', purpose: 'purpose' } as const;

/**
 * What a session may do with tokens: decrypt (or encrypt) the store's SP-API or Ads token, or neither (`NONE`:
 * members, settings and snapshot work never needs a token).
 */
export const STORE_SESSION_PURPOSES = ['SPAPI', 'ADS', 'NONE'] as const;
export type StoreSessionPurpose = (typeof STORE_SESSION_PURPOSES)[number];

/** The shortest session STS grants (15 minutes); credentials are refreshed before they run out. */
export const STORE_SESSION_SECONDS = 900;

/** `store-{storeId}`: CloudTrail names the store in every call the session makes. */
export const storeSessionName = (storeId: string): string => `store-${storeId}`.slice(0, 64);

/** The item actions a store session may take, on the table only (never an index: they are keyed by user). */
export const STORE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export const STORE_TOKEN_ACTIONS = ['kms:Decrypt', 'kms:Encrypt'] as const;

export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

const tag = (name: string) => `\${aws:PrincipalTag/${name}}`;

/**
 * The role's permissions. `tableArn` and `tokenKeyArn` are the resources (CDK tokens in the stack, ARNs locally).
 * The storage key (the table's own KMS key, used by DynamoDB on the caller's behalf) is granted by the stack only:
 * it is used through DynamoDB, never called directly, and has no local counterpart.
 */
export function storeAccessStatements(resources: {
  readonly tableArn: string;
  readonly tokenKeyArn: string;
}): PolicyStatementJson[] {
  return [
    {
      Sid: 'OneStoresItems',
      Effect: 'Allow',
      Action: [...STORE_ITEM_ACTIONS],
      Resource: [resources.tableArn],
      Condition: {
        'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`STORE#${tag(STORE_SESSION_TAGS.storeId)}`] },
        // A request that names no partition key at all (none of ours) is not a store request.
        Null: { 'dynamodb:LeadingKeys': 'false' },
      },
    },
    {
      Sid: 'OneStoresTokens',
      Effect: 'Allow',
      Action: [...STORE_TOKEN_ACTIONS],
      Resource: [resources.tokenKeyArn],
      Condition: {
        StringEquals: {
          'kms:EncryptionContext:storeId': tag(STORE_SESSION_TAGS.storeId),
          'kms:EncryptionContext:purpose': tag(STORE_SESSION_TAGS.purpose),
          // A NONE session never uses the key, not even under a context it makes up with purpose NONE.
          [`aws:PrincipalTag/${STORE_SESSION_TAGS.purpose}`]: ['SPAPI', 'ADS'],
        },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...TOKEN_ENCRYPTION_CONTEXT_KEYS] },
        Null: Object.fromEntries(
          TOKEN_ENCRYPTION_CONTEXT_KEYS.map((key) => [`kms:EncryptionContext:${key}`, 'false']),
        ),
      },
    },
  ];
}

/**
 * The gate's reads, the only table access a store function's own role keeps: one member item or one profile by
 * key (GetItem), and a user's memberships by the user-stores index, each projecting only these attributes (IAM
 * `dynamodb:Attributes`). Neither a token's ciphertext nor a snapshot can be read with them.
 */
export const GATE_ATTRIBUTES = [
  // keys
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  // a member item
  'storeId',
  'userId',
  'role',
  'addedAt',
  'addedBy',
  // a profile item
  'sellingPartnerId',
  'region',
  'marketplaceIds',
  'displayName',
  'displayNameOverride',
  'status',
  'connectedAt',
  'reauthorizeBy',
  'revokedAt',
  'revokedReason',
  'accountStatus',
  'accountStatusAt',
  'authorizedAt',
  'updatedAt',
] as const;
