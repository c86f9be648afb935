import { en } from '../../../dashboard/src/i18n/en';
import {
  CATALOGS,
  detectLocale,
  interpolate,
  placeholders,
  translate,
  translateKnown,
} from '../../../dashboard/src/i18n/i18n';
import { zhCN } from '../../../dashboard/src/i18n/zh-CN';
import { KNOWN_FLAGS } from '../../../dashboard/src/data/inventory';
import { AUTH_ERROR_CODES } from '../../../dashboard/src/data/oauth-result';

describe('message catalogs', () => {
  it('have exactly the same keys in English and 简体中文', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter(
      (key) =>
        placeholders(en[key as keyof typeof en]).join() !== placeholders(zhCN[key as keyof typeof en]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('have no empty message', () => {
    for (const catalog of Object.values(CATALOGS)) {
      expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  it('translate every API error code, OAuth result and known flag', () => {
    const codes = [
      'Throttled',
      'StoreNotActive',
      'AuthorizationRevoked',
      'AccessDenied',
      'AmazonUnavailable',
      'NotImplemented',
      'Network',
      'Unauthorized',
      'StoreNotFound',
      'BadRequest',
      'AuditUnavailable',
      'Internal',
      'Unexpected',
      'OperatorNotFound',
      'MemberNotFound',
      'LastOwner',
      'ServiceUnavailable',
    ];
    for (const code of codes) expect(Object.keys(en)).toContain(`error.${code}`);
    for (const code of [...AUTH_ERROR_CODES, 'unknown'])
      expect(Object.keys(en)).toContain(`oauth.error.${code}`);
    for (const flag of KNOWN_FLAGS) expect(Object.keys(en)).toContain(`flag.${flag}`);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'common.retryIn', { seconds: 12 })).toBe('Try again in 12 s');
    expect(translate('zh-CN', 'common.retryIn', { seconds: 12 })).toBe('12 秒后可重试');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('translates API values it knows and shows the others as sent', () => {
    expect(translateKnown('zh-CN', 'status', 'SHIPPED')).toBe('已发货');
    expect(translateKnown('en', 'status', 'IN_TRANSIT')).toBe('IN_TRANSIT');
  });
});

describe('detectLocale', () => {
  it('prefers the saved choice, then the browser languages, then English', () => {
    expect(detectLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(detectLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale('fr', ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLocale(undefined, ['ja-JP'])).toBe('en');
  });
});
