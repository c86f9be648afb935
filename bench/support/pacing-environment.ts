/**
 * One execution environment of the shared-pacing figure (bench/shared-pacing.ts), in a Node process of its own:
 * builds the store-data service from the environment's settings exactly as a data function does (its own buckets,
 * token cache and SDK clients; the table and the sandbox are the ones every environment shares) and reads one
 * store's inventory and 90-day orders views as a dashboard would. Prints one JSON line: the read's outcome.
 */
import * as fs from 'node:fs';
import type { Environment } from '../../shared/config/settings';
import { storeDataService } from '../../shared/runtime/dependencies';
import type { StoreProfile } from '../../shared/stores/store';
import { readStoresThroughViews, type StoreReadOutcome } from './store-views';

export interface PacingEnvironmentSpec {
  readonly env: Environment;
  readonly profile: StoreProfile;
  readonly label: string;
  readonly capMs: number;
  readonly pacing: 'shared' | 'perEnvironment';
  /** Epoch ms at which every environment starts its views, so they begin together. */
  readonly startAtMs: number;
}

export interface PacingEnvironmentOutcome extends StoreReadOutcome {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
}

async function main(): Promise<void> {
  const specFile = process.argv[2];
  if (specFile === undefined) throw new Error('usage: pacing-environment.ts <spec.json>');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as PacingEnvironmentSpec;
  const service = storeDataService(spec.env, spec.pacing);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, spec.startAtMs - Date.now())));
  const startedAtMs = Date.now();
  const outcome = await readStoresThroughViews(service, [spec.profile], spec.label, spec.capMs);
  const result: PacingEnvironmentOutcome = { ...outcome, startedAtMs, endedAtMs: Date.now() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
