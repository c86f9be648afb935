import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  STORE_SESSION_PURPOSES,
  STORE_SESSION_TAGS,
  storeSessionName,
  type StoreSessionPurpose,
} from '../../shared/store-access/store-access-policy';
import { STORE_ID_PATTERN } from '../../shared/stores/store';
import {
  closeServer,
  listenOnLoopback,
  loopbackEndpoint,
  readBody,
  RequestTooLarge,
} from './loopback-http-server';

/**
 * An STS endpoint on 127.0.0.1 for `AssumeRole` on the store-access role, speaking the real protocol (awsQuery:
 * form-encoded POST, XML answers, `ErrorResponse` errors), so the production `@aws-sdk/client-sts` code runs
 * unchanged with `AWS_ENDPOINT_URL_STS` pointed here. It enforces the role's trust as deployed (lib/store-access.ts),
 * in places more strictly (below), and keeps every session it issues in memory so the IAM-enforcing proxies
 * (iam-enforcing-proxy.ts) can check the credentials they are signed with. Nothing is logged: answers carry secrets.
 *
 * Trust, as enforced: only `roleArn`; only callers signing with the base credentials (`local`/`local`, what the local
 * runtime gives every function), never a store session's own credentials (no role chaining); exactly the tags
 * `storeId` and `purpose`, `storeId` a store id (STORE_ID_PATTERN) and `purpose` one of STORE_SESSION_PURPOSES;
 * RoleSessionName = storeSessionName(storeId); DurationSeconds 900..3600 (the role's MaxSessionDuration), default
 * 3600. The deployed trust only requires `store-*` as the session name and does not check the id's format: the
 * stand-in is stricter there, so a local run can fail where AWS would not, never the other way round.
 */

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';
/** The local runtime's credentials for every function (local/runtime/environment.ts). */
export const BASE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** Who the base credentials are, in error messages (the functions' own roles are not modelled one by one). */
export const DEFAULT_BASE_CALLER_ARN = `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/mint-hub-local-function/local`;
export const DEFAULT_STORE_ACCESS_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:role/mint-hub-local-store-access`;

const API_VERSION = '2011-06-15';
const XML_NAMESPACE = `https://sts.amazonaws.com/doc/${API_VERSION}/`;
const MIN_DURATION_SECONDS = 900;
const MAX_SESSION_DURATION_SECONDS = 3600; // lib/store-access.ts: maxSessionDuration one hour
const MAX_BODY_BYTES = 64 * 1024;

/** One session issued by AssumeRole, as the proxies need it. */
export interface StoreSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly storeId: string;
  readonly purpose: StoreSessionPurpose;
  readonly roleArn: string;
  readonly roleName: string;
  readonly sessionName: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: the principal named in AccessDenied messages. */
  readonly principalArn: string;
  readonly expiresAt: Date;
}

/** What the proxies ask of the stand-in. */
export interface StoreSessionLookup {
  sessionOf(accessKeyId: string): StoreSession | undefined;
}

export interface StsStandinOptions {
  /** 0 (the default) lets the OS choose a free port. */
  port?: number;
  /** The one role that may be assumed. @default arn:aws:iam::000000000000:role/mint-hub-local-store-access */
  roleArn?: string;
  /** The clock for Expiration and expiry checks (tests move it past a session's end). @default the real clock */
  now?: () => Date;
  /** The principal of the base credentials, in AccessDenied messages. @default DEFAULT_BASE_CALLER_ARN */
  baseCallerArn?: string;
}

export interface StsStandinHandle extends StoreSessionLookup {
  endpoint: string;
  roleArn: string;
  /** AssumeRole calls that issued credentials / that were refused, since start. */
  counters(): { issued: number; refused: number };
  stop(): Promise<void>;
}

