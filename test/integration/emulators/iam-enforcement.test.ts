import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
} from '@aws-sdk/client-sts';
import {
  ensureTable,
  startDynamoDbLocal,
  startIamEnforcement,
  startKmsStandin,
  type DynamoDbLocalHandle,
  type IamEnforcementHandle,
  type KmsStandinHandle,
} from '../../../local/emulators';
import {
  STORE_SESSION_SECONDS,
  storeSessionName,
  type StoreSessionPurpose,
} from '../../../shared/store-access/store-access-policy';
import { keys } from '../../../shared/storage/table-definition';
import { tokenEncryptionContext } from '../../../shared/storage/token-encryption-context';
import { LOCAL_CLIENT_CONFIG, errorOf, portOf, reachableOnOtherInterfaces } from './local-test-support';

// The real SDK clients against DynamoDB Local and the KMS stand-in behind the IAM-enforcing proxies, with
// credentials from the STS stand-in: the path the app's store sessions take locally.
jest.setTimeout(30_000);

const TABLE = 'mint-hub-iam-test';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/mint-hub-local-store-access';
const SELLER_A = 'SELLERAAA1';
const SELLER_B = 'SELLERBBB2';
const STORE_A = `${SELLER_A}-NA`;
const STORE_B = `${SELLER_B}-EU`;

let workDir: string;
let dynamo: DynamoDbLocalHandle;
let kms: KmsStandinHandle;
let iam: IamEnforcementHandle;
let base: { dynamodb: DynamoDBClient; kms: KMSClient; sts: STSClient };
/** The stand-ins' clock: real time plus what a test adds to it. */
let clockOffsetMs = 0;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'iam-enforcement-'));
  [dynamo, kms] = await Promise.all([
    startDynamoDbLocal({ port: 0 }),
    startKmsStandin({ port: 0, keyFile: path.join(workDir, 'kms-key.json') }),
  ]);
  iam = await startIamEnforcement({
    dynamodbEndpoint: dynamo.endpoint,
    kmsEndpoint: kms.endpoint,
    tableName: TABLE,
    tokenKeyArn: kms.keyArn,
    roleArn: ROLE_ARN,
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  // The base (function) credentials, through the proxies like the app's own clients.
  base = {
    dynamodb: track(
      new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint: iam.dynamodbEndpoint, maxAttempts: 1 }),
    ),
    kms: track(new KMSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: iam.kmsEndpoint, maxAttempts: 1 })),
    sts: track(new STSClient({ ...LOCAL_CLIENT_CONFIG, endpoint: iam.stsEndpoint, maxAttempts: 1 })),
  };
  await ensureTable(base.dynamodb, TABLE);
  for (const store of [STORE_A, STORE_B]) {
    await base.dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { ...attributes(keys.storeProfile(store)), displayName: { S: `profile of ${store}` } },
      }),
    );
  }
});

afterEach(() => {
  clockOffsetMs = 0;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await iam?.stop();
  await Promise.all([dynamo?.stop(), kms?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

function track<C extends { destroy(): void }>(client: C): C {
  clients.push(client);
  return client;
}

function attributes(key: Record<string, string>) {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }]));
}

function assumeStoreRole(
  storeId: string,
  purpose: StoreSessionPurpose,
  overrides: Partial<AssumeRoleCommandInput> = {},
  sts: STSClient = base.sts,
) {
  return sts.send(
    new AssumeRoleCommand({
      RoleArn: ROLE_ARN,
      RoleSessionName: storeSessionName(storeId),
      DurationSeconds: STORE_SESSION_SECONDS,
      Tags: [
        { Key: 'storeId', Value: storeId },
        { Key: 'purpose', Value: purpose },
      ],
      ...overrides,
    }),
  );
}

async function storeSession(storeId: string, purpose: StoreSessionPurpose) {
  const { Credentials } = await assumeStoreRole(storeId, purpose);
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken)
    throw new Error('AssumeRole returned no credentials');
  const credentials = {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    sessionToken: Credentials.SessionToken,
  };
  const config = { region: 'us-east-1', credentials, maxAttempts: 1 };
  return {
    credentials,
    expiration: Credentials.Expiration,
    dynamodb: track(new DynamoDBClient({ ...config, endpoint: iam.dynamodbEndpoint })),
    kms: track(new KMSClient({ ...config, endpoint: iam.kmsEndpoint })),
    sts: track(new STSClient({ ...config, endpoint: iam.stsEndpoint })),
  };
}

const tokenContext = (storeId: string, sellingPartnerId: string, region: string, purpose: 'SPAPI' | 'ADS') =>
  tokenEncryptionContext({ storeId, sellingPartnerId, region, purpose });

