import { createHash } from 'node:crypto';

/**
 * Cognito's `ListUsers` over one user pool, as the real service answers it: validation and its messages, the
 * filter grammar, case folding in a case-insensitive pool, `AttributesToGet`, pages of at most 60 users and
 * pagination tokens good only for the query that produced them. The endpoint around it is cognito-standin.ts.
 */

export interface CognitoStandinUser {
  /** The `sub`, also the `Username` (email is the pool's username attribute, so Cognito names users by sub). */
  readonly sub: string;
  readonly email: string;
  readonly name?: string;
  /** @default true */
  readonly enabled?: boolean;
}

/** ListUsers answers at most 60 users a page, and 60 when no Limit is given. */
const MAX_LIMIT = 60;
const MAX_FILTER_LENGTH = 256;
const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;
/** The only attributes a server-side filter may name (the ListUsers API reference). */
const SEARCHABLE_ATTRIBUTES = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);
/** The pool's schema: the standard attributes. Anything else in AttributesToGet does not exist here. */
const SCHEMA_ATTRIBUTES = new Set([
  'sub',
  'email',
  'email_verified',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
]);
/** Attributes a case-insensitive pool compares ignoring case and answers lowercased. */
const CASE_FOLDED = new Set(['username', 'email', 'preferred_username']);
/** A fixed creation time: the seeded users have always existed. */
const CREATED_AT_SECONDS = Date.parse('2026-01-01T00:00:00Z') / 1000;

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export interface PoolUser {
  readonly username: string;
  readonly enabled: boolean;
  /** Attribute name → value, case already folded where the pool folds it. */
  readonly attributes: ReadonlyMap<string, string>;
}

interface ParsedFilter {
  readonly attribute: string;
  readonly prefix: boolean;
  readonly value: string;
}

export function poolUser(user: CognitoStandinUser, caseSensitive: boolean): PoolUser {
  const fold = (value: string) => (caseSensitive ? value : value.toLowerCase());
  const attributes = new Map<string, string>([
    ['sub', user.sub],
    ['email', fold(user.email)],
    ['email_verified', 'true'],
  ]);
  if (user.name !== undefined) attributes.set('name', user.name);
  return { username: fold(user.sub), enabled: user.enabled ?? true, attributes };
}

export interface Pool {
  readonly userPoolId: string;
  readonly caseSensitive: boolean;
  readonly users: readonly PoolUser[];
}

