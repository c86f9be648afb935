import { callerOf, groupsOf } from '../../../shared/auth/caller';
import type { HttpEvent } from '../../../shared/http/handler';

const eventWith = (claims: Record<string, string | string[]>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as HttpEvent;

describe('the caller from the JWT claims', () => {
  it.each([
    [['admin'], true],
    ['[admin]', true],
    ['[operators admin]', true],
    ['admin', true],
    ['[ops,admin]', false],
    ['ops,admin', false],
    ['[administrators]', false],
    ['[notadmin admin-team]', false],
    ['', false],
  ] as const)('cognito:groups %j → admin %s (exact group name only)', (groups, isAdmin) => {
    expect(callerOf(eventWith({ sub: 'u1', 'cognito:groups': groups as string | string[] })).isAdmin).toBe(
      isAdmin,
    );
  });

  it("splits API Gateway's bracketed form on spaces only", () => {
    expect(groupsOf('[a,b c]')).toEqual(['a,b', 'c']);
  });
});
