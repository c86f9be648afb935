import { ApiError, apiErrorFrom } from '../../../dashboard/src/api/api-error';
import { errorMessage } from '../../../dashboard/src/data/error-message';
import { translate } from '../../../dashboard/src/i18n/i18n';

const text = (error: unknown, locale: 'en' | 'zh-CN' = 'en') => {
  const message = errorMessage(error);
  return translate(locale, message.key, message.params);
};

describe('error messages per API error code', () => {
  it('tells a throttled operator when to try again', () => {
    const error = new ApiError('Throttled', 429, 'x', 12);
    expect(text(error)).toBe('Amazon is rate-limiting this store. Try again in 12 s.');
    expect(text(error, 'zh-CN')).toBe('亚马逊正在限制此店铺的请求频率，请 12 秒后重试。');
    expect(errorMessage(error)).toMatchObject({ action: 'retry', retryAfterSeconds: 12 });
    expect(text(new ApiError('Throttled', 429, 'x'))).toMatch(/in a moment/);
  });

  it('offers re-authorization for inactive and revoked stores', () => {
    for (const code of ['StoreNotActive', 'AuthorizationRevoked']) {
      const message = errorMessage(new ApiError(code, 409, 'x'));
      expect(message.action).toBe('reauthorize');
      expect(translate('en', message.key)).toMatch(/Re-authorize/);
    }
  });

  it('explains access denied, Amazon down, not built yet and network failures', () => {
    expect(text(new ApiError('AccessDenied', 403, 'x'))).toMatch(/do not have access/);
    expect(text(new ApiError('AmazonUnavailable', 503, 'x'))).toMatch(/Amazon did not answer/);
    expect(text(new ApiError('NotImplemented', 501, 'x'))).toBe('This is not available yet.');
    expect(text(new ApiError('NotImplemented', 501, 'x'), 'zh-CN')).toBe('此功能暂未开放。');
    expect(text(new ApiError('Network', 0, 'x'))).toMatch(/Cannot reach/);
    expect(errorMessage(new ApiError('Network', 0, 'x')).action).toBe('retry');
  });

  it('never shows the server message, which is English only', () => {
    const message = errorMessage(new ApiError('BadRequest', 400, 'reason must be one of …'));
    expect(translate('zh-CN', message.key, message.params)).not.toContain('reason must be');
  });

  it('falls back for unknown codes and non-API errors', () => {
    expect(text(new ApiError('Teapot', 418, 'x'))).toBe('Unexpected answer from the server (HTTP 418).');
    expect(errorMessage(new Error('boom'))).toMatchObject({ key: 'error.Internal', action: 'retry' });
  });

  it('sends an expired session to sign-in', () => {
    expect(errorMessage(new ApiError('Unauthorized', 401, 'x')).action).toBe('sign-in');
  });

  it('explains the members errors plainly, in both languages', () => {
    expect(text(new ApiError('OperatorNotFound', 404, 'x'))).toMatch(/^Nobody with that email can sign in/);
    expect(text(new ApiError('OperatorNotFound', 404, 'x'), 'zh-CN')).toMatch(/^没有使用此邮箱/);
    expect(text(new ApiError('MemberNotFound', 404, 'x'))).toBe(
      'That person is no longer a member of this store.',
    );
    expect(text(new ApiError('LastOwner', 409, 'x'))).toBe(
      'A store must keep at least one owner. Make someone else an owner first.',
    );
    expect(text(new ApiError('LastOwner', 409, 'x'), 'zh-CN')).toBe(
      '店铺必须至少保留一名所有者。请先将其他成员设为所有者。',
    );
    for (const code of ['OperatorNotFound', 'MemberNotFound', 'LastOwner']) {
      expect(errorMessage(new ApiError(code, 409, 'x')).action).toBe('none');
    }
  });

  it('counts down a 503 ServiceUnavailable from Retry-After', () => {
    const error = apiErrorFrom(503, { error: { code: 'ServiceUnavailable', message: 'x' } }, '5');
    expect(errorMessage(error)).toMatchObject({ action: 'retry', retryAfterSeconds: 5 });
    expect(text(error)).toBe('Mint Hub cannot finish this right now. Try again in 5 s.');
    expect(text(error, 'zh-CN')).toBe('Mint Hub 暂时无法完成此操作，请 5 秒后重试。');
    expect(text(new ApiError('ServiceUnavailable', 503, 'x'))).toMatch(/in a moment/);
  });

  it("says why a revoked store refuses reads, from the 409's status and revokedReason", () => {
    const refused = (status: string, revokedReason?: string) =>
      apiErrorFrom(
        409,
        {
          error: {
            code: 'StoreNotActive',
            message: 'x',
            status,
            ...(revokedReason ? { revokedReason } : {}),
          },
        },
        null,
      );
    const disconnected = refused('REVOKED', 'disconnect');
    expect(disconnected.details).toEqual({ storeStatus: 'REVOKED', revokedReason: 'disconnect' });
    expect(text(disconnected)).toMatch(/^An owner disconnected this store in Mint Hub/);
    expect(text(disconnected)).not.toMatch(/seller/i);
    expect(text(disconnected, 'zh-CN')).toMatch(/^店铺所有者已在 Mint Hub 中断开/);
    expect(text(refused('REVOKED', 'invalid_grant'))).toMatch(/^The seller removed this app at Amazon/);
    expect(text(refused('REVOKED', 'health-check'))).toMatch(/^The seller removed this app at Amazon/);
    expect(text(refused('REVOKED', 'account-status'))).toMatch(/^Amazon deactivated this seller account/);
    expect(errorMessage(refused('REVOKED', 'account-status')).action).toBe('none');
    expect(text(refused('REVOKED'))).toMatch(/authorization was revoked/);
    expect(text(refused('SUSPENDED'))).toMatch(/suspended/);
    // A new consent cannot lift Amazon's suspension: no re-authorize button.
    expect(errorMessage(refused('SUSPENDED')).action).toBe('none');
    expect(text(refused('REAUTH_REQUIRED'))).toMatch(/must be re-authorized/);
    expect(text(new ApiError('StoreNotActive', 409, 'x'))).toMatch(/is not active/);
    expect(errorMessage(disconnected).action).toBe('reauthorize');
  });
});
