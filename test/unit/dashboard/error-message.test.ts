import { ApiError } from '../../../dashboard/src/api/api-error';
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
});
