import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  closeServer,
  listenOnLoopback,
  loopbackEndpoint,
  readBody,
  RequestTooLarge,
} from './loopback-http-server';

/**
 * A Secrets Manager endpoint on 127.0.0.1 for the operations the app uses, speaking the real service's protocol
 * (AWS JSON 1.1, `secretsmanager.*` targets), so the production `@aws-sdk/client-secrets-manager` adapters (the
 * Powertools SecretsProvider, the rotation worker's store) run unchanged with `AWS_ENDPOINT_URL_SECRETS_MANAGER`
 * pointed here. Versions and staging labels behave as Secrets Manager documents them: a new version gets
 * AWSCURRENT unless stages are given, moving AWSCURRENT gives the version before it AWSPREVIOUS, and the same
 * ClientRequestToken with the same value is a no-op. In memory only, and nothing is logged: values are secrets.
 */
export interface SecretsManagerStandinOptions {
  /** 0 (the default) lets the OS choose a free port. */
  port?: number;
  /** The stand-in's clock for CreatedDate (tests move it to age a secret). @default the real clock */
  now?: () => Date;
}

export type SecretsManagerOperation =
  | 'CreateSecret'
  | 'GetSecretValue'
  | 'PutSecretValue'
  | 'DescribeSecret'
  | 'ListSecretVersionIds'
  | 'UpdateSecretVersionStage';

export interface SecretsManagerStandinHandle {
  endpoint: string;
  /** Creates (or replaces) a secret with one AWSCURRENT version; answers its ARN. */
  putSecret(name: string, value: string): string;
  /** Calls per operation since start, failed calls included. */
  counters(): Record<SecretsManagerOperation, number>;
  stop(): Promise<void>;
}

const OPERATIONS: readonly SecretsManagerOperation[] = [
  'CreateSecret',
  'GetSecretValue',
  'PutSecretValue',
  'DescribeSecret',
  'ListSecretVersionIds',
  'UpdateSecretVersionStage',
];
const JSON_1_1 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'secretsmanager.';
const MAX_BODY_BYTES = 64 * 1024;
const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';

interface Version {
  readonly id: string;
  readonly value: string;
  readonly createdAt: Date;
  stages: Set<string>;
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly versions: Map<string, Version>;
}

