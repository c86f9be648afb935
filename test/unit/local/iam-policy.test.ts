import {
  accessDeniedMessage,
  dynamodbAuthorizationRequests,
  dynamodbTableArn,
  kmsAuthorizationRequest,
  type AuthorizationRequest,
} from '../../../local/emulators/iam-enforcing-proxy';
import { evaluateIdentityPolicy, wildcardMatches } from '../../../local/emulators/iam-policy';
import {
  STORE_ITEM_ACTIONS,
  storeAccessStatements,
  type PolicyStatementJson,
  type StoreSessionPurpose,
} from '../../../shared/store-access/store-access-policy';
import { keys } from '../../../shared/storage/table-definition';
import { tokenEncryptionContext } from '../../../shared/storage/token-encryption-context';

// The evaluator against the real document: what it allows here, the deployed role allows in AWS, and no more.
const TABLE = 'mint-hub-local';
const TABLE_ARN = dynamodbTableArn(TABLE);
const KEY_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const KEY_ARN = `arn:aws:kms:us-east-1:000000000000:key/${KEY_ID}`;
const STATEMENTS = storeAccessStatements({ tableArn: TABLE_ARN, tokenKeyArn: KEY_ARN });
const STORE_A = 'SELLERAAA1-NA';
const STORE_B = 'SELLERBBB2-EU';

const tagsOf = (storeId: string, purpose: StoreSessionPurpose = 'SPAPI') => ({ storeId, purpose });

function allowed(
  request: AuthorizationRequest,
  storeId = STORE_A,
  purpose: StoreSessionPurpose = 'SPAPI',
): boolean {
  return evaluateIdentityPolicy(STATEMENTS, { ...request, principalTags: tagsOf(storeId, purpose) }).allowed;
}

/** Every authorization request of one DynamoDB call must be allowed, as IAM requires. */
function dynamodbAllowed(operation: string, body: object, storeId = STORE_A): boolean {
  const requests = dynamodbAuthorizationRequests(operation, body);
  expect(requests.length).toBeGreaterThan(0);
  return requests.every((request) => allowed(request, storeId));
}

const attributeValues = (key: Record<string, string>) =>
  Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }]));
const profileKey = (storeId: string) => attributeValues(keys.storeProfile(storeId));
const tokenItem = (storeId: string) => ({
  ...attributeValues(keys.storeToken(storeId, 'SPAPI')),
  ciphertext: { S: 'x' },
});

const ITEM_CALLS: Record<string, (storeId: string) => object> = {
  GetItem: (storeId) => ({ TableName: TABLE, Key: profileKey(storeId) }),
  PutItem: (storeId) => ({ TableName: TABLE, Item: tokenItem(storeId) }),
  UpdateItem: (storeId) => ({
    TableName: TABLE,
    Key: profileKey(storeId),
    UpdateExpression: 'SET #s = :s',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':s': { S: 'ACTIVE' } },
  }),
  DeleteItem: (storeId) => ({ TableName: TABLE, Key: profileKey(storeId) }),
  Query: (storeId) => ({
    TableName: TABLE,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': { S: `STORE#${storeId}` }, ':prefix': { S: 'SNAPSHOT#' } },
  }),
  BatchGetItem: (storeId) => ({ RequestItems: { [TABLE]: { Keys: [profileKey(storeId)] } } }),
  BatchWriteItem: (storeId) => ({
    RequestItems: { [TABLE]: [{ PutRequest: { Item: tokenItem(storeId) } }] },
  }),
  TransactGetItems: (storeId) => ({
    TransactItems: [{ Get: { TableName: TABLE, Key: profileKey(storeId) } }],
  }),
  TransactWriteItems: (storeId) => ({
    TransactItems: [
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: profileKey(storeId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      { Put: { TableName: TABLE, Item: tokenItem(storeId) } },
      { Delete: { TableName: TABLE, Key: attributeValues(keys.storeMember(storeId, 'u1')) } },
      { Update: { TableName: TABLE, Key: profileKey(storeId), UpdateExpression: 'SET a = :a' } },
    ],
  }),
};

