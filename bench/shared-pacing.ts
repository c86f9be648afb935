import * as os from 'node:os';
import type { SandboxSeller } from '../local/sandbox';
import { USAGE_PLANS } from '../shared/pacing/token-bucket';
import { PACING, RATE_SCALE, SHARED_PACING } from './config';
import { progress, row, runFigureProcess, type FigureResult, type Row } from './support/figure';
import { connectStore, environmentFor, startLocalAws, type LocalAws } from './support/local-aws';
import { runPacingEnvironment, type PacingEnvironmentSpec } from './support/pacing-environment';
import { newSandboxApp, startSandboxHost } from './support/sandbox-host';
import { max, ratio, round, sum } from './support/statistics';

/**
 * Figure 9 — pacing shared by execution environments. K = 1, 4 and 16 of our environments, each a Node process of
 * its own (its own buckets, token cache and SDK clients, as separate Lambda environments are), open the inventory
 * and 90-day orders views of ONE store together, against the sandbox's usage plans (rates × RATE_SCALE). Usage plans
 * belong to the seller and the app, so the environments must share them: the 429s Amazon answers are the measure
 * (budget 0), with the same run under per-environment pacing (how every environment paced before) beside it.
 * Each run has a fresh sandbox (full buckets, counters at zero) and a fresh table.
 */

type PacingMode = PacingEnvironmentSpec['pacing'];

interface EnvironmentsRun {
  readonly pacing: PacingMode;
  readonly environments: number;
  readonly throttled: number;
  readonly throttledByOperation: Readonly<Record<string, number>>;
  readonly callsByOperation: Readonly<Record<string, number>>;
  readonly finished: boolean;
  readonly wallSeconds: number;
  /** The least time the usage plans allow for the calls the environments made: (calls − burst) / rate. */
  readonly minimumSeconds: number;
  readonly failures: number;
  readonly errorSamples: readonly string[];
  readonly loadAverage: number;
}

const scaledPlan = (operation: string) => {
  const plan = USAGE_PLANS[operation as keyof typeof USAGE_PLANS];
  return plan === undefined ? undefined : { rate: plan.rate * RATE_SCALE, burst: plan.burst };
};

function minimumSecondsFor(callsByOperation: Readonly<Record<string, number>>): number {
  return (
    max(
      Object.entries(callsByOperation).map(([operation, calls]) => {
        const plan = scaledPlan(operation);
        return plan === undefined || calls <= plan.burst ? 0 : (calls - plan.burst) / plan.rate;
      }),
    ) ?? 0
  );
}

async function runEnvironments(
  aws: LocalAws,
  seller: SandboxSeller,
  pacing: PacingMode,
  environments: number,
): Promise<EnvironmentsRun> {
  const app = newSandboxApp(`shared-${environments}`);
  const host = await startSandboxHost({ sandboxes: [{ apps: [app], rateScale: RATE_SCALE }] });
  try {
    const sandbox = host.sandboxes[0];
    if (sandbox === undefined) throw new Error('no sandbox');
    const tableName = `bench-shared-pacing-${pacing}-${environments}`;
    await aws.createTable(tableName);
    const env = environmentFor({ aws, tableName, sandbox, app });
    const profile = await connectStore(env, sandbox, app, seller);
    await sandbox.resetCounters();
    const capMs =
      pacing === 'shared' ? SHARED_PACING.capSeconds * 1000 : SHARED_PACING.comparisonCapSeconds * 1000;
    // Node + tsx start in about a second each; on two cores 16 of them need several: all begin at one instant.
    const startAtMs =
      Date.now() + SHARED_PACING.startupMs + environments * SHARED_PACING.startupMsPerEnvironment;
    const outcomes = await Promise.all(
      Array.from({ length: environments }, (_, index) =>
        runPacingEnvironment({ env, profile, label: `env ${index + 1}`, capMs, pacing, startAtMs }),
      ),
    );
    const counters = await sandbox.counters();
    const callsByOperation = counters.totals.spapi;
    return {
      pacing,
      environments,
      throttled: counters.totals.throttled,
      throttledByOperation: counters.totals.throttledByOperation,
      callsByOperation,
      finished: outcomes.every((outcome) => outcome.finished),
      wallSeconds: round(
        ((max(outcomes.map((outcome) => outcome.endedAtMs)) ?? startAtMs) - startAtMs) / 1000,
        2,
      ),
      minimumSeconds: round(minimumSecondsFor(callsByOperation), 2),
      failures: sum(outcomes.map((outcome) => outcome.failures)),
      errorSamples: [...new Set(outcomes.flatMap((outcome) => outcome.errorSamples))].slice(0, 5),
      loadAverage: round(os.loadavg()[0] ?? 0, 2),
    };
  } finally {
    await host.stop();
  }
}

