import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { BACKGROUND_FUNCTIONS, ROUTES } from '../../shared/api/routes';
import { ENV } from '../../shared/config/settings';
import { publicPageFactsFromEnvironment } from '../../shared/public-page/public-facts';
import { startCognitoStandin, type CognitoStandinHandle } from '../auth/cognito-standin';
import { createJwtAuthorizer } from '../auth/jwt-authorizer';
import {
  createLocalIdentityProvider,
  LOCAL_CLIENT_ID,
  type LocalIdentityProvider,
} from '../auth/local-identity-provider';
import { SEEDED_OPERATORS, type SeededOperator } from '../auth/seeded-operators';
import { loadOrCreateSigningKey } from '../auth/signing-key';
import {
  ensureClientSecretQueues,
  ensureRevocationQueues,
  ensureTable,
  startSecretsManagerStandin,
  startKmsStandin,
  startSqsEmulator,
  startSupervisedDynamoDb,
  type KmsFault,
  type SupervisedDynamoDb,
  type KmsStandinHandle,
  type SqsEmulatorHandle,
} from '../emulators';
import {
  createLambdaRoutes,
  importHandlerModule,
  loadHandler,
  localFunctionName,
  REPO_ROOT,
} from '../gateway/lambda-routes';
import { startLocalGateway, type LocalGateway } from '../gateway/server';
import { jsonResponse } from '../gateway/gateway-http';
import { createStaticSite } from '../gateway/static-files';
import { startAmazonSandbox, type SandboxSeller } from '../sandbox';
import { dataPaths, prepareDataDir } from './data-dir';
import {
  amazonEndpointSettings,
  appDraftFrom,
  applyEnvironment,
  buildLocalEnvironment,
  ignoredAwsSettings,
  needsSandbox,
} from './environment';
import { allowRequireOfEsmOnlyPackages } from './esm-only-packages';
import { appFromEnvironment, loadOrCreateLocalApp } from './local-app';
import { adsEnvironment, applyAdsEnvironment, ensureAdsReportQueues, localAdsApp } from './ads-local';
import { startSqsPoller, type SqsPoller, type SqsPollerStatus } from './sqs-poller';
import type { InvocationOutcome } from './lambda-invocation';
import { startScheduledJobs } from './scheduled-jobs';
import { REVOCATION_SWEEP_DEFINITION } from '../../shared/revocation/revocation-sweep';
import { seedDemoStores, type SeedResult } from './seed';

/**
 * The whole product on one machine: emulators, the Amazon sandbox, the local sign-in, the gateway in front of the
 * real handler modules, the revocation queue poller, and demo stores on a fresh start. `local/start.ts` is the
 * CLI around it; tests start it in-process. One workspace per process: the handler modules read their settings
 * once, when first imported, like a Lambda execution environment.
 */
