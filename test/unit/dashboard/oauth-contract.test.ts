import type { AuthorizationErrorCode } from '../../../shared/authorization/complete-authorization';
import { en } from '../../../dashboard/src/i18n/en';
import { AUTH_ERROR_CODES, type AuthErrorCode } from '../../../dashboard/src/data/oauth-result';

// Compile-time: the dashboard translates exactly the codes the OAuth callback can send (`tsc --noEmit` fails
// when either side adds or drops one).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const codesMatch: Same<AuthErrorCode, AuthorizationErrorCode> = true;

describe('OAuth result contract with the callback', () => {
  it('has a translated message for every authError code the backend sends', () => {
    expect(codesMatch).toBe(true);
    for (const code of AUTH_ERROR_CODES) expect(Object.keys(en)).toContain(`oauth.error.${code}`);
  });
});
