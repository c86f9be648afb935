import { BACKGROUND_FUNCTIONS, ROUTES, type Capability } from '../../shared/api/routes';
import { STORE_ACCESS_ROLE_TAG } from '../../lib/store-access';
import { ENV } from '../../shared/config/settings';
import {
  GATE_ATTRIBUTES,
  storeAccessStatements,
  type PolicyStatementJson,
} from '../../shared/store-access/store-access-policy';
import { APP_ITEM_KEY_PATTERNS, TABLE_DEFINITION } from '../../shared/storage/table-definition';
import {
  actionsOf,
  environmentOf,
  functionLogicalId,
  grantsOf,
  logicalIdIn,
  refersTo,
  resourcesOfType,
  statementsOfFunction,
  synthesize,
  type Synthesized,
} from './synth-fixture';

// Tenant isolation below the code (issue 17): a store function's own role reaches only the gate's reads; one
// store's items and token are reachable only through the store-access role, whose policy is the shared document.
let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: { AWS?: unknown };
  Condition?: Record<string, Record<string, unknown>>;
};

const definitions = [...ROUTES, ...BACKGROUND_FUNCTIONS] as readonly {
  id: string;
  capabilities: readonly Capability[];
}[];
const PURPOSE_OF = { 'store:none': 'NONE', 'store:spapi': 'SPAPI', 'store:ads': 'ADS' } as const;
const declaredPurposes = (capabilities: readonly Capability[]) =>
  capabilities.flatMap((c) => (c in PURPOSE_OF ? [PURPOSE_OF[c as keyof typeof PURPOSE_OF]] : [])).sort();
const storeFunctions = definitions.filter((d) => declaredPurposes(d.capabilities).length > 0);
const CONVERTED = [
  'GetInventory',
  'GetOrders',
  'GetAds',
  'RemoveAdsAuthorization',
  'DisconnectStore',
  'ListStoreMembers',
  'AddStoreMember',
  'RemoveStoreMember',
  'GetRestockSettings',
  'PutRestockSettings',
  'PutStoreDisplayName',
  'RevocationWorker',
  'AdsReportWorker',
  'AuthorizationHealthCheck',
];

const logicalId = (element: { node: { defaultChild?: unknown } }) => logicalIdIn(synth, element);
const storeAccessRole = () => {
  const role = resourcesOfType(synth.template, 'AWS::IAM::Role')[logicalId(synth.stack.storeAccess.role)];
  if (role === undefined) throw new Error('no store-access role in the template');
  return role.Properties as {
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies?: Array<{ PolicyName: string; PolicyDocument: { Statement: Statement[] } }>;
    ManagedPolicyArns?: unknown;
    MaxSessionDuration?: number;
    Description?: string;
  };
};
const trustStatements = () => storeAccessRole().AssumeRolePolicyDocument.Statement;
const roleArn = () => ({ 'Fn::GetAtt': [logicalId(synth.stack.storeAccess.role), 'Arn'] });
/** The logical id of a function's execution role. */
const roleOfFunction = (id: string): string =>
  (
    synth.template.toJSON().Resources[functionLogicalId(synth, id)].Properties.Role as {
      'Fn::GetAtt': [string, string];
    }
  )['Fn::GetAtt'][0];
const sortedActions = (statement: { Action: string | string[] }) => [...actionsOf(statement)].sort();

describe('the store-access role', () => {
  it('holds exactly the shared document and the storage key through DynamoDB, inline, no managed policy', () => {
    const role = storeAccessRole();
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies).toHaveLength(1);
    const statements = role.Policies?.[0]?.PolicyDocument.Statement ?? [];

    const expected = storeAccessStatements({
      tableArn: 'TABLE',
      tokenKeyArn: 'TOKEN_KEY',
    }).map((s: PolicyStatementJson) => ({
      ...s,
      Action: [...s.Action].sort(),
      Resource: {
        'Fn::GetAtt': [
          s.Resource[0] === 'TABLE'
            ? logicalId(synth.stack.vault.table)
            : logicalId(synth.stack.vault.tokenKey),
          'Arn',
        ],
      },
    }));
    const shared = statements
      .filter((s) => s.Sid !== 'TableStorageKeyThroughDynamoDb')
      .map((s) => ({ ...s, Action: sortedActions(s) }));
    expect(shared).toEqual(expected);

    expect(statements.find((s) => s.Sid === 'TableStorageKeyThroughDynamoDb')).toEqual({
      Sid: 'TableStorageKeyThroughDynamoDb',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [logicalId(synth.stack.vault.storageKey), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } },
    });
  });

  it("confines items to the session's store and tokens to its store and purpose", () => {
    const statements = storeAccessRole().Policies?.[0]?.PolicyDocument.Statement ?? [];
    const items = statements.find((s) => s.Sid === 'OneStoresItems');
    expect(items?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['STORE#${aws:PrincipalTag/storeId}'] },
      Null: { 'dynamodb:LeadingKeys': 'false' },
    });
    // The table only: an index is keyed by user, not by store.
    expect(items?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(synth.stack.vault.table), 'Arn'] });
    expect(actionsOf(items!)).not.toContain('dynamodb:Scan');

    const tokens = statements.find((s) => s.Sid === 'OneStoresTokens');
    expect(sortedActions(tokens!)).toEqual(['kms:Decrypt', 'kms:Encrypt']);
    expect(tokens?.Condition).toEqual({
      StringEquals: {
        'aws:PrincipalTag/purpose': ['SPAPI', 'ADS'],
        'kms:EncryptionContext:storeId': '${aws:PrincipalTag/storeId}',
        'kms:EncryptionContext:purpose': '${aws:PrincipalTag/purpose}',
      },
      'ForAllValues:StringEquals': {
        'kms:EncryptionContextKeys': ['storeId', 'sellingPartnerId', 'region', 'purpose'],
      },
      Null: {
        'kms:EncryptionContext:storeId': 'false',
        'kms:EncryptionContext:sellingPartnerId': 'false',
        'kms:EncryptionContext:region': 'false',
        'kms:EncryptionContext:purpose': 'false',
      },
    });
  });

  it('allows sessions of one hour at most and says what it is for', () => {
    const role = storeAccessRole();
    expect(role.MaxSessionDuration).toBe(3600);
    expect(role.Description).toMatch(/storeId/);
    expect(role.Description).toMatch(/LeadingKeys/);
  });
});

