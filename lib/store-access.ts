import { Duration, Stack, Tags } from 'aws-cdk-lib';
import { AccountPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '../shared/config/settings';
import {
  STORE_SESSION_PURPOSES,
  STORE_SESSION_TAGS,
  storeAccessStatements,
  storeSessionName,
  type StoreSessionPurpose,
} from '../shared/store-access/store-access-policy';
import type { MintHubFunction } from './mint-hub-function';
import type { TokenVault } from './token-vault';

export interface StoreAccessProps {
  /** The table and the token key the role reaches, one store at a time; the storage key it uses through DynamoDB. */
  readonly vault: TokenVault;
}

interface Admission {
  readonly purposes: Set<StoreSessionPurpose>;
  /** The function's own statements on this role (AssumeRole, TagSession), listing the purposes admitted so far. */
  readonly identity: readonly PolicyStatement[];
}

const PURPOSE_TAG = `aws:RequestTag/${STORE_SESSION_TAGS.purpose}`;

/**
 * The tag an admitted function's role carries: the trust policy admits roles of this account with it. (Listing
 * each role's ARN in the trust policy would outgrow IAM's 2,048-character trust policy quota at about ten
 * functions; the tag keeps the trust policy one statement whatever their number.)
 */
export const STORE_ACCESS_ROLE_TAG = { key: 'mint-hub-store-access', value: 'admitted' } as const;

/** Every session names its store and carries our two tags only (sts:TagSession, asked with the AssumeRole). */
const tagConditions = () => ({
  Null: { [`aws:RequestTag/${STORE_SESSION_TAGS.storeId}`]: 'false' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': [STORE_SESSION_TAGS.storeId, STORE_SESSION_TAGS.purpose] },
});

/**
 * The AssumeRole itself also names the session after its store (`store-*`, storeSessionName), so CloudTrail does.
 * The session name is a key of AssumeRole's request; it stays off the TagSession statements, which IAM
 * authorizes for the same call, so they cannot fail on a key it may not give them.
 */
const sessionConditions = () => ({
  ...tagConditions(),
  StringLike: { 'sts:RoleSessionName': storeSessionName('*') },
});

/**
 * The store-access role (shared/store-access/store-access-policy.ts): its only permissions are the shared
 * document (one store's items by `dynamodb:LeadingKeys`, one store's token by encryption context, both keyed on
 * the session tags) and the table's storage key through DynamoDB. Only functions admitted with {@link admit}
 * may assume it, each with the purposes it declares, always tagging the store and naming the session after it.
 */
export class StoreAccess extends Construct {
  readonly role: Role;
  private readonly vault: TokenVault;
  private readonly admissions = new Map<MintHubFunction, Admission>();

  constructor(scope: Construct, id: string, props: StoreAccessProps) {
    super(scope, id);
    this.vault = props.vault;
    const { table, tokenKey, storageKey } = props.vault;

    const account = Stack.of(this).account;
    // Trusted: roles of this account that carry the admission tag, each also needing its own identity
    // statements on this role (with the account as principal, IAM asks for both), which name its purposes.
    const trustedCallers = {
      [`aws:PrincipalTag/${STORE_ACCESS_ROLE_TAG.key}`]: STORE_ACCESS_ROLE_TAG.value,
      'aws:PrincipalAccount': account,
      [PURPOSE_TAG]: [...STORE_SESSION_PURPOSES],
    };
    this.role = new Role(this, 'Role', {
      assumedBy: new AccountPrincipal(account).withConditions({
        ...sessionConditions(),
        StringEquals: trustedCallers,
      }),
      description:
        'Mint Hub store access: assumed after the access gate with session tags storeId and purpose; reaches only that store (dynamodb:LeadingKeys STORE#storeId) and only its token (KMS encryption context)',
      // Role chaining caps a chained session at one hour anyway; the code asks for the 15-minute minimum.
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        StoreAccess: new PolicyDocument({
          statements: [
            ...storeAccessStatements({ tableArn: table.tableArn, tokenKeyArn: tokenKey.keyArn }).map(
              (statement) => PolicyStatement.fromJson(statement),
            ),
            // DynamoDB uses the table's own key on the caller's behalf (SSE with a customer managed key).
            new PolicyStatement({
              sid: 'TableStorageKeyThroughDynamoDb',
              actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
              resources: [storageKey.keyArn],
              conditions: {
                StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
              },
            }),
          ],
        }),
      },
    });

    this.role.assumeRolePolicy?.addStatements(
      new PolicyStatement({
        sid: 'TagStoreSessions',
        principals: [new AccountPrincipal(account)],
        actions: ['sts:TagSession'],
        conditions: { ...tagConditions(), StringEquals: trustedCallers },
      }),
    );

    this.node.addValidation({
      validate: () =>
        this.admissions.size === 0
          ? ['The store-access role admits no function: declare store:none, store:spapi or store:ads on one']
          : [],
    });
  }

  /**
   * Lets `fn` assume the role for sessions tagged with `purpose` (more purposes by more calls): the function's
   * role joins that purpose's trust statement, its own policy may assume this role (this ARN only) with the same
   * conditions, and it gets the settings it needs to build store sessions.
   */
  admit(fn: MintHubFunction, purpose: StoreSessionPurpose): void {
    const fnRole = fn.role;
    if (fnRole === undefined)
      throw new Error(`${fn.node.path} has no role to admit to the store-access role`);

    let admission = this.admissions.get(fn);
    if (admission === undefined) {
      admission = {
        purposes: new Set(),
        identity: [
          new PolicyStatement({
            sid: 'AssumeStoreAccessRole',
            actions: ['sts:AssumeRole'],
            resources: [this.role.roleArn],
            conditions: sessionConditions(),
          }),
          new PolicyStatement({
            sid: 'TagStoreAccessSessions',
            actions: ['sts:TagSession'],
            resources: [this.role.roleArn],
            conditions: tagConditions(),
          }),
        ],
      };
      this.admissions.set(fn, admission);
      for (const statement of admission.identity) fn.addToRolePolicy(statement);
      fn.addEnvironment(ENV.storeAccessRoleArn, this.role.roleArn);
      fn.addEnvironment(ENV.tableName, this.vault.table.tableName);
    }
    if (admission.purposes.has(purpose)) return;
    admission.purposes.add(purpose);
    const purposes = [...admission.purposes].sort();
    // addCondition replaces the key's value: the condition lists every purpose admitted so far.
    for (const statement of admission.identity)
      statement.addCondition('StringEquals', {
        [PURPOSE_TAG]: purposes.length === 1 ? purposes[0] : purposes,
      });
    Tags.of(fnRole).add(STORE_ACCESS_ROLE_TAG.key, STORE_ACCESS_ROLE_TAG.value);
    // Sessions that decrypt or encrypt a token need to know the key; NONE sessions never touch it.
    if (purpose !== 'NONE') fn.addEnvironment(ENV.tokenKeyId, this.vault.tokenKey.keyArn);
  }

  /** The purposes each admitted function may tag its sessions with (for tests and reviews). */
  admittedPurposes(): ReadonlyMap<MintHubFunction, readonly StoreSessionPurpose[]> {
    return new Map([...this.admissions].map(([fn, { purposes }]) => [fn, [...purposes].sort()]));
  }
}
