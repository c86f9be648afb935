import type { PolicyStatementJson } from '../../shared/store-access/store-access-policy';

/**
 * A small IAM identity-policy evaluator for the store-access role's document (shared/store-access), so local runs
 * refuse what IAM would refuse. Pure: no I/O. It implements only what that document uses, as IAM documents it:
 *
 * - allow-list semantics: a request is allowed if one Allow statement matches its action, its resource and all
 *   of its conditions; otherwise it is implicitly denied (the document has no Deny, and NotAction/NotResource
 *   are not supported);
 * - `Action` matches case-insensitively, `Resource` case-sensitively, both with the `*` and `?` wildcards;
 * - `${aws:PrincipalTag/x}` (any `${key}`) in `Resource` and condition values is replaced by that request
 *   context value; a variable with no value matches nothing;
 * - condition operators `StringEquals`, `ForAllValues:StringEquals` and `Null`, and nothing else: a document
 *   using another operator is rejected ({@link assertSupportedPolicy}), never half-evaluated. Several operators
 *   in a block, and several keys under one operator, must all hold; several values for one key are alternatives;
 * - condition key names are case-insensitive, values case-sensitive; a key missing from the request does not
 *   match `StringEquals`; `ForAllValues` over a missing or empty set is true (which is why the document pairs it
 *   with `Null`); `Null: true` holds when the key is missing (an empty multi-valued key counts as missing).
 */

export type ContextValue = string | readonly string[];

export interface IamAuthorizationRequest {
  /** `service:Operation`, e.g. `dynamodb:GetItem`. */
  readonly action: string;
  /** The ARN of the resource the action is on. */
  readonly resource: string;
  /** The condition keys of the request (`dynamodb:LeadingKeys`, `kms:EncryptionContext:storeId`, …). */
  readonly context: Readonly<Record<string, ContextValue>>;
  /** The session's tags: `aws:PrincipalTag/<key>` in the request context. */
  readonly principalTags: Readonly<Record<string, string>>;
}

export type IamDecision =
  | { readonly allowed: true; readonly statement: string }
  | { readonly allowed: false; readonly reason: 'no-identity-based-policy-allows' };

export const SUPPORTED_CONDITION_OPERATORS = ['StringEquals', 'ForAllValues:StringEquals', 'Null'] as const;
type ConditionOperator = (typeof SUPPORTED_CONDITION_OPERATORS)[number];

/** Throws if the document uses anything this evaluator does not implement, so a change cannot pass silently. */
export function assertSupportedPolicy(statements: readonly PolicyStatementJson[]): void {
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') throw new Error(`Statement ${statement.Sid}: only Allow is supported`);
    for (const operator of Object.keys(statement.Condition ?? {})) {
      if (!isSupportedOperator(operator)) {
        throw new Error(`Statement ${statement.Sid}: condition operator ${operator} is not supported`);
      }
    }
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      if (operator !== 'Null') continue;
      for (const value of Object.values(keys).flatMap((v) => (typeof v === 'string' ? [v] : v))) {
        if (value !== 'true' && value !== 'false')
          throw new Error(`Statement ${statement.Sid}: Null takes true or false, not ${value}`);
      }
    }
  }
}

export function evaluateIdentityPolicy(
  statements: readonly PolicyStatementJson[],
  request: IamAuthorizationRequest,
): IamDecision {
  assertSupportedPolicy(statements);
  const context = requestContext(request);
  for (const statement of statements) {
    if (!statement.Action.some((pattern) => wildcardMatches(pattern, request.action, true))) continue;
    if (
      !statement.Resource.some((pattern) => {
        const resolved = substituteVariables(pattern, context);
        return resolved !== undefined && wildcardMatches(resolved, request.resource, false);
      })
    )
      continue;
    if (conditionsHold(statement.Condition ?? {}, context))
      return { allowed: true, statement: statement.Sid };
  }
  return { allowed: false, reason: 'no-identity-based-policy-allows' };
}

/** Condition keys, lower-cased (IAM compares key names case-insensitively), each as a set of values. */
type RequestContext = ReadonlyMap<string, readonly string[]>;

function requestContext(request: IamAuthorizationRequest): RequestContext {
  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(request.context)) {
    context.set(key.toLowerCase(), typeof value === 'string' ? [value] : [...value]);
  }
  for (const [key, value] of Object.entries(request.principalTags)) {
    context.set(`aws:principaltag/${key.toLowerCase()}`, [value]);
  }
  return context;
}

function isSupportedOperator(operator: string): operator is ConditionOperator {
  return (SUPPORTED_CONDITION_OPERATORS as readonly string[]).includes(operator);
}

function conditionsHold(
  condition: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>,
  context: RequestContext,
): boolean {
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) =>
      operatorHolds(
        operator as ConditionOperator,
        context.get(key.toLowerCase()) ?? [],
        listOf(expected),
        context,
      ),
    ),
  );
}

function operatorHolds(
  operator: ConditionOperator,
  actual: readonly string[],
  expected: readonly string[],
  context: RequestContext,
): boolean {
  switch (operator) {
    case 'Null': {
      const isMissing = actual.length === 0;
      return expected.some((value) => (value === 'true') === isMissing);
    }
    case 'StringEquals': {
      const wanted = resolvedValues(expected, context);
      // A single-valued operator on a missing key never matches.
      return actual.some((value) => wanted.includes(value));
    }
    case 'ForAllValues:StringEquals': {
      const wanted = resolvedValues(expected, context);
      return actual.every((value) => wanted.includes(value));
    }
  }
}

/** The condition's values with their variables replaced; a value whose variable has no value is dropped. */
function resolvedValues(values: readonly string[], context: RequestContext): string[] {
  return values.flatMap((value) => {
    const resolved = substituteVariables(value, context);
    return resolved === undefined ? [] : [resolved];
  });
}

/**
 * Replaces each `${key}` by the key's value in the request context; undefined when a key has no single value
 * (IAM does not substitute multi-valued keys), so the caller can make the value match nothing.
 */
export function substituteVariables(text: string, context: RequestContext): string | undefined {
  let missing = false;
  const replaced = text.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const values = context.get(key.trim().toLowerCase());
    if (values?.length !== 1) {
      missing = true;
      return '';
    }
    return values[0] as string;
  });
  return missing ? undefined : replaced;
}

/** IAM's `*` (any run of characters, none included) and `?` (exactly one character). */
export function wildcardMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}