describe("the store-access role's trust", () => {
  const accountOnly = { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] };

  const trustedCallers = {
    [`aws:PrincipalTag/${STORE_ACCESS_ROLE_TAG.key}`]: STORE_ACCESS_ROLE_TAG.value,
    'aws:PrincipalAccount': { Ref: 'AWS::AccountId' },
    'aws:RequestTag/purpose': ['SPAPI', 'ADS', 'NONE'],
  };
  const tagConditions = {
    Null: { 'aws:RequestTag/storeId': 'false' },
    'ForAllValues:StringEquals': { 'aws:TagKeys': ['storeId', 'purpose'] },
  };

  it('admits only this account\'s roles that carry the admission tag: never a "*", a service or another account', () => {
    const statements = trustStatements();
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Principal).toEqual({ AWS: accountOnly });
      expect(statement.Condition?.['StringEquals']).toEqual(trustedCallers);
    }
  });

  it('assumes with the store tag, only our two tags, and a session name that names the store; tags on the same terms', () => {
    const [assume, tag] = [...trustStatements()].sort((a, b) =>
      String(actionsOf(a)).localeCompare(String(actionsOf(b))),
    );
    expect(actionsOf(assume ?? { Action: [] })).toEqual(['sts:AssumeRole']);
    expect(assume?.Condition).toEqual({
      ...tagConditions,
      StringLike: { 'sts:RoleSessionName': 'store-*' },
      StringEquals: trustedCallers,
    });
    expect(actionsOf(tag ?? { Action: [] })).toEqual(['sts:TagSession']);
    expect(tag?.Condition).toEqual({ ...tagConditions, StringEquals: trustedCallers });
  });

  it('tags exactly the roles of the functions that declare a store:* session capability', () => {
    const tagged = Object.entries(resourcesOfType(synth.template, 'AWS::IAM::Role'))
      .filter(([, role]) =>
        ((role.Properties as { Tags?: Array<{ Key: string; Value: string }> }).Tags ?? []).some(
          (tag) => tag.Key === STORE_ACCESS_ROLE_TAG.key && tag.Value === STORE_ACCESS_ROLE_TAG.value,
        ),
      )
      .map(([id]) => id)
      .sort();
    expect(tagged).toEqual(storeFunctions.map((d) => roleOfFunction(d.id)).sort());
    // The manifest converts these routes (issue 17): if one loses its session, the test says so.
    expect(storeFunctions.map((d) => d.id).sort()).toEqual([...CONVERTED].sort());
  });

  it("stays the same size whatever the number of functions (IAM's trust policy quota is 2,048 characters)", () => {
    expect(JSON.stringify(storeAccessRole().AssumeRolePolicyDocument).length).toBeLessThanOrEqual(1024);
  });
});

