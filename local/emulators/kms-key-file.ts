import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The one symmetric key of the KMS stand-in. `material` is secret: never log it or put it in an error. */
export interface LocalKmsKey {
  keyId: string;
  material: Buffer;
  createdAt: Date;
}

const KEY_BYTES = 32;

const keyFileSchema = z.object({
  keyId: z.uuid(),
  keyMaterial: z.base64(),
  createdAt: z.iso.datetime(),
});

/**
 * Loads the key from `keyFile`, or creates one (32 random bytes) on first start, so data encrypted by an
 * earlier run still decrypts. The file is created with mode 0600 in a directory created 0700, and an existing
 * file readable by others is refused, as ssh refuses a private key: it holds the only copy of the key.
 */
export async function loadOrCreateKeyFile(keyFile: string): Promise<LocalKmsKey> {
  const existing = await readKeyFile(keyFile);
  if (existing) return existing;
  await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const created: LocalKmsKey = {
    keyId: randomUUID(),
    material: randomBytes(KEY_BYTES),
    createdAt: new Date(),
  };
  return (await createKeyFileOnce(keyFile, created)) ? created : readExistingKeyFile(keyFile);
}

async function readKeyFile(keyFile: string): Promise<LocalKmsKey | undefined> {
  try {
    return await readExistingKeyFile(keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readExistingKeyFile(keyFile: string): Promise<LocalKmsKey> {
  const { mode } = await stat(keyFile);
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `The local KMS key file ${keyFile} is accessible to other users (mode ${(mode & 0o777).toString(8)}); ` +
        `restrict it with: chmod 600 ${keyFile}`,
    );
  }
  let parsed: z.infer<typeof keyFileSchema>;
  try {
    parsed = keyFileSchema.parse(JSON.parse(await readFile(keyFile, 'utf8')));
  } catch (error) {
    const fields =
      error instanceof z.ZodError ? error.issues.map((issue) => issue.path.join('.')).join(', ') : '';
    // No `cause`: JSON.parse quotes the text it failed on, and that text is key material.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`The local KMS key file ${keyFile} is not valid${fields ? ` (check: ${fields})` : ''}`);
  }
  const material = Buffer.from(parsed.keyMaterial, 'base64');
  if (material.length !== KEY_BYTES) {
    throw new Error(`The local KMS key file ${keyFile} does not hold a ${KEY_BYTES}-byte key`);
  }
  return { keyId: parsed.keyId, material, createdAt: new Date(parsed.createdAt) };
}

/**
 * Writes a complete file under a temporary name, then links it into place: the key file appears whole or not
 * at all, and if two processes start at once only the first link wins (false = another process won).
 */
async function createKeyFileOnce(keyFile: string, key: LocalKmsKey): Promise<boolean> {
  const contents = JSON.stringify({
    keyId: key.keyId,
    keyMaterial: key.material.toString('base64'),
    createdAt: key.createdAt.toISOString(),
  });
  const temporaryFile = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporaryFile, `${contents}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporaryFile, keyFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporaryFile);
  }
}
