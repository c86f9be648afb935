import {
  CognitoIdentityProviderClient,
  InvalidParameterException,
  ListUsersCommand,
  ResourceNotFoundException,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  LOCAL_USER_POOL_ID,
  startCognitoStandin,
  type CognitoStandinHandle,
} from '../../../local/auth/cognito-standin';
import { SEEDED_OPERATORS } from '../../../local/auth/seeded-operators';
import { LOCAL_CLIENT_CONFIG, errorOf, portOf, reachableOnOtherInterfaces } from './local-test-support';

// The real SDK client, pointed at the stand-in: the code path the app's operator directory takes locally.
const [ADA, LIN, SOFIA] = SEEDED_OPERATORS as [
  (typeof SEEDED_OPERATORS)[0],
  (typeof SEEDED_OPERATORS)[0],
  (typeof SEEDED_OPERATORS)[0],
];

let cognito: CognitoStandinHandle;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognito = await startCognitoStandin({ port: 0 });
  client = new CognitoIdentityProviderClient({
    ...LOCAL_CLIENT_CONFIG,
    endpoint: cognito.endpoint,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await cognito.stop();
});

const listUsers = (input: Omit<ListUsersCommandInput, 'UserPoolId'> & { UserPoolId?: string }) =>
  client.send(new ListUsersCommand({ UserPoolId: cognito.userPoolId, ...input }));

const attributesOf = (user: UserType | undefined) =>
  Object.fromEntries((user?.Attributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));

