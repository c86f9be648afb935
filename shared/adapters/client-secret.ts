import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ClientSecretSource } from '../config/amazon-settings';

/**
 * How long a fetched client secret is reused: short, so a rotated secret (made AWSCURRENT by the rotation worker)
 * is picked up within minutes, well inside the ~7 days Amazon keeps the old one valid.
 */
export const CLIENT_SECRET_CACHE_SECONDS = 300;

/**
 * The LWA client secret, read from Secrets Manager through Powertools (cached in memory) in AWS, or from the
 * local runtime's environment. Never logged, never returned in an error.
 */
export function clientSecretReader(
  source: ClientSecretSource,
  client?: SecretsManagerClient,
): (options?: { readonly fresh?: boolean }) => Promise<string> {
  if (source.kind === 'environment') return async () => source.value;
  const provider = new SecretsProvider(client === undefined ? {} : { awsSdkV3Client: client });
  // `fresh` (after LWA answered invalid_client) skips the cache: the secret may have been rotated since it was read.
  return async (options) => {
    const value = await provider.get(source.secretId, {
      maxAge: CLIENT_SECRET_CACHE_SECONDS,
      ...(options?.fresh === true ? { forceFetch: true } : {}),
    });
    if (typeof value !== 'string' || value === '')
      throw new Error('The LWA client secret is empty or not a string secret');
    return value;
  };
}
