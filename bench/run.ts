import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AWS_PRICES, PACING, RATE_SCALE, TOKEN_REUSE, USAGE_PROFILE, WARM_OVERHEAD } from './config';
import { costModel } from './cost-model';
import { REPO_ROOT, runNode, TYPESCRIPT_NODE_ARGS } from './support/child-process';
import { notMeasured, type FigureId, type FigureResult, type Row } from './support/figure';
import { round } from './support/statistics';

/**
 * `npm run bench`: runs each figure in a fresh Node process of its own (handler modules read their settings once,
 * emulators and sandboxes are per figure, and one figure's failure cannot take another down), derives the cost
 * model from their counts, prints the table and writes bench/results.json. Exits 1 when any figure was not
 * measured, 0 otherwise, whatever the budgets say: a missed budget is a result, not a failure.
 */

const MEASURED_FIGURES: ReadonlyArray<{ id: FigureId; file: string; timeoutMinutes: number }> = [
  { id: 'token-reuse', file: 'token-reuse.ts', timeoutMinutes: 4 },
  { id: 'pacing', file: 'pacing.ts', timeoutMinutes: 6 },
  { id: 'cold-start', file: 'cold-start.ts', timeoutMinutes: 5 },
  { id: 'warm-overhead', file: 'warm-overhead.ts', timeoutMinutes: 5 },
  { id: 'refresh-overhead', file: 'refresh-overhead.ts', timeoutMinutes: 3 },
  { id: 'revocation-latency', file: 'revocation-latency.ts', timeoutMinutes: 3 },
  { id: 'history', file: 'history.ts', timeoutMinutes: 4 },
  { id: 'ads', file: 'ads.ts', timeoutMinutes: 3 },
  { id: 'shared-pacing', file: 'shared-pacing.ts', timeoutMinutes: 8 },
  { id: 'store-sessions', file: 'store-sessions.ts', timeoutMinutes: 3 },
];

const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results.json');

/** The environment of a figure process: this one's, minus any Amazon or AWS setting that could point elsewhere. */
function figureEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('MINT_HUB_') && !name.startsWith('AWS_')),
  );
}

async function runFigure(figure: (typeof MEASURED_FIGURES)[number]): Promise<FigureResult> {
  const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-')), 'result.json');
  const started = performance.now();
  process.stdout.write(`▸ ${figure.id}\n`);
  const run = await runNode(
    [...TYPESCRIPT_NODE_ARGS, path.join(REPO_ROOT, 'bench', figure.file), '--out', outFile],
    {
      env: figureEnvironment(),
      timeoutMs: figure.timeoutMinutes * 60_000,
      onStderrLine: (line) => {
        // Progress lines only; SDK warnings and the like stay in the captured output.
        if (line.startsWith('  [')) process.stdout.write(`${line}\n`);
      },
    },
  );
  try {
    if (run.exitCode === 0 && fs.existsSync(outFile))
      return JSON.parse(fs.readFileSync(outFile, 'utf8')) as FigureResult;
    const reason = run.timedOut
      ? `timed out after ${figure.timeoutMinutes} min`
      : `exit ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-4).join(' | ')}`;
    return {
      id: figure.id,
      title: figure.id,
      rows: [{ name: 'figure', value: null, unit: '', note: `not measured (${reason})` }],
      notes: [],
      details: { stderr: run.stderr.slice(-4000) },
      durationSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
  }
}

function formatNumber(value: number | null, unit = ''): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (unit.startsWith('USD') && abs < 100) return value === 0 ? '0' : value.toPrecision(3);
  if (abs !== 0 && abs < 0.01) return value.toPrecision(2);
  return String(round(value, abs >= 100 ? 0 : 2));
}

/** Units short enough to repeat after every number of a row. */
const shortUnit = (unit: string) => (unit.length <= 2 ? unit : '');

function formatRow(r: Row): string[] {
  const value = r.value === null ? 'NOT MEASURED' : `${formatNumber(r.value, r.unit)} ${r.unit}`.trim();
  const budget =
    r.budget === undefined ? '' : `≤ ${formatNumber(r.budget.max)} ${shortUnit(r.unit)}`.trimEnd();
  const verdict = r.withinBudget === undefined ? '' : r.withinBudget ? 'ok' : 'MISSED';
  const comparisons = (r.comparisons ?? [])
    .map((c) => {
      const theirs =
        c.value === null
          ? c.note?.startsWith('unfinished')
            ? 'unfinished'
            : 'n/a'
          : `${formatNumber(c.value, r.unit)} ${shortUnit(r.unit)}`.trimEnd();
      return `${c.against} ${theirs}${c.ratio === null ? '' : ` (ours ×${formatNumber(c.ratio)})`}`;
    })
    .join('; ');
  return [r.name, value, budget, verdict, comparisons];
}

function printTable(figures: readonly FigureResult[]): void {
  const header = ['measure', 'ours', 'budget', '', 'compared with'];
  for (const figure of figures) {
    const lines = figure.rows.map(formatRow);
    const widths = header.map((title, column) =>
      Math.min(
        column === 0 ? 62 : 40,
        Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
      ),
    );
    const render = (cells: string[]) =>
      cells
        .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd();
    const duration = figure.durationSeconds === undefined ? '' : ` (${round(figure.durationSeconds, 0)} s)`;
    process.stdout.write(`\n${figure.title}${duration}\n`);
    process.stdout.write(`${render(header)}\n${render(widths.map((width) => '─'.repeat(width)))}\n`);
    for (const line of lines) process.stdout.write(`${render(line)}\n`);
    for (const r of figure.rows.filter((candidate) => candidate.note !== undefined))
      process.stdout.write(`  · ${r.name}: ${r.note}\n`);
    // Once per client and note: the rows of one case (e.g. N=1) repeat the same note.
    const comparisonNotes = new Map<string, string>();
    for (const r of figure.rows)
      for (const c of r.comparisons ?? [])
        if (c.note !== undefined && !comparisonNotes.has(`${c.against}|${c.note}`))
          comparisonNotes.set(`${c.against}|${c.note}`, `${r.name} — ${c.against}: ${c.note}`);
    for (const note of comparisonNotes.values()) process.stdout.write(`  · ${note}\n`);
    for (const note of figure.notes) process.stdout.write(`  ${note}\n`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const figures: FigureResult[] = [];
  for (const figure of MEASURED_FIGURES) figures.push(await runFigure(figure));
  figures.push(costModel(figures));
  printTable(figures);

  const missing = figures.flatMap((figure) => notMeasured(figure).map((r) => `${figure.id}: ${r.name}`));
  const results = {
    generatedAt: new Date().toISOString(),
    durationSeconds: round((performance.now() - started) / 1000, 1),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 1e9, 1),
      loadAverageAtStart: loadAtStart.map((value) => round(value, 2)),
      loadAverageAtEnd: os.loadavg().map((value) => round(value, 2)),
    },
    config: {
      rateScale: RATE_SCALE,
      tokenReuse: TOKEN_REUSE,
      pacing: PACING,
      warmOverhead: WARM_OVERHEAD,
      usageProfile: USAGE_PROFILE,
      prices: AWS_PRICES,
    },
    notMeasured: missing,
    figures,
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\nWrote ${path.relative(process.cwd(), RESULTS_FILE)} in ${round(results.durationSeconds, 0)} s (load average ${loadAtStart
      .map((value) => round(value, 1))
      .join(' ')} at start, ${os
      .loadavg()
      .map((value) => round(value, 1))
      .join(' ')} at end).\n`,
  );
  if (missing.length > 0) {
    process.stdout.write(`Not measured:\n${missing.map((line) => `  - ${line}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