export function listUsersOf(body: unknown, pool: Pool): object {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CognitoError('SerializationException', 'The request body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  const userPoolId = stringField(input, 'UserPoolId');
  const filterText = stringField(input, 'Filter');
  const paginationToken = stringField(input, 'PaginationToken');
  const limit = input.Limit;
  const attributesToGet = input.AttributesToGet;

  const violations: string[] = [];
  if (userPoolId === undefined) {
    violations.push("Value null at 'userPoolId' failed to satisfy constraint: Member must not be null");
  } else if (userPoolId.length > 55 || !USER_POOL_ID_PATTERN.test(userPoolId)) {
    violations.push(
      `Value '${userPoolId}' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+`,
    );
  }
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit))) {
    throw new CognitoError('SerializationException', "'Limit' must be an integer");
  }
  if (typeof limit === 'number' && (limit < 0 || limit > MAX_LIMIT)) {
    violations.push(
      `Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${limit < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_LIMIT}`}`,
    );
  }
  if (filterText !== undefined && filterText.length > MAX_FILTER_LENGTH) {
    violations.push(
      `Value at 'filter' failed to satisfy constraint: Member must have length less than or equal to ${MAX_FILTER_LENGTH}`,
    );
  }
  if (
    attributesToGet !== undefined &&
    (!Array.isArray(attributesToGet) || attributesToGet.some((name) => typeof name !== 'string'))
  ) {
    throw new CognitoError('SerializationException', "'AttributesToGet' must be a list of strings");
  }
  if (violations.length > 0) {
    const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
    throw new CognitoError('InvalidParameterException', `${count} detected: ${violations.join('; ')}`);
  }
  if (userPoolId !== pool.userPoolId) {
    throw new CognitoError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
  }
  const wanted = attributesToGet as string[] | undefined;
  if (wanted?.some((name) => !SCHEMA_ATTRIBUTES.has(name))) {
    throw new CognitoError('InvalidParameterException', 'One or more requested attributes do not exist.');
  }

  const filter = filterText === undefined || filterText.trim() === '' ? undefined : parseFilter(filterText);
  const matching = pool.users.filter(
    (user) => filter === undefined || matches(user, filter, pool.caseSensitive),
  );
  const pageSize = limit === undefined || limit === 0 ? MAX_LIMIT : limit;
  const fingerprint = queryFingerprint(pool.userPoolId, filterText);
  const start = paginationToken === undefined ? 0 : offsetOf(paginationToken, fingerprint);
  const page = matching.slice(start, start + pageSize);
  const end = start + page.length;

  return {
    Users: page.map((user) => userView(user, wanted)),
    ...(end < matching.length ? { PaginationToken: tokenOf(end, fingerprint) } : {}),
  };
}

function stringField(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new CognitoError('SerializationException', `'${name}' must be a string`);
  return value;
}

/**
 * The filter grammar of ListUsers: `AttributeName Filter-Type "AttributeValue"`, the name optionally quoted,
 * `=` (exact) or `^=` (starts with), `\` escaping a quote or a backslash in the value, nothing after it.
 */
function parseFilter(text: string): ParsedFilter {
  const syntax = /^\s*(?:"([^"\\]+)"|([A-Za-z_:]+))\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(text);
  if (syntax === null) throw new CognitoError('InvalidParameterException', 'Error while parsing filter.');
  const attribute = syntax[1] ?? syntax[2] ?? '';
  if (!SEARCHABLE_ATTRIBUTES.has(attribute)) {
    throw new CognitoError('InvalidParameterException', `Invalid search attribute: ${attribute}`);
  }
  return {
    attribute,
    prefix: syntax[3] === '^=',
    value: (syntax[4] ?? '').replace(/\\(.)/g, '$1'),
  };
}

function matches(user: PoolUser, filter: ParsedFilter, caseSensitive: boolean): boolean {
  const actual = filterableValue(user, filter.attribute);
  if (actual === undefined) return false;
  const foldCase =
    filter.attribute === 'cognito:user_status' || (!caseSensitive && CASE_FOLDED.has(filter.attribute));
  const [have, want] = foldCase ? [actual.toLowerCase(), filter.value.toLowerCase()] : [actual, filter.value];
  return filter.prefix ? have.startsWith(want) : have === want;
}

function filterableValue(user: PoolUser, attribute: string): string | undefined {
  if (attribute === 'username') return user.username;
  if (attribute === 'status') return user.enabled ? 'Enabled' : 'Disabled';
  if (attribute === 'cognito:user_status') return 'CONFIRMED';
  return user.attributes.get(attribute);
}

function userView(user: PoolUser, attributesToGet: readonly string[] | undefined) {
  const attributes = [...user.attributes]
    .filter(([name]) => attributesToGet === undefined || attributesToGet.includes(name))
    .map(([Name, Value]) => ({ Name, Value }));
  return {
    Username: user.username,
    Attributes: attributes,
    UserCreateDate: CREATED_AT_SECONDS,
    UserLastModifiedDate: CREATED_AT_SECONDS,
    Enabled: user.enabled,
    UserStatus: 'CONFIRMED',
  };
}

/** A token is only good for the query that produced it ("the same parameters"), like Cognito's. */
function queryFingerprint(userPoolId: string, filter: string | undefined): string {
  return createHash('sha256')
    .update(`${userPoolId}\n${filter ?? ''}`)
    .digest('base64url')
    .slice(0, 16);
}

function tokenOf(offset: number, fingerprint: string): string {
  return Buffer.from(`${offset}.${fingerprint}`).toString('base64url');
}

function offsetOf(token: string, fingerprint: string): number {
  const [offset, tokenFingerprint, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const parsed = Number(offset);
  if (rest.length > 0 || tokenFingerprint !== fingerprint || !Number.isInteger(parsed) || parsed <= 0) {
    throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
  }
  return parsed;
}
