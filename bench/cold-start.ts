import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MintHubFunction } from '../lib/mint-hub-function';
import { BACKGROUND_FUNCTIONS, ROUTES } from '../shared/api/routes';
import { synthesize } from '../test/infra/synth-fixture';
import { BUDGETS, COLD_START } from './config';
import { lastJsonLine, REPO_ROOT, runNode } from './support/child-process';
import { progress, row, runFigureProcess, type FigureResult, type Row } from './support/figure';
import { median, ratio, round } from './support/statistics';

/**
 * Figure 3 — cold start. Each function's bundle exactly as the stack builds it (synthesized with bundling: esbuild,
 * ESM, minified, tree-shaken), loaded in a fresh Node process that imports it and so runs its init (settings read,
 * adapters and SDK clients built). Beside it, a naive bundle of the same handler: whole-SDK imports plus a general
 * SP-API client, built without minify or tree-shaking (bench/naive/). Median of COLD_START.runs processes each.
 *
 * The environment is the function's own from the template (NODE_OPTIONS=--enable-source-maps included), with every
 * reference replaced by a valid value and every endpoint (AWS, Amazon) pointed at 127.0.0.1:9, where nothing
 * listens: init must need no I/O, and if it tried any, it could only fail locally.
 */

interface FunctionBundle {
  readonly id: string;
  readonly handler: string;
  readonly bundleFile: string;
  readonly environment: Record<string, string>;
}

interface LoadSample {
  readonly loadInitMs: number;
  readonly processMs: number;
  readonly rssMb: number;
}

interface FunctionMeasurement {
  readonly id: string;
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
  readonly naiveBundleBytes: number;
  readonly ours: readonly LoadSample[];
  /** The same bundle without NODE_OPTIONS=--enable-source-maps: what the source maps cost at init. */
  readonly oursWithoutSourceMaps: readonly LoadSample[];
  readonly naive: readonly LoadSample[];
  readonly errors: readonly string[];
}

const UNREACHABLE = 'http://127.0.0.1:9';

/** Valid stand-ins for the values a deployment fills in (table name, key ARN, queue URL…). */
const PLACEHOLDERS: Record<string, string> = {
  MINT_HUB_TABLE_NAME: 'mint-hub-bench',
  MINT_HUB_TOKEN_KEY_ID: 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-4000-8000-000000000000',
  MINT_HUB_REVOCATION_QUEUE_URL: `${UNREACHABLE}/000000000000/mint-hub-bench-revocation`,
  MINT_HUB_AUDIT_LOG_GROUP: '/mint-hub/bench/audit',
  MINT_HUB_LWA_CLIENT_SECRET_ID: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:mint-hub-bench-lwa',
  MINT_HUB_DASHBOARD_URL: UNREACHABLE,
  MINT_HUB_REDIRECT_URI: `${UNREACHABLE}/auth/amazon/callback`,
  MINT_HUB_STORE_ACCESS_ROLE_ARN: 'arn:aws:iam::000000000000:role/mint-hub-bench-store-access',
  MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN: 'arn:aws:sqs:us-east-1:000000000000:mint-hub-bench-account-status',
  MINT_HUB_ADS_REPORT_QUEUE_URL: `${UNREACHABLE}/000000000000/mint-hub-bench-ads-reports`,
  MINT_HUB_USER_POOL_ID: 'us-east-1_Bench0000',
};

/** What Lambda sets, and every endpoint pointed where nothing answers. */
function lambdaLikeEnvironment(
  functionName: string,
  template: Record<string, unknown>,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(template)) {
    variables[name] = typeof value === 'string' ? value : (PLACEHOLDERS[name] ?? 'bench-placeholder');
  }
  return {
    PATH: process.env['PATH'] ?? '',
    ...variables,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_ENDPOINT_URL: UNREACHABLE,
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:9',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    MINT_HUB_LWA_TOKEN_URL: `${UNREACHABLE}/auth/o2/token`,
    MINT_HUB_SELLER_CENTRAL_URL: UNREACHABLE,
    MINT_HUB_SPAPI_URL_NA: UNREACHABLE,
    MINT_HUB_SPAPI_URL_EU: UNREACHABLE,
    MINT_HUB_SPAPI_URL_FE: UNREACHABLE,
    MINT_HUB_ADS_API_URL_NA: UNREACHABLE,
    MINT_HUB_ADS_API_URL_EU: UNREACHABLE,
    MINT_HUB_ADS_API_URL_FE: UNREACHABLE,
    MINT_HUB_ADS_AUTH_URL: UNREACHABLE,
  };
}

