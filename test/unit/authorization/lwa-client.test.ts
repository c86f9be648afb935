import { LwaError } from '../../../shared/amazon/amazon-errors';
import { createLwaClient } from '../../../shared/adapters/lwa-client';

type Reply = { status: number; body: unknown } | 'network-error';

function fakeLwa(replies: Reply[]) {
  const requests: { body: string; contentType: string | null }[] = [];
  const fetchStub = (async (_url: string, init: RequestInit) => {
    requests.push({ body: String(init.body), contentType: new Headers(init.headers).get('content-type') });
    const reply = replies.shift();
    if (reply === undefined || reply === 'network-error') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  }) as unknown as typeof fetch;
  const client = createLwaClient({
    tokenUrl: 'https://lwa.example/auth/o2/token',
    clientId: 'client-id',
    clientSecret: async () => 'client-secret',
    fetch: fetchStub,
    sleep: async () => undefined,
  });
  return { client, requests };
}

const ok = {
  status: 200,
  body: { access_token: 'Atza|a', refresh_token: 'Atzr|r', token_type: 'bearer', expires_in: 3600 },
};

describe('LWA client', () => {
  it('exchanges a code with a form-encoded authorization_code grant', async () => {
    const { client, requests } = fakeLwa([ok]);
    await expect(
      client.exchangeAuthorizationCode('code-1', 'https://ops.example.com/auth/amazon/callback'),
    ).resolves.toEqual({
      accessToken: 'Atza|a',
      refreshToken: 'Atzr|r',
      expiresInSeconds: 3600,
    });
    expect(requests[0]?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(requests[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://ops.example.com/auth/amazon/callback',
      client_id: 'client-id',
      client_secret: 'client-secret',
    });
  });

  it('retries 5xx and network failures a bounded number of times', async () => {
    const { client, requests } = fakeLwa([{ status: 503, body: {} }, 'network-error', ok]);
    await expect(client.refreshAccessToken('Atzr|r')).resolves.toMatchObject({ accessToken: 'Atza|a' });
    expect(requests).toHaveLength(3);

    const failing = fakeLwa([
      { status: 500, body: {} },
      { status: 500, body: {} },
      { status: 500, body: {} },
      ok,
    ]);
    await expect(failing.client.refreshAccessToken('Atzr|r')).rejects.toEqual(
      new LwaError('unavailable', 500),
    );
    expect(failing.requests).toHaveLength(3);
  });

  it.each([[{ status: 503, body: {} }], ['network-error'], [{ status: 504, body: {} }]] as const)(
    'never sends an authorization code twice, even after %o (the code is single-use)',
    async (reply) => {
      const { client, requests } = fakeLwa([reply, ok]);
      await expect(
        client.exchangeAuthorizationCode('code-1', 'https://ops.example.com/auth/amazon/callback'),
      ).rejects.toMatchObject({ kind: 'unavailable' });
      expect(requests).toHaveLength(1);
    },
  );

  it.each([
    [{ status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } }, 'invalid_grant'],
    [{ status: 401, body: { error: 'invalid_client' } }, 'invalid_client'],
    [{ status: 400, body: { error: 'invalid_request' } }, 'invalid_request'],
    [{ status: 429, body: {} }, 'throttled'],
  ] as const)('never retries a 4xx (%o → %s)', async (reply, kind) => {
    const { client, requests } = fakeLwa([reply, ok]);
    await expect(client.refreshAccessToken('Atzr|r')).rejects.toMatchObject({ kind });
    expect(requests).toHaveLength(1);
  });

  it('keeps Amazon bodies, tokens and secrets out of its errors', async () => {
    const { client } = fakeLwa([
      { status: 400, body: { error: 'invalid_grant', error_description: 'refresh_token Atzr|secret' } },
    ]);
    const error = await client.refreshAccessToken('Atzr|secret').catch((e: unknown) => e);
    expect(String(error)).not.toMatch(/Atzr|secret|client-secret/);
  });
});
