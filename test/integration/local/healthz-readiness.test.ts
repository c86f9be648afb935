import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalWorkspace, type LocalWorkspace } from '../../../local/runtime/workspace';

// Issue 18: `/healthz` of the local workspace answers 200 only once the demo stores are seeded, so a script (or
// a person) that waits for "healthy" can sign in and find the stores. Until then: 503 `{"status":"starting"}`.
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });

/** How many stores lin (a seeded operator) sees. */
async function storesOf(url: string): Promise<number> {
  const token = await fetch(`${url}/local/token`, {
    method: 'POST',
    body: JSON.stringify({ user: 'lin@minthub.local' }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const stores = await fetch(`${url}/api/stores`, { headers: { authorization: `Bearer ${accessToken}` } });
  return ((await stores.json()) as { stores: unknown[] }).stores.length;
}

describe('/healthz while the workspace starts', () => {
  let workspace: LocalWorkspace | undefined;
  let dataDir: string;

  // The handlers log through Powertools (console); a start's worth of lines says nothing here.
  beforeAll(() => {
    for (const method of ['log', 'info', 'warn', 'debug'] as const)
      jest.spyOn(console, method).mockImplementation(() => undefined);
  });

  afterAll(async () => {
    await workspace?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is 503 "starting" until the demo stores are seeded, then 200', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-healthz-'));
    const port = await freePort();
    const answers: Array<{ status: number; body: Record<string, unknown>; storesSeen?: number }> = [];
    let finished = false;
    const starting = startLocalWorkspace({ dataDir, port, seed: true, log: () => undefined }).then(
      (started) => {
        finished = true;
        workspace = started;
        return started;
      },
    );
    const url = `http://localhost:${port}`;
    // Poll as a readiness probe would, until the start has finished. Whenever it says 200, the stores must be in.
    while (!finished) {
      try {
        const response = await fetch(`${url}/healthz`);
        const answer = { status: response.status, body: (await response.json()) as Record<string, unknown> };
        answers.push(answer);
        if (response.status === 200) Object.assign(answer, { storesSeen: await storesOf(url) });
      } catch {
        // The port is not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const started = await starting;

    expect(started.seed?.kind).toBe('done');
    // The start spends seconds seeding: the probe saw it, and never a 200 before the stores were in.
    expect(answers.some((answer) => answer.status === 503 && answer.body['status'] === 'starting')).toBe(
      true,
    );
    for (const answer of answers.filter((a) => a.status === 200))
      expect(answer.storesSeen).toBeGreaterThan(0);
    const ready = await fetch(`${started.url}/healthz`);
    expect(ready.status).toBe(200);
    expect(await storesOf(started.url)).toBeGreaterThan(0);
  }, 180_000);
});