async function encryptWithBase(plaintext: string, context: Record<string, string>): Promise<Uint8Array> {
  const { CiphertextBlob } = await base.kms.send(
    new EncryptCommand({ KeyId: kms.keyArn, Plaintext: Buffer.from(plaintext), EncryptionContext: context }),
  );
  if (!CiphertextBlob) throw new Error('Encrypt returned no CiphertextBlob');
  return CiphertextBlob;
}

describe("a store session's table access", () => {
  it("reads and writes its own store's items", async () => {
    const session = await storeSession(STORE_A, 'SPAPI');

    const { Item } = await session.dynamodb.send(
      new GetItemCommand({ TableName: TABLE, Key: attributes(keys.storeProfile(STORE_A)) }),
    );
    await session.dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { ...attributes(keys.storeRestockSettings(STORE_A)), leadDays: { N: '14' } },
      }),
    );
    const { Items } = await session.dynamodb.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': { S: `STORE#${STORE_A}` } },
      }),
    );

    expect(Item?.['displayName']).toEqual({ S: `profile of ${STORE_A}` });
    expect(Items?.map((item) => item['sk']?.S).sort()).toEqual(['PROFILE', 'SETTINGS#restock']);
    expect(iam.deniedCount(session.credentials.accessKeyId)).toBe(0);
  });

  it("is refused another store's GetItem, Query, PutItem and TransactWriteItems with AccessDeniedException", async () => {
    const session = await storeSession(STORE_A, 'SPAPI');
    const foreignKey = attributes(keys.storeProfile(STORE_B));
    const calls = [
      new GetItemCommand({ TableName: TABLE, Key: foreignKey }),
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `STORE#${STORE_B}` } },
      }),
      new PutItemCommand({ TableName: TABLE, Item: { ...foreignKey, displayName: { S: 'overwritten' } } }),
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: attributes(keys.storeRestockSettings(STORE_A)) } },
          { Delete: { TableName: TABLE, Key: foreignKey } },
        ],
      }),
    ];

    for (const command of calls) {
      const error = await errorOf(session.dynamodb.send(command as GetItemCommand));
      expect(error.name).toBe('AccessDeniedException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const getError = await errorOf(session.dynamodb.send(calls[0] as GetItemCommand));

    expect(getError.message).toBe(
      `User: arn:aws:sts::000000000000:assumed-role/mint-hub-local-store-access/${storeSessionName(STORE_A)} ` +
        `is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE} ` +
        'because no identity-based policy allows the dynamodb:GetItem action',
    );
    expect(iam.deniedCount(session.credentials.accessKeyId)).toBe(calls.length + 1);
    // Nothing reached the table: B's profile is as it was, A's settings item was not written by the transaction.
    const { Item } = await base.dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: foreignKey }));
    expect(Item?.['displayName']).toEqual({ S: `profile of ${STORE_B}` });
  });

  it('is refused a Scan and a Query on the UserStores index', async () => {
    const session = await storeSession(STORE_A, 'NONE');

    const scan = await errorOf(session.dynamodb.send(new ScanCommand({ TableName: TABLE })));
    const index = await errorOf(
      session.dynamodb.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'UserStores',
          KeyConditionExpression: 'gsi1pk = :u',
          ExpressionAttributeValues: { ':u': { S: 'USER#u1' } },
        }),
      ),
    );

    expect([scan.name, index.name]).toEqual(['AccessDeniedException', 'AccessDeniedException']);
    expect(index.message).toContain(`table/${TABLE}/index/UserStores`);
  });

  it('is refused once its credentials have expired (ExpiredTokenException), before any policy is evaluated', async () => {
    const session = await storeSession(STORE_A, 'SPAPI');
    expect(session.expiration?.getTime()).toBeGreaterThan(Date.now() + (STORE_SESSION_SECONDS - 5) * 1000);
    const ownProfile = new GetItemCommand({ TableName: TABLE, Key: attributes(keys.storeProfile(STORE_A)) });
    await session.dynamodb.send(ownProfile);

    clockOffsetMs = (STORE_SESSION_SECONDS + 1) * 1000;
    const dynamoError = await errorOf(session.dynamodb.send(ownProfile));
    const kmsError = await errorOf(
      session.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('AA==', 'base64') })),
    );
    const stsError = await errorOf(assumeStoreRole(STORE_A, 'SPAPI', {}, session.sts));

    expect(dynamoError.name).toBe('ExpiredTokenException');
    expect(kmsError.name).toBe('ExpiredTokenException');
    // STS names the caller's own expired credentials ExpiredToken (ExpiredTokenException is a web identity token's).
    expect(stsError.name).toBe('ExpiredToken');
    expect(iam.deniedCount(session.credentials.accessKeyId)).toBe(0);
  });

  it('is refused with a bad signature or a token that is not its own', async () => {
    const session = await storeSession(STORE_A, 'SPAPI');
    const other = await storeSession(STORE_A, 'SPAPI');
    const ownProfile = new GetItemCommand({ TableName: TABLE, Key: attributes(keys.storeProfile(STORE_A)) });
    const forged = (credentials: typeof session.credentials) =>
      track(
        new DynamoDBClient({
          region: 'us-east-1',
          credentials,
          maxAttempts: 1,
          endpoint: iam.dynamodbEndpoint,
        }),
      );

    const badSecret = await errorOf(
      forged({ ...session.credentials, secretAccessKey: 'not-the-secret' }).send(ownProfile),
    );
    const swappedToken = await errorOf(
      forged({ ...session.credentials, sessionToken: other.credentials.sessionToken }).send(ownProfile),
    );
    const unknownKey = await errorOf(
      forged({ ...session.credentials, accessKeyId: 'ASIAUNKNOWNKEY000000' }).send(ownProfile),
    );

    expect(badSecret.name).toBe('InvalidSignatureException');
    expect(swappedToken.name).toBe('UnrecognizedClientException');
    expect(unknownKey.name).toBe('UnrecognizedClientException');
  });
});

