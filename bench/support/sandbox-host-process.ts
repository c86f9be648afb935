import * as fs from 'node:fs';
import { startAmazonSandbox, type AmazonSandbox } from '../../local/sandbox';
import type { SandboxHostSpec } from './sandbox-host';

// Child-process entry: hosts the Amazon sandboxes of one bench run outside the measuring process, so the time
// the sandbox spends building responses does not run on the event loop of the client being timed. Prints one JSON
// line with the sandboxes' URLs, then serves until its stdin closes (the parent ended or stopped it).

async function main(): Promise<void> {
  const specFile = process.argv[2];
  if (specFile === undefined) throw new Error('usage: sandbox-host-process.ts <spec.json>');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as SandboxHostSpec;
  const sandboxes: AmazonSandbox[] = [];
  for (const sandbox of spec.sandboxes) {
    sandboxes.push(
      await startAmazonSandbox({
        apps: sandbox.apps,
        rateScale: sandbox.rateScale,
        ...(sandbox.startTime === undefined ? {} : { startTime: new Date(sandbox.startTime) }),
      }),
    );
  }
  process.stdout.write(`${JSON.stringify({ urls: sandboxes.map((sandbox) => sandbox.url) })}\n`);
  const stop = () => {
    void Promise.all(sandboxes.map((sandbox) => sandbox.close())).finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
