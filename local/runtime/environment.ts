import { ENV } from '../../shared/config/settings';
import type { LocalApp } from './local-app';

/**
 * The settings the handler modules read at init, for the local runtime: the same names the stack sets in AWS
 * (shared/config/settings.ts), pointed at the emulators, the audit file, the local app and the Amazon sandbox.
 * They go into process.env before any handler module is imported.
 */
export type EnvironmentMap = Record<string, string>;
type Environment = Readonly<Record<string, string | undefined>>;

/** Amazon endpoint settings that the sandbox can answer; any left unset is pointed at it. */
export const SANDBOX_ENDPOINT_SETTINGS = [
  ENV.lwaTokenUrl,
  ENV.sellerCentralUrl,
  ENV.spapiUrlNA,
  ENV.spapiUrlEU,
  ENV.spapiUrlFE,
] as const;

/** Settings that must not reach the local handlers: each would make them look for an AWS resource. */
const AWS_ONLY_SETTINGS = [
  ENV.auditLogGroupName,
  ENV.lwaClientSecretId,
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
] as const;

export interface SandboxEndpoints {
  readonly sellerCentral: string;
  readonly lwaToken: string;
  readonly spapi: Readonly<Record<'NA' | 'EU' | 'FE', string>>;
}

const isSet = (env: Environment, name: string) => (env[name]?.trim() ?? '') !== '';

/** The sandbox is needed unless every endpoint it could answer is set to something else. */
export function needsSandbox(env: Environment): boolean {
  return SANDBOX_ENDPOINT_SETTINGS.some((name) => !isSet(env, name));
}

/** Endpoint settings: the caller's where set, the sandbox's for the rest. */
export function amazonEndpointSettings(
  env: Environment,
  sandbox: SandboxEndpoints | undefined,
): EnvironmentMap {
  const fromSandbox: Record<(typeof SANDBOX_ENDPOINT_SETTINGS)[number], string | undefined> = {
    [ENV.lwaTokenUrl]: sandbox?.lwaToken,
    [ENV.sellerCentralUrl]: sandbox?.sellerCentral,
    [ENV.spapiUrlNA]: sandbox?.spapi.NA,
    [ENV.spapiUrlEU]: sandbox?.spapi.EU,
    [ENV.spapiUrlFE]: sandbox?.spapi.FE,
  };
  const settings: EnvironmentMap = {};
  for (const name of SANDBOX_ENDPOINT_SETTINGS) {
    const value = isSet(env, name) ? env[name]?.trim() : fromSandbox[name];
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}

export interface LocalEnvironmentInput {
  /** `http://localhost:PORT` */
  readonly url: string;
  readonly tableName: string;
  readonly tokenKeyArn: string;
  readonly revocationQueueUrl: string;
  /**
   * The revocation queue's ARN: the app's Notifications API destination for ACCOUNT_STATUS_CHANGED (the sandbox
   * delivers to it, as Amazon delivers to the deployed queue).
   */
  readonly revocationQueueArn: string;
  readonly auditFile: string;
  readonly app: LocalApp;
  readonly appDraft: boolean;
  readonly amazonEndpoints: EnvironmentMap;
  readonly endpoints: {
    readonly dynamodb: string;
    readonly sqs: string;
    readonly kms: string;
    readonly sts: string;
  };
  /** The store-access role the functions assume after their gates (the STS stand-in's). */
  readonly storeAccessRoleArn: string;
  /**
   * The Secrets Manager stand-in holding the LWA client secret, so functions read it (and the rotation worker
   * writes it) through the real adapter. Without it, the secret is passed as MINT_HUB_LWA_CLIENT_SECRET.
   */
  readonly clientSecretStore?: { readonly endpoint: string; readonly secretId: string };
  /** The Cognito stand-in and its user pool, for the operator directory (the members routes). */
  readonly cognito?: { readonly endpoint: string; readonly userPoolId: string };
  /** The environment the workspace was started with: kept settings are read from it. */
  readonly incoming: Environment;
}

export function buildLocalEnvironment(input: LocalEnvironmentInput): EnvironmentMap {
  const ordersApiVersion = input.incoming[ENV.ordersApiVersion]?.trim();
  return {
    [ENV.tableName]: input.tableName,
    [ENV.tokenKeyId]: input.tokenKeyArn,
    [ENV.revocationQueueUrl]: input.revocationQueueUrl,
    [ENV.accountStatusDestinationArn]: input.revocationQueueArn,
    [ENV.auditFile]: input.auditFile,
    [ENV.dashboardUrl]: input.url,
    [ENV.redirectUri]: `${input.url}/auth/amazon/callback`,
    [ENV.appId]: input.app.applicationId,
    [ENV.lwaClientId]: input.app.clientId,
    ...(input.clientSecretStore === undefined
      ? { [ENV.lwaClientSecret]: input.app.clientSecret }
      : {
          [ENV.lwaClientSecretId]: input.clientSecretStore.secretId,
          // Cleared, not left as the shell had it: the two sources are exclusive (shared/config), '' is unset.
          [ENV.lwaClientSecret]: '',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: input.clientSecretStore.endpoint,
        }),
    [ENV.appDraft]: String(input.appDraft),
    ...(ordersApiVersion ? { [ENV.ordersApiVersion]: ordersApiVersion } : {}),
    ...input.amazonEndpoints,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: input.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: input.endpoints.sqs,
    AWS_ENDPOINT_URL_KMS: input.endpoints.kms,
    AWS_ENDPOINT_URL_STS: input.endpoints.sts,
    [ENV.storeAccessRoleArn]: input.storeAccessRoleArn,
    ...(input.cognito === undefined
      ? {}
      : {
          [ENV.userPoolId]: input.cognito.userPoolId,
          // The SDK's name for this service's endpoint: serviceId "Cognito Identity Provider", upper-cased.
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: input.cognito.endpoint,
        }),
    // Powertools: readable logs, no X-Ray segments (no daemon), no EMF metrics lines.
    POWERTOOLS_DEV: 'true',
    // One process serves every function locally: one service name for its log lines.
    POWERTOOLS_SERVICE_NAME: 'mint-hub-local',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}

/** `MINT_HUB_APP_DRAFT` as the workspace received it: true or false, default false. */
export function appDraftFrom(env: Environment): boolean {
  const value = env[ENV.appDraft]?.trim() || 'false';
  if (value !== 'true' && value !== 'false') throw new Error(`${ENV.appDraft} must be true or false`);
  return value === 'true';
}

/**
 * Writes the settings into `target` (process.env) and removes the AWS-only ones; returns the function that puts
 * everything back as it was (for in-process tests).
 */
export function applyEnvironment(target: NodeJS.ProcessEnv, settings: EnvironmentMap): () => void {
  const names = [...Object.keys(settings), ...AWS_ONLY_SETTINGS];
  const previous = new Map(names.map((name) => [name, target[name]]));
  for (const name of AWS_ONLY_SETTINGS) delete target[name];
  Object.assign(target, settings);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete target[name];
      else target[name] = value;
    }
  };
}

/** Which AWS-only settings the incoming environment had (the workspace says it ignores them). */
export function ignoredAwsSettings(env: Environment): string[] {
  return AWS_ONLY_SETTINGS.filter((name) => isSet(env, name));
}