export interface LocalWorkspaceOptions {
  /** @default `.mint-hub` at the repository root */
  readonly dataDir?: string;
  /** 0 picks a free port. @default 3000 */
  readonly port?: number;
  /** Delete the data folder first. */
  readonly reset?: boolean;
  /** Connect demo stores on a fresh start. @default true */
  readonly seed?: boolean;
  /** The environment the settings are read from and written to. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

export interface LocalWorkspace {
  /** The dashboard, the API and the local sign-in: `http://localhost:PORT`. */
  readonly url: string;
  /** The Amazon sandbox, when it runs (some endpoint was left to it). */
  readonly sandboxUrl?: string;
  readonly dataDir: string;
  readonly tableName: string;
  readonly endpoints: {
    readonly dynamodb: string;
    readonly sqs: string;
    readonly kms: string;
    /** The Cognito stand-in: the operator directory's `ListUsers`. */
    readonly cognito: string;
    /** The Secrets Manager stand-in holding the LWA client secret (`MINT_HUB_LWA_CLIENT_SECRET_ID`). */
    readonly secretsManager: string;
  };
  /** The queue Developer Central would deliver client-secret notifications to, and the secret's id. */
  readonly clientSecretQueueUrl: string;
  readonly lwaClientSecretId: string;
  /** The stand-in's user pool, the handlers' `MINT_HUB_USER_POOL_ID`. */
  readonly userPoolId: string;
  readonly revocationQueueUrl: string;
  /** The Amazon endpoints in use, by setting name. */
  readonly amazonEndpoints: Readonly<Record<string, string>>;
  readonly sellers: ReadonlyArray<SandboxSeller>;
  readonly operators: readonly SeededOperator[];
  readonly seed: SeedResult | undefined;
  readonly identityProvider: LocalIdentityProvider;
  pollerStatus(): SqsPollerStatus;
  /**
   * Runs a scheduled function now (after a run in progress) and answers its outcome. The workspace also runs each
   * at start and every few minutes: the revocation sweep (`RevocationSweep`).
   */
  runScheduledJob(id: string): Promise<InvocationOutcome<unknown>>;
  /** Fault controls for tests and drills: a crashed DynamoDB Local (restarted by the workspace), a failing KMS. */
  readonly faults: {
    crashDynamoDb(options?: { restart?: boolean }): void;
    restartDynamoDb(): Promise<void>;
    /** Resolves once a restart in progress is done. */
    dynamoDbSettled(): Promise<void>;
    kms(fault: KmsFault | undefined): void;
  };
  stop(): Promise<void>;
}

export const LOCAL_TABLE_NAME = 'mint-hub-local';
const QUEUE_PREFIX = 'mint-hub-local';
/** Locally the sweep runs every 5 minutes (an hour in AWS): cheap here, and a drill sees it soon. */
const LOCAL_SWEEP_PERIOD_MS = 5 * 60_000;
const REVOCATION_WORKER = BACKGROUND_FUNCTIONS.find((definition) => definition.id === 'RevocationWorker');
const CLIENT_SECRET_WORKER = BACKGROUND_FUNCTIONS.find(
  (definition) => definition.id === 'ClientSecretRotationWorker',
);
/** The LWA client secret's name in the local Secrets Manager stand-in. */
const LOCAL_CLIENT_SECRET_NAME = 'mint-hub-local/lwa-client-secret';

let running = false;
/** Once handler modules are loaded they keep the settings they read; a second workspace would get stale ones. */
let handlersLoaded = false;

