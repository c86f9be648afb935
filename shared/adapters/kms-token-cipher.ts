import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { TokenCipher } from '../ports';

/**
 * Refresh tokens encrypted directly with KMS (a token is far below the 4 KB limit, so no envelope) under the
 * store's encryption context, which KMS binds to the ciphertext and logs in CloudTrail.
 */
export function createKmsTokenCipher(kms: KMSClient, keyId: string): TokenCipher {
  return {
    async encrypt(plaintext, context) {
      const result = await kms.send(
        new EncryptCommand({
          KeyId: keyId,
          Plaintext: Buffer.from(plaintext, 'utf8'),
          EncryptionContext: context,
        }),
      );
      if (result.CiphertextBlob === undefined || result.KeyId === undefined)
        throw new Error('KMS Encrypt returned no ciphertext');
      return { ciphertext: Buffer.from(result.CiphertextBlob).toString('base64'), keyId: result.KeyId };
    },
    async decrypt(ciphertext, context) {
      const result = await kms.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(ciphertext, 'base64'),
          EncryptionContext: context,
        }),
      );
      if (result.Plaintext === undefined) throw new Error('KMS Decrypt returned no plaintext');
      return Buffer.from(result.Plaintext).toString('utf8');
    },
  };
}