/** A request the SDK would not send, made by hand to see the raw answer. */
async function rawRequest(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(cognito.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.ListUsers',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/cognito-idp/aws4_request, Signature=00',
      ...headers,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Cognito stand-in through @aws-sdk/client-cognito-identity-provider', () => {
  it('lists the seeded operators of its pool, shaped like Cognito users', async () => {
    const { Users } = await listUsers({});

    expect(cognito.userPoolId).toBe(LOCAL_USER_POOL_ID);
    expect(Users?.map((user) => attributesOf(user).email)).toEqual(SEEDED_OPERATORS.map((o) => o.email));
    const first = Users?.[0];
    expect(first).toMatchObject({ Username: ADA.id, Enabled: true, UserStatus: 'CONFIRMED' });
    expect(first?.UserCreateDate).toBeInstanceOf(Date);
    expect(attributesOf(first)).toEqual({
      sub: ADA.id,
      email: ADA.email,
      email_verified: 'true',
      name: ADA.name,
    });
  });

  it('filters on one attribute, exact or by prefix, with the attribute name quoted or not', async () => {
    const exact = await listUsers({ Filter: `email = "${LIN.email}"` });
    const quotedName = await listUsers({ Filter: `"sub"="${SOFIA.id}"` });
    const prefix = await listUsers({ Filter: 'name ^= "Lin"' });
    const none = await listUsers({ Filter: 'email = "nobody@minthub.local"' });

    expect(exact.Users?.map((user) => user.Username)).toEqual([LIN.id]);
    expect(quotedName.Users?.map((user) => user.Username)).toEqual([SOFIA.id]);
    expect(prefix.Users?.map((user) => user.Username)).toEqual([LIN.id]);
    expect(none.Users).toEqual([]);
    expect(none.PaginationToken).toBeUndefined();
  });

  it('is a case-insensitive pool, like the stack’s: email matches in any case; name and sub do not', async () => {
    const email = await listUsers({ Filter: `email = "${ADA.email.toUpperCase()}"` });
    const name = await listUsers({ Filter: `name = "${ADA.name.toUpperCase()}"` });

    expect(email.Users?.map((user) => user.Username)).toEqual([ADA.id]);
    expect(name.Users).toEqual([]);
  });

  it('compares as stored in a case-sensitive pool, and answers emails as written', async () => {
    const sensitive = await startCognitoStandin({
      caseSensitive: true,
      users: [{ sub: ADA.id, email: 'Ada.Okafor@MintHub.local', name: 'Ada' }],
    });
    const sensitiveClient = new CognitoIdentityProviderClient({
      ...LOCAL_CLIENT_CONFIG,
      endpoint: sensitive.endpoint,
    });
    try {
      const send = (Filter: string) =>
        sensitiveClient.send(new ListUsersCommand({ UserPoolId: sensitive.userPoolId, Filter }));
      const lower = await send('email = "ada.okafor@minthub.local"');
      const asWritten = await send('email = "Ada.Okafor@MintHub.local"');

      expect(lower.Users).toEqual([]);
      expect(attributesOf(asWritten.Users?.[0]).email).toBe('Ada.Okafor@MintHub.local');
    } finally {
      sensitiveClient.destroy();
      await sensitive.stop();
    }
  });

  it('unescapes quotes in a value, and refuses a filter with anything after its value', async () => {
    const escaped = await listUsers({ Filter: String.raw`email = "a\"b@minthub.local"` });
    const injected = await errorOf(listUsers({ Filter: 'email = "a@b.c" or email ^= ""' }));
    const unknownAttribute = await errorOf(listUsers({ Filter: 'custom:team = "x"' }));

    expect(escaped.Users).toEqual([]);
    expect(injected).toBeInstanceOf(InvalidParameterException);
    expect(injected.$metadata?.httpStatusCode).toBe(400);
    expect(unknownAttribute).toBeInstanceOf(InvalidParameterException);
  });

  it('answers only the attributes asked for', async () => {
    const { Users } = await listUsers({ Filter: `sub = "${LIN.id}"`, AttributesToGet: ['sub', 'email'] });
    const unknown = await errorOf(listUsers({ AttributesToGet: ['custom:team'] }));

    expect(attributesOf(Users?.[0])).toEqual({ sub: LIN.id, email: LIN.email });
    expect(unknown).toBeInstanceOf(InvalidParameterException);
  });

  it('pages with Limit and PaginationToken, a token being good only for the same query', async () => {
    const first = await listUsers({ Limit: 2 });
    const second = await listUsers({ Limit: 2, PaginationToken: first.PaginationToken });
    const otherQuery = await errorOf(
      listUsers({ Limit: 2, Filter: 'name ^= "A"', PaginationToken: first.PaginationToken }),
    );
    const garbage = await errorOf(listUsers({ PaginationToken: 'not-a-token' }));

    expect(first.Users?.map((user) => user.Username)).toEqual([ADA.id, LIN.id]);
    expect(first.PaginationToken).toEqual(expect.any(String));
    expect(second.Users?.map((user) => user.Username)).toEqual([SOFIA.id]);
    expect(second.PaginationToken).toBeUndefined();
    expect(otherQuery).toBeInstanceOf(InvalidParameterException);
    expect(garbage).toBeInstanceOf(InvalidParameterException);
  });

  it('refuses a Limit above 60 and a malformed pool id as validation errors', async () => {
    const limit = await errorOf(listUsers({ Limit: 61 }));
    const malformedPool = await errorOf(listUsers({ UserPoolId: 'no-underscore' }));

    expect(limit).toBeInstanceOf(InvalidParameterException);
    expect(limit.message).toMatch(/^1 validation error detected: .*'limit'.*less than or equal to 60/);
    expect(malformedPool).toBeInstanceOf(InvalidParameterException);
  });

  it('answers ResourceNotFoundException for another user pool', async () => {
    const error = await errorOf(listUsers({ UserPoolId: 'eu-west-1_SomeOtherPool' }));

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('User pool eu-west-1_SomeOtherPool does not exist.');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers errors in the AWS JSON 1.1 shape, and refuses unsigned requests and other operations', async () => {
    const badJson = await rawRequest('{not json');
    const unsigned = await rawRequest('{}', { Authorization: '' });
    const otherOperation = await rawRequest('{}', {
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminDeleteUser',
    });
    const wrongType = await rawRequest(JSON.stringify({ UserPoolId: cognito.userPoolId, Limit: 'ten' }));

    expect(badJson).toEqual({
      status: 400,
      body: { __type: 'SerializationException', message: expect.any(String) },
    });
    expect(unsigned.body.__type).toBe('IncompleteSignatureException');
    expect(otherOperation.body.__type).toBe('UnknownOperationException');
    expect(wrongType.body.__type).toBe('SerializationException');
  });

  it('counts ListUsers calls, and listens on 127.0.0.1 only', async () => {
    cognito.resetCounters();
    await listUsers({ Limit: 1 });
    await errorOf(listUsers({ UserPoolId: 'eu-west-1_SomeOtherPool' }));

    expect(cognito.listUsersCalls()).toBe(2);
    expect(await reachableOnOtherInterfaces(portOf(cognito.endpoint))).toEqual([]);
  });
});
