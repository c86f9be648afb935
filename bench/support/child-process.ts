import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The repository root: bench/support/ is two levels down. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Node arguments that run a TypeScript file of this repository (tsx, as `npm run bench` itself does). */
export const TYPESCRIPT_NODE_ARGS = ['--import', 'tsx'] as const;

export interface ChildRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly wallMs: number;
}

/**
 * Runs `node <args>` to completion with a hard time limit; on timeout the child (only this one, by its pid) is
 * killed. Output is kept in memory: children of the bench print one JSON line of results and little else.
 */
export function runNode(
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    timeoutMs: number;
    cwd?: string;
    /** Called with each complete line the child writes to stderr (progress lines). */
    onStderrLine?: (line: string) => void;
  },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    let partialLine = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.onStderrLine === undefined) return;
      const lines = (partialLine + chunk.toString('utf8')).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine(line);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killChild(child);
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        wallMs: performance.now() - started,
      });
    });
  });
}

export function killChild(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The last line of a child's stdout that parses as a JSON object: children print their result there. */
export function lastJsonLine<T>(stdout: string): T | undefined {
  const lines = stdout.split('\n').filter((line) => line.trim().startsWith('{'));
  for (let index = lines.length - 1; index >= 0; index--) {
    try {
      return JSON.parse(lines[index] ?? '') as T;
    } catch {
      // not the result line; keep looking
    }
  }
  return undefined;
}