/** An error as STS answers it: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

export const SIGNATURE_DOES_NOT_MATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';

export async function startStsStandin(options: StsStandinOptions = {}): Promise<StsStandinHandle> {
  const roleArn = options.roleArn ?? DEFAULT_STORE_ACCESS_ROLE_ARN;
  const roleName = roleNameOf(roleArn);
  const now = options.now ?? (() => new Date());
  const baseCallerArn = options.baseCallerArn ?? DEFAULT_BASE_CALLER_ARN;
  const roleId = `AROA${randomKeyChars(17)}`;
  const sessions = new Map<string, StoreSession>();
  const counts = { issued: 0, refused: 0 };

  const assumeRole = (params: URLSearchParams, caller: Caller): StoreSession => {
    const requestedRole = requiredParam(params, 'RoleArn', 'roleArn');
    const sessionName = requiredParam(params, 'RoleSessionName', 'roleSessionName');
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw validationError(
        `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const durationSeconds = durationOf(params.get('DurationSeconds'));
    unmodelledParameters(params);
    const denied = () =>
      new StsError(
        'AccessDenied',
        `User: ${caller.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${requestedRole}`,
        403,
      );
    // The trust admits the functions' roles only: a store session may not chain into another.
    if (caller.kind !== 'base' || requestedRole !== roleArn) throw denied();
    const tags = tagsOf(params);
    const storeId = tags.get(STORE_SESSION_TAGS.storeId);
    const purpose = tags.get(STORE_SESSION_TAGS.purpose);
    if (
      tags.size !== 2 ||
      storeId === undefined ||
      purpose === undefined ||
      !STORE_ID_PATTERN.test(storeId) ||
      !isPurpose(purpose) ||
      sessionName !== storeSessionName(storeId)
    )
      throw denied();
    if (durationSeconds > MAX_SESSION_DURATION_SECONDS) {
      throw validationError(
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }
    const session: StoreSession = {
      accessKeyId: `ASIA${randomKeyChars(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(192).toString('base64'),
      storeId,
      purpose,
      roleArn,
      roleName,
      sessionName,
      principalArn: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${roleName}/${sessionName}`,
      // STS reports whole seconds.
      expiresAt: new Date(Math.floor(now().getTime() / 1000) * 1000 + durationSeconds * 1000),
    };
    sessions.set(session.accessKeyId, session);
    return session;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() =>
      respondWithError(
        response,
        new StsError('InternalFailure', 'An internal error occurred', 500, 'Receiver'),
      ),
    );
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const body = await readBody(request, MAX_BODY_BYTES).catch((error: unknown) => {
        if (error instanceof RequestTooLarge) throw validationError('Request body too large');
        throw error;
      });
      const caller = await authenticate(request, body, sessions, now, baseCallerArn);
      const params = parseForm(request, body);
      const action = params.get('Action') ?? '';
      const version = params.get('Version') ?? API_VERSION;
      if (action !== 'AssumeRole' || version !== API_VERSION) {
        throw new StsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);
      }
      try {
        const session = assumeRole(params, caller);
        counts.issued += 1;
        respondXml(response, 200, assumeRoleResponse(session, roleId));
      } catch (error) {
        counts.refused += 1;
        throw error;
      }
    } catch (error) {
      if (!(error instanceof StsError)) throw error;
      respondWithError(response, error);
    }
  };

  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    endpoint: loopbackEndpoint(port),
    roleArn,
    sessionOf: (accessKeyId) => sessions.get(accessKeyId),
    counters: () => ({ ...counts }),
    stop: async () => {
      await closeServer(server);
      sessions.clear();
    },
  };
}

type Caller =
  | { readonly kind: 'base'; readonly principalArn: string }
  | { readonly kind: 'session'; readonly principalArn: string; readonly session: StoreSession };

/** What every AWS endpoint checks first: a SigV4 signature by a known key, and for sessions a live token. */
async function authenticate(
  request: IncomingMessage,
  body: Buffer,
  sessions: ReadonlyMap<string, StoreSession>,
  now: () => Date,
  baseCallerArn: string,
): Promise<Caller> {
  const authorization = parseAuthorization(request.headers.authorization);
  if (authorization === undefined) {
    throw new StsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const session = sessions.get(authorization.accessKeyId);
  const secret =
    authorization.accessKeyId === BASE_CREDENTIALS.accessKeyId
      ? BASE_CREDENTIALS.secretAccessKey
      : session?.secretAccessKey;
  const token = headerValue(request.headers, 'x-amz-security-token');
  if (secret === undefined || (session !== undefined && token !== session.sessionToken)) {
    throw new StsError('InvalidClientTokenId', INVALID_TOKEN_MESSAGE, 403);
  }
  if (!(await signatureMatches(request, body, authorization, secret))) {
    throw new StsError('SignatureDoesNotMatch', SIGNATURE_DOES_NOT_MATCH_MESSAGE, 403);
  }
  if (session === undefined) return { kind: 'base', principalArn: baseCallerArn };
  if (session.expiresAt.getTime() <= now().getTime()) {
    throw new StsError('ExpiredToken', EXPIRED_TOKEN_MESSAGE, 400);
  }
  return { kind: 'session', principalArn: session.principalArn, session };
}

// ---------------------------------------------------------------------------------------------------------------
// SigV4, shared with the proxies

export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=<hex>`. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  const match =
    /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;._-]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/.exec(
      header ?? '',
    );
  if (match === null) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: service as string,
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string,
  };
}

/**
 * Recomputes the caller's SigV4 signature with the known secret (and the session token the request carries) over
 * exactly the headers it says it signed, the path, the query and the body, and compares it in constant time.
 * `host` and `x-amz-date` must be among the signed headers, as AWS requires. The request time is not checked
 * against the clock (AWS allows 15 minutes of skew): tests move the stand-ins' clocks, not the SDK's.
 */
export async function signatureMatches(
  request: IncomingMessage,
  body: Buffer,
  authorization: SigV4Authorization,
  secretAccessKey: string,
): Promise<boolean> {
  const signed = new Set(authorization.signedHeaders);
  const amzDate = headerValue(request.headers, 'x-amz-date');
  if (!signed.has('host') || !signed.has('x-amz-date') || amzDate === undefined) return false;
  const signingDate = parseAmzDate(amzDate);
  if (signingDate === undefined || !amzDate.startsWith(authorization.date)) return false;
  const contentSha256 = headerValue(request.headers, 'x-amz-content-sha256');
  if (contentSha256 !== undefined && contentSha256 !== createHash('sha256').update(body).digest('hex'))
    return false;

  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = headerValue(request.headers, name);
    if (value === undefined) return false;
    headers[name] = value;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const sessionToken = headerValue(request.headers, 'x-amz-security-token');
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: authorization.accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
    region: authorization.region,
    service: authorization.service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: request.method ?? 'GET',
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: url.pathname,
      query,
      headers,
      body,
    },
    { signingDate, signableHeaders: signed },
  );
  const recomputed = parseAuthorization(String(resigned.headers.authorization));
  if (recomputed === undefined) return false;
  if (recomputed.signedHeaders.join(';') !== authorization.signedHeaders.join(';')) return false;
  return timingSafeEqual(
    Buffer.from(recomputed.signature, 'hex'),
    Buffer.from(authorization.signature, 'hex'),
  );
}

/** The SHA-256 (and HMAC-SHA-256, given a secret) that @smithy/signature-v4 asks for, from node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

// ---------------------------------------------------------------------------------------------------------------
// AssumeRole parameters and answers

function parseForm(request: IncomingMessage, body: Buffer): URLSearchParams {
  if (request.method !== 'POST') {
    // The SDK always POSTs; a GET with a query string is valid awsQuery too.
    return new URL(request.url ?? '/', 'http://localhost').searchParams;
  }
  return new URLSearchParams(body.toString('utf8'));
}

function requiredParam(params: URLSearchParams, name: string, member: string): string {
  const value = params.get(name);
  if (value === null) {
    throw validationError(
      `Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      true,
    );
  }
  return value;
}

