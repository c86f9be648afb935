import { randomUUID } from 'node:crypto';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import {
  storeAccessStatements,
  type PolicyStatementJson,
} from '../../shared/store-access/store-access-policy';
import { TABLE_DEFINITION } from '../../shared/storage/table-definition';
import {
  assertSupportedPolicy,
  evaluateIdentityPolicy,
  type ContextValue,
  type IamAuthorizationRequest,
} from './iam-policy';
import { keyIdOfCiphertext, UnreadableCiphertext } from './kms-ciphertext';
import {
  closeServer,
  listenOnLoopback,
  loopbackEndpoint,
  readBody,
  RequestTooLarge,
} from './loopback-http-server';
import {
  EXPIRED_TOKEN_MESSAGE,
  INVALID_TOKEN_MESSAGE,
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  parseAuthorization,
  SIGNATURE_DOES_NOT_MATCH_MESSAGE,
  signatureMatches,
  startStsStandin,
  type StoreSession,
  type StoreSessionLookup,
} from './sts-standin';

/**
 * Loopback proxies that make DynamoDB Local and the KMS stand-in answer a store session as IAM would: in front of
 * each, a request signed with a store session's credentials (from the STS stand-in) has its signature and token
 * checked, its IAM request context derived (action, resource ARN, `dynamodb:LeadingKeys`, `kms:EncryptionContext…`)
 * and evaluated against the store-access role's document (shared/store-access/store-access-policy.ts). A refused
 * request gets the service's own AccessDeniedException and never reaches the emulator; an allowed one is
 * forwarded byte for byte, headers included (the emulators do not check signatures, so nothing is re-signed).
 *
 * Requests signed with any other access key (the base `local` credentials of every function) pass unchanged:
 * the functions' own roles are not modelled locally; their least privilege is proven by the CDK assertions only.
 * So is the storage key's `kms:ViaService` statement, which has no local counterpart.
 */

export type EnforcedService = 'dynamodb' | 'kms';

export interface IamEnforcingProxyOptions {
  service: EnforcedService;
  /** The emulator behind the proxy, e.g. DynamoDB Local's endpoint. */
  target: string;
  /** Where store sessions are looked up: the STS stand-in. */
  sessions: StoreSessionLookup;
  /** The store-access role's permissions: `storeAccessStatements(...)`. */
  statements: readonly PolicyStatementJson[];
  /** 0 (the default) lets the OS choose a free port. */
  port?: number;
  /** The clock for session expiry; give the STS stand-in the same one. @default the real clock */
  now?: () => Date;
}

export interface IamEnforcingProxyHandle {
  endpoint: string;
  /** Requests refused by the policy for one session (by access key id), or for all sessions. */
  deniedCount(accessKeyId?: string): number;
  stop(): Promise<void>;
}

/** A request the proxy cannot authorize answers as the service would; `type` is the JSON `__type`. */
class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string | undefined,
    readonly status = 400,
  ) {
    super(message ?? '');
  }
}

const MAX_BODY_BYTES: Record<EnforcedService, number> = {
  // DynamoDB's request limit is 16 MB (BatchWriteItem); KMS requests are small.
  dynamodb: 16 * 1024 * 1024 + 64 * 1024,
  kms: 64 * 1024,
};
const CONTENT_TYPES: Record<EnforcedService, string> = {
  dynamodb: 'application/x-amz-json-1.0',
  kms: 'application/x-amz-json-1.1',
};
const TARGET_PREFIXES: Record<EnforcedService, string> = {
  dynamodb: 'DynamoDB_20120810.',
  kms: 'TrentService.',
};
/** DynamoDB names errors of the request layer with Coral's namespace; KMS with the bare name. */
const errorTypeOf = (service: EnforcedService, name: string): string =>
  service === 'dynamodb' ? `com.amazon.coral.service#${name}` : name;

