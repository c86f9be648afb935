import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

// `npm start` end to end: the CLI in its own process on a free port, checked from outside, stopped with SIGINT
// like a Ctrl-C, then started again on the same data folder and port. The CLI runs under tsx directly: `npx` (npm exec)
// answers a SIGINT by exiting 130 at once without waiting for its child, so its exit code would say nothing.
jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const READY_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 20_000;

interface Ready {
  url: string;
  sandboxUrl: string | null;
  sqs: string;
  revocationQueueUrl: string;
}

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  ready: Ready;
  output: () => string;
}

function startCli(dataDir: string, port: number): Promise<RunningCli> {
  // Its own process group, so a failed test can kill tsx and the workspace process together.
  const child = spawn(TSX, ['local/start.ts', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), MINT_HUB_LOCAL_DATA_DIR: '' },
    detached: true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`no MINT_HUB_READY line within ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^MINT_HUB_READY (\{.*\})$/m.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(match[1]) as Ready, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited (${code}) before it was ready:\n${output}`));
    });
  });
}

function stopCli(cli: RunningCli): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (cli.child.exitCode !== null) return resolve(cli.child.exitCode);
    const timer = setTimeout(() => {
      killGroup(cli.child);
      reject(new Error(`the CLI did not exit within ${EXIT_TIMEOUT_MS} ms of SIGINT:\n${cli.output()}`));
    }, EXIT_TIMEOUT_MS);
    cli.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    cli.child.kill('SIGINT');
  });
}

function killGroup(child: ChildProcessWithoutNullStreams): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A port that was free a moment ago: both runs use it, so tokens issued by the first still name its issuer. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Java processes whose command line names this data folder (DynamoDB Local's -dbPath). */
function javaProcessesFor(dataDir: string): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes('java') && line.includes(dataDir));
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start (local/start.ts)', () => {
  let dataDir: string;
  let cli: RunningCli | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mint-hub-smoke-'));
  });
  afterAll(async () => {
    if (cli !== undefined && cli.child.exitCode === null) killGroup(cli.child);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs everything, stops cleanly on SIGINT, and keeps its state across a restart', async () => {
    // First start: a fresh data folder.
    const port = await freePort();
    cli = await startCli(dataDir, port);
    const first = cli;
    const { url, sandboxUrl } = first.ready;
    const health = await fetch(`${url}/healthz`);
    const dashboard = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    const config = await fetch(`${url}/config.json`);
    const users = (await (await fetch(`${url}/local/users`)).json()) as { users: Array<{ email: string }> };
    const sandbox = await fetch(`${sandboxUrl ?? ''}/apps/manage`);
    const { access_token: token } = (await (
      await fetch(`${url}/local/token`, { method: 'POST', body: '{"user":"lin@minthub.local"}' })
    ).json()) as { access_token: string };

    // The revocation poller is up: a message sent to the queue reaches the worker.
    const sqs = new SQSClient({
      region: 'us-east-1',
      endpoint: first.ready.sqs,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: first.ready.revocationQueueUrl,
          MessageBody: '{"kind":"smoke-test"}',
        }),
      );
      await waitFor('the poller to hand the message to the worker', async () => {
        const status = (await (await fetch(`${url}/local/status`)).json()) as {
          revocationPoller: { running: boolean; messagesReceived: number };
        };
        return status.revocationPoller.running && status.revocationPoller.messagesReceived >= 1;
      });
    } finally {
      sqs.destroy();
    }
    const keyFiles = ['kms-key.json', 'local-app.json', 'local-signing-key.json'];
    const before = await Promise.all(keyFiles.map((file) => readFile(path.join(dataDir, file), 'utf8')));
    const firstExit = await stopCli(first);

    expect(health.status).toBe(200);
    // `npm test` does not build the dashboard: without dashboard/dist (or the placeholder) `/` is a plain 404.
    expect([200, 404]).toContain(dashboard.status);
    expect(dashboard.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({
      auth: 'local',
      clientId: 'local-dashboard',
      signInUrl: `${url}/local`,
    });
    expect(users.users.map((user) => user.email)).toEqual(
      expect.arrayContaining(['ada@minthub.local', 'lin@minthub.local', 'sofia@minthub.local']),
    );
    expect(sandbox.status).toBe(200);
    expect(first.output()).toMatch(/seeded: lin connected|seller authorization not built yet/);
    expect(firstExit).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);

    // Second start on the same folder: same keys and app registration, stores kept, old tokens still valid.
    cli = await startCli(dataDir, port);
    const second = cli;
    const after = await Promise.all(keyFiles.map((file) => readFile(path.join(dataDir, file), 'utf8')));
    const withOldToken = await fetch(`${second.ready.url}/api/stores`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const secondExit = await stopCli(second);

    expect(after).toEqual(before);
    expect(withOldToken.status).not.toBe(401);
    expect(second.output()).not.toContain('seeded:');
    expect(secondExit).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);
  });
});
