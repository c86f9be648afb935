import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Capability } from '../shared/api/routes';
import { ENV } from '../shared/config/settings';
import { APP_ITEM_KEY_PATTERNS, TABLE_DEFINITION } from '../shared/storage/table-definition';
import { TOKEN_ENCRYPTION_CONTEXT_KEYS } from '../shared/storage/token-encryption-context';
import { GATE_ATTRIBUTES } from '../shared/store-access/store-access-policy';
import type { AdsReportPipeline } from './ads-reports';
import type { AuditTrail } from './audit-trail';
import type { MintHubFunction } from './mint-hub-function';
import type { RevocationQueue } from './revocation';
import type { StoreAccess } from './store-access';
import type { TokenVault } from './token-vault';

export interface CapabilityResources {
  readonly vault: TokenVault;
  readonly revocation: RevocationQueue;
  readonly audit: AuditTrail;
  readonly lwaClientSecret: ISecret;
  /** The Ads security profile's client secret: a second secret, read only by the Ads functions. */
  readonly adsClientSecret: ISecret;
  readonly adsReports: AdsReportPipeline;
  /** The operators' user pool (lib/operators.ts): the directory the members routes look people up in. */
  readonly userPool: IUserPool;
  /** The store-access role (lib/store-access.ts): the `store:none|spapi|ads` capabilities admit functions to it. */
  readonly storeAccess: StoreAccess;
}

/**
 * Turns a function's declared capabilities (route manifest) into least-privilege IAM statements, each paired
 * with the environment variable that tells the function where the resource is. Nothing is granted on `*`.
 */