export async function startLocalWorkspace(options: LocalWorkspaceOptions = {}): Promise<LocalWorkspace> {
  if (running) throw new Error('A local workspace is already running in this process');
  if (handlersLoaded) {
    throw new Error(
      'This process already ran a workspace whose handler modules keep its settings: start a new one',
    );
  }
  running = true;
  const log = options.log ?? ((line: string) => console.log(line));
  const env = options.env ?? process.env;
  const dataDir = path.resolve(options.dataDir ?? path.join(REPO_ROOT, '.mint-hub'));
  const paths = dataPaths(dataDir);
  const stops: Array<() => Promise<void> | void> = [];
  let closeGateway: (() => Promise<void>) | undefined;
  // The gateway stops taking requests first; then everything else in the reverse order of starting.
  const stopAll = async () => {
    const ordered = [...(closeGateway ? [closeGateway] : []), ...stops.reverse()];
    closeGateway = undefined;
    for (const stop of ordered) {
      try {
        await stop();
      } catch (error) {
        log(`stopping: ${error instanceof Error ? error.message : 'unknown error'}`);
      }
    }
    stops.length = 0;
    running = false;
  };

  try {
    await prepareDataDir(dataDir, { reset: options.reset ?? false });
    for (const name of ignoredAwsSettings(env)) log(`ignoring ${name}: the local workspace does not use it`);

    // The port comes first: the app registration's redirect URI and the token issuer contain it.
    const gateway: LocalGateway = await startLocalGateway({ port: options.port ?? 3000, log });
    closeGateway = () => gateway.close();
    const { url } = gateway;

    const app = appFromEnvironment(env) ?? (await loadOrCreateLocalApp(paths.localApp));
    const appDraft = appDraftFrom(env);
    const adsApp = localAdsApp(env, app);
    // Started side by side; each registers its stop as soon as it is up, so a failure leaves nothing running.
    const [dynamodb, sqs, kms, cognito, sandbox] = await allOrNothing([
      startSupervisedDynamoDb({ dataDir: paths.dynamodb, log }).then(keep(stops)),
      startSqsEmulator().then(keep(stops)),
      startKmsStandin({ keyFile: paths.kmsKey }).then(keep(stops)),
      startCognitoStandin().then(keep(stops)),
      needsSandbox(env)
        ? startAmazonSandbox({
            apps: [
              {
                applicationId: app.applicationId,
                clientId: app.clientId,
                clientSecret: app.clientSecret,
                redirectUris: [`${url}/auth/amazon/callback`],
                loginUri: `${url}/auth/amazon/login`,
                draft: appDraft,
              },
            ],
            adsApps: [{ ...adsApp, redirectUris: [`${url}/auth/amazon-ads/callback`] }],
            // Refresh tokens stored in the table must keep working after a restart, as Amazon's would.
            stateFile: paths.sandboxState,
          }).then((started) => {
            stops.push(() => started.close());
            return started;
          })
        : Promise.resolve(undefined),
    ] as const);

    const clientConfig = {
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const dynamodbClient = new DynamoDBClient({ ...clientConfig, endpoint: dynamodb.endpoint });
    const sqsClient = new SQSClient({ ...clientConfig, endpoint: sqs.endpoint });
    stops.push(() => {
      dynamodbClient.destroy();
      sqsClient.destroy();
    });
    await ensureTable(dynamodbClient, LOCAL_TABLE_NAME);
    const queues = await ensureRevocationQueues(sqsClient, QUEUE_PREFIX);
    const clientSecretQueues = await ensureClientSecretQueues(sqsClient, QUEUE_PREFIX);
    const adsQueues = await ensureAdsReportQueues(sqsClient, QUEUE_PREFIX);
    // In memory, seeded from the app registration at every start, like the sandbox's own record of the secret: a
    // rotation lasts until the workspace stops, and a restart starts both from local-app.json again.
    const secretsManager = await startSecretsManagerStandin();
    stops.push(() => secretsManager.stop());
    const lwaClientSecretId = secretsManager.putSecret(LOCAL_CLIENT_SECRET_NAME, app.clientSecret);
    if (sandbox !== undefined) {
      sandbox.notifications.useSqsEndpoint(sqs.endpoint);
      // What registering the queue in Developer Central does.
      sandbox.notifications.registerApplicationQueue(clientSecretQueues.queueArn);
    }

    const amazonEndpoints = amazonEndpointSettings(env, sandbox?.endpoints);
    const endpoints = {
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      kms: kms.endpoint,
      cognito: cognito.endpoint,
      secretsManager: secretsManager.endpoint,
    };
    const restoreEnvironment = applyEnvironment(
      env,
      buildLocalEnvironment({
        url,
        tableName: LOCAL_TABLE_NAME,
        tokenKeyArn: kms.keyArn,
        revocationQueueUrl: queues.queueUrl,
        revocationQueueArn: queues.queueArn,
        auditFile: paths.auditFile,
        app,
        appDraft,
        amazonEndpoints,
        endpoints,
        cognito: { endpoint: cognito.endpoint, userPoolId: cognito.userPoolId },
        clientSecretStore: { endpoint: secretsManager.endpoint, secretId: lwaClientSecretId },
        incoming: env,
      }),
    );
    stops.push(restoreEnvironment);
    stops.push(
      applyAdsEnvironment(
        env,
        adsEnvironment({ incoming: env, sandbox, adsApp, reportQueueUrl: adsQueues.queueUrl }),
      ),
    );
    handlersLoaded = true; // from here on, handler modules may load with these settings

    // The revocation queue's event source mapping; the worker module loads with the first batch.
    if (REVOCATION_WORKER === undefined) throw new Error('RevocationWorker is missing from the manifest');
    const workerDefinition = REVOCATION_WORKER;
    let worker: ReturnType<typeof loadHandler> | undefined;
    const poller: SqsPoller = startSqsPoller({
      client: sqsClient,
      queueUrl: queues.queueUrl,
      queueArn: queues.queueArn,
      functionName: localFunctionName(workerDefinition.id),
      loadHandler: () => (worker ??= loadHandler(workerDefinition.handler, importHandlerModule)),
      log,
    });
    stops.push(() => poller.stop());
    // The Ads report pipeline's event source mapping (report polls ride on the queue's delays).
    const adsWorkerDefinition = BACKGROUND_FUNCTIONS.find(
      (definition) => definition.id === 'AdsReportWorker',
    );
    if (adsWorkerDefinition === undefined) throw new Error('AdsReportWorker is missing from the manifest');
    let adsWorker: ReturnType<typeof loadHandler> | undefined;
    const adsPoller: SqsPoller = startSqsPoller({
      client: sqsClient,
      queueUrl: adsQueues.queueUrl,
      queueArn: adsQueues.queueArn,
      functionName: localFunctionName(adsWorkerDefinition.id),
      loadHandler: () => (adsWorker ??= loadHandler(adsWorkerDefinition.handler, importHandlerModule)),
      timeoutMs: 60_000,
      batchSize: 5,
      log,
    });
    stops.push(() => adsPoller.stop());
    if (CLIENT_SECRET_WORKER === undefined)
      throw new Error('ClientSecretRotationWorker is missing from the manifest');
    const clientSecretWorkerDefinition = CLIENT_SECRET_WORKER;
    let clientSecretWorker: ReturnType<typeof loadHandler> | undefined;
    const clientSecretPoller: SqsPoller = startSqsPoller({
      client: sqsClient,
      queueUrl: clientSecretQueues.queueUrl,
      queueArn: clientSecretQueues.queueArn,
      functionName: localFunctionName(clientSecretWorkerDefinition.id),
      loadHandler: () =>
        (clientSecretWorker ??= loadHandler(clientSecretWorkerDefinition.handler, importHandlerModule)),
      log,
    });
    stops.push(() => clientSecretPoller.stop());

    const signingKey = await loadOrCreateSigningKey(paths.signingKey);
    const identityProvider = createLocalIdentityProvider({ baseUrl: url, signingKey });
    const routes = createLambdaRoutes(ROUTES);
    allowRequireOfEsmOnlyPackages();
    // `/healthz` says 503 "starting" until the demo stores are seeded: healthy means ready to sign in and use.
    let startingUp: string | undefined = 'initialising the functions';
    gateway.serve({
      startingUp: () => startingUp,
      routes,
      authorizer: createJwtAuthorizer({
        issuer: identityProvider.issuer,
        audience: [LOCAL_CLIENT_ID],
        jwks: signingKey.jwks,
      }),
      localEndpoints: async (request) =>
        request.method === 'GET' && request.rawPath === '/local/status'
          ? jsonResponse(200, {
              url,
              sandboxUrl: sandbox?.url ?? null,
              endpoints,
              revocationPoller: poller.status(),
              clientSecretPoller: clientSecretPoller.status(),
            })
          : identityProvider.handle(request),
      staticSite: createStaticSite({
        roots: [path.join(REPO_ROOT, 'dashboard', 'dist'), path.join(REPO_ROOT, 'dashboard', 'public')],
        runtimeConfig: {
          apiUrl: '',
          region: 'local',
          userPoolId: 'local',
          clientId: LOCAL_CLIENT_ID,
          signInUrl: identityProvider.issuer,
          auth: 'local',
          // The same facts builder as the stack, from the environment the handlers read.
          publicPage: publicPageFactsFromEnvironment(env),
        },
      }),
    });
    // Every function's init now, like a deployment's first invocations, so a missing setting shows at start.
    await Promise.all(
      routes.map((route) =>
        route.load().catch((error: unknown) => {
          log(
            `${route.functionName} failed to initialise: ${error instanceof Error ? error.message : 'unknown error'}`,
          );
        }),
      ),
    );

    // EventBridge's schedules, once handlers can load (the ESM hook above): the revocation sweep at start (a stop
    // may have left a shred undone) and every LOCAL_SWEEP_PERIOD_MS after.
    const sweepDefinition = BACKGROUND_FUNCTIONS.find((definition) => definition.id === 'RevocationSweep');
    if (sweepDefinition === undefined) throw new Error('RevocationSweep is missing from the manifest');
    let sweep: ReturnType<typeof loadHandler> | undefined;
    const scheduledJobs = startScheduledJobs(
      [
        {
          id: sweepDefinition.id,
          functionName: localFunctionName(sweepDefinition.id),
          loadHandler: () =>
            (sweep ??= loadHandler(sweepDefinition.handler, importHandlerModule).catch((error: unknown) => {
              sweep = undefined; // a failed import is tried again on the next run
              throw error;
            })),
          periodMs: LOCAL_SWEEP_PERIOD_MS,
          timeoutMs: REVOCATION_SWEEP_DEFINITION.timeoutSeconds * 1000,
        },
      ],
      { log },
    );
    stops.push(() => scheduledJobs.stop());

    let seed: SeedResult | undefined;
    const amazonIsSandbox =
      sandbox !== undefined &&
      amazonEndpoints[ENV.sellerCentralUrl] === sandbox.endpoints.sellerCentral &&
      amazonEndpoints[ENV.lwaTokenUrl] === sandbox.endpoints.lwaToken;
    if ((options.seed ?? true) && sandbox !== undefined && amazonIsSandbox) {
      startingUp = 'seeding the demo stores';
      seed = await seedDemoStores({
        url,
        sellerCentralUrl: sandbox.endpoints.sellerCentral,
        sellers: sandbox.sellers,
        issueAccessToken: (operator) => identityProvider.issueAccessToken(operator),
        dynamodb: dynamodbClient,
        tableName: LOCAL_TABLE_NAME,
        log,
      });
    } else if (options.seed ?? true) {
      log('demo stores not seeded: Seller Central or the LWA token endpoint is not the sandbox');
    }
    startingUp = undefined;

    let stopping: Promise<void> | undefined;
    return {
      url,
      ...(sandbox === undefined ? {} : { sandboxUrl: sandbox.url }),
      dataDir,
      tableName: LOCAL_TABLE_NAME,
      endpoints,
      userPoolId: cognito.userPoolId,
      revocationQueueUrl: queues.queueUrl,
      clientSecretQueueUrl: clientSecretQueues.queueUrl,
      lwaClientSecretId,
      amazonEndpoints,
      sellers: sandbox?.sellers ?? [],
      operators: SEEDED_OPERATORS,
      seed,
      identityProvider,
      pollerStatus: () => poller.status(),
      runScheduledJob: (id) => scheduledJobs.run(id),
      faults: {
        crashDynamoDb: (crashOptions) => dynamodb.crash(crashOptions),
        restartDynamoDb: () => dynamodb.restart(),
        dynamoDbSettled: () => dynamodb.settled(),
        kms: (fault) => kms.setFault(fault),
      },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Registers a started component's stop, and passes it on. */
function keep<T extends SupervisedDynamoDb | SqsEmulatorHandle | KmsStandinHandle | CognitoStandinHandle>(
  stops: Array<() => Promise<void> | void>,
): (handle: T) => T {
  return (handle) => {
    stops.push(() => handle.stop());
    return handle;
  };
}

/** Like Promise.all, but waits for every start to settle before rejecting, so none is left running unstopped. */
async function allOrNothing<T extends readonly unknown[]>(starts: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