describe('the store-access document, evaluated locally: items', () => {
  it.each(Object.keys(ITEM_CALLS))(
    "%s: the session's own store is allowed, another store's is denied",
    (operation) => {
      const call = ITEM_CALLS[operation] as (storeId: string) => object;

      expect(dynamodbAllowed(operation, call(STORE_A))).toBe(true);
      expect(dynamodbAllowed(operation, call(STORE_B))).toBe(false);
    },
  );

  it('a batch or transaction with one foreign item among own ones is denied as a whole', () => {
    const own = attributeValues(keys.storeProfile(STORE_A));
    const foreign = attributeValues(keys.storeProfile(STORE_B));

    expect(
      dynamodbAllowed('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: TABLE, Item: tokenItem(STORE_A) } },
          { Update: { TableName: TABLE, Key: foreign, UpdateExpression: 'SET a = :a' } },
        ],
      }),
    ).toBe(false);
    expect(dynamodbAllowed('BatchGetItem', { RequestItems: { [TABLE]: { Keys: [own, foreign] } } })).toBe(
      false,
    );
    expect(
      dynamodbAllowed('BatchWriteItem', {
        RequestItems: {
          [TABLE]: [{ PutRequest: { Item: tokenItem(STORE_A) } }, { DeleteRequest: { Key: foreign } }],
        },
      }),
    ).toBe(false);
  });

  it("names the transaction's contained action and the table in the denial", () => {
    const requests = dynamodbAuthorizationRequests(
      'TransactWriteItems',
      ITEM_CALLS['TransactWriteItems']?.(STORE_B),
    );
    const refused = requests.find((request) => !allowed(request));

    expect(requests.map((request) => request.action)).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
    ]);
    expect(
      refused && accessDeniedMessage({ principalArn: 'arn:aws:sts::000000000000:assumed-role/r/s' }, refused),
    ).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/r/s is not authorized to perform: dynamodb:ConditionCheckItem ' +
        `on resource: ${TABLE_ARN} because no identity-based policy allows the dynamodb:ConditionCheckItem action`,
    );
  });

  it('denies a Scan (it names no partition key), even of a table the session may query', () => {
    expect(dynamodbAllowed('Scan', { TableName: TABLE })).toBe(false);
    expect(
      dynamodbAuthorizationRequests('Scan', { TableName: TABLE })[0]?.context['dynamodb:LeadingKeys'],
    ).toBeUndefined();
  });

  it("denies a Query on the UserStores index, even for a user's memberships of the session's store", () => {
    const query = {
      TableName: TABLE,
      IndexName: 'UserStores',
      KeyConditionExpression: 'gsi1pk = :u',
      ExpressionAttributeValues: { ':u': { S: 'USER#u1' } },
    };
    const [request] = dynamodbAuthorizationRequests('Query', query);

    expect(request).toMatchObject({
      resource: `${TABLE_ARN}/index/UserStores`,
      context: { 'dynamodb:LeadingKeys': ['USER#u1'] },
    });
    expect(dynamodbAllowed('Query', query)).toBe(false);
  });

  it("resolves a Query's partition value through #names and :values, also with the legacy KeyConditions", () => {
    const plain = {
      TableName: TABLE,
      KeyConditionExpression: 'pk=:p',
      ExpressionAttributeValues: { ':p': { S: `STORE#${STORE_B}` } },
    };
    const legacy = {
      TableName: TABLE,
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: `STORE#${STORE_A}` }] } },
    };
    const sortKeyOnly = {
      TableName: TABLE,
      KeyConditionExpression: 'sk = :p',
      ExpressionAttributeValues: { ':p': { S: `STORE#${STORE_A}` } },
    };

    expect(dynamodbAuthorizationRequests('Query', plain)[0]?.context).toEqual({
      'dynamodb:LeadingKeys': [`STORE#${STORE_B}`],
    });
    expect(dynamodbAllowed('Query', legacy)).toBe(true);
    // A value that only looks like the store's, on another attribute, is not a leading key.
    expect(dynamodbAllowed('Query', sortKeyOnly)).toBe(false);
  });

  it('denies items outside every store (state, job cursor), another table, and actions the role lacks', () => {
    expect(
      dynamodbAllowed('GetItem', { TableName: TABLE, Key: attributeValues(keys.oauthState('n1')) }),
    ).toBe(false);
    expect(dynamodbAllowed('GetItem', { TableName: 'other-table', Key: profileKey(STORE_A) })).toBe(false);
    expect(dynamodbAllowed('DescribeTable', { TableName: TABLE })).toBe(false);
    expect(STORE_ITEM_ACTIONS).not.toContain('dynamodb:Scan');
  });

  it("matches the partition value exactly: a prefix of the store's id or another case is another store", () => {
    const key = (pk: string) => ({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: 'PROFILE' } } });

    expect(dynamodbAllowed('GetItem', key(`STORE#${STORE_A}X`))).toBe(false);
    expect(dynamodbAllowed('GetItem', key(`store#${STORE_A}`))).toBe(false);
    expect(dynamodbAllowed('GetItem', key(`STORE#${STORE_A}`))).toBe(true);
  });
});

