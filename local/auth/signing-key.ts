import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { z } from 'zod';
import { loadOrCreatePrivateJson } from '../runtime/private-file';

/**
 * The local sign-in's ES256 key, in `<data>/local-signing-key.json` (0600): tokens issued before a restart still
 * verify after it. Cognito signs with RS256 and publishes its keys as a JWKS; the local identity provider does
 * the same at `/local/.well-known/jwks.json`, and the gateway's authorizer verifies against that key set.
 */
export interface SigningKey {
  readonly kid: string;
  readonly alg: 'ES256';
  readonly privateKey: CryptoKey;
  /** The public half as a key set, what an authorizer verifies with. */
  readonly jwks: JSONWebKeySet;
}

const ALG = 'ES256';

const keyFileSchema = z.object({
  kid: z.string().min(1),
  privateJwk: z.object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string(),
    y: z.string(),
    d: z.string(),
  }),
  createdAt: z.string(),
});

export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  const stored = await loadOrCreatePrivateJson(
    file,
    (value) => {
      const parsed = keyFileSchema.safeParse(value);
      if (!parsed.success)
        throw new Error(`${file} is not a valid signing key file; delete it to create a new one`);
      return parsed.data;
    },
    async () => {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      const privateJwk = await exportJWK(privateKey);
      return {
        kid: await calculateJwkThumbprint(privateJwk),
        privateJwk,
        createdAt: new Date().toISOString(),
      };
    },
  );
  const privateKey = (await importJWK(stored.privateJwk, ALG)) as CryptoKey;
  const { d: _private, ...publicJwk } = stored.privateJwk;
  const publicKey: JWK = { ...publicJwk, kid: stored.kid, alg: ALG, use: 'sig' };
  return { kid: stored.kid, alg: ALG, privateKey, jwks: { keys: [publicKey] } };
}