/** Synthesizes the stack with bundling and answers each of our functions' bundle and environment. */
function synthesizedBundles(outdir: string): FunctionBundle[] {
  const { stack, template } = synthesize({}, { bundle: true, outdir });
  const resources = template.toJSON()['Resources'] as Record<
    string,
    { Properties?: { Environment?: { Variables?: Record<string, unknown> } } }
  >;
  const handlers = new Map<string, string>(
    [...ROUTES, ...BACKGROUND_FUNCTIONS].map((definition) => [definition.id, definition.handler]),
  );
  return stack.node
    .findAll()
    .filter((construct): construct is MintHubFunction => construct instanceof MintHubFunction)
    .map((fn) => {
      const cfn = fn.node.defaultChild as CfnFunction;
      // The bundle esbuild wrote for this function, staged in the cloud assembly.
      const assetPath = (fn.node.tryFindChild('Code') as Asset | undefined)?.assetPath;
      const handler = handlers.get(fn.node.id);
      if (assetPath === undefined || handler === undefined) throw new Error(`no bundle for ${fn.node.id}`);
      const variables = resources[stack.getLogicalId(cfn)]?.Properties?.Environment?.Variables ?? {};
      return {
        id: fn.node.id,
        handler,
        bundleFile: path.join(outdir, assetPath, 'index.mjs'),
        environment: lambdaLikeEnvironment(`MintHub-bench-${fn.node.id}`, variables),
      };
    });
}

/** The naive bundle of one handler (see bench/naive/naive-handler-entry.ts). */
async function buildNaiveBundle(handler: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'naive', 'naive-handler-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    treeShaking: false,
    sourcemap: false,
    logLevel: 'error',
    plugins: [
      {
        name: 'naive-handler',
        setup(builder) {
          builder.onResolve({ filter: /^naive-handler$/ }, () => ({
            path: path.join(REPO_ROOT, `${handler}.ts`),
          }));
        },
      },
    ],
  });
}

/**
 * Imports the bundle in a fresh process and reports how long the import (module evaluation, i.e. the function's
 * init) took, plus the process's whole life until then (Node's own start included).
 */
const LOADER = `
const started = performance.now();
const loaded = await import(process.env.MINT_HUB_BENCH_BUNDLE_URL);
const loadInitMs = performance.now() - started;
const handler = loaded.handler ?? loaded.default?.handler;
if (typeof handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ loadInitMs, processMs: performance.now(), rssMb: process.memoryUsage().rss / 1e6 }) + '\\n');
`;