export async function startIamEnforcingProxy(
  options: IamEnforcingProxyOptions,
): Promise<IamEnforcingProxyHandle> {
  assertSupportedPolicy(options.statements);
  const target = new URL(options.target);
  const now = options.now ?? (() => new Date());
  // A fresh loopback connection per request: a kept socket would go stale when DynamoDB Local restarts.
  // Connections to the emulator are kept (a new one per call costs about a millisecond); a kept one the emulator
  // closed (a restart) is met once with ECONNRESET and the call is sent again on a new one.
  const agent = new Agent({ keepAlive: true });
  const denials = new Map<string, number>();
  const { service } = options;

  const authorize = async (request: IncomingMessage, body: Buffer): Promise<void> => {
    const authorization = parseAuthorization(request.headers.authorization);
    const session =
      authorization === undefined ? undefined : options.sessions.sessionOf(authorization.accessKeyId);
    if (authorization === undefined || session === undefined) {
      // A session key the stand-in never issued (or no longer knows) is not a key at all.
      if (authorization?.accessKeyId.startsWith('ASIA') === true)
        throw new ServiceError(errorTypeOf(service, 'UnrecognizedClientException'), INVALID_TOKEN_MESSAGE);
      return; // base (or any non-session) credentials: not modelled, passed through
    }
    if (request.headers['x-amz-security-token'] !== session.sessionToken) {
      throw new ServiceError(errorTypeOf(service, 'UnrecognizedClientException'), INVALID_TOKEN_MESSAGE);
    }
    if (!(await signatureMatches(request, body, authorization, session.secretAccessKey))) {
      throw new ServiceError(
        errorTypeOf(service, 'InvalidSignatureException'),
        SIGNATURE_DOES_NOT_MATCH_MESSAGE,
      );
    }
    if (session.expiresAt.getTime() <= now().getTime()) {
      throw new ServiceError(errorTypeOf(service, 'ExpiredTokenException'), EXPIRED_TOKEN_MESSAGE);
    }
    const operation = operationOf(request, service);
    const parsed = parseJson(body, service);
    const requests =
      service === 'dynamodb'
        ? dynamodbAuthorizationRequests(operation, parsed)
        : [kmsAuthorizationRequest(operation, parsed)];
    for (const item of requests) {
      const decision = evaluateIdentityPolicy(options.statements, {
        ...item,
        principalTags: { storeId: session.storeId, purpose: session.purpose },
      });
      if (!decision.allowed) {
        denials.set(session.accessKeyId, (denials.get(session.accessKeyId) ?? 0) + 1);
        throw new ServiceError(
          errorTypeOf(service, 'AccessDeniedException'),
          accessDeniedMessage(session, item),
        );
      }
    }
  };

  const server = createServer((request, response) => {
    void (async () => {
      let body: Buffer;
      try {
        body = await readBody(request, MAX_BODY_BYTES[service]);
        await authorize(request, body);
      } catch (error) {
        if (error instanceof RequestTooLarge)
          return respondWithError(
            response,
            service,
            new ServiceError(errorTypeOf(service, 'ValidationException'), 'Request body too large'),
          );
        if (error instanceof ServiceError) return respondWithError(response, service, error);
        return respondWithError(
          response,
          service,
          new ServiceError(errorTypeOf(service, 'InternalFailure'), undefined, 500),
        );
      }
      forward(request, body, response);
    })();
  });

  const resetConnection = (response: ServerResponse) => {
    const socket = response.socket;
    if (socket !== null && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else response.destroy();
  };

  const forward = (request: IncomingMessage, body: Buffer, response: ServerResponse, retried = false) => {
    // The client's headers as it sent them (Host included: the signature covers it), and its exact body.
    const upstream = httpRequest(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.rawHeaders,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', () => resetConnection(response));
        answer.on('end', () => {
          const payload = Buffer.concat(chunks);
          const headers: OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value === undefined || HOP_BY_HOP.has(name)) continue;
            headers[name] = value;
          }
          headers['content-length'] = payload.length;
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(payload);
        });
      },
    );
    // The emulator unreachable: the client's connection is reset (TCP RST), so it fails as it would have against
    // the dead service itself, with a connection error that names its code (ECONNRESET), not a silent hang-up.
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      // A kept connection the emulator had closed: the request never reached it, so it is sent again, once.
      if (upstream.reusedSocket && error.code === 'ECONNRESET' && !retried && !response.headersSent)
        forward(request, body, response, true);
      else resetConnection(response);
    });
    upstream.end(body);
  };

  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    endpoint: loopbackEndpoint(port),
    deniedCount: (accessKeyId) =>
      accessKeyId === undefined
        ? [...denials.values()].reduce((sum, count) => sum + count, 0)
        : (denials.get(accessKeyId) ?? 0),
    stop: async () => {
      await closeServer(server);
      agent.destroy();
    },
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function operationOf(request: IncomingMessage, service: EnforcedService): string {
  const target = request.headers['x-amz-target'];
  const prefix = TARGET_PREFIXES[service];
  if (typeof target !== 'string' || !target.startsWith(prefix)) {
    throw new ServiceError(errorTypeOf(service, 'UnknownOperationException'), undefined);
  }
  return target.slice(prefix.length);
}

