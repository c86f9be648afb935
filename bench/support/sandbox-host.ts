import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SandboxApp, SandboxCounters, SandboxRegion, SandboxSeller } from '../../local/sandbox';
import { killChild, REPO_ROOT, TYPESCRIPT_NODE_ARGS } from './child-process';

export interface SandboxHostSpec {
  readonly sandboxes: ReadonlyArray<{
    readonly apps: SandboxApp[];
    readonly rateScale: number;
    readonly startTime?: string;
  }>;
}

/** One running sandbox, driven over HTTP like a test in another process would (`/__sandbox/*` controls). */
export interface SandboxEndpoint {
  readonly url: string;
  readonly lwaTokenUrl: string;
  spapiUrl(region: SandboxRegion): string;
  counters(): Promise<SandboxCounters>;
  resetCounters(): Promise<void>;
  /** The sandbox clock, which drives access-token expiry. */
  now(): Promise<Date>;
  advanceClock(ms: number): Promise<void>;
  revoke(sellingPartnerId: string, region: SandboxRegion): Promise<void>;
  sellers(): Promise<SandboxSeller[]>;
}

export interface SandboxHost {
  readonly sandboxes: readonly SandboxEndpoint[];
  /** CPU seconds the host process has used so far (Linux /proc), to show when the sandbox side was the bottleneck. */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const REGION_PATH: Record<SandboxRegion, string> = { NA: 'na', EU: 'eu', FE: 'fe' };

/** An SP-API application registration of the sandbox, with Amazon-shaped ids and a fresh secret. */
export function newSandboxApp(
  label: string,
  redirectUris: string[] = ['http://127.0.0.1:9/callback'],
): SandboxApp {
  const suffix = randomBytes(8).toString('hex');
  return {
    applicationId: `amzn1.sp.solution.bench-${label}-${suffix}`,
    clientId: `amzn1.application-oa2-client.bench${label}${suffix}`,
    clientSecret: `amzn1.oa2-cs.v1.${randomBytes(24).toString('hex')}`,
    redirectUris,
  };
}

/** Starts the sandboxes in a child process and answers once every one listens. */
export async function startSandboxHost(spec: SandboxHostSpec): Promise<SandboxHost> {
  // The spec holds client secrets: a private temporary file rather than the command line.
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-sandbox-'));
  const specFile = path.join(directory, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec), { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [...TYPESCRIPT_NODE_ARGS, path.join(REPO_ROOT, 'bench', 'support', 'sandbox-host-process.ts'), specFile],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const urls = await new Promise<string[]>((resolve, reject) => {
    let buffered = '';
    let errors = '';
    const timer = setTimeout(() => {
      killChild(child);
      reject(new Error('The sandbox host did not start within 30 s'));
    }, STARTUP_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { urls: string[] }).urls);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The sandbox host exited (${code}) before it was ready: ${errors.trim()}`));
    });
  });
  fs.rmSync(directory, { recursive: true, force: true });
  child.removeAllListeners('exit');

  return {
    sandboxes: urls.map(sandboxEndpoint),
    cpuSeconds: () => (child.pid === undefined ? undefined : processCpuSeconds(child.pid)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => killChild(child), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.stdin.end();
      }),
  };
}

export function sandboxEndpoint(url: string): SandboxEndpoint {
  const control = async <T>(pathname: string, method = 'GET', body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__sandbox/${pathname}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${pathname}: ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    url,
    lwaTokenUrl: `${url}/auth/o2/token`,
    spapiUrl: (region) => `${url}/spapi/${REGION_PATH[region]}`,
    counters: () => control<SandboxCounters>('counters'),
    resetCounters: async () => {
      await control('counters', 'DELETE');
    },
    now: async () => new Date((await control<{ now: string }>('clock')).now),
    advanceClock: async (ms) => {
      await control('clock', 'POST', { advanceMs: ms });
    },
    revoke: async (sellingPartnerId, region) => {
      await control('revoke', 'POST', { sellingPartnerId, region });
    },
    sellers: async () => (await control<{ sellers: SandboxSeller[] }>('sellers')).sellers,
  };
}

/** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds of this process's direct children named `command` (e.g. DynamoDB Local's `java`), from /proc. */
export function childrenCpuSeconds(command: string): number | undefined {
  try {
    let total = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (name === command && Number(fields[1]) === process.pid)
        total += (Number(fields[11]) + Number(fields[12])) / 100;
    }
    return total;
  } catch {
    return undefined;
  }
}
