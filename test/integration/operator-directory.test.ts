import { ServiceUnavailable } from '../../shared/errors';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoStandinUser } from '../../local/auth/cognito-list-users';
import { startCognitoStandin, type CognitoStandinHandle } from '../../local/auth/cognito-standin';
import { withClassifiedErrors } from '../../shared/adapters/aws-error-classification';
import { createCognitoOperatorDirectory } from '../../shared/adapters/cognito-operator-directory';
import type { Operator, OperatorDirectory } from '../../shared/ports';
import { createInMemoryOperatorDirectory } from '../support/in-memory-operator-directory';
import { LOCAL_CLIENT_CONFIG } from './emulators/local-test-support';

// One contract, two implementations: the in-memory directory the unit tests use, and the Cognito adapter through
// the real SDK against the Cognito stand-in. If they agree here, a unit test with the fake says something true.
const ADA: Operator = {
  userId: '3f0b6a2e-8c1d-4e57-9a4b-1d2c3e4f5a01',
  email: 'ada@minthub.local',
  name: 'Ada Okafor',
  enabled: true,
};
const LIN: Operator = {
  userId: '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02',
  email: 'lin@minthub.local',
  name: null,
  enabled: true,
};
const GONE: Operator = {
  userId: 'b5d7f9a1-3c5e-4b7d-9f1a-3c5e7a9b1d03',
  email: 'gone@minthub.local',
  name: 'Former Colleague',
  enabled: false,
};
const OPERATORS = [ADA, LIN, GONE];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const standinUsers = (operators: readonly Operator[]): CognitoStandinUser[] =>
  operators.map((operator) => ({
    sub: operator.userId,
    email: operator.email,
    enabled: operator.enabled,
    ...(operator.name === null ? {} : { name: operator.name }),
  }));

const clients: CognitoIdentityProviderClient[] = [];
const standins: CognitoStandinHandle[] = [];
const servers: Server[] = [];

/** The client as shared/runtime/aws-clients.ts builds it: the SDK's errors classified once, on the client. */
function sdkClient(endpoint: string): CognitoIdentityProviderClient {
  const client = withClassifiedErrors(
    new CognitoIdentityProviderClient({ ...LOCAL_CLIENT_CONFIG, endpoint, maxAttempts: 1 }),
    'cognito',
  );
  clients.push(client);
  return client;
}

async function standin(options: Parameters<typeof startCognitoStandin>[0]): Promise<CognitoStandinHandle> {
  const started = await startCognitoStandin(options);
  standins.push(started);
  return started;
}

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all(standins.map((handle) => handle.stop()));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const implementations: Array<[string, () => Promise<OperatorDirectory>]> = [
  ['in memory', () => Promise.resolve(createInMemoryOperatorDirectory(OPERATORS))],
  [
    'Cognito adapter against the stand-in',
    async () => {
      const pool = await standin({ users: standinUsers(OPERATORS) });
      return createCognitoOperatorDirectory(sdkClient(pool.endpoint), pool.userPoolId);
    },
  ],
];

describe.each(implementations)('OperatorDirectory contract: %s', (_name, create) => {
  let directory: OperatorDirectory;

  beforeAll(async () => {
    directory = await create();
  });

  it('finds an operator by email in any case', async () => {
    for (const email of [
      'ada@minthub.local',
      'ADA@MINTHUB.LOCAL',
      'Ada@MintHub.Local',
      '  ada@minthub.local ',
    ]) {
      expect(await directory.findByEmail(email)).toEqual(ADA);
    }
  });

  it('answers a disabled operator as disabled, and an operator without a name with null', async () => {
    expect(await directory.findByEmail('gone@minthub.local')).toEqual(GONE);
    expect(await directory.findByEmail('lin@minthub.local')).toEqual(LIN);
  });

  it('answers undefined for an unknown email, and for a prefix of a known one', async () => {
    expect(await directory.findByEmail('nobody@minthub.local')).toBeUndefined();
    expect(await directory.findByEmail('ada@minthub.loca')).toBeUndefined();
  });

  it('answers undefined for anything that is not an email, filter injection attempts included', async () => {
    const malformed = [
      '',
      'ada',
      'a@b.c" or email ^= "',
      '" or email ^= "',
      'ada@minthub.local" or email ^= "',
      'email ^= ""',
      String.raw`ada@minthub.local\\`,
      '*',
    ];
    for (const email of malformed) {
      expect(await directory.findByEmail(email)).toBeUndefined();
    }
  });

  it('gets operators by id: known ones once each, unknown and malformed ids absent', async () => {
    const found = await directory.getOperators([
      ADA.userId,
      UNKNOWN_ID,
      GONE.userId,
      ADA.userId,
      'not-a-uuid',
    ]);

    expect([...found.keys()].sort()).toEqual([ADA.userId, GONE.userId].sort());
    expect(found.get(ADA.userId)).toEqual(ADA);
    expect(found.get(GONE.userId)).toEqual(GONE);
  });

  it('answers an empty map for no ids', async () => {
    expect((await directory.getOperators([])).size).toBe(0);
  });
});