describe("a store session's token access", () => {
  it("decrypts its own store's token and is refused another store's, another purpose's and Encrypt under B", async () => {
    const ownContext = tokenContext(STORE_A, SELLER_A, 'NA', 'SPAPI');
    const foreignContext = tokenContext(STORE_B, SELLER_B, 'EU', 'SPAPI');
    const adsContext = tokenContext(STORE_A, SELLER_A, 'NA', 'ADS');
    const [own, foreign, ads] = await Promise.all([
      encryptWithBase('Atzr|token-of-a', ownContext),
      encryptWithBase('Atzr|token-of-b', foreignContext),
      encryptWithBase('Atzr|ads-token-of-a', adsContext),
    ]);
    const session = await storeSession(STORE_A, 'SPAPI');
    const kmsDecryptsBefore = kms.counters().Decrypt;
    const decrypt = (blob: Uint8Array, context: Record<string, string>) =>
      session.kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));

    const { Plaintext } = await decrypt(own, ownContext);
    const foreignError = await errorOf(decrypt(foreign, foreignContext));
    const adsError = await errorOf(decrypt(ads, adsContext));
    const encryptError = await errorOf(
      session.kms.send(
        new EncryptCommand({
          KeyId: kms.keyArn,
          Plaintext: Buffer.from('x'),
          EncryptionContext: foreignContext,
        }),
      ),
    );

    expect(Buffer.from(Plaintext ?? []).toString()).toBe('Atzr|token-of-a');
    for (const error of [foreignError, adsError, encryptError]) {
      expect(error.name).toBe('AccessDeniedException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    expect(foreignError.message).toBe(
      `User: arn:aws:sts::000000000000:assumed-role/mint-hub-local-store-access/${storeSessionName(STORE_A)} ` +
        `is not authorized to perform: kms:Decrypt on resource: ${kms.keyArn} ` +
        'because no identity-based policy allows the kms:Decrypt action',
    );
    expect(iam.deniedCount(session.credentials.accessKeyId)).toBe(3);
    // The refused calls never reached the stand-in: one Decrypt, the allowed one.
    expect(kms.counters().Decrypt).toBe(kmsDecryptsBefore + 1);
  });

  it("a NONE session cannot decrypt even its own store's token", async () => {
    const context = tokenContext(STORE_A, SELLER_A, 'NA', 'SPAPI');
    const blob = await encryptWithBase('Atzr|token-of-a', context);
    const session = await storeSession(STORE_A, 'NONE');

    const error = await errorOf(
      session.kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })),
    );

    expect(error.name).toBe('AccessDeniedException');
  });
});