export function grantCapabilities(
  fn: MintHubFunction,
  capabilities: readonly Capability[],
  r: CapabilityResources,
): void {
  const region = Stack.of(fn).region;
  const table = r.vault.table;
  const tableResources = [table.tableArn, `${table.tableArn}/index/${TABLE_DEFINITION.userStoresIndex.name}`];
  const viaDynamoDb = { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } };
  // Reading an item of the table (SSE with our key) needs the key's Decrypt, through DynamoDB only.
  const storageKeyForReads = () =>
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [r.vault.storageKey.keyArn],
      conditions: viaDynamoDb,
    });
  // Writing an item of the table (SSE with our key) needs the key for data keys, through DynamoDB only.
  const storageKeyForWrites = () =>
    new PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [r.vault.storageKey.keyArn],
      conditions: viaDynamoDb,
    });
  // Token key use must name a whole store context: a caller cannot encrypt or decrypt without it.
  const storeContext = {
    'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...TOKEN_ENCRYPTION_CONTEXT_KEYS] },
    Null: Object.fromEntries(
      TOKEN_ENCRYPTION_CONTEXT_KEYS.map((key) => [`kms:EncryptionContext:${key}`, 'false']),
    ),
  };

  // Each purpose's tokens only by its own functions: SP-API fetchers never decrypt an Ads token, nor the reverse.
  const forPurpose = (purpose: 'SPAPI' | 'ADS') => ({
    ...storeContext,
    StringEquals: { 'kms:EncryptionContext:purpose': purpose },
  });

  for (const capability of new Set(capabilities)) {
    switch (capability) {
      case 'table:read':
        fn.addEnvironment(ENV.tableName, table.tableName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
            resources: tableResources,
          }),
        );
        fn.addToRolePolicy(storageKeyForReads());
        break;
      case 'table:scan':
        // Only the daily health check, the revocation sweep and the admin store list read every store; no index, no other table.
        fn.addEnvironment(ENV.tableName, table.tableName);
        fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Scan'], resources: [table.tableArn] }));
        fn.addToRolePolicy(storageKeyForReads());
        break;
      case 'table:write':
        fn.addEnvironment(ENV.tableName, table.tableName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
              'dynamodb:BatchWriteItem',
              'dynamodb:ConditionCheckItem',
            ],
            resources: [table.tableArn],
          }),
        );
        fn.addToRolePolicy(storageKeyForWrites());
        break;
      case 'table:update':
        fn.addEnvironment(ENV.tableName, table.tableName);
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [table.tableArn] }),
        );
        fn.addToRolePolicy(storageKeyForWrites());
        break;
      case 'tokens:encrypt':
        fn.addEnvironment(ENV.tokenKeyId, r.vault.tokenKey.keyArn);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['kms:Encrypt'],
            resources: [r.vault.tokenKey.keyArn],
            conditions: forPurpose('SPAPI'),
          }),
        );
        break;
      case 'tokens:decrypt':
        fn.addEnvironment(ENV.tokenKeyId, r.vault.tokenKey.keyArn);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [r.vault.tokenKey.keyArn],
            conditions: forPurpose('SPAPI'),
          }),
        );
        break;
      case 'revocations:send':
        fn.addEnvironment(ENV.revocationQueueUrl, r.revocation.queue.queueUrl);
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [r.revocation.queue.queueArn] }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: [r.revocation.key.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } },
          }),
        );
        break;
      case 'audit:write':
        fn.addEnvironment(ENV.auditLogGroupName, r.audit.logGroup.logGroupName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [`${r.audit.logGroup.logGroupArn}`, `${r.audit.logGroup.logGroupArn}:log-stream:*`],
          }),
        );
        break;
      case 'audit:read':
        fn.addEnvironment(ENV.auditLogGroupName, r.audit.logGroup.logGroupName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['logs:FilterLogEvents'],
            resources: [r.audit.logGroup.logGroupArn],
          }),
        );
        break;
      case 'lwa:client-secret':
        fn.addEnvironment(ENV.lwaClientSecretId, r.lwaClientSecret.secretName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['secretsmanager:GetSecretValue'],
            resources: [`${r.lwaClientSecret.secretArn}-??????`],
          }),
        );
        break;
      case 'lwa:client-secret-rotate':
        // The only writer of the secret: a new version staged AWSPENDING, then its stages moved (AWSCURRENT).
        fn.addEnvironment(ENV.lwaClientSecretId, r.lwaClientSecret.secretName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [
              'secretsmanager:PutSecretValue',
              'secretsmanager:UpdateSecretVersionStage',
              'secretsmanager:DescribeSecret',
              'secretsmanager:ListSecretVersionIds',
            ],
            resources: [`${r.lwaClientSecret.secretArn}-??????`],
          }),
        );
        break;
      case 'lwa:client-secret-metadata':
        fn.addEnvironment(ENV.lwaClientSecretId, r.lwaClientSecret.secretName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['secretsmanager:DescribeSecret', 'secretsmanager:ListSecretVersionIds'],
            resources: [`${r.lwaClientSecret.secretArn}-??????`],
          }),
        );
        break;
      case 'ads-tokens:encrypt':
      case 'ads-tokens:decrypt':
        fn.addEnvironment(ENV.tokenKeyId, r.vault.tokenKey.keyArn);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [capability === 'ads-tokens:encrypt' ? 'kms:Encrypt' : 'kms:Decrypt'],
            resources: [r.vault.tokenKey.keyArn],
            conditions: forPurpose('ADS'),
          }),
        );
        break;
      case 'ads:client-secret':
        fn.addEnvironment(ENV.adsClientSecretId, r.adsClientSecret.secretName);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['secretsmanager:GetSecretValue'],
            resources: [`${r.adsClientSecret.secretArn}-??????`],
          }),
        );
        break;
      case 'ads-reports:send':
        fn.addEnvironment(ENV.adsReportQueueUrl, r.adsReports.queue.queueUrl);
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [r.adsReports.queue.queueArn] }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: [r.adsReports.key.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } },
          }),
        );
        break;
      case 'operators:read':
        // Read-only directory lookups (by email, by sub) in the operators' pool; no Admin* call, no other pool.
        fn.addEnvironment(ENV.userPoolId, r.userPool.userPoolId);
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['cognito-idp:ListUsers'], resources: [r.userPool.userPoolArn] }),
        );
        break;
      case 'store:gate':
        // The gate's reads only: GetItem on the table, Query on the user-stores index, each projecting
        // GATE_ATTRIBUTES (the IAM example "allows access to specific attributes"); no token, no snapshot.
        fn.addEnvironment(ENV.tableName, table.tableName);
        for (const [sid, action, resource] of [
          ['StoreGateGetItem', 'dynamodb:GetItem', table.tableArn],
          [
            'StoreGateQueryUserStores',
            'dynamodb:Query',
            `${table.tableArn}/index/${TABLE_DEFINITION.userStoresIndex.name}`,
          ],
        ] as const) {
          fn.addToRolePolicy(
            new PolicyStatement({
              // A sid keeps the two apart: merged, they would allow Query on the table itself.
              sid,
              actions: [action],
              resources: [resource],
              conditions: {
                'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...GATE_ATTRIBUTES] },
                StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
              },
            }),
          );
        }
        fn.addToRolePolicy(storageKeyForReads());
        break;
      case 'store:none':
        r.storeAccess.admit(fn, 'NONE');
        break;
      case 'store:spapi':
        r.storeAccess.admit(fn, 'SPAPI');
        break;
      case 'store:ads':
        r.storeAccess.admit(fn, 'ADS');
        break;
      case 'app-items:read':
      case 'app-items:write':
        fn.addEnvironment(ENV.tableName, table.tableName);
        fn.addToRolePolicy(
          new PolicyStatement({
            sid: capability === 'app-items:read' ? 'AppItemsRead' : 'AppItemsWrite',
            actions:
              capability === 'app-items:read'
                ? ['dynamodb:GetItem', 'dynamodb:Query']
                : ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
            resources: [table.tableArn],
            conditions: {
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...APP_ITEM_KEY_PATTERNS] },
              Null: { 'dynamodb:LeadingKeys': 'false' },
            },
          }),
        );
        fn.addToRolePolicy(capability === 'app-items:read' ? storageKeyForReads() : storageKeyForWrites());
        break;
      case 'table:scan-profiles':
        // The daily health check reads every store's profile, and nothing else of any store.
        fn.addEnvironment(ENV.tableName, table.tableName);
        fn.addToRolePolicy(
          new PolicyStatement({
            sid: 'ScanProfilesOnly',
            actions: ['dynamodb:Scan'],
            resources: [table.tableArn],
            conditions: {
              'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...GATE_ATTRIBUTES] },
              StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
            },
          }),
        );
        fn.addToRolePolicy(storageKeyForReads());
        break;
      default: {
        // A capability added to the manifest without its grant fails synth instead of deploying a broken function.
        const unknown: never = capability;
        throw new Error(`No IAM grant for capability ${String(unknown)}`);
      }
    }
  }
}
