import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  keyIdOfCiphertext,
  openCiphertext,
  sealCiphertext,
  UnreadableCiphertext,
  type EncryptionContext,
} from './kms-ciphertext';
import type { LocalKmsKey } from './kms-key-file';

/**
 * The four KMS operations the app uses, with KMS's request limits and error types, over the stand-in's single
 * symmetric key. Transport-free: kms-standin.ts puts them behind the AWS JSON 1.1 protocol.
 */

export const KMS_OPERATIONS = ['Encrypt', 'Decrypt', 'GenerateDataKey', 'DescribeKey'] as const;
export type KmsOperation = (typeof KMS_OPERATIONS)[number];

export const LOCAL_KMS_REGION = 'us-east-1';
export const LOCAL_KMS_ACCOUNT = '000000000000';
const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';
const MAX_PLAINTEXT_BYTES = 4096;
const MAX_CIPHERTEXT_BYTES = 6144;

/** An error KMS itself would return: `type` becomes `__type`, which the SDK turns into `error.name`. */
export class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string | undefined,
    readonly status = 400,
  ) {
    super(message ?? '');
    this.name = type;
  }

  /** KMS answers some errors (a ciphertext that does not open) with no message at all, and so do we. */
  get hasMessage(): boolean {
    return this.message !== '';
  }
}

export function localKeyArn(keyId: string): string {
  return `arn:aws:kms:${LOCAL_KMS_REGION}:${LOCAL_KMS_ACCOUNT}:key/${keyId}`;
}

const keyIdentifier = z.string().min(1).max(2048);
const blob = z.base64().min(1);
const encryptionContext = z.record(z.string(), z.string()).optional();
const grantTokens = z.array(z.string()).max(10).optional();
const encryptionAlgorithm = z
  .enum(['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'])
  .optional();
const dryRun = z.boolean().optional();

const encryptRequest = z.object({
  KeyId: keyIdentifier,
  Plaintext: blob,
  EncryptionContext: encryptionContext,
  GrantTokens: grantTokens,
  EncryptionAlgorithm: encryptionAlgorithm,
  DryRun: dryRun,
});
const decryptRequest = z.object({
  CiphertextBlob: blob,
  KeyId: keyIdentifier.optional(),
  EncryptionContext: encryptionContext,
  GrantTokens: grantTokens,
  EncryptionAlgorithm: encryptionAlgorithm,
  DryRun: dryRun,
});
const generateDataKeyRequest = z.object({
  KeyId: keyIdentifier,
  KeySpec: z.enum(['AES_256', 'AES_128']).optional(),
  NumberOfBytes: z.number().int().min(1).max(1024).optional(),
  EncryptionContext: encryptionContext,
  GrantTokens: grantTokens,
  DryRun: dryRun,
});
const describeKeyRequest = z.object({ KeyId: keyIdentifier, GrantTokens: grantTokens });