describe('the store-access document, evaluated locally: tokens', () => {
  const contextOf = (storeId: string, purpose: 'SPAPI' | 'ADS' = 'SPAPI') =>
    tokenEncryptionContext({ storeId, sellingPartnerId: storeId.split('-')[0] ?? '', region: 'NA', purpose });
  const decrypt = (context: Record<string, string> | undefined, keyId: string = KEY_ARN) =>
    kmsAuthorizationRequest('Decrypt', {
      CiphertextBlob: 'AA==',
      KeyId: keyId,
      ...(context ? { EncryptionContext: context } : {}),
    });

  it("allows Decrypt and Encrypt of the session's own token under its purpose, the key named by id or ARN", () => {
    expect(allowed(decrypt(contextOf(STORE_A)))).toBe(true);
    expect(allowed(decrypt(contextOf(STORE_A), KEY_ID))).toBe(true);
    expect(
      allowed(
        kmsAuthorizationRequest('Encrypt', {
          KeyId: KEY_ARN,
          Plaintext: 'AA==',
          EncryptionContext: contextOf(STORE_A),
        }),
      ),
    ).toBe(true);
    expect(allowed(decrypt(contextOf(STORE_A, 'ADS')), STORE_A, 'ADS')).toBe(true);
  });

  it("denies another store's token, another purpose's token, a missing and an extra context key", () => {
    const { region: _omitted, ...missingRegion } = contextOf(STORE_A);

    expect(allowed(decrypt(contextOf(STORE_B)))).toBe(false);
    expect(allowed(decrypt(contextOf(STORE_A, 'ADS')))).toBe(false);
    expect(allowed(decrypt(missingRegion))).toBe(false);
    expect(allowed(decrypt({ ...contextOf(STORE_A), extra: 'x' }))).toBe(false);
    expect(allowed(decrypt(undefined))).toBe(false);
  });

  it("a NONE session may neither decrypt nor encrypt its own store's SP-API or Ads token", () => {
    for (const purpose of ['SPAPI', 'ADS'] as const) {
      const context = contextOf(STORE_A, purpose);
      expect(allowed(decrypt(context), STORE_A, 'NONE')).toBe(false);
      expect(
        allowed(
          kmsAuthorizationRequest('Encrypt', {
            KeyId: KEY_ARN,
            Plaintext: 'AA==',
            EncryptionContext: context,
          }),
          STORE_A,
          'NONE',
        ),
      ).toBe(false);
    }
    // Nor under a context it makes up with purpose NONE: the key is for SP-API and Ads sessions only.
    expect(allowed(decrypt({ ...contextOf(STORE_A), purpose: 'NONE' }), STORE_A, 'NONE')).toBe(false);
  });

  it('denies another key and the operations the role lacks', () => {
    expect(allowed(decrypt(contextOf(STORE_A), 'arn:aws:kms:us-east-1:000000000000:key/other'))).toBe(false);
    expect(
      allowed(
        kmsAuthorizationRequest('GenerateDataKey', { KeyId: KEY_ARN, EncryptionContext: contextOf(STORE_A) }),
      ),
    ).toBe(false);
    expect(allowed(kmsAuthorizationRequest('DescribeKey', { KeyId: KEY_ARN }))).toBe(false);
  });

  it("without KeyId, Decrypt is authorized against the key the stand-in's ciphertext names", () => {
    const blob = Buffer.concat([
      Buffer.from([1]),
      Buffer.from(KEY_ID.replace(/-/g, ''), 'hex'),
      Buffer.alloc(40),
    ]);

    expect(kmsAuthorizationRequest('Decrypt', { CiphertextBlob: blob.toString('base64') }).resource).toBe(
      KEY_ARN,
    );
  });
});

