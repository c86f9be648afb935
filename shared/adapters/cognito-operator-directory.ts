import {
  ListUsersCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import type { Operator, OperatorDirectory } from '../ports';
import { mapWithConcurrency } from '../concurrency';

/**
 * The operator directory in the Cognito user pool, through `ListUsers` with a server-side filter: one attribute,
 * one exact value. Values reach the filter only after validation (an email that zod accepts, a UUID `sub`) and
 * with `\` and `"` escaped, so no input can widen the filter into a prefix match or a listing of the pool.
 *
 * Case: Cognito keeps `email` as it was written, and a filter on it matches case-sensitively in a case-sensitive
 * pool. Our pool is case-insensitive (`signInCaseSensitive: false` in lib/operators.ts): there `email` compares
 * and answers lowercased. So we look up the lowercased address first, which finds everyone in our pool and, in a
 * case-sensitive pool, everyone whose address was stored lowercased (the usual convention); only if that finds
 * no one and the caller's spelling differs do we try it as given. The answer is checked again here, ignoring case.
 *
 * Errors are classified on the client (`withClassifiedErrors`, shared/runtime/aws-clients.ts), not here: an outage
 * or a misconfiguration reaches the caller as ServiceUnavailable, and the filter (an email) is never in a message.
 */
export const LIST_USERS_ATTRIBUTES = ['sub', 'email', 'name'] as const;
/** Two, not one: a second match means the directory is ambiguous, and we refuse to pick a person. */
const EMAIL_LOOKUP_LIMIT = 2;
const GET_OPERATORS_CONCURRENCY = 5;
/** Cognito refuses a `Filter` longer than 256 characters. */
const MAX_FILTER_LENGTH = 256;
/** Cognito `sub`s are lowercase UUIDs. */
const SUB_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const emailSchema = z.email();

export function createCognitoOperatorDirectory(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): OperatorDirectory {
  const listUsers = async (filter: string, limit: number): Promise<Operator[]> => {
    const result = await client.send(
      new ListUsersCommand({
        UserPoolId: userPoolId,
        Filter: filter,
        AttributesToGet: [...LIST_USERS_ATTRIBUTES],
        Limit: limit,
      }),
    );
    return (result.Users ?? []).flatMap((user) => {
      const operator = operatorOf(user);
      return operator === undefined ? [] : [operator];
    });
  };

  const findExactly = async (email: string): Promise<Operator | undefined> => {
    const filter = equalsFilter('email', email);
    if (filter.length > MAX_FILTER_LENGTH) return undefined;
    const wanted = email.toLowerCase();
    const matches = (await listUsers(filter, EMAIL_LOOKUP_LIMIT)).filter(
      (operator) => operator.email.toLowerCase() === wanted,
    );
    if (matches.length > 1) throw new Error('More than one operator in the user pool has the same email');
    return matches[0];
  };

  return {
    async findByEmail(email) {
      const given = email.trim();
      if (!emailSchema.safeParse(given).success) return undefined;
      const lowercased = given.toLowerCase();
      const found = await findExactly(lowercased);
      if (found !== undefined || given === lowercased) return found;
      return findExactly(given);
    },

    async getOperators(userIds) {
      const ids = [...new Set(userIds)].filter((id) => SUB_PATTERN.test(id));
      const found = new Map<string, Operator>();
      await mapWithConcurrency(ids, GET_OPERATORS_CONCURRENCY, async (id) => {
        const [operator] = (await listUsers(equalsFilter('sub', id), 1)).filter(
          (candidate) => candidate.userId === id,
        );
        if (operator !== undefined) found.set(id, operator);
      });
      return found;
    },
  };
}

/** `attr = "value"`, with the value escaped as Cognito's filter grammar requires. */
function equalsFilter(attribute: 'email' | 'sub', value: string): string {
  return `${attribute} = "${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

function operatorOf(user: UserType): Operator | undefined {
  const attributes = user.Attributes ?? [];
  const userId = attributeValue(attributes, 'sub');
  const email = attributeValue(attributes, 'email');
  if (userId === undefined || email === undefined) return undefined;
  return { userId, email, name: attributeValue(attributes, 'name') ?? null, enabled: user.Enabled ?? false };
}

function attributeValue(attributes: readonly AttributeType[], name: string): string | undefined {
  const value = attributes.find((attribute) => attribute.Name === name)?.Value;
  return value === undefined || value === '' ? undefined : value;
}