function parseJson(body: Buffer, service: EnforcedService): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ServiceError(errorTypeOf(service, 'SerializationException'), 'Request body is not valid JSON');
  }
}

/** IAM's wording for an identity policy that allows nothing matching the request. */
export function accessDeniedMessage(
  session: Pick<StoreSession, 'principalArn'>,
  request: Pick<IamAuthorizationRequest, 'action' | 'resource'>,
): string {
  return (
    `User: ${session.principalArn} is not authorized to perform: ${request.action} on resource: ` +
    `${request.resource} because no identity-based policy allows the ${request.action} action`
  );
}

function respondWithError(response: ServerResponse, service: EnforcedService, error: ServiceError): void {
  if (response.headersSent) return;
  // DynamoDB's Coral errors carry `Message`, KMS's `message`; the SDK reads either.
  const body =
    error.message === ''
      ? { __type: error.type }
      : { __type: error.type, [service === 'dynamodb' ? 'Message' : 'message']: error.message };
  const payload = JSON.stringify(body);
  response.writeHead(error.status, {
    'Content-Type': CONTENT_TYPES[service],
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(payload);
}

// ---------------------------------------------------------------------------------------------------------------
// The IAM request context of a request (pure, exported for the unit tests)

export type AuthorizationRequest = Omit<IamAuthorizationRequest, 'principalTags'>;

export interface TableKeySchema {
  /** The table's partition key attribute. */
  readonly partitionKey: string;
  /** Each index's partition key attribute, by index name. */
  readonly indexPartitionKeys: Readonly<Record<string, string>>;
}

export const LOCAL_TABLE_KEY_SCHEMA: TableKeySchema = {
  partitionKey: TABLE_DEFINITION.partitionKey,
  indexPartitionKeys: {
    [TABLE_DEFINITION.userStoresIndex.name]: TABLE_DEFINITION.userStoresIndex.partitionKey,
  },
};

export const dynamodbTableArn = (tableName: string): string =>
  `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${tableName}`;

const LEADING_KEYS = 'dynamodb:LeadingKeys';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: unknown, key: string): Json | undefined => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : undefined;
};
const stringAt = (value: unknown, key: string): string | undefined => {
  const child = isObject(value) ? value[key] : undefined;
  return typeof child === 'string' ? child : undefined;
};
const arrayAt = (value: unknown, key: string): unknown[] => {
  const child = isObject(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : [];
};

/**
 * The authorization requests IAM makes for one DynamoDB call: one for most operations, one per table for the
 * batch operations, one per contained item (with that item's action) for the transactions. Every one must be
 * allowed. `dynamodb:LeadingKeys` holds the partition key values the call names; a call naming none (Scan,
 * DescribeTable, …) has no such key, which the document's `Null` condition refuses.
 */
export function dynamodbAuthorizationRequests(
  operation: string,
  body: unknown,
  schema: TableKeySchema = LOCAL_TABLE_KEY_SCHEMA,
): AuthorizationRequest[] {
  const forTable = (
    action: string,
    tableName: string | undefined,
    leadingKeys: string[],
    indexName?: string,
  ) => {
    const resource =
      tableName === undefined
        ? '*'
        : `${dynamodbTableArn(tableName)}${indexName === undefined ? '' : `/index/${indexName}`}`;
    const context: Record<string, ContextValue> = {};
    if (leadingKeys.length > 0) context[LEADING_KEYS] = [...new Set(leadingKeys)];
    return { action: `dynamodb:${action}`, resource, context };
  };
  const partitionOf = (key: unknown) => partitionValues(key, schema.partitionKey);
  const tableName = stringAt(body, 'TableName');

  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [forTable(operation, tableName, partitionOf(objectAt(body, 'Key')))];
    case 'PutItem':
      return [forTable(operation, tableName, partitionOf(objectAt(body, 'Item')))];
    case 'Query': {
      const indexName = stringAt(body, 'IndexName');
      const attribute = indexName === undefined ? schema.partitionKey : schema.indexPartitionKeys[indexName];
      const keys = attribute === undefined ? [] : queryPartitionValues(body, attribute);
      return [forTable(operation, tableName, keys, indexName)];
    }
    case 'Scan':
      return [forTable(operation, tableName, [], stringAt(body, 'IndexName'))];
    case 'BatchGetItem':
      return Object.entries(objectAt(body, 'RequestItems') ?? {}).map(([table, request]) =>
        forTable(operation, table, arrayAt(request, 'Keys').flatMap(partitionOf)),
      );
    case 'BatchWriteItem':
      return Object.entries(objectAt(body, 'RequestItems') ?? {}).map(([table, requests]) =>
        forTable(
          operation,
          table,
          (Array.isArray(requests) ? requests : []).flatMap((request) => [
            ...partitionOf(objectAt(objectAt(request, 'PutRequest'), 'Item')),
            ...partitionOf(objectAt(objectAt(request, 'DeleteRequest'), 'Key')),
          ]),
        ),
      );
    case 'TransactGetItems':
      return arrayAt(body, 'TransactItems').map((item) => {
        const get = objectAt(item, 'Get');
        return forTable('GetItem', stringAt(get, 'TableName'), partitionOf(objectAt(get, 'Key')));
      });
    case 'TransactWriteItems': {
      const actions = {
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
        ConditionCheck: 'ConditionCheckItem',
      };
      return arrayAt(body, 'TransactItems').flatMap((item) =>
        Object.entries(actions).flatMap(([member, action]) => {
          const part = objectAt(item, member);
          if (part === undefined) return [];
          const key = member === 'Put' ? objectAt(part, 'Item') : objectAt(part, 'Key');
          return [forTable(action, stringAt(part, 'TableName'), partitionOf(key))];
        }),
      );
    }
    default:
      return [forTable(operation, tableName, [])];
  }
}