describe('Cognito operator directory', () => {
  it('sends nothing to Cognito for a malformed email or id', async () => {
    const pool = await standin({ users: standinUsers(OPERATORS) });
    const directory = createCognitoOperatorDirectory(sdkClient(pool.endpoint), pool.userPoolId);

    await directory.findByEmail('a@b.c" or email ^= "');
    await directory.getOperators(['not-a-uuid', `${ADA.userId}" or sub ^= "`]);

    expect(pool.listUsersCalls()).toBe(0);
  });

  it('asks once per distinct id, at most five at a time', async () => {
    const many = Array.from({ length: 12 }, (_, index) => ({
      userId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      email: `operator${index}@minthub.local`,
      name: `Operator ${index}`,
      enabled: true,
    }));
    const pool = await standin({ users: standinUsers(many) });
    const client = sdkClient(pool.endpoint);
    let inFlight = 0;
    let mostInFlight = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          return await next(args);
        } finally {
          inFlight -= 1;
        }
      },
      { step: 'initialize', name: 'countInFlight' },
    );
    const directory = createCognitoOperatorDirectory(client, pool.userPoolId);

    const found = await directory.getOperators([...many, ...many].map((operator) => operator.userId));

    expect(found.size).toBe(12);
    expect(pool.listUsersCalls()).toBe(12);
    expect(mostInFlight).toBe(5);
  });

  it('finds a mixed-case stored email in a case-sensitive pool when given as written', async () => {
    const pool = await standin({
      caseSensitive: true,
      users: [{ sub: ADA.userId, email: 'Ada.Okafor@MintHub.local', name: 'Ada Okafor' }],
    });
    const directory = createCognitoOperatorDirectory(sdkClient(pool.endpoint), pool.userPoolId);

    expect((await directory.findByEmail('Ada.Okafor@MintHub.local'))?.userId).toBe(ADA.userId);
    expect(pool.listUsersCalls()).toBe(2); // the lowercased address first, then as written
  });

  it('refuses to pick when two users share an email', async () => {
    const pool = await standin({
      users: [
        { sub: ADA.userId, email: 'shared@minthub.local' },
        { sub: LIN.userId, email: 'SHARED@minthub.local' },
      ],
    });
    const directory = createCognitoOperatorDirectory(sdkClient(pool.endpoint), pool.userPoolId);

    await expect(directory.findByEmail('shared@minthub.local')).rejects.toThrow(/more than one operator/i);
  });

  it("answers a misconfiguration (another pool) as a configuration fault, for the operators' alarm", async () => {
    const pool = await standin({ users: standinUsers(OPERATORS) });
    const directory = createCognitoOperatorDirectory(sdkClient(pool.endpoint), 'eu-west-1_NotThisOne');

    const error = await directory.findByEmail(ADA.email).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect(error).toMatchObject({ service: 'cognito', fault: 'configuration', retryAfterSeconds: 30 });
    expect((error as Error).cause).toBeInstanceOf(ResourceNotFoundException);
  });

  it.each([
    ['denied', 400, 'AccessDeniedException'],
    ['not found', 400, 'ResourceNotFoundException'],
  ])(
    'keeps a configuration fault (%s) a configuration fault: the adapter classifies nothing again',
    async (_what, status, type) => {
      const endpoint = await fakeCognito(status, type);
      const directory = createCognitoOperatorDirectory(sdkClient(endpoint), 'us-east-1_MintHubLocal');

      await expect(directory.getOperators([ADA.userId])).rejects.toMatchObject({
        service: 'cognito',
        fault: 'configuration',
      });
    },
  );

  it.each([
    ['throttled', 400, 'TooManyRequestsException'],
    ['failing', 500, 'InternalErrorException'],
    ['unavailable', 503, 'ServiceUnavailable'],
  ])(
    'answers "unavailable" when Cognito is %s, without the email in the error',
    async (_what, status, type) => {
      const endpoint = await fakeCognito(status, type);
      const directory = createCognitoOperatorDirectory(sdkClient(endpoint), 'us-east-1_MintHubLocal');

      const error = await directory.findByEmail(ADA.email).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ServiceUnavailable);
      expect(error).toMatchObject({ code: 'ServiceUnavailable', service: 'cognito' });
      expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(ADA.email);
      await expect(directory.getOperators([ADA.userId])).rejects.toBeInstanceOf(ServiceUnavailable);
    },
  );

  it('answers "unavailable" when Cognito cannot be reached', async () => {
    const closed = await fakeCognito(500, 'InternalErrorException');
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const directory = createCognitoOperatorDirectory(sdkClient(closed), 'us-east-1_MintHubLocal');

    await expect(directory.findByEmail(ADA.email)).rejects.toBeInstanceOf(ServiceUnavailable);
  });
});

/** A Cognito endpoint that answers every request with one error. */
async function fakeCognito(status: number, type: string): Promise<string> {
  const server = createServer((_request, response) => {
    const body = JSON.stringify({ __type: type, message: 'Rate exceeded' });
    response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
    response.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
