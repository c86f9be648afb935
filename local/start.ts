// `npm start`: the whole product on one machine (see local/README.md).
//   npm start [-- --data-dir <path>] [-- --reset]      PORT=0 picks a free port; MINT_HUB_LOCAL_DATA_DIR sets the folder
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readyBanner, readyLine } from './runtime/ready-banner';
import { startLocalWorkspace, type LocalWorkspace } from './runtime/workspace';

const FORCE_EXIT_AFTER_MS = 2_000;

function portFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0–65535, not "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, reset: { type: 'boolean', default: false } },
  });
  const dataDirOption = values['data-dir'] ?? process.env.MINT_HUB_LOCAL_DATA_DIR;
  const port = portFrom(process.env.PORT);

  const running: { workspace?: LocalWorkspace } = {};
  let stopRequestedAt: number | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopRequestedAt !== undefined) {
      // Ctrl-C reaches npm, tsx and this process together, and each may relay it: repeats right after the first
      // are echoes. A second Ctrl-C a moment later means "now".
      if (Date.now() - stopRequestedAt < FORCE_EXIT_AFTER_MS) return;
      console.error(`${signal} again: exiting without a clean stop`);
      process.exit(130);
    }
    stopRequestedAt = Date.now();
    const { workspace } = running;
    if (workspace === undefined) return; // still starting: stopped as soon as the start finishes
    console.log(`\n${signal}: stopping…`);
    workspace.stop().then(
      () => {
        console.log('stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log('Starting the Mint Hub local workspace…');
  const workspace = await startLocalWorkspace({
    ...(dataDirOption === undefined ? {} : { dataDir: path.resolve(dataDirOption) }),
    port,
    reset: values.reset,
  });
  running.workspace = workspace;
  if (stopRequestedAt !== undefined) {
    await workspace.stop();
    process.exit(0);
  }
  for (const line of readyBanner(workspace)) console.log(line);
  console.log(readyLine(workspace));
}

main().catch((error: unknown) => {
  console.error(
    `The local workspace could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
