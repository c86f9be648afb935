import type { Operator, OperatorDirectory } from '../../shared/ports';

/**
 * The operator directory in memory, for unit tests: the same contract as the Cognito adapter
 * (test/integration/operator-directory.test.ts runs one suite against both). Emails match ignoring case and
 * surrounding spaces; ids match exactly; unknown ids are absent. Answers are copies, so a test cannot change
 * the directory through them.
 */
export function createInMemoryOperatorDirectory(operators: Operator[]): OperatorDirectory {
  const byId = new Map(operators.map((operator) => [operator.userId, { ...operator }]));
  return {
    findByEmail(email) {
      const wanted = email.trim().toLowerCase();
      const found = [...byId.values()].find((operator) => operator.email.toLowerCase() === wanted);
      return Promise.resolve(found === undefined ? undefined : { ...found });
    },
    getOperators(userIds) {
      const found = new Map<string, Operator>();
      for (const id of userIds) {
        const operator = byId.get(id);
        if (operator !== undefined) found.set(id, { ...operator });
      }
      return Promise.resolve(found);
    },
  };
}
