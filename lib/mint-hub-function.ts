import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as path from 'node:path';

export interface MintHubFunctionProps {
  /** Handler module relative to the repository root, without extension (from the route manifest). */
  readonly handler: string;
  readonly description: string;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** Merged over the defaults, never replacing them. */
  readonly environment?: Record<string, string>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

const REPOSITORY_ROOT = path.join(__dirname, '..');

/**
 * Node built-ins the bundles take as CommonJS (`process.getBuiltinModule`, lib/bundling/node-*.cjs) instead of as an
 * ES module. Importing a built-in from ESM makes Node build its ES namespace, which reads every export, lazy
 * getters included: `node:http`'s (WebSocket and friends) load undici, about 25 ms of CPU at init with Node 24, and
 * `node:process`, `node:util` and `node:fs` cost 2–4 ms each; taken as CommonJS each costs only its module's load.
 * Same objects, same functions: only the namespace is skipped. The other built-ins the bundles import cost the
 * same either way (under 0.3 ms apart) and stay ES imports. `fs/promises` is listed because an alias of `fs` also
 * covers its subpaths (and would send `fs/promises` to `node-fs.cjs/promises`).
 */
const CJS_BUILTINS = ['http', 'process', 'util', 'fs', 'fs/promises'] as const;
const builtinAliases = CJS_BUILTINS.flatMap((name) => {
  const shim = path.join(REPOSITORY_ROOT, 'lib', 'bundling', `node-${name.replace('/', '-')}.cjs`);
  return [`${name}=${shim}`, `node:${name}=${shim}`];
});

/**
 * Where our Powertools metrics land: the product's namespace (shared/observability/powertools.ts), with the one
 * dimension Powertools adds to each metric, `service`, which is the function's id (its POWERTOOLS_SERVICE_NAME).
 * Alarms on a function's metric must name both, or they watch a metric nobody publishes.
 */
export const POWERTOOLS_METRICS_NAMESPACE = 'MintHub';
export const functionMetric = (functionId: string) =>
  ({ namespace: POWERTOOLS_METRICS_NAMESPACE, dimensionsMap: { service: functionId } }) as const;

/**
 * Every Lambda function of Mint Hub, with the defaults in one place: the current Node.js runtime on arm64,
 * X-Ray tracing, JSON logs into an explicit log group with retention, and an ESM + minified bundle with source
 * maps built by the local esbuild (never Docker).
 */
export class MintHubFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: MintHubFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: the function may write to its own log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Mint Hub ${id}`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:log-stream:*`],
      }),
    );
    super(scope, id, {
      role,
      entry: path.join(REPOSITORY_ROOT, `${props.handler}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
      projectRoot: REPOSITORY_ROOT,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: id,
        POWERTOOLS_METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The SDK clients are bundled (tree-shaken) rather than taken from the runtime, so what runs in Lambda is
        // the exact version the tests ran against.
        externalModules: [],
        // Some CommonJS dependencies call require(); give the ESM bundle one.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        esbuildArgs: { '--alias': builtinAliases },
      },
    });
  }
}
