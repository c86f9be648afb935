import { LwaError } from '../../../shared/amazon/amazon-errors';
import { createLwaClient } from '../../../shared/adapters/lwa-client';

// After a rotation a function may still hold the old secret in its cache; LWA's invalid_client makes it re-read.
function setup(secrets: string[]) {
  const sent: string[] = [];
  const reads: Array<boolean | undefined> = [];
  const fetch = (async (_url: string, init: { body: URLSearchParams }) => {
    const secret = init.body.get('client_secret') ?? '';
    sent.push(secret);
    if (secret !== 'new') return new Response(JSON.stringify({ error: 'invalid_client' }), { status: 401 });
    return new Response(
      JSON.stringify({ access_token: 'Atza|x', refresh_token: 'Atzr|y', expires_in: 3600 }),
    );
  }) as unknown as typeof globalThis.fetch;
  const client = createLwaClient({
    tokenUrl: 'https://lwa.test/auth/o2/token',
    clientId: 'client',
    clientSecret: async (options) => {
      reads.push(options?.fresh);
      return (options?.fresh ? secrets[1] : secrets[0]) ?? '';
    },
    fetch,
    sleep: async () => undefined,
  });
  return { client, sent, reads };
}

describe('LWA invalid_client', () => {
  it('re-reads the secret once, bypassing the cache, and retries a refresh with the new one', async () => {
    const { client, sent, reads } = setup(['old', 'new']);
    await expect(client.refreshAccessToken('Atzr|t')).resolves.toMatchObject({ accessToken: 'Atza|x' });
    expect(sent).toEqual(['old', 'new']);
    expect(reads).toEqual([undefined, true]);
  });

  it('fails when the re-read secret is the same', async () => {
    const { client, sent } = setup(['old', 'old']);
    await expect(client.grantlessAccessToken('sellingpartnerapi::notifications')).rejects.toEqual(
      new LwaError('invalid_client', 401),
    );
    expect(sent).toEqual(['old']);
  });

  it('never retries an authorization code, but the next attempt has the fresh secret', async () => {
    const { client, sent, reads } = setup(['old', 'new']);
    await expect(client.exchangeAuthorizationCode('code', 'https://x/cb')).rejects.toBeInstanceOf(LwaError);
    expect(sent).toEqual(['old']);
    expect(reads).toEqual([undefined, true]);
  });

  it('never swaps an explicit secret (a new one being proven) for the configured one', async () => {
    const { client, sent, reads } = setup(['old', 'new']);
    await expect(
      client.grantlessAccessToken('sellingpartnerapi::notifications', { clientSecret: 'candidate' }),
    ).rejects.toBeInstanceOf(LwaError);
    expect(sent).toEqual(['candidate']);
    expect(reads).toEqual([]);
  });
});