export function createKmsOperations(key: LocalKmsKey): Record<KmsOperation, (body: unknown) => object> {
  const keyArn = localKeyArn(key.keyId);

  /** KMS accepts a key id or a key ARN (aliases are not modelled: the stand-in has no aliases). */
  const requireKnownKey = (identifier: string): void => {
    if (identifier !== key.keyId && identifier !== keyArn) {
      throw new KmsError('NotFoundException', `Key '${identifier}' does not exist`);
    }
  };

  const seal = (plaintext: Buffer, context: EncryptionContext | undefined) =>
    sealCiphertext({ keyId: key.keyId, key: key.material, plaintext, context }).toString('base64');

  return {
    Encrypt(body) {
      const request = parseRequest(encryptRequest, body);
      requireKnownKey(request.KeyId);
      requireSymmetricAlgorithm(request.EncryptionAlgorithm);
      const plaintext = Buffer.from(request.Plaintext, 'base64');
      if (plaintext.length > MAX_PLAINTEXT_BYTES) {
        throw new KmsError(
          'ValidationException',
          `1 validation error detected: Value at 'plaintext' failed to satisfy constraint: ` +
            `Member must have length less than or equal to ${MAX_PLAINTEXT_BYTES}`,
        );
      }
      refuseDryRun(request.DryRun);
      return {
        CiphertextBlob: seal(plaintext, request.EncryptionContext),
        KeyId: keyArn,
        EncryptionAlgorithm: SYMMETRIC_DEFAULT,
      };
    },

    Decrypt(body) {
      const request = parseRequest(decryptRequest, body);
      if (request.KeyId !== undefined) requireKnownKey(request.KeyId);
      requireSymmetricAlgorithm(request.EncryptionAlgorithm);
      const ciphertext = Buffer.from(request.CiphertextBlob, 'base64');
      if (ciphertext.length > MAX_CIPHERTEXT_BYTES) {
        throw new KmsError(
          'ValidationException',
          `1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: ` +
            `Member must have length less than or equal to ${MAX_CIPHERTEXT_BYTES}`,
        );
      }
      try {
        if (keyIdOfCiphertext(ciphertext) !== key.keyId) {
          // A well-formed blob of another key: KMS says so only when the caller named a key.
          if (request.KeyId !== undefined) {
            throw new KmsError(
              'IncorrectKeyException',
              'The key ID in the request does not identify a KMS key that can perform this operation.',
            );
          }
          throw new UnreadableCiphertext();
        }
        const plaintext = openCiphertext({
          blob: ciphertext,
          key: key.material,
          context: request.EncryptionContext,
        });
        refuseDryRun(request.DryRun);
        return {
          KeyId: keyArn,
          Plaintext: plaintext.toString('base64'),
          EncryptionAlgorithm: SYMMETRIC_DEFAULT,
        };
      } catch (error) {
        if (error instanceof UnreadableCiphertext)
          throw new KmsError('InvalidCiphertextException', undefined);
        throw error;
      }
    },

    GenerateDataKey(body) {
      const request = parseRequest(generateDataKeyRequest, body);
      requireKnownKey(request.KeyId);
      const byteCount = dataKeyByteCount(request.KeySpec, request.NumberOfBytes);
      refuseDryRun(request.DryRun);
      const dataKey = randomBytes(byteCount);
      return {
        CiphertextBlob: seal(dataKey, request.EncryptionContext),
        Plaintext: dataKey.toString('base64'),
        KeyId: keyArn,
      };
    },

    DescribeKey(body) {
      const request = parseRequest(describeKeyRequest, body);
      requireKnownKey(request.KeyId);
      return {
        KeyMetadata: {
          AWSAccountId: LOCAL_KMS_ACCOUNT,
          KeyId: key.keyId,
          Arn: keyArn,
          // AWS JSON 1.1 sends timestamps as epoch seconds.
          CreationDate: key.createdAt.getTime() / 1000,
          Enabled: true,
          Description: 'Mint Hub local KMS stand-in key',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeyState: 'Enabled',
          Origin: 'AWS_KMS',
          KeyManager: 'CUSTOMER',
          CustomerMasterKeySpec: SYMMETRIC_DEFAULT,
          KeySpec: SYMMETRIC_DEFAULT,
          EncryptionAlgorithms: [SYMMETRIC_DEFAULT],
          MultiRegion: false,
        },
      };
    },
  };
}

/** Validation messages name the field and the rule, never the value: values may be plaintext. */
function parseRequest<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`,
  );
  throw new KmsError(
    'ValidationException',
    `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

function requireSymmetricAlgorithm(algorithm: string | undefined): void {
  if (algorithm !== undefined && algorithm !== SYMMETRIC_DEFAULT) {
    throw new KmsError('InvalidKeyUsageException', `The key does not support the ${algorithm} algorithm.`);
  }
}

function dataKeyByteCount(
  keySpec: 'AES_256' | 'AES_128' | undefined,
  numberOfBytes: number | undefined,
): number {
  if ((keySpec === undefined) === (numberOfBytes === undefined)) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (numberOfBytes !== undefined) return numberOfBytes;
  return keySpec === 'AES_128' ? 16 : 32;
}

/** DryRun asks whether the call would succeed; KMS answers with this error even when it would. */
function refuseDryRun(dryRun: boolean | undefined): void {
  if (dryRun === true) {
    throw new KmsError(
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
      412,
    );
  }
}