describe('the STS stand-in', () => {
  it('issues ASIA credentials for the trusted role with the session as its principal', async () => {
    const before = Date.now();
    const { Credentials, AssumedRoleUser } = await assumeStoreRole(STORE_A, 'ADS');

    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretAccessKey?.length).toBeGreaterThanOrEqual(40);
    expect(Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(Credentials?.Expiration?.getTime()).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000 + 900_000,
    );
    expect(Credentials?.Expiration?.getTime()).toBeLessThanOrEqual(Date.now() + 900_000);
    expect(AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::000000000000:assumed-role/mint-hub-local-store-access/${storeSessionName(STORE_A)}`,
    );
    expect(AssumedRoleUser?.AssumedRoleId).toMatch(
      new RegExp(`^AROA[A-Z2-7]+:${storeSessionName(STORE_A)}$`),
    );
  });

  it('defaults to an hour and refuses a duration outside 900..3600 seconds', async () => {
    const { Credentials } = await assumeStoreRole(STORE_A, 'NONE', { DurationSeconds: undefined });
    const tooShort = await errorOf(assumeStoreRole(STORE_A, 'NONE', { DurationSeconds: 899 }));
    const tooLong = await errorOf(assumeStoreRole(STORE_A, 'NONE', { DurationSeconds: 3601 }));

    expect(Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3_590_000);
    expect([tooShort.name, tooLong.name]).toEqual(['ValidationError', 'ValidationError']);
    expect(tooLong.message).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  });

  it.each([
    ['another role', { RoleArn: 'arn:aws:iam::000000000000:role/another-role' }],
    ['a missing purpose tag', { Tags: [{ Key: 'storeId', Value: STORE_A }] }],
    ['no tags at all', { Tags: [] }],
    [
      'an extra tag',
      {
        Tags: [
          { Key: 'storeId', Value: STORE_A },
          { Key: 'purpose', Value: 'SPAPI' },
          { Key: 'team', Value: 'x' },
        ],
      },
    ],
    [
      'a purpose outside the list',
      {
        Tags: [
          { Key: 'storeId', Value: STORE_A },
          { Key: 'purpose', Value: 'ADMIN' },
        ],
      },
    ],
    [
      'a store id that is not one',
      {
        RoleSessionName: storeSessionName('lowercase1-NA'),
        Tags: [
          { Key: 'storeId', Value: 'lowercase1-NA' },
          { Key: 'purpose', Value: 'SPAPI' },
        ],
      },
    ],
    ['a session name of another store', { RoleSessionName: storeSessionName(STORE_B) }],
  ])('refuses %s with AccessDenied (403)', async (_case, overrides) => {
    const error = await errorOf(
      assumeStoreRole(STORE_A, 'SPAPI', overrides as Partial<AssumeRoleCommandInput>),
    );

    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).toMatch(
      /^User: arn:aws:sts::000000000000:assumed-role\/.+ is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role\//,
    );
  });

  it("refuses a chained AssumeRole signed with a store session's own credentials", async () => {
    const session = await storeSession(STORE_A, 'SPAPI');

    const error = await errorOf(assumeStoreRole(STORE_B, 'SPAPI', {}, session.sts));

    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(
      `User: arn:aws:sts::000000000000:assumed-role/mint-hub-local-store-access/${storeSessionName(STORE_A)} ` +
        `is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`,
    );
  });

  it('refuses a bad signature (SignatureDoesNotMatch) and unknown credentials (InvalidClientTokenId)', async () => {
    const withCredentials = (accessKeyId: string, secretAccessKey: string) =>
      track(
        new STSClient({
          region: 'us-east-1',
          credentials: { accessKeyId, secretAccessKey },
          endpoint: iam.stsEndpoint,
          maxAttempts: 1,
        }),
      );

    const badSignature = await errorOf(
      assumeStoreRole(STORE_A, 'SPAPI', {}, withCredentials('local', 'wrong')),
    );
    const unknownKey = await errorOf(
      assumeStoreRole(STORE_A, 'SPAPI', {}, withCredentials('someone', 'local')),
    );

    expect(badSignature.name).toBe('SignatureDoesNotMatch');
    expect(badSignature.$metadata?.httpStatusCode).toBe(403);
    expect(unknownKey.name).toBe('InvalidClientTokenId');
  });

  it('answers another action as STS does, and a request with no signature with MissingAuthenticationToken', async () => {
    const unsigned = await fetch(iam.stsEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Action=AssumeRole&Version=2011-06-15',
    });
    const unsignedBody = await unsigned.text();
    const unknown = await errorOf(base.sts.send(new GetCallerIdentityCommand({})));

    expect(unsigned.status).toBe(403);
    expect(unsignedBody).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
    expect(unknown.name).toBe('InvalidAction');
    expect(unknown.message).toBe('Could not find operation GetCallerIdentity for version 2011-06-15');
  });

  it('listens on 127.0.0.1 only, as do both proxies', async () => {
    for (const endpoint of [iam.stsEndpoint, iam.dynamodbEndpoint, iam.kmsEndpoint]) {
      expect(new URL(endpoint).hostname).toBe('127.0.0.1');
      expect(await reachableOnOtherInterfaces(portOf(endpoint))).toEqual([]);
    }
  });
});