/** `--only K [--pacing perEnvironment]` runs that case alone (a quick look; `npm run bench` runs all). */
const argument = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const only = argument('--only') === undefined ? undefined : Number(argument('--only'));
const onlyPacing = (argument('--pacing') ?? 'shared') as PacingMode;

async function measure(): Promise<FigureResult> {
  const aws = await startLocalAws();
  try {
    const census = newSandboxApp('shared-census');
    const host = await startSandboxHost({ sandboxes: [{ apps: [census], rateScale: RATE_SCALE }] });
    const sellers = await host.sandboxes[0]?.sellers();
    await host.stop();
    const seller = sellers?.find(
      (candidate) => candidate.sellingPartnerId === SHARED_PACING.sellingPartnerId,
    );
    if (seller === undefined) throw new Error(`seeded seller ${SHARED_PACING.sellingPartnerId} not found`);

    const runs: EnvironmentsRun[] = [];
    for (const environments of SHARED_PACING.environmentCounts) {
      for (const pacing of ['shared', 'perEnvironment'] as const) {
        if (only !== undefined && (only !== environments || pacing !== onlyPacing)) continue;
        // One environment: the same thing either way.
        if (only === undefined && pacing === 'perEnvironment' && environments === 1) continue;
        progress('shared-pacing', `K = ${environments}, ${pacing} pacing`);
        const run = await runEnvironments(aws, seller, pacing, environments);
        progress(
          'shared-pacing',
          `  ${run.throttled} × 429 ${JSON.stringify(run.throttledByOperation)}, ${run.wallSeconds} s (minimum ${run.minimumSeconds} s)${run.finished ? '' : ', not finished'}`,
        );
        runs.push(run);
      }
    }
    const rows: Row[] = SHARED_PACING.environmentCounts.map((environments) => {
      const ours = runs.find((run) => run.pacing === 'shared' && run.environments === environments);
      const before = runs.find((run) => run.pacing === 'perEnvironment' && run.environments === environments);
      return row({
        name: `429s, ${environments} environment${environments === 1 ? '' : 's'} reading one store`,
        value: ours?.throttled,
        unit: '429s',
        budget: { max: 0, text: '0 × 429 for K = 1, 4, 16 environments on one store' },
        ...(before === undefined
          ? {}
          : {
              comparisons: [
                {
                  against: 'per-environment pacing',
                  value: before.throttled,
                  ratio: ratio(ours?.throttled, before.throttled),
                },
              ],
            }),
        note:
          ours === undefined
            ? 'not run'
            : `${ours.wallSeconds} s for calls the plans allow in ${ours.minimumSeconds} s${ours.finished ? '' : ' (not finished within the cap)'}`,
      });
    });
    return {
      id: 'shared-pacing',
      title: 'Pacing shared by execution environments (K processes, one store)',
      rows,
      notes: [
        `Each environment is its own Node process building the store-data service as a data function does; the table and the sandbox (usage plans × ${RATE_SCALE}) are shared. Seller ${SHARED_PACING.sellingPartnerId}, inventory and ${PACING.orderDays}-day orders views opened together.`,
        'Per-environment pacing is the same code with the shared bucket left out (how every environment paced before): each process believes it owns the whole plan.',
        'The general clients are not run here: they keep no state between processes, so K of them are K times the per-environment case (figure 2 compares them in one process).',
      ],
      details: { runs },
    };
  } finally {
    await aws.stop();
  }
}

runFigureProcess(measure);