class SecretsManagerError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startSecretsManagerStandin(
  options: SecretsManagerStandinOptions = {},
): Promise<SecretsManagerStandinHandle> {
  const now = options.now ?? (() => new Date());
  const secrets = new Map<string, StoredSecret>();
  const counts = Object.fromEntries(OPERATIONS.map((name) => [name, 0])) as Record<
    SecretsManagerOperation,
    number
  >;

  const arnOf = (name: string) =>
    `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-${randomUUID().slice(0, 6)}`;
  const find = (secretId: unknown): StoredSecret => {
    if (typeof secretId !== 'string' || secretId === '')
      throw new SecretsManagerError('InvalidParameterException', 'SecretId is required');
    for (const secret of secrets.values())
      if (secret.name === secretId || secret.arn === secretId) return secret;
    throw new SecretsManagerError(
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    );
  };
  const holderOf = (secret: StoredSecret, stage: string) =>
    [...secret.versions.values()].find((version) => version.stages.has(stage));
  /** Puts `stage` on `version`, taking it from whichever version held it (AWSCURRENT leaves AWSPREVIOUS behind). */
  const moveStage = (secret: StoredSecret, stage: string, version: Version) => {
    const holder = holderOf(secret, stage);
    if (holder === version) return;
    if (holder !== undefined) {
      holder.stages.delete(stage);
      if (stage === CURRENT) {
        holderOf(secret, PREVIOUS)?.stages.delete(PREVIOUS);
        holder.stages.add(PREVIOUS);
      }
    }
    version.stages.add(stage);
  };
  const addVersion = (secret: StoredSecret, id: string, value: string, stages: readonly string[]) => {
    const existing = secret.versions.get(id);
    if (existing !== undefined) {
      if (existing.value !== value)
        throw new SecretsManagerError(
          'ResourceExistsException',
          'A resource with the ID you requested already exists.',
        );
      return existing; // the same token and value: nothing changes
    }
    const version: Version = { id, value, createdAt: now(), stages: new Set() };
    secret.versions.set(id, version);
    for (const stage of stages) moveStage(secret, stage, version);
    return version;
  };
  const epoch = (date: Date) => date.getTime() / 1000;
  const stringParam = (body: Record<string, unknown>, name: string): string | undefined => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string')
      throw new SecretsManagerError('InvalidParameterException', `${name} must be a string`);
    return value;
  };

  const handlers: Record<SecretsManagerOperation, (body: Record<string, unknown>) => object> = {
    CreateSecret(body) {
      const name = stringParam(body, 'Name');
      const value = stringParam(body, 'SecretString');
      if (name === undefined) throw new SecretsManagerError('InvalidParameterException', 'Name is required');
      if (secrets.has(name))
        throw new SecretsManagerError(
          'ResourceExistsException',
          'The operation failed because the secret already exists.',
        );
      const secret: StoredSecret = { name, arn: arnOf(name), versions: new Map() };
      secrets.set(name, secret);
      const versionId = stringParam(body, 'ClientRequestToken') ?? randomUUID();
      if (value !== undefined) addVersion(secret, versionId, value, [CURRENT]);
      return { ARN: secret.arn, Name: name, ...(value === undefined ? {} : { VersionId: versionId }) };
    },
    GetSecretValue(body) {
      const secret = find(body['SecretId']);
      const versionId = stringParam(body, 'VersionId');
      const stage = stringParam(body, 'VersionStage') ?? (versionId === undefined ? CURRENT : undefined);
      const version =
        versionId !== undefined ? secret.versions.get(versionId) : holderOf(secret, stage ?? CURRENT);
      if (version === undefined || (stage !== undefined && !version.stages.has(stage)))
        throw new SecretsManagerError(
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret value for the requested version or staging label.",
        );
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        SecretString: version.value,
        VersionStages: [...version.stages],
        CreatedDate: epoch(version.createdAt),
      };
    },
    PutSecretValue(body) {
      const secret = find(body['SecretId']);
      const value = stringParam(body, 'SecretString');
      if (value === undefined)
        throw new SecretsManagerError('InvalidParameterException', 'SecretString is required');
      const stages = body['VersionStages'] ?? [CURRENT];
      if (!Array.isArray(stages) || stages.some((stage) => typeof stage !== 'string'))
        throw new SecretsManagerError('InvalidParameterException', 'VersionStages must be a list of strings');
      const version = addVersion(
        secret,
        stringParam(body, 'ClientRequestToken') ?? randomUUID(),
        value,
        stages,
      );
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        VersionStages: [...version.stages],
      };
    },
    DescribeSecret(body) {
      const secret = find(body['SecretId']);
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionIdsToStages: Object.fromEntries(
          [...secret.versions.values()]
            .filter((version) => version.stages.size > 0)
            .map((version) => [version.id, [...version.stages]]),
        ),
      };
    },
    ListSecretVersionIds(body) {
      const secret = find(body['SecretId']);
      return {
        ARN: secret.arn,
        Name: secret.name,
        Versions: [...secret.versions.values()]
          .filter((version) => version.stages.size > 0)
          .map((version) => ({
            VersionId: version.id,
            VersionStages: [...version.stages],
            CreatedDate: epoch(version.createdAt),
          })),
      };
    },
    UpdateSecretVersionStage(body) {
      const secret = find(body['SecretId']);
      const stage = stringParam(body, 'VersionStage');
      if (stage === undefined)
        throw new SecretsManagerError('InvalidParameterException', 'VersionStage is required');
      const moveTo = stringParam(body, 'MoveToVersionId');
      const removeFrom = stringParam(body, 'RemoveFromVersionId');
      const holder = holderOf(secret, stage);
      // As the service: a label held elsewhere must be named as removed from there.
      if (holder !== undefined && holder.id !== moveTo && holder.id !== removeFrom)
        throw new SecretsManagerError(
          'InvalidParameterException',
          `The staging label ${stage} is attached to another version; name it in RemoveFromVersionId.`,
        );
      if (moveTo !== undefined) {
        const target = secret.versions.get(moveTo);
        if (target === undefined)
          throw new SecretsManagerError(
            'ResourceNotFoundException',
            'The version to move the label to does not exist.',
          );
        moveStage(secret, stage, target);
      } else if (removeFrom !== undefined) {
        if (stage === CURRENT)
          throw new SecretsManagerError(
            'InvalidParameterException',
            'AWSCURRENT can only be moved, not removed.',
          );
        secret.versions.get(removeFrom)?.stages.delete(stage);
      }
      return { ARN: secret.arn, Name: secret.name };
    },
  };

  const server = createServer((request, response) => {
    handle(request, response, (operation, body) => {
      counts[operation] += 1;
      return handlers[operation](body);
    }).catch(() =>
      respondWithError(response, new SecretsManagerError('InternalServiceError', 'Internal failure', 500)),
    );
  });
  const port = await listenOnLoopback(server, options.port ?? 0);

  return {
    endpoint: loopbackEndpoint(port),
    putSecret(name, value) {
      const secret: StoredSecret = { name, arn: arnOf(name), versions: new Map() };
      secrets.set(name, secret);
      addVersion(secret, randomUUID(), value, [CURRENT]);
      return secret.arn;
    },
    counters: () => ({ ...counts }),
    stop: async () => {
      await closeServer(server);
      secrets.clear();
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  run: (operation: SecretsManagerOperation, body: Record<string, unknown>) => object,
): Promise<void> {
  try {
    if (request.method !== 'POST' || request.url !== '/')
      throw new SecretsManagerError('UnknownOperationException', 'Unknown operation', 404);
    if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 '))
      throw new SecretsManagerError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    if (request.headers['content-type']?.split(';')[0]?.trim() !== JSON_1_1)
      throw new SecretsManagerError('SerializationException', `Content-Type must be ${JSON_1_1}`);
    const target = request.headers['x-amz-target'];
    const operation =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? target.slice(TARGET_PREFIX.length)
        : '';
    if (!(OPERATIONS as readonly string[]).includes(operation))
      throw new SecretsManagerError('UnknownOperationException', 'Unknown operation');
    const body = await readJsonBody(request);
    respond(response, 200, run(operation as SecretsManagerOperation, body));
  } catch (error) {
    if (!(error instanceof SecretsManagerError)) throw error;
    respondWithError(response, error);
  }
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(request, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof RequestTooLarge
      ? new SecretsManagerError('InvalidRequestException', 'Request body too large')
      : error;
  });
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new SecretsManagerError('SerializationException', 'Request body is not a JSON object');
  }
}

function respondWithError(response: ServerResponse, error: SecretsManagerError): void {
  respond(response, error.status, { __type: error.type, message: error.message });
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
