/**
 * The KMS encryption context of a stored refresh token. KMS binds it to the ciphertext: a token encrypted for
 * one store cannot be decrypted under another store's context, and every Decrypt names the store in CloudTrail.
 */
export const TOKEN_ENCRYPTION_CONTEXT_KEYS = ['storeId', 'sellingPartnerId', 'region', 'purpose'] as const;

export type TokenPurpose = 'SPAPI' | 'ADS';

export type TokenEncryptionContext = Record<(typeof TOKEN_ENCRYPTION_CONTEXT_KEYS)[number], string>;

export function tokenEncryptionContext(args: {
  storeId: string;
  sellingPartnerId: string;
  region: string;
  purpose: TokenPurpose;
}): TokenEncryptionContext {
  return {
    storeId: args.storeId,
    sellingPartnerId: args.sellingPartnerId,
    region: args.region,
    purpose: args.purpose,
  };
}
