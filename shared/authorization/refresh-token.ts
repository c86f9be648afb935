import type { StoreRepository, TokenCipher } from '../ports';
import { tokenEncryptionContext } from '../storage/token-encryption-context';
import type { StoreProfile } from '../stores/store';

/**
 * Reads a store's SP-API refresh token out of the vault: its ciphertext, decrypted under the store's encryption
 * context (one KMS Decrypt). Undefined once the token was crypto-shredded. The plaintext lives only in the caller's
 * memory for the one LWA exchange it is read for.
 */
export async function readRefreshToken(
  deps: { stores: Pick<StoreRepository, 'getTokenCiphertext'>; cipher: TokenCipher },
  store: Pick<StoreProfile, 'storeId' | 'sellingPartnerId' | 'region'>,
): Promise<string | undefined> {
  const ciphertext = await deps.stores.getTokenCiphertext(store.storeId, 'SPAPI');
  if (ciphertext === undefined) return undefined;
  return deps.cipher.decrypt(
    ciphertext,
    tokenEncryptionContext({
      storeId: store.storeId,
      sellingPartnerId: store.sellingPartnerId,
      region: store.region,
      purpose: 'SPAPI',
    }),
  );
}