async function loadOnce(bundleFile: string, environment: Record<string, string>): Promise<LoadSample> {
  const run = await runNode(['--input-type=module', '-e', LOADER], {
    env: { ...environment, MINT_HUB_BENCH_BUNDLE_URL: pathToFileURL(bundleFile).href },
    cwd: path.dirname(bundleFile),
    timeoutMs: COLD_START.timeoutSeconds * 1000,
  });
  const sample = lastJsonLine<LoadSample>(run.stdout);
  if (sample === undefined) {
    const reason = run.timedOut ? 'timed out' : `exit ${run.exitCode}`;
    throw new Error(
      `${path.basename(path.dirname(bundleFile))} did not load (${reason}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  return sample;
}

export async function measureColdStart(): Promise<FigureResult> {
  const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'mint-hub-bench-cold-'));
  try {
    progress('cold-start', 'synthesizing the stack with bundling');
    const bundles = synthesizedBundles(path.join(workDirectory, 'cdk.out'));
    progress('cold-start', `building ${bundles.length} naive bundles`);
    const naiveFiles = new Map<string, string>();
    for (const bundle of bundles) {
      const outfile = path.join(workDirectory, 'naive', bundle.id, 'index.js');
      await buildNaiveBundle(bundle.handler, outfile);
      naiveFiles.set(bundle.id, outfile);
    }
    progress('cold-start', `loading each bundle ${COLD_START.runs}× in fresh processes`);
    const measurements: FunctionMeasurement[] = [];
    for (const bundle of bundles) {
      const naiveFile = naiveFiles.get(bundle.id) as string;
      const ours: LoadSample[] = [];
      const oursWithoutSourceMaps: LoadSample[] = [];
      const naive: LoadSample[] = [];
      const errors: string[] = [];
      const { NODE_OPTIONS: _sourceMaps, ...withoutSourceMaps } = bundle.environment;
      // Alternating, so a burst of other load on the machine hits every variant alike.
      for (let run = 0; run < COLD_START.runs; run++) {
        for (const [samples, file, environment] of [
          [ours, bundle.bundleFile, bundle.environment],
          [oursWithoutSourceMaps, bundle.bundleFile, withoutSourceMaps],
          [naive, naiveFile, bundle.environment],
        ] as const) {
          try {
            samples.push(await loadOnce(file, environment));
          } catch (error) {
            if (errors.length < 3) errors.push(error instanceof Error ? error.message : String(error));
          }
        }
      }
      const mapFile = `${bundle.bundleFile}.map`;
      measurements.push({
        id: bundle.id,
        bundleBytes: fs.statSync(bundle.bundleFile).size,
        sourceMapBytes: fs.existsSync(mapFile) ? fs.statSync(mapFile).size : 0,
        naiveBundleBytes: fs.statSync(naiveFile).size,
        ours,
        oursWithoutSourceMaps,
        naive,
        errors,
      });
    }
    return coldStartResult(measurements);
  } finally {
    fs.rmSync(workDirectory, { recursive: true, force: true });
  }
}

function coldStartResult(measurements: readonly FunctionMeasurement[]): FigureResult {
  const rows: Row[] = [];
  for (const measurement of measurements) {
    const ours = median(measurement.ours.map((sample) => sample.loadInitMs));
    const naive = median(measurement.naive.map((sample) => sample.loadInitMs));
    const withoutMaps = median(measurement.oursWithoutSourceMaps.map((sample) => sample.loadInitMs));
    const fraction = ratio(ours, naive);
    rows.push(
      row({
        name: `${measurement.id}: load + init (median)`,
        value: ours === undefined ? null : round(ours, 1),
        unit: 'ms',
        budget: {
          max:
            naive === undefined
              ? Number.POSITIVE_INFINITY
              : round(naive * BUDGETS.coldStartFractionOfNaive, 1),
          text: `≤ ${BUDGETS.coldStartFractionOfNaive}× the naive bundle's time`,
        },
        comparisons: [
          {
            against: 'naive bundle',
            value: naive === undefined ? null : round(naive, 1),
            ratio: fraction === null ? null : round(fraction, 3),
          },
          {
            against: 'ours without source maps',
            value: withoutMaps === undefined ? null : round(withoutMaps, 1),
            ratio: (() => {
              const r = ratio(ours, withoutMaps);
              return r === null ? null : round(r, 3);
            })(),
          },
        ],
        note: `bundle ${kilobytes(measurement.bundleBytes)} (+ ${kilobytes(measurement.sourceMapBytes)} source map), naive ${kilobytes(measurement.naiveBundleBytes)}${measurement.errors.length > 0 ? `; ${measurement.errors.join(' | ')}` : ''}`,
      }),
    );
  }
  return {
    id: 'cold-start',
    title: `Cold start — each function's bundle loaded and initialised in a fresh Node ${process.version} process`,
    rows,
    notes: [
      `Ours: the stack's own bundles (cdk synth with bundling: esbuild ESM, minify, tree-shaking, source maps), run with the function's template environment including NODE_OPTIONS=--enable-source-maps. Naive: the same handler plus every AWS SDK client imported whole and amazon-sp-api, esbuild CJS without minify or tree-shaking.`,
      `Time = import() of the bundle (module evaluation = the function's init) inside the process, median of ${COLD_START.runs}; Node's own start (~40 ms) is not in it. Sizes are the uncompressed index file.`,
      'Lambda gives a 512 MB function about a third of a vCPU, so absolute times there are longer; the ratio is what carries over.',
    ],
    details: measurements.map((measurement) => ({
      ...measurement,
      oursMedianMs: median(measurement.ours.map((sample) => sample.loadInitMs)),
      naiveMedianMs: median(measurement.naive.map((sample) => sample.loadInitMs)),
      oursMedianProcessMs: median(measurement.ours.map((sample) => sample.processMs)),
      naiveMedianProcessMs: median(measurement.naive.map((sample) => sample.processMs)),
    })),
  };
}

const kilobytes = (bytes: number) => `${round(bytes / 1024, 0)} KB`;

if (require.main === module) runFigureProcess(measureColdStart);
