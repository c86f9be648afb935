import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { startLocalWorkspace, type LocalWorkspace } from '../../../local/runtime/workspace';

// Nothing that can carry a credential reaches the logs: bearer tokens, query strings (OAuth codes and states travel
// there), cookies, request bodies, or the app's client secret. The whole workspace runs in this process, real
// handlers included, while everything written to stdout, stderr and the console is captured.
jest.setTimeout(60_000);

describe('what the local workspace logs', () => {
  const captured: string[] = [];
  let dataDir: string;
  let workspace: LocalWorkspace | undefined;

  beforeAll(async () => {
    const capture = (chunk: unknown) => {
      captured.push(
        typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk),
      );
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        captured.push(format(...args));
      });
    }
    dataDir = await mkdtemp(path.join(tmpdir(), 'mint-hub-logging-'));
    workspace = await startLocalWorkspace({ dataDir, port: 0 });
  });

  afterAll(async () => {
    await workspace?.stop();
    jest.restoreAllMocks();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('never logs a bearer token, a query value, a cookie, a body or the client secret', async () => {
    const url = workspace?.url ?? '';
    const secrets = {
      query: 'QUERY-VALUE-5f1c9e',
      code: 'SPAPI-CODE-81d0aa',
      state: 'OAUTH-STATE-7b33e1',
      cookie: 'COOKIE-VALUE-c4d2f0',
      body: 'BODY-VALUE-92ab4c',
    };
    const { access_token: token } = (await (
      await fetch(`${url}/local/token`, {
        method: 'POST',
        body: JSON.stringify({ user: 'lin@minthub.local' }),
      })
    ).json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, cookie: `session=${secrets.cookie}` };

    const answers = await Promise.all([
      fetch(
        `${url}/api/stores/A2LUMENCRAFT7Q-NA/inventory?marketplaceId=${secrets.query}&reason=inventory-replenishment`,
        { headers },
      ),
      fetch(`${url}/api/stores?filter=${secrets.query}`, { headers }),
      fetch(`${url}/api/authorizations`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ region: 'NA', marketplace: secrets.body }),
      }),
      fetch(
        `${url}/auth/amazon/callback?state=${secrets.state}&selling_partner_id=A2LUMENCRAFT7Q&spapi_oauth_code=${secrets.code}`,
        {
          headers: { cookie: `session=${secrets.cookie}` },
          redirect: 'manual',
        },
      ),
      fetch(`${url}/api/stores?x=${secrets.query}`, { headers: { authorization: `Bearer ${token}x` } }),
      fetch(`${url}/healthz?probe=${secrets.query}`),
      fetch(`${url}/local/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=authorization_code&client_id=local-dashboard&code=${secrets.code}&code_verifier=${secrets.body}`,
      }),
    ]);
    const { clientSecret } = JSON.parse(await readFile(path.join(dataDir, 'local-app.json'), 'utf8')) as {
      clientSecret: string;
    };
    const output = captured.join('\n');

    expect(answers.map((answer) => answer.status)).toContain(200);
    expect(output).toContain('[gateway] GET /healthz → 200'); // requests are logged, by route
    for (const value of [...Object.values(secrets), token, clientSecret]) {
      expect(output).not.toContain(value);
    }
  });
});
