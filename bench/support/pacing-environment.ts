/**
 * One of our execution environments in a Node process of its own, for the pacing figures: builds the store-data
 * service from the environment's settings exactly as a data function does (its own buckets, token cache and SDK
 * clients; the table and the sandbox are the ones it is given) and reads its stores' inventory and 90-day orders
 * views as a dashboard would. Figure 9 (bench/shared-pacing.ts) runs K of them on one store; figure 2
 * (bench/pacing.ts) one per app, each reading that app's stores, so no event loop is shared between environments.
 * Prints one JSON line: the read's outcome, the CPU this process used, and with `timeline` every SP-API call.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpApiError } from '../../shared/amazon/amazon-errors';
import type { Environment } from '../../shared/config/settings';
import { storeDataDependencies } from '../../shared/runtime/dependencies';
import { StoreDataService } from '../../shared/store-data/store-data-service';
import type { StoreProfile } from '../../shared/stores/store';
import { lastJsonLine, REPO_ROOT, runNode, TYPESCRIPT_NODE_ARGS } from './child-process';
import { readStoresThroughViews, type StoreReadOutcome } from './store-views';

interface PacingEnvironmentCommon {
  readonly env: Environment;
  readonly label: string;
  readonly capMs: number;
  readonly pacing: 'shared' | 'perEnvironment';
  /** Epoch ms at which every environment starts its views, so they begin together. */
  readonly startAtMs: number;
  /** Record every SP-API call this environment makes (figure 2's per-store timelines). */
  readonly timeline?: boolean;
}

/** One store (figure 9), or every store of the environment's app (figure 2). */
export type PacingEnvironmentSpec = PacingEnvironmentCommon &
  ({ readonly profile: StoreProfile } | { readonly profiles: readonly StoreProfile[] });

/** One paced SP-API call, times in ms after `startAtMs`. */
export interface PacedCallRecord {
  readonly storeId: string;
  readonly operation: string;
  /** When the view's code asked the paced caller for the call. */
  readonly askedMs: number;
  /** Each attempt sent to the sandbox: start, end, and how it ended ('ok', '429', or the error's kind). */
  readonly attempts: ReadonlyArray<{ startMs: number; endMs: number; outcome: string }>;
  /** When the paced caller returned or gave up (Throttled with a Retry-After, or out of time). */
  readonly endMs: number;
  readonly outcome: string;
}

export interface PacingEnvironmentOutcome extends StoreReadOutcome {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** Epoch ms when the service was built and waiting for `startAtMs` (after it: this environment began late). */
  readonly readyAtMs?: number;
  /** CPU this process used from `startAtMs` until its reads ended (user + system). */
  readonly cpuSeconds?: number;
  /** CPU this process used before that: Node, tsx and the imports starting. */
  readonly startupCpuSeconds?: number;
  readonly calls?: readonly PacedCallRecord[];
}

const outcomeOf = (error: unknown): string =>
  error instanceof SpApiError
    ? error.kind === 'throttled'
      ? '429'
      : error.kind
    : error instanceof Error
      ? error.name
      : 'error';

/**
 * The environment's dependencies as storeDataService(env, pacing) builds them, with its paced caller watched when
 * a timeline is asked for: the wrapper only notes times around the real call (same buckets, same decisions).
 */
function serviceFor(spec: PacingEnvironmentSpec, calls: PacedCallRecord[] | undefined): StoreDataService {
  const deps = storeDataDependencies(spec.env, spec.pacing);
  if (calls !== undefined) {
    const since = () => Date.now() - spec.startAtMs;
    const call = deps.pacing.call.bind(deps.pacing);
    deps.pacing.call = async (storeId, operation, deadline, request) => {
      const askedMs = since();
      const attempts: Array<{ startMs: number; endMs: number; outcome: string }> = [];
      const record = (outcome: string) =>
        calls.push({ storeId, operation, askedMs, attempts, endMs: since(), outcome });
      try {
        const value = await call(storeId, operation, deadline, async (budget) => {
          const startMs = since();
          try {
            const result = await request(budget);
            attempts.push({ startMs, endMs: since(), outcome: 'ok' });
            return result;
          } catch (error) {
            attempts.push({ startMs, endMs: since(), outcome: outcomeOf(error) });
            throw error;
          }
        });
        record('ok');
        return value;
      } catch (error) {
        record(outcomeOf(error));
        throw error;
      }
    };
  }
  return new StoreDataService(deps);
}

const cpuSecondsSince = (start?: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

async function main(): Promise<void> {
  const specFile = process.argv[2];
  if (specFile === undefined) throw new Error('usage: pacing-environment.ts <spec.json>');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as PacingEnvironmentSpec;
  const profiles = 'profiles' in spec ? spec.profiles : [spec.profile];
  const calls: PacedCallRecord[] | undefined = spec.timeline === true ? [] : undefined;
  const service = serviceFor(spec, calls);
  const readyAtMs = Date.now();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, spec.startAtMs - Date.now())));
  const startupCpuSeconds = cpuSecondsSince();
  const cpuAtStart = process.cpuUsage();
  const startedAtMs = Date.now();
  const outcome = await readStoresThroughViews(service, profiles, spec.label, spec.capMs);
  const result: PacingEnvironmentOutcome = {
    ...outcome,
    startedAtMs,
    endedAtMs: Date.now(),
    readyAtMs,
    cpuSeconds: cpuSecondsSince(cpuAtStart),
    startupCpuSeconds,
    ...(calls === undefined ? {} : { calls }),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/**
 * Runs one environment in a Node process of its own and returns what it printed. The spec holds the app's client
 * secret: a private temporary file, never the command line.
 */
export async function runPacingEnvironment(spec: PacingEnvironmentSpec): Promise<PacingEnvironmentOutcome> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-env-'));
  const specFile = path.join(directory, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec), { mode: 0o600 });
  try {
    const run = await runNode(
      [...TYPESCRIPT_NODE_ARGS, path.join(REPO_ROOT, 'bench', 'support', 'pacing-environment.ts'), specFile],
      { env: process.env, timeoutMs: spec.startAtMs - Date.now() + spec.capMs + 30_000 },
    );
    const outcome = lastJsonLine<PacingEnvironmentOutcome>(run.stdout);
    if (outcome === undefined)
      throw new Error(
        `environment ${spec.label}: no result (exit ${run.exitCode}): ${run.stderr.slice(-400)}`,
      );
    return outcome;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

// Figure 2 imports the launcher above; the process itself is started on this file.
if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
