import { startDynamoDbLocal, type DynamoDbLocalHandle } from './dynamodb';

export interface SupervisedDynamoDb {
  readonly endpoint: string;
  /** For fault tests: the JVM dies as in a crash. With `restart: false` it stays dead until `restart()`. */
  crash(options?: { restart?: boolean }): void;
  /** Starts it again (on the same port, with the same data) and resolves once it answers. */
  restart(): Promise<void>;
  /** Resolves once no restart is in progress. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local that does not stay dead: when its JVM exits without being asked to, the workspace says so and
 * starts it again on the same port with the same data folder, so the functions' endpoint keeps working.
 */
export async function startSupervisedDynamoDb(options: {
  dataDir: string;
  log: (line: string) => void;
}): Promise<SupervisedDynamoDb> {
  let current: DynamoDbLocalHandle = await startDynamoDbLocal({ dataDir: options.dataDir });
  const { endpoint, port } = current;
  let autoRestart = true;
  let restarting: Promise<void> | undefined;
  let stopped = false;

  const restart = (): Promise<void> => {
    restarting ??= startDynamoDbLocal({ dataDir: options.dataDir, port })
      .then(async (handle) => {
        current = handle;
        watch(handle);
        options.log(`DynamoDB Local is back on ${endpoint}`);
        if (stopped) await handle.stop();
      })
      .catch((error: unknown) => {
        options.log(
          `DynamoDB Local could not be restarted (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'}): stop the workspace and run npm start again`,
        );
      })
      .finally(() => {
        restarting = undefined;
      });
    return restarting;
  };

  const watch = (handle: DynamoDbLocalHandle) =>
    handle.onUnexpectedExit((code, signal) => {
      if (stopped) return;
      options.log(
        `DynamoDB Local stopped unexpectedly (${signal ?? `exit code ${code}`})${autoRestart ? '; restarting it' : ''}`,
      );
      if (autoRestart) void restart();
    });
  watch(current);

  return {
    endpoint,
    crash: ({ restart: again = true } = {}) => {
      autoRestart = again;
      current.crash();
    },
    restart: async () => {
      autoRestart = true;
      await restart();
    },
    settled: async () => {
      while (restarting !== undefined) await restarting;
    },
    stop: async () => {
      stopped = true;
      await restarting;
      await current.stop();
    },
  };
}
