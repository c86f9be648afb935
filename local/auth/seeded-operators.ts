/**
 * The people of the local workspace. They exist only here (never deployed): in AWS, operators are Cognito users
 * created by an admin. Their `sub` ids are fixed UUIDs, as Cognito's are, so store memberships written by one
 * run still belong to the same person after a restart. Every name is fictional.
 */
export interface SeededOperator {
  /** The Cognito-style `sub`. */
  readonly id: string;
  /** Short name accepted wherever a user is named (`lin`). */
  readonly handle: string;
  readonly email: string;
  readonly name: string;
  readonly groups: readonly string[];
}

export const SEEDED_OPERATORS: readonly SeededOperator[] = [
  {
    id: '3f0b6a2e-8c1d-4e57-9a4b-1d2c3e4f5a01',
    handle: 'ada',
    email: 'ada@minthub.local',
    name: 'Ada Okafor',
    groups: ['admin'],
  },
  {
    id: '7c9e2d4a-1b3f-4a6c-8e0d-2f4a6c8e0b02',
    handle: 'lin',
    email: 'lin@minthub.local',
    name: 'Lin Zhao',
    groups: [],
  },
  {
    id: 'b5d7f9a1-3c5e-4b7d-9f1a-3c5e7a9b1d03',
    handle: 'sofia',
    email: 'sofia@minthub.local',
    name: 'Sofia Marino',
    groups: [],
  },
];

/** Finds an operator by id, email (any case) or handle. */
export function findOperator(user: string): SeededOperator | undefined {
  const wanted = user.trim().toLowerCase();
  if (wanted === '') return undefined;
  return SEEDED_OPERATORS.find(
    (operator) => operator.id === wanted || operator.email === wanted || operator.handle === wanted,
  );
}

/** What `GET /local/users` shows: who they are, never anything secret. */
export const publicOperatorView = (operator: SeededOperator) => ({
  id: operator.id,
  email: operator.email,
  name: operator.name,
  groups: [...operator.groups],
});
