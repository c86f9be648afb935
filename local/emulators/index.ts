/** Local stand-ins for the AWS services the app uses, all on 127.0.0.1. See README.md for what they do not do. */
export { startDynamoDbLocal, type DynamoDbLocalHandle, type DynamoDbLocalOptions } from './dynamodb';
export { startSqsEmulator, type SqsEmulatorHandle, type SqsEmulatorOptions } from './sqs';
export {
  startKmsStandin,
  type KmsFault,
  type KmsOperationCounts,
  type KmsStandinHandle,
  type KmsStandinOptions,
} from './kms-standin';
export { startSupervisedDynamoDb, type SupervisedDynamoDb } from './supervised-dynamodb';
export { ensureRevocationQueues, ensureTable, type RevocationQueues } from './bootstrap';
export { ensureClientSecretQueues } from './client-secret-queues';
export {
  startSecretsManagerStandin,
  type SecretsManagerStandinHandle,
  type SecretsManagerStandinOptions,
} from './secrets-manager-standin';
export {
  startStsStandin,
  DEFAULT_STORE_ACCESS_ROLE_ARN,
  type StoreSession,
  type StsStandinHandle,
  type StsStandinOptions,
} from './sts-standin';
export {
  startIamEnforcement,
  startIamEnforcingProxy,
  type IamEnforcementHandle,
  type IamEnforcementOptions,
  type IamEnforcingProxyHandle,
  type IamEnforcingProxyOptions,
} from './iam-enforcing-proxy';
