import type { ChildProcess } from 'node:child_process';

/**
 * Helpers for an emulator that runs as a child process started with `detached: true`, so it leads its own
 * process group: signalling the group reaches the emulator and anything it started, and a Ctrl-C meant for the
 * parent's terminal does not kill it behind the parent's back.
 */

/** Signals the whole process group; a group that is already gone is not an error. */
export function signalProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once the child has exited, or false when `timeoutMs` passes first. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    child.once('exit', onExit);
  });
}

/**
 * Kills the group when the parent exits through `process.exit` or the end of its event loop. A parent killed by
 * a signal runs no handlers: for that case the emulator must also watch its own stdin (see the Java launcher).
 * Returns the function that removes the hook.
 */
export function killGroupOnParentExit(child: ChildProcess): () => void {
  const killGroup = () => signalProcessGroup(child, 'SIGKILL');
  process.on('exit', killGroup);
  return () => process.off('exit', killGroup);
}

/** Keeps only the last `limit` characters of a child's output, for error messages. */
export class OutputTail {
  private text = '';

  constructor(private readonly limit: number) {}

  append(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }

  toString(): string {
    return this.text.trim();
  }
}
