import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startCognitoStandin, type CognitoStandinHandle } from '../auth/cognito-standin';
import {
  ensureClientSecretQueues,
  ensureRevocationQueues,
  ensureTable,
  startKmsStandin,
  startSecretsManagerStandin,
  startSqsEmulator,
  startIamEnforcement,
  startSupervisedDynamoDb,
  type IamEnforcementHandle,
  type KmsStandinHandle,
  type RevocationQueues,
  type SecretsManagerStandinHandle,
  type SqsEmulatorHandle,
  type SupervisedDynamoDb,
} from '../emulators';
import { startAmazonSandbox, type AmazonSandbox } from '../sandbox';
import type { dataPaths } from './data-dir';
import { appDraftFrom, needsSandbox } from './environment';
import { appFromEnvironment, loadOrCreateLocalApp, type LocalApp } from './local-app';
import { ensureAdsReportQueues, localAdsApp } from './ads-local';

// The services the workspace's handlers talk to, started side by side: DynamoDB Local with the table, the SQS
// emulator with the revocation, client-secret and Ads report queues, the KMS, Cognito and Secrets Manager
// stand-ins, and the Amazon sandbox when some Amazon endpoint is left to it, registered with the local app. Each
// registers its stop as soon as it is up, so a failure leaves nothing running.

export const LOCAL_TABLE_NAME = 'mint-hub-local';
/** The store-access role the local STS stand-in lets the functions assume (issue 17; docs/security.md). */
export const LOCAL_STORE_ACCESS_ROLE_ARN = 'arn:aws:iam::000000000000:role/mint-hub-local-store-access';
const QUEUE_PREFIX = 'mint-hub-local';
/** The LWA client secret's name in the local Secrets Manager stand-in. */
const LOCAL_CLIENT_SECRET_NAME = 'mint-hub-local/lwa-client-secret';

export interface WorkspaceServices {
  readonly app: LocalApp;
  readonly appDraft: boolean;
  readonly adsApp: { clientId: string; clientSecret: string };
  readonly dynamodb: SupervisedDynamoDb;
  readonly sqs: SqsEmulatorHandle;
  readonly kms: KmsStandinHandle;
  readonly cognito: CognitoStandinHandle;
  readonly sandbox: AmazonSandbox | undefined;
  readonly secretsManager: SecretsManagerStandinHandle;
  readonly dynamodbClient: DynamoDBClient;
  readonly sqsClient: SQSClient;
  readonly queues: RevocationQueues;
  readonly clientSecretQueues: RevocationQueues;
  readonly adsQueues: Awaited<ReturnType<typeof ensureAdsReportQueues>>;
  readonly lwaClientSecretId: string;
  /**
   * The STS stand-in and the IAM-enforcing proxies in front of DynamoDB Local and the KMS stand-in: a store
   * session's calls are held to the store-access role's policy, as IAM holds them in AWS.
   */
  readonly storeAccess: IamEnforcementHandle;
}

export async function startWorkspaceServices(options: {
  /** The gateway's URL: the app registration's redirect and login URIs are on it. */
  readonly url: string;
  readonly env: NodeJS.ProcessEnv;
  readonly paths: ReturnType<typeof dataPaths>;
  readonly stops: Array<() => Promise<void> | void>;
  readonly log: (line: string) => void;
}): Promise<WorkspaceServices> {
  const { url, env, paths, stops, log } = options;
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
  const storeAccess = await startIamEnforcement({
    dynamodbEndpoint: dynamodb.endpoint, // the same port after a supervised restart
    kmsEndpoint: kms.endpoint,
    tableName: LOCAL_TABLE_NAME,
    tokenKeyArn: kms.keyArn,
    roleArn: LOCAL_STORE_ACCESS_ROLE_ARN,
  });
  stops.push(() => storeAccess.stop());
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

  return {
    app,
    appDraft,
    adsApp,
    dynamodb,
    sqs,
    kms,
    cognito,
    sandbox,
    secretsManager,
    dynamodbClient,
    sqsClient,
    queues,
    clientSecretQueues,
    storeAccess,
    adsQueues,
    lwaClientSecretId,
  };
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