function durationOf(raw: string | null): number {
  if (raw === null) return MAX_SESSION_DURATION_SECONDS; // STS's default: one hour
  const seconds = Number(raw);
  if (!Number.isInteger(seconds)) {
    throw validationError(
      `Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`,
      true,
    );
  }
  if (seconds < MIN_DURATION_SECONDS) {
    throw validationError(
      `Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`,
      true,
    );
  }
  if (seconds > 43_200) {
    throw validationError(
      `Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
      true,
    );
  }
  return seconds;
}

/** Session policies, MFA, source identity and transitive tags are not modelled: refused, never silently ignored. */
function unmodelledParameters(params: URLSearchParams): void {
  const prefixes = [
    'Policy',
    'PolicyArns.',
    'TransitiveTagKeys.',
    'ExternalId',
    'SerialNumber',
    'TokenCode',
    'SourceIdentity',
    'ProvidedContexts.',
  ];
  for (const key of params.keys()) {
    if (prefixes.some((prefix) => key === prefix || (prefix.endsWith('.') && key.startsWith(prefix)))) {
      throw validationError(`The local STS stand-in does not model the ${key} parameter of AssumeRole.`);
    }
  }
}

/** `Tags.member.N.Key` / `Tags.member.N.Value`, as the awsQuery serializer writes them. */
function tagsOf(params: URLSearchParams): Map<string, string> {
  const byIndex = new Map<string, { key?: string; value?: string }>();
  for (const [name, value] of params) {
    const match = /^Tags\.member\.(\d+)\.(Key|Value)$/.exec(name);
    if (match === null) continue;
    const entry = byIndex.get(match[1] as string) ?? {};
    if (match[2] === 'Key') entry.key = value;
    else entry.value = value;
    byIndex.set(match[1] as string, entry);
  }
  const tags = new Map<string, string>();
  for (const { key, value } of byIndex.values()) {
    if (key === undefined || value === undefined)
      throw validationError('A tag needs both a Key and a Value.');
    // Session tag keys are case-insensitive and must be unique.
    if ([...tags.keys()].some((existing) => existing.toLowerCase() === key.toLowerCase())) {
      throw new StsError(
        'InvalidParameterValue',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
    }
    tags.set(key, value);
  }
  return tags;
}

function isPurpose(value: string): value is StoreSessionPurpose {
  return (STORE_SESSION_PURPOSES as readonly string[]).includes(value);
}

function validationError(message: string, counted = false): StsError {
  return new StsError('ValidationError', counted ? `1 validation error detected: ${message}` : message, 400);
}

function roleNameOf(roleArn: string): string {
  const match = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  if (match === null) throw new Error(`Not a role ARN: ${roleArn}`);
  return match[1] as string;
}

/** Upper-case letters and digits 2-7, like the key ids IAM issues. */
function randomKeyChars(count: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(count)].map((byte) => alphabet[byte % 32]).join('');
}

function assumeRoleResponse(session: StoreSession, roleId: string): string {
  return (
    `<AssumeRoleResponse xmlns="${XML_NAMESPACE}">` +
    '<AssumeRoleResult>' +
    '<AssumedRoleUser>' +
    `<AssumedRoleId>${xml(`${roleId}:${session.sessionName}`)}</AssumedRoleId>` +
    `<Arn>${xml(session.principalArn)}</Arn>` +
    '</AssumedRoleUser>' +
    '<Credentials>' +
    `<AccessKeyId>${session.accessKeyId}</AccessKeyId>` +
    `<SecretAccessKey>${xml(session.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${xml(session.sessionToken)}</SessionToken>` +
    `<Expiration>${session.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>` +
    '</Credentials>' +
    '</AssumeRoleResult>' +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    '</AssumeRoleResponse>'
  );
}

function respondWithError(response: ServerResponse, error: StsError): void {
  respondXml(
    response,
    error.status,
    `<ErrorResponse xmlns="${XML_NAMESPACE}">` +
      `<Error><Type>${error.type}</Type><Code>${xml(error.code)}</Code><Message>${xml(error.message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId>` +
      '</ErrorResponse>',
  );
}

function respondXml(response: ServerResponse, status: number, body: string): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(body);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
