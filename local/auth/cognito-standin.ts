import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  closeServer,
  listenOnLoopback,
  loopbackEndpoint,
  readBody,
  RequestTooLarge,
} from '../emulators/loopback-http-server';
import { CognitoError, listUsersOf, poolUser, type CognitoStandinUser } from './cognito-list-users';
import { SEEDED_OPERATORS } from './seeded-operators';

/**
 * A Cognito user pool endpoint on 127.0.0.1 for the one operation the app uses, `ListUsers`, speaking the
 * protocol of the real service (AWS JSON 1.1, `X-Amz-Target: AWSCognitoIdentityProviderService.ListUsers`), so
 * the production `@aws-sdk/client-cognito-identity-provider` adapter runs unchanged with only its endpoint
 * pointed here (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`). It holds one user pool: the seeded operators by
 * default. Like the stack's pool (lib/operators.ts) it is case-insensitive unless told otherwise: `username`,
 * `email` and `preferred_username` compare ignoring case and are answered lowercased, as Cognito does.
 * Signatures are not verified, but a request without SigV4 authorization is refused. Nothing is logged. The
 * operation itself is in cognito-list-users.ts.
 */
export const LOCAL_USER_POOL_ID = 'us-east-1_MintHubLocal';

export interface CognitoStandinOptions {
  /** 0 (the default) lets the OS choose a free port. */
  readonly port?: number;
  /** @default LOCAL_USER_POOL_ID */
  readonly userPoolId?: string;
  /** The pool's users, in the order listings answer them. @default the seeded operators */
  readonly users?: readonly CognitoStandinUser[];
  /** A case-sensitive pool (`UsernameConfiguration.CaseSensitive`) compares and answers values as stored. @default false */
  readonly caseSensitive?: boolean;
}

export interface CognitoStandinHandle {
  readonly endpoint: string;
  readonly userPoolId: string;
  /** ListUsers calls since start or the last reset, failed ones included, so tests can bound directory calls. */
  listUsersCalls(): number;
  resetCounters(): void;
  stop(): Promise<void>;
}

const JSON_1_1 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const MAX_BODY_BYTES = 64 * 1024;

export async function startCognitoStandin(
  options: CognitoStandinOptions = {},
): Promise<CognitoStandinHandle> {
  const userPoolId = options.userPoolId ?? LOCAL_USER_POOL_ID;
  const caseSensitive = options.caseSensitive ?? false;
  const users = (
    options.users ??
    SEEDED_OPERATORS.map((operator) => ({ sub: operator.id, email: operator.email, name: operator.name }))
  ).map((user) => poolUser(user, caseSensitive));
  let calls = 0;

  const listUsers = (body: unknown) => {
    calls += 1;
    return listUsersOf(body, { userPoolId, caseSensitive, users });
  };
  const server = createServer((request, response) => {
    handleRequest(request, response, listUsers).catch(() =>
      respondWithError(response, new CognitoError('InternalErrorException', 'Internal error', 500)),
    );
  });
  const port = await listenOnLoopback(server, options.port ?? 0);

  return {
    endpoint: loopbackEndpoint(port),
    userPoolId,
    listUsersCalls: () => calls,
    resetCounters: () => {
      calls = 0;
    },
    stop: () => closeServer(server),
  };
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  listUsers: (body: unknown) => object,
): Promise<void> {
  try {
    checkRequest(request);
    const body = await readJsonBody(request);
    respond(response, 200, listUsers(body));
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    respondWithError(response, error);
  }
}

/** What a real endpoint checks before it looks at the body: method, auth, content type, target. */
function checkRequest(request: IncomingMessage): void {
  if (request.method !== 'POST' || request.url !== '/') {
    throw new CognitoError('UnknownOperationException', 'Unknown operation', 404);
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new CognitoError('IncompleteSignatureException', 'Authorization header is not a SigV4 signature');
  }
  if (request.headers['content-type']?.split(';')[0]?.trim() !== JSON_1_1) {
    throw new CognitoError('SerializationException', `Content-Type must be ${JSON_1_1}`);
  }
  if (request.headers['x-amz-target'] !== `${TARGET_PREFIX}ListUsers`) {
    throw new CognitoError('UnknownOperationException', 'Unknown operation');
  }
}

/** Past the limit the rest is drained, not stored, so the error still reaches the client. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof RequestTooLarge
      ? new CognitoError('InvalidParameterException', 'Request body too large')
      : error;
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new CognitoError('SerializationException', 'Request body is not valid JSON');
  }
}

function respondWithError(response: ServerResponse, error: CognitoError): void {
  respond(response, error.status, { __type: error.type, message: error.message }, error.type);
}

function respond(response: ServerResponse, status: number, body: object, errorType?: string): void {
  if (response.headersSent) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': JSON_1_1,
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-ErrorType': errorType }),
  });
  response.end(payload);
}
