import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadOrCreateKeyFile } from './kms-key-file';
import {
  createKmsOperations,
  KMS_OPERATIONS,
  KmsError,
  localKeyArn,
  type KmsOperation,
} from './kms-operations';
import {
  closeServer,
  listenOnLoopback,
  loopbackEndpoint,
  readBody,
  RequestTooLarge,
} from './loopback-http-server';

export interface KmsStandinOptions {
  /** 0 (the default) lets the OS choose a free port. */
  port?: number;
  /** Where the key lives (created 0600 on first start, reused after). */
  keyFile: string;
}

export type KmsOperationCounts = Record<KmsOperation, number>;

export interface KmsStandinHandle {
  endpoint: string;
  keyId: string;
  keyArn: string;
  /** Calls per operation since start or the last reset, failed calls included, so tests can bound KMS usage. */
  counters(): KmsOperationCounts;
  resetCounters(): void;
  /**
   * For fault tests: `internal` answers every call with 500 KMSInternalException, `access-denied` with 400
   * AccessDeniedException (a configuration fault), `unreachable` drops the connection; undefined clears it.
   */
  setFault(fault: KmsFault | undefined): void;
  stop(): Promise<void>;
}

export type KmsFault = 'internal' | 'access-denied' | 'unreachable';

const JSON_1_1 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'TrentService.';
/** Ample for 4 KiB of base64 plaintext plus an encryption context; anything bigger is not a KMS request. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A KMS endpoint on 127.0.0.1 for the operations the app uses, speaking the protocol of the real service (AWS
 * JSON 1.1), so the production `@aws-sdk/client-kms` adapter runs unchanged with only `endpoint` pointed here.
 * Signatures are not verified, but a request without SigV4 authorization is refused like a real endpoint would.
 * Nothing is logged: requests carry plaintext and the server holds key material.
 */
export async function startKmsStandin(options: KmsStandinOptions): Promise<KmsStandinHandle> {
  const key = await loadOrCreateKeyFile(options.keyFile);
  const operations = createKmsOperations(key);
  let counts = zeroCounts();
  let fault: KmsFault | undefined;

  const server = createServer((request, response) => {
    if (fault === 'unreachable') return void request.socket.destroy();
    if (fault === 'internal')
      return respondWithError(response, new KmsError('KMSInternalException', 'Internal failure', 500));
    if (fault === 'access-denied')
      return respondWithError(response, new KmsError('AccessDeniedException', 'Not authorized for this key'));
    handleRequest(request, response, (operation, body) => {
      counts[operation] += 1;
      return operations[operation](body);
    }).catch(() => respondWithError(response, new KmsError('KMSInternalException', undefined, 500)));
  });
  const port = await listenOnLoopback(server, options.port ?? 0);

  return {
    endpoint: loopbackEndpoint(port),
    keyId: key.keyId,
    keyArn: localKeyArn(key.keyId),
    counters: () => ({ ...counts }),
    resetCounters: () => {
      counts = zeroCounts();
    },
    setFault: (next) => {
      fault = next;
    },
    stop: async () => {
      await closeServer(server);
      key.material.fill(0); // a stopped stand-in keeps no usable key in memory
    },
  };
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  run: (operation: KmsOperation, body: unknown) => object,
): Promise<void> {
  try {
    const operation = operationOf(request);
    const body = await readJsonBody(request);
    respond(response, 200, run(operation, body));
  } catch (error) {
    if (!(error instanceof KmsError)) throw error;
    respondWithError(response, error);
  }
}

/** Checks what a real endpoint checks before it looks at the body: method, auth, content type, target. */
function operationOf(request: IncomingMessage): KmsOperation {
  if (request.method !== 'POST' || request.url !== '/') {
    throw new KmsError('UnknownOperationException', undefined, 404);
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new KmsError('IncompleteSignatureException', 'Authorization header is not a SigV4 signature');
  }
  if (request.headers['content-type']?.split(';')[0]?.trim() !== JSON_1_1) {
    throw new KmsError('SerializationException', `Content-Type must be ${JSON_1_1}`);
  }
  const target = request.headers['x-amz-target'];
  const operation =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!isKmsOperation(operation)) {
    throw new KmsError('UnknownOperationException', undefined);
  }
  return operation;
}

function isKmsOperation(name: string): name is KmsOperation {
  return (KMS_OPERATIONS as readonly string[]).includes(name);
}

/** Past the limit the rest is drained, not stored, so the error still reaches the client. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof RequestTooLarge
      ? new KmsError('ValidationException', 'Request body too large')
      : error;
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new KmsError('SerializationException', 'Request body is not valid JSON');
  }
}

function respondWithError(response: ServerResponse, error: KmsError): void {
  respond(
    response,
    error.status,
    error.hasMessage ? { __type: error.type, message: error.message } : { __type: error.type },
  );
}

function respond(response: ServerResponse, status: number, body: object): void {
  if (response.headersSent) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': JSON_1_1,
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(payload);
}

function zeroCounts(): KmsOperationCounts {
  return { Encrypt: 0, Decrypt: 0, GenerateDataKey: 0, DescribeKey: 0 };
}
