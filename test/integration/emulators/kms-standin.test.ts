import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { startKmsStandin, type KmsStandinHandle } from '../../../local/emulators';
import { LOCAL_CLIENT_CONFIG, errorOf, portOf, reachableOnOtherInterfaces } from './local-test-support';

// The real SDK client, pointed at the stand-in: this is the code path the app's KMS adapter takes locally.
const STORE_CONTEXT = { storeId: 'A1B2C3-NA', sellingPartnerId: 'A1B2C3', region: 'NA', purpose: 'SPAPI' };
const REFRESH_TOKEN = Buffer.from('Atzr|refresh-token-for-tests');

let workDir: string;
let kms: KmsStandinHandle;
let client: KMSClient;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kms-standin-'));
  kms = await startKmsStandin({ port: 0, keyFile: path.join(workDir, 'keys', 'kms-key.json') });
  client = new KMSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: kms.endpoint, maxAttempts: 1 });
});

afterAll(async () => {
  client.destroy();
  await kms.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function encrypt(plaintext: Buffer, context?: Record<string, string>): Promise<Uint8Array> {
  const { CiphertextBlob } = await client.send(
    new EncryptCommand({ KeyId: kms.keyArn, Plaintext: plaintext, EncryptionContext: context }),
  );
  if (!CiphertextBlob) throw new Error('Encrypt returned no CiphertextBlob');
  return CiphertextBlob;
}

/** A request the SDK would not send, made by hand to see the raw answer. */
async function rawKmsRequest(target: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(kms.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `TrentService.${target}`,
      Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kms/aws4_request, Signature=00',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('KMS stand-in through @aws-sdk/client-kms', () => {
  it('round-trips with an encryption context, without a KeyId on Decrypt, like KMS', async () => {
    const encrypted = await client.send(
      new EncryptCommand({ KeyId: kms.keyId, Plaintext: REFRESH_TOKEN, EncryptionContext: STORE_CONTEXT }),
    );
    expect(encrypted.KeyId).toBe(kms.keyArn);
    expect(kms.keyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}$/);
    expect(encrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');

    // The context is canonicalised: the same pairs in another order are the same context.
    const reordered = Object.fromEntries(Object.entries(STORE_CONTEXT).reverse());
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: reordered }),
    );

    expect(Buffer.from(decrypted.Plaintext ?? [])).toEqual(REFRESH_TOKEN);
    expect(decrypted.KeyId).toBe(kms.keyArn);
    expect(decrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
  });

  it('fails with InvalidCiphertextException, HTTP 400 and no detail when the context differs', async () => {
    const blob = await encrypt(REFRESH_TOKEN, STORE_CONTEXT);

    const error = await errorOf(
      client.send(
        new DecryptCommand({
          CiphertextBlob: blob,
          EncryptionContext: { ...STORE_CONTEXT, storeId: 'OTHER-NA' },
        }),
      ),
    );

    expect(error.name).toBe('InvalidCiphertextException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    const raw = await rawKmsRequest('Decrypt', {
      CiphertextBlob: Buffer.from(blob).toString('base64'),
      EncryptionContext: { ...STORE_CONTEXT, purpose: 'ADS' },
    });
    expect(raw).toEqual({ status: 400, body: { __type: 'InvalidCiphertextException' } });
  });

  it('fails with InvalidCiphertextException when the context is missing', async () => {
    const blob = await encrypt(REFRESH_TOKEN, STORE_CONTEXT);

    const error = await errorOf(client.send(new DecryptCommand({ CiphertextBlob: blob })));

    expect(error.name).toBe('InvalidCiphertextException');
  });

  it('treats no context and an empty context as the same, as KMS does', async () => {
    const blob = await encrypt(REFRESH_TOKEN);

    const decrypted = await client.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: {} }));

    expect(Buffer.from(decrypted.Plaintext ?? [])).toEqual(REFRESH_TOKEN);
  });

  it('answers NotFoundException for a key it does not have', async () => {
    const unknownKey = 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-4000-8000-000000000000';
    const blob = await encrypt(REFRESH_TOKEN, STORE_CONTEXT);

    const onEncrypt = await errorOf(
      client.send(new EncryptCommand({ KeyId: unknownKey, Plaintext: REFRESH_TOKEN })),
    );
    const onDecrypt = await errorOf(
      client.send(
        new DecryptCommand({ KeyId: unknownKey, CiphertextBlob: blob, EncryptionContext: STORE_CONTEXT }),
      ),
    );

    expect(onEncrypt.name).toBe('NotFoundException');
    expect(onDecrypt.name).toBe('NotFoundException');
  });

  // Offsets in the blob layout of local/emulators/kms-ciphertext.ts.
  it.each([
    ['the format version', 0],
    ['the key id', 5],
    ['the IV', 20],
    ['the authentication tag', 30],
    ['the encrypted payload', 50],
  ])('rejects a blob with a flipped bit in %s as InvalidCiphertextException', async (_, offset) => {
    const tampered = Buffer.from(await encrypt(REFRESH_TOKEN, STORE_CONTEXT));
    tampered[offset] = tampered[offset]! ^ 0x01;

    const error = await errorOf(
      client.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: STORE_CONTEXT })),
    );

    expect(error.name).toBe('InvalidCiphertextException');
  });

  it('rejects a truncated blob as InvalidCiphertextException', async () => {
    const blob = await encrypt(REFRESH_TOKEN, STORE_CONTEXT);

    const error = await errorOf(
      client.send(
        new DecryptCommand({ CiphertextBlob: blob.subarray(0, 40), EncryptionContext: STORE_CONTEXT }),
      ),
    );

    expect(error.name).toBe('InvalidCiphertextException');
  });

  it('accepts 4096 bytes of plaintext and refuses 4097 with ValidationException', async () => {
    await expect(encrypt(Buffer.alloc(4096, 1))).resolves.toBeInstanceOf(Uint8Array);

    const error = await errorOf(encrypt(Buffer.alloc(4097, 1)));

    expect(error.name).toBe('ValidationException');
  });

  it('generates a data key whose ciphertext decrypts to the same key under the same context', async () => {
    const dataKey = await client.send(
      new GenerateDataKeyCommand({ KeyId: kms.keyArn, KeySpec: 'AES_256', EncryptionContext: STORE_CONTEXT }),
    );
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: STORE_CONTEXT }),
    );

    expect(dataKey.Plaintext).toHaveLength(32);
    expect(dataKey.KeyId).toBe(kms.keyArn);
    expect(Buffer.from(decrypted.Plaintext ?? [])).toEqual(Buffer.from(dataKey.Plaintext ?? []));
  });

  it('describes its key', async () => {
    const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: kms.keyId }));

    expect(KeyMetadata).toMatchObject({
      KeyId: kms.keyId,
      Arn: kms.keyArn,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
    });
    expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
  });

  it('refuses a request without an Authorization header, like a real endpoint', async () => {
    const response = await fetch(kms.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'TrentService.DescribeKey' },
      body: JSON.stringify({ KeyId: kms.keyId }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  it('counts each operation, failures included, until reset', async () => {
    kms.resetCounters();
    const blob = await encrypt(REFRESH_TOKEN, STORE_CONTEXT);
    await client.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: STORE_CONTEXT }));
    await errorOf(client.send(new DecryptCommand({ CiphertextBlob: blob })));
    await client.send(new DescribeKeyCommand({ KeyId: kms.keyId }));

    expect(kms.counters()).toEqual({ Encrypt: 1, Decrypt: 2, GenerateDataKey: 0, DescribeKey: 1 });
    kms.resetCounters();
    expect(kms.counters()).toEqual({ Encrypt: 0, Decrypt: 0, GenerateDataKey: 0, DescribeKey: 0 });
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(kms.endpoint).hostname).toBe('127.0.0.1');
    expect(await reachableOnOtherInterfaces(portOf(kms.endpoint))).toEqual([]);
  });
});

