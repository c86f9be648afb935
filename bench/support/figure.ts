import * as fs from 'node:fs';

/**
 * What every figure hands back to bench/run.ts: rows of value, budget and comparisons, written as they are into
 * bench/results.json and printed as the table. A row whose value is null was not measured; run.ts exits non-zero
 * when a figure has such a row.
 */
export type FigureId =
  | 'token-reuse'
  | 'pacing'
  | 'cold-start'
  | 'warm-overhead'
  | 'refresh-overhead'
  | 'revocation-latency'
  | 'cost-model'
  | 'history'
  | 'ads'
  | 'shared-pacing'
  | 'store-sessions';

export interface Comparison {
  /** e.g. `amazon-sp-api`, `naive bundle` */
  readonly against: string;
  readonly value: number | null;
  /** Ours divided by theirs (below 1 means ours is lower). */
  readonly ratio: number | null;
  readonly note?: string;
}

export interface Budget {
  /** Ours must be at most this. */
  readonly max: number;
  /** How docs/contracts.md states it. */
  readonly text: string;
}

export interface Row {
  readonly name: string;
  /** Null: not measured (the reason is in `note`). */
  readonly value: number | null;
  readonly unit: string;
  readonly budget?: Budget;
  /** Undefined when the row has no budget or no value. */
  readonly withinBudget?: boolean;
  readonly comparisons?: readonly Comparison[];
  readonly note?: string;
}

export interface FigureResult {
  readonly id: FigureId;
  readonly title: string;
  readonly rows: readonly Row[];
  /** What was measured and how, in a sentence or two each; printed under the table. */
  readonly notes: readonly string[];
  /** Raw numbers behind the rows (per store, per run, per function…), kept in results.json only. */
  readonly details: unknown;
  readonly durationSeconds?: number;
}

export function row(args: {
  name: string;
  value: number | null | undefined;
  unit: string;
  budget?: Budget;
  comparisons?: readonly Comparison[];
  note?: string;
}): Row {
  const value = args.value ?? null;
  return {
    name: args.name,
    value,
    unit: args.unit,
    ...(args.budget === undefined ? {} : { budget: args.budget }),
    ...(args.budget === undefined || value === null ? {} : { withinBudget: value <= args.budget.max + 1e-9 }),
    ...(args.comparisons === undefined ? {} : { comparisons: args.comparisons }),
    ...(args.note === undefined ? {} : { note: args.note }),
  };
}

export const notMeasured = (figure: FigureResult): Row[] => figure.rows.filter((r) => r.value === null);

/**
 * The entry point of a figure's own process: `tsx bench/<figure>.ts --out <file>` runs the measurement and writes
 * its FigureResult there (stdout stays free for progress lines). Run alone, without --out, it prints the result.
 */
export function runFigureProcess(measure: () => Promise<FigureResult>): void {
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex === -1 ? undefined : process.argv[outIndex + 1];
  const started = performance.now();
  measure()
    .then((result) => {
      const withDuration = { ...result, durationSeconds: (performance.now() - started) / 1000 };
      if (outFile === undefined) console.log(JSON.stringify(withDuration, null, 2));
      else fs.writeFileSync(outFile, JSON.stringify(withDuration));
      // Emulators, sandboxes and pools may hold handles open; the figure is done.
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    });
}

/** Progress lines go to stderr, so a figure's stdout holds nothing but its result. */
export const progress = (figure: FigureId, line: string): void => {
  process.stderr.write(`  [${figure}] ${line}\n`);
};
