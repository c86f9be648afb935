/** The AWS resources and URLs of the stack a function is wired to: table, key, user pool, queues, audit, dashboard. */
import { read, required, urlSetting } from './setting-values';
import { ENV, MissingSettingError, type Environment } from './settings';

export interface StorageSettings {
  readonly tableName: string;
}
export const readStorageSettings = (env: Environment): StorageSettings => ({
  tableName: required(env, ENV.tableName),
});

export const readTokenKeyId = (env: Environment): string => required(env, ENV.tokenKeyId);

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** The store-access role a store function assumes after its gate (shared/store-access/store-access-policy.ts). */
export function readStoreAccessRoleArn(env: Environment): string {
  const value = required(env, ENV.storeAccessRoleArn);
  if (!ROLE_ARN.test(value)) throw new MissingSettingError(ENV.storeAccessRoleArn, 'must be an IAM role ARN');
  return value;
}
/** The Cognito user pool that signs operators in (members routes look people up in it). */
export const readUserPoolId = (env: Environment): string => required(env, ENV.userPoolId);

export const readRevocationQueueUrl = (env: Environment): string =>
  urlSetting(env, ENV.revocationQueueUrl, required(env, ENV.revocationQueueUrl));

const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;

/** The account-status destination's queue ARN, or undefined when subscriptions are off. */
export function readAccountStatusDestinationArn(env: Environment): string | undefined {
  const value = read(env, ENV.accountStatusDestinationArn);
  if (value === undefined) return undefined;
  if (!SQS_ARN.test(value))
    throw new MissingSettingError(ENV.accountStatusDestinationArn, 'must be an SQS queue ARN');
  return value;
}
/**
 * Where access records go: the dedicated CloudWatch log group in AWS, or a JSON-lines file in the local runtime.
 * Exactly one must be set, so a deployed function cannot silently write its audit trail somewhere else.
 */
export type AuditDestination = { kind: 'cloudwatch'; logGroupName: string } | { kind: 'file'; path: string };

export function readAuditDestination(
  env: Environment,
  /** The file read when neither is set (the export script's local default); functions pass none. */
  fallbackFile?: string,
): AuditDestination {
  const logGroupName = read(env, ENV.auditLogGroupName);
  const file = read(env, ENV.auditFile);
  if (logGroupName !== undefined && file !== undefined) {
    throw new MissingSettingError(ENV.auditFile, `must not be set together with ${ENV.auditLogGroupName}`);
  }
  if (logGroupName !== undefined) return { kind: 'cloudwatch', logGroupName };
  if (file !== undefined) return { kind: 'file', path: file };
  if (fallbackFile !== undefined) return { kind: 'file', path: fallbackFile };
  throw new MissingSettingError(
    ENV.auditLogGroupName,
    `(or ${ENV.auditFile} locally) is required but not set`,
  );
}
export const readDashboardUrl = (env: Environment): string =>
  urlSetting(env, ENV.dashboardUrl, required(env, ENV.dashboardUrl));
export const readRedirectUri = (env: Environment): string =>
  urlSetting(env, ENV.redirectUri, required(env, ENV.redirectUri));