describe('KMS stand-in key file', () => {
  it('is created 0600 in a 0700 directory, and reused after a restart so old ciphertext still decrypts', async () => {
    const keyFile = path.join(workDir, 'restart', 'nested', 'kms-key.json');
    const first = await startKmsStandin({ keyFile });
    const firstClient = new KMSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: first.endpoint });
    const { CiphertextBlob } = await firstClient.send(
      new EncryptCommand({ KeyId: first.keyId, Plaintext: REFRESH_TOKEN, EncryptionContext: STORE_CONTEXT }),
    );
    firstClient.destroy();
    await first.stop();

    const second = await startKmsStandin({ keyFile });
    const secondClient = new KMSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: second.endpoint });
    try {
      const decrypted = await secondClient.send(
        new DecryptCommand({ CiphertextBlob, EncryptionContext: STORE_CONTEXT }),
      );

      expect(second.keyId).toBe(first.keyId);
      expect(Buffer.from(decrypted.Plaintext ?? [])).toEqual(REFRESH_TOKEN);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(keyFile))).mode & 0o777).toBe(0o700);
    } finally {
      secondClient.destroy();
      await second.stop();
    }
  });

  it('refuses a key file that other users can read', async () => {
    const keyFile = path.join(workDir, 'loose', 'kms-key.json');
    const created = await startKmsStandin({ keyFile });
    await created.stop();
    await chmod(keyFile, 0o644);

    await expect(startKmsStandin({ keyFile })).rejects.toThrow(/chmod 600/);
  });

  it('does not quote the key file in its error when the file is damaged', async () => {
    const keyFile = path.join(workDir, 'damaged', 'kms-key.json');
    const created = await startKmsStandin({ keyFile });
    await created.stop();
    await writeFile(keyFile, '{"keyId":"not-a-uuid","keyMaterial":"c2VjcmV0LW1hdGVyaWFs"', { mode: 0o600 });

    const error = await errorOf(startKmsStandin({ keyFile }));

    expect(error.message).toContain('is not valid');
    expect(error.message).not.toContain('c2VjcmV0LW1hdGVyaWFs');
  });
});
