import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The KMS stand-in's ciphertext blob. Like a real KMS blob it names its key, so Decrypt needs no KeyId:
 *
 *   offset  size  field
 *   0       1     format version (0x01)
 *   1       16    key id (the UUID's 16 bytes)
 *   17      12    AES-GCM initialisation vector (random per message)
 *   29      16    AES-GCM authentication tag
 *   45      n     AES-256-GCM ciphertext of the plaintext
 *
 * The associated data is the 17-byte header followed by the canonical encryption context, so a changed key id,
 * a changed context or a changed byte anywhere fails authentication.
 */

export type EncryptionContext = Record<string, string>;

const FORMAT_VERSION = 0x01;
const KEY_ID_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
const PAYLOAD_OFFSET = HEADER_BYTES + IV_BYTES + TAG_BYTES;

/** Thrown for any blob that cannot be opened; callers answer with KMS's InvalidCiphertextException. */
export class UnreadableCiphertext extends Error {
  constructor() {
    super('The ciphertext cannot be decrypted');
    this.name = 'UnreadableCiphertext';
  }
}

/**
 * Keys sorted, then serialised as JSON pairs: the same context in any key order gives the same bytes, and the
 * encoding is unambiguous. A missing and an empty context are the same, as in KMS.
 */
export function canonicalEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const pairs = Object.keys(context ?? {})
    .sort()
    .map((key) => [key, context?.[key]]);
  return Buffer.from(JSON.stringify(pairs), 'utf8');
}

export function sealCiphertext(args: {
  keyId: string;
  key: Buffer;
  plaintext: Buffer;
  context: EncryptionContext | undefined;
}): Buffer {
  const header = Buffer.concat([Buffer.from([FORMAT_VERSION]), uuidToBytes(args.keyId)]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', args.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([header, canonicalEncryptionContext(args.context)]));
  const encrypted = Buffer.concat([cipher.update(args.plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), encrypted]);
}

/** Reads the key id from a blob without decrypting it, so Decrypt can find the key. */
export function keyIdOfCiphertext(blob: Buffer): string {
  if (blob.length <= PAYLOAD_OFFSET || blob[0] !== FORMAT_VERSION) throw new UnreadableCiphertext();
  return bytesToUuid(blob.subarray(1, HEADER_BYTES));
}

export function openCiphertext(args: {
  blob: Buffer;
  key: Buffer;
  context: EncryptionContext | undefined;
}): Buffer {
  const { blob } = args;
  if (blob.length <= PAYLOAD_OFFSET || blob[0] !== FORMAT_VERSION) throw new UnreadableCiphertext();
  const header = blob.subarray(0, HEADER_BYTES);
  const iv = blob.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = blob.subarray(HEADER_BYTES + IV_BYTES, PAYLOAD_OFFSET);
  try {
    const decipher = createDecipheriv('aes-256-gcm', args.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([header, canonicalEncryptionContext(args.context)]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(PAYLOAD_OFFSET)), decipher.final()]);
  } catch {
    // The reason (wrong context, wrong key, tampering) is deliberately not told, as KMS does not tell it.
    throw new UnreadableCiphertext();
  }
}

function uuidToBytes(uuid: string): Buffer {
  const bytes = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  if (bytes.length !== KEY_ID_BYTES) throw new Error('A key id must be a UUID');
  return bytes;
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}