describe('IAM semantics the evaluator implements', () => {
  const statement = (condition: PolicyStatementJson['Condition']): PolicyStatementJson[] => [
    {
      Sid: 'S',
      Effect: 'Allow',
      Action: ['svc:Get*'],
      Resource: ['arn:x:*'],
      ...(condition ? { Condition: condition } : {}),
    },
  ];
  const evaluate = (
    statements: PolicyStatementJson[],
    context: Record<string, string | string[]>,
    tags = {},
  ) =>
    evaluateIdentityPolicy(statements, {
      action: 'svc:GetThing',
      resource: 'arn:x:1',
      context,
      principalTags: tags,
    }).allowed;

  it('ForAllValues over an empty or missing set is true, which is why the document adds Null', () => {
    const forAll = statement({ 'ForAllValues:StringEquals': { 'k:Set': ['a'] } });

    expect(evaluate(forAll, {})).toBe(true);
    expect(evaluate(forAll, { 'k:Set': [] })).toBe(true);
    expect(evaluate(forAll, { 'k:Set': ['a', 'b'] })).toBe(false);
    expect(
      evaluate(
        statement({ 'ForAllValues:StringEquals': { 'k:Set': ['a'] }, Null: { 'k:Set': 'false' } }),
        {},
      ),
    ).toBe(false);
  });

  it('StringEquals does not match a missing key nor an unresolved variable; keys are case-insensitive, values not', () => {
    const equals = statement({ StringEquals: { 'k:One': '${aws:PrincipalTag/t}' } });

    expect(evaluate(equals, {}, { t: 'v' })).toBe(false);
    expect(evaluate(equals, { 'k:One': 'v' }, {})).toBe(false);
    expect(evaluate(equals, { 'K:ONE': 'v' }, { t: 'v' })).toBe(true);
    expect(evaluate(equals, { 'k:One': 'V' }, { t: 'v' })).toBe(false);
  });

  it('matches actions case-insensitively and resources case-sensitively, with * and ?', () => {
    expect(wildcardMatches('dynamodb:Get*', 'DynamoDB:GetItem', true)).toBe(true);
    expect(wildcardMatches('arn:x:table/t?', 'arn:x:table/t1', false)).toBe(true);
    expect(wildcardMatches('arn:x:table/t?', 'arn:x:table/t12', false)).toBe(false);
    expect(wildcardMatches('arn:x:Table/*', 'arn:x:table/t', false)).toBe(false);
  });

  it('refuses a document with an operator it does not implement rather than half-evaluating it', () => {
    expect(() => evaluate(statement({ StringLike: { 'k:One': 'a*' } }), {})).toThrow(/StringLike/);
  });
});