/** The value of `attribute` in a key or item, as IAM sees it (a string); none when it is absent. */
function partitionValues(keyOrItem: unknown, attribute: string): string[] {
  const value = objectAt(keyOrItem, attribute);
  const scalar = stringAt(value, 'S') ?? stringAt(value, 'N') ?? stringAt(value, 'B');
  return scalar === undefined ? [] : [scalar];
}

/**
 * The partition key values of a Query: every `name = :value` of its KeyConditionExpression (names resolved
 * through ExpressionAttributeNames, values through ExpressionAttributeValues) whose name is `attribute`, or the
 * EQ of the legacy KeyConditions.
 */
export function queryPartitionValues(body: unknown, attribute: string): string[] {
  const expression = stringAt(body, 'KeyConditionExpression');
  if (expression === undefined) {
    const condition = objectAt(objectAt(body, 'KeyConditions'), attribute);
    if (stringAt(condition, 'ComparisonOperator') !== 'EQ') return [];
    return arrayAt(condition, 'AttributeValueList').flatMap((value) => partitionValues({ v: value }, 'v'));
  }
  const names = objectAt(body, 'ExpressionAttributeNames') ?? {};
  const values = objectAt(body, 'ExpressionAttributeValues') ?? {};
  const tokens = expression.match(/#[\w]+|:[\w]+|[A-Za-z_][\w.]*|<=|>=|<>|[=<>(),]/g) ?? [];
  const nameOf = (token: string) =>
    token.startsWith('#') ? (typeof names[token] === 'string' ? (names[token] as string) : undefined) : token;
  const found: string[] = [];
  tokens.forEach((token, index) => {
    if (token !== '=') return;
    const left = tokens[index - 1];
    const right = tokens[index + 1];
    if (left === undefined || right === undefined) return;
    const [name, placeholder] = left.startsWith(':') ? [right, left] : [left, right];
    if (!placeholder.startsWith(':') || name.startsWith(':') || nameOf(name) !== attribute) return;
    found.push(...partitionValues({ v: values[placeholder] }, 'v'));
  });
  return found;
}

/** The ARN KMS authorizes a key identifier against (the stand-in has one account and region, and no aliases). */
export function kmsKeyArn(identifier: string): string {
  if (identifier.startsWith('arn:')) return identifier;
  return `arn:aws:kms:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${identifier.startsWith('alias/') ? identifier : `key/${identifier}`}`;
}

/**
 * The authorization request of one KMS call: the key (for Decrypt without KeyId, the key the ciphertext names),
 * `kms:EncryptionContext:<key>` for each pair of the request's context and `kms:EncryptionContextKeys` (absent
 * when there is no context).
 */
export function kmsAuthorizationRequest(operation: string, body: unknown): AuthorizationRequest {
  let keyId = stringAt(body, 'KeyId') ?? stringAt(body, 'DestinationKeyId');
  if (keyId === undefined && operation === 'Decrypt') {
    try {
      keyId = keyIdOfCiphertext(Buffer.from(stringAt(body, 'CiphertextBlob') ?? '', 'base64'));
    } catch (error) {
      if (!(error instanceof UnreadableCiphertext)) throw error;
      // KMS cannot tell which key a broken blob belongs to: it says so before any authorization.
      throw new ServiceError('InvalidCiphertextException', undefined);
    }
  }
  const context: Record<string, ContextValue> = {};
  const encryptionContext = objectAt(body, 'EncryptionContext') ?? {};
  const pairs = Object.entries(encryptionContext).filter(
    (pair): pair is [string, string] => typeof pair[1] === 'string',
  );
  for (const [key, value] of pairs) context[`kms:EncryptionContext:${key}`] = value;
  if (pairs.length > 0) context['kms:EncryptionContextKeys'] = pairs.map(([key]) => key);
  return { action: `kms:${operation}`, resource: keyId === undefined ? '*' : kmsKeyArn(keyId), context };
}

// ---------------------------------------------------------------------------------------------------------------
// Everything at once

export interface IamEnforcementOptions {
  /** DynamoDB Local's endpoint. */
  dynamodbEndpoint: string;
  /** The KMS stand-in's endpoint. */
  kmsEndpoint: string;
  /** @default 'mint-hub-local' (the workspace's table) */
  tableName?: string;
  /** The token key's ARN (the KMS stand-in's `keyArn`). */
  tokenKeyArn: string;
  /** @default arn:aws:iam::000000000000:role/mint-hub-local-store-access */
  roleArn?: string;
  /** One clock for STS and both proxies (tests move it past a session's end). @default the real clock */
  now?: () => Date;
}

export interface IamEnforcementHandle {
  /** For `AWS_ENDPOINT_URL_STS`. */
  stsEndpoint: string;
  /** For `AWS_ENDPOINT_URL_DYNAMODB`: the proxy in front of DynamoDB Local. */
  dynamodbEndpoint: string;
  /** For `AWS_ENDPOINT_URL_KMS`: the proxy in front of the KMS stand-in. */
  kmsEndpoint: string;
  /** For `MINT_HUB_STORE_ACCESS_ROLE_ARN`. */
  roleArn: string;
  /** Requests the store-access policy refused, for one session (access key id) or all, on both services. */
  deniedCount(accessKeyId?: string): number;
  stop(): Promise<void>;
}

/** The STS stand-in and a proxy in front of each of DynamoDB Local and the KMS stand-in, all on 127.0.0.1. */
export async function startIamEnforcement(options: IamEnforcementOptions): Promise<IamEnforcementHandle> {
  const statements = storeAccessStatements({
    tableArn: dynamodbTableArn(options.tableName ?? 'mint-hub-local'),
    tokenKeyArn: options.tokenKeyArn,
  });
  const now = options.now;
  const sts = await startStsStandin({
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(now ? { now } : {}),
  });
  const started: { stop(): Promise<void> }[] = [sts];
  try {
    const dynamodb = await startIamEnforcingProxy({
      service: 'dynamodb',
      target: options.dynamodbEndpoint,
      sessions: sts,
      statements,
      ...(now ? { now } : {}),
    });
    started.push(dynamodb);
    const kms = await startIamEnforcingProxy({
      service: 'kms',
      target: options.kmsEndpoint,
      sessions: sts,
      statements,
      ...(now ? { now } : {}),
    });
    started.push(kms);
    return {
      stsEndpoint: sts.endpoint,
      dynamodbEndpoint: dynamodb.endpoint,
      kmsEndpoint: kms.endpoint,
      roleArn: sts.roleArn,
      deniedCount: (accessKeyId) => dynamodb.deniedCount(accessKeyId) + kms.deniedCount(accessKeyId),
      stop: async () => {
        await Promise.all(started.map((piece) => piece.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((piece) => piece.stop()));
    throw error;
  }
}
