import type { AuthorizationErrorCode } from '../../../shared/authorization/complete-authorization';
import { en } from '../../../dashboard/src/i18n/en';
import {
  AUTH_ERROR_CODES,
  parseOAuthResult,
  type AuthErrorCode,
} from '../../../dashboard/src/data/oauth-result';
import { translate } from '../../../dashboard/src/i18n/i18n';

// Compile-time: the dashboard translates exactly the codes the OAuth callback can send (`tsc --noEmit` fails
// when either side adds or drops one).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const codesMatch: Same<AuthErrorCode, AuthorizationErrorCode> = true;

describe('OAuth result contract with the callback', () => {
  it('has a translated message for every authError code the backend sends', () => {
    expect(codesMatch).toBe(true);
    for (const code of AUTH_ERROR_CODES) expect(Object.keys(en)).toContain(`oauth.error.${code}`);
  });

  it('explains a store already connected by another team: nothing changed, ask an owner to add you', () => {
    expect(parseOAuthResult('?authError=store_owned_elsewhere')).toEqual({
      kind: 'failed',
      code: 'store_owned_elsewhere',
    });
    const en = translate('en', 'oauth.error.store_owned_elsewhere');
    expect(en).toMatch(/already connected to Mint Hub by another team/);
    expect(en).toMatch(/Nothing was changed/);
    expect(en).toMatch(/ask one of its owners to add you/);
    const zh = translate('zh-CN', 'oauth.error.store_owned_elsewhere');
    expect(zh).toMatch(/已由其他团队连接/);
    expect(zh).toMatch(/未做任何更改/);
    expect(zh).toMatch(/所有者/);
  });

  it('asks to start again when Amazon or Mint Hub could not finish (the code is never sent twice)', () => {
    expect(parseOAuthResult('?authError=try_again')).toEqual({ kind: 'failed', code: 'try_again' });
    expect(translate('en', 'oauth.error.try_again')).toMatch(
      /^Amazon or Mint Hub could not finish the authorization.*not used twice.*Start the authorization again/,
    );
    expect(translate('zh-CN', 'oauth.error.try_again')).toMatch(/重新开始/);
  });
});