describe.each(CONVERTED)('%s (converted to store sessions)', (id) => {
  const statements = () => statementsOfFunction(synth, functionLogicalId(synth, id)) as Statement[];
  const table = () => logicalId(synth.stack.vault.table);

  const declared = () => definitions.find((d) => d.id === id)?.capabilities ?? [];
  const gateCondition = {
    'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...GATE_ATTRIBUTES] },
    StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
  };
  const appItemsCondition = {
    'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...APP_ITEM_KEY_PATTERNS] },
    Null: { 'dynamodb:LeadingKeys': 'false' },
  };

  it("reaches no store item with its own role: the gate's projected reads, the app's own items, a profiles-only scan", () => {
    const tableArn = { 'Fn::GetAtt': [table(), 'Arn'] };
    const expected = [
      ...(declared().includes('store:gate')
        ? [
            {
              Sid: 'StoreGateGetItem',
              Effect: 'Allow',
              Action: 'dynamodb:GetItem',
              Resource: tableArn,
              Condition: gateCondition,
            },
            {
              Sid: 'StoreGateQueryUserStores',
              Effect: 'Allow',
              Action: 'dynamodb:Query',
              Resource: {
                'Fn::Join': ['', [tableArn, `/index/${TABLE_DEFINITION.userStoresIndex.name}`]],
              },
              Condition: gateCondition,
            },
          ]
        : []),
      ...(declared().includes('table:scan-profiles')
        ? [
            {
              Sid: 'ScanProfilesOnly',
              Effect: 'Allow',
              Action: 'dynamodb:Scan',
              Resource: tableArn,
              Condition: gateCondition,
            },
          ]
        : []),
      ...(declared().includes('app-items:read')
        ? [
            {
              Sid: 'AppItemsRead',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query'],
              Resource: tableArn,
              Condition: appItemsCondition,
            },
          ]
        : []),
      ...(declared().includes('app-items:write')
        ? [
            {
              Sid: 'AppItemsWrite',
              Effect: 'Allow',
              Action: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
              Resource: tableArn,
              Condition: appItemsCondition,
            },
          ]
        : []),
    ];
    const tableStatements = statements().filter((s) =>
      actionsOf(s).some((action) => action.startsWith('dynamodb:')),
    );
    const bySid = (a: { Sid?: string }, b: { Sid?: string }) => String(a.Sid).localeCompare(String(b.Sid));
    expect([...tableStatements].sort(bySid)).toEqual([...expected].sort(bySid));
    expect(tableStatements.length).toBeGreaterThan(0);
  });

  it('cannot use the token key itself, and uses the storage key only through DynamoDB', () => {
    expect(grantsOf(synth, id).tokenKeyActions).toEqual([]);
    const storageKey = statements().filter((s) =>
      refersTo(s.Resource, logicalId(synth.stack.vault.storageKey)),
    );
    const writes = declared().includes('app-items:write');
    expect([...new Set(storageKey.flatMap(actionsOf))].sort()).toEqual(
      writes ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
    );
    for (const statement of storageKey)
      expect(statement.Condition).toEqual({
        StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' },
      });
  });

  it('may assume the store-access role only, with its purposes, the store tag and the store session name', () => {
    const sts = statements().filter((s) => actionsOf(s).some((action) => action.startsWith('sts:')));
    const purposes = declaredPurposes(definitions.find((d) => d.id === id)?.capabilities ?? []);
    const purpose = { 'aws:RequestTag/purpose': purposes.length === 1 ? purposes[0] : purposes };
    const tags = {
      Null: { 'aws:RequestTag/storeId': 'false' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['storeId', 'purpose'] },
    };
    expect(sts).toEqual([
      {
        Sid: 'AssumeStoreAccessRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: roleArn(),
        Condition: { ...tags, StringLike: { 'sts:RoleSessionName': 'store-*' }, StringEquals: purpose },
      },
      {
        Sid: 'TagStoreAccessSessions',
        Effect: 'Allow',
        Action: 'sts:TagSession',
        Resource: roleArn(),
        Condition: { ...tags, StringEquals: purpose },
      },
    ]);
  });

  it('is told the role, the table, and the token key only when its sessions handle tokens', () => {
    const environment = environmentOf(synth, id);
    expect(environment[ENV.storeAccessRoleArn]).toEqual(roleArn());
    expect(environment[ENV.tableName]).toEqual({ Ref: logicalId(synth.stack.vault.table) });
    const handlesTokens = declaredPurposes(definitions.find((d) => d.id === id)?.capabilities ?? []).some(
      (p) => p !== 'NONE',
    );
    expect(environment[ENV.tokenKeyId]).toEqual(
      handlesTokens ? { 'Fn::GetAtt': [logicalId(synth.stack.vault.tokenKey), 'Arn'] } : undefined,
    );
  });
});

describe('functions without store sessions', () => {
  it('keep what they had: the OAuth callback writes the table and encrypts SP-API tokens itself', () => {
    const grants = grantsOf(synth, 'OAuthCallback');
    expect(grants.tableActions).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(grants.tokenKeyActions).toEqual(['kms:Encrypt']);
    expect(grants.actions.filter((action) => action.startsWith('sts:'))).toEqual([]);
    expect(environmentOf(synth, 'OAuthCallback')[ENV.storeAccessRoleArn]).toBeUndefined();
  });

  it.each(definitions.filter((d) => declaredPurposes(d.capabilities).length === 0).map((d) => d.id))(
    '%s can neither assume the store-access role nor is told about it',
    (id) => {
      const statements = statementsOfFunction(synth, functionLogicalId(synth, id));
      expect(statements.filter((s) => refersTo(s.Resource, logicalId(synth.stack.storeAccess.role)))).toEqual(
        [],
      );
      expect(environmentOf(synth, id)[ENV.storeAccessRoleArn]).toBeUndefined();
    },
  );
});
