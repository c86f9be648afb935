import path from 'node:path';
import { ROUTES } from '../../shared/api/routes';
import { ENV } from '../../shared/config/settings';
import { publicPageFactsFromEnvironment } from '../../shared/public-page/public-facts';
import { createJwtAuthorizer } from '../auth/jwt-authorizer';
import { createLocalIdentityProvider, type LocalIdentityProvider } from '../auth/local-identity-provider';
import { LOCAL_CLIENT_ID } from '../auth/local-tokens';
import { SEEDED_OPERATORS, type SeededOperator } from '../auth/seeded-operators';
import { loadOrCreateSigningKey } from '../auth/signing-key';
import type { KmsFault } from '../emulators';
import { createLambdaRoutes, REPO_ROOT } from '../gateway/lambda-routes';
import { startLocalGateway, type LocalGateway } from '../gateway/server';
import { jsonResponse } from '../gateway/gateway-http';
import { createStaticSite } from '../gateway/static-files';
import type { SandboxSeller } from '../sandbox';
import { dataPaths, prepareDataDir } from './data-dir';
import {
  amazonEndpointSettings,
  applyEnvironment,
  buildLocalEnvironment,
  ignoredAwsSettings,
} from './environment';
import { allowRequireOfEsmOnlyPackages } from './esm-only-packages';
import { adsEnvironment, applyAdsEnvironment } from './ads-local';
import type { SqsPollerStatus } from './sqs-poller';
import type { InvocationOutcome } from './lambda-invocation';
import { seedDemoStores, type SeedResult } from './seed';
import { startLocalSchedules, startQueuePollers } from './workspace-background-functions';
import { LOCAL_STORE_ACCESS_ROLE_ARN, LOCAL_TABLE_NAME, startWorkspaceServices } from './workspace-services';

/**
 * The whole product on one machine: emulators, the Amazon sandbox, the local sign-in, the gateway in front of the
 * real handler modules, the revocation queue poller, and demo stores on a fresh start. `local/start.ts` is the
 * CLI around it; tests start it in-process. One workspace per process: the handler modules read their settings
 * once, when first imported, like a Lambda execution environment. This module puts the pieces together in order;
 * the services are started in workspace-services.ts, the queue pollers and schedules in
 * workspace-background-functions.ts.
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
    readonly sts: string;
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
  /** The local IAM enforcement of store sessions: how many calls a session's policy refused so far. */
  readonly storeAccess: { denied(): number };
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

    const services = await startWorkspaceServices({ url, env, paths, stops, log });
    const { app, appDraft, adsApp, dynamodb, sqs, kms, cognito, sandbox, secretsManager } = services;
    const { dynamodbClient, sqsClient, queues, clientSecretQueues, adsQueues, lwaClientSecretId } = services;
    const { storeAccess } = services;

    const amazonEndpoints = amazonEndpointSettings(env, sandbox?.endpoints);
    // DynamoDB and KMS through the IAM-enforcing proxies (base credentials pass unchanged; store sessions are
    // held to the store-access role's policy), STS from its stand-in.
    const endpoints = {
      dynamodb: storeAccess.dynamodbEndpoint,
      sqs: sqs.endpoint,
      kms: storeAccess.kmsEndpoint,
      sts: storeAccess.stsEndpoint,
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
        storeAccessRoleArn: LOCAL_STORE_ACCESS_ROLE_ARN,
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
    const pollers = startQueuePollers({
      client: sqsClient,
      revocationQueue: queues,
      adsReportQueue: adsQueues,
      clientSecretQueue: clientSecretQueues,
      stops,
      log,
    });
    const poller = pollers.revocation;
    const clientSecretPoller = pollers.clientSecret;

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

    const scheduledJobs = startLocalSchedules(log);
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
      storeAccess: { denied: () => storeAccess.deniedCount() },
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
