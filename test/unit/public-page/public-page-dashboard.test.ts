import { parsePublicPageFacts } from '../../../dashboard/src/public/public-facts';
import {
  AUTHORIZE_INTENT_KEY,
  saveAuthorizeIntent,
  takeAuthorizeIntent,
} from '../../../dashboard/src/public/authorize-intent';
import { PUBLIC_TEXT } from '../../../dashboard/src/public/public-text';
import { isPublicPath } from '../../../dashboard/src/views/public-site';
import { parseRoute, routeHref } from '../../../dashboard/src/router/routes';
import { parseConfig } from '../../../dashboard/src/config';
import { buildPublicPageFacts } from '../../../shared/public-page/public-facts';

const FACTS = buildPublicPageFacts({
  datasets: ['inventory', 'orders', 'ads'],
  integrationLive: true,
  contact: { email: 'privacy@example.com', url: 'https://example.com/contact' },
});

describe('the public facts in the dashboard', () => {
  it('reads what the facts builder writes, through JSON', () => {
    expect(parsePublicPageFacts(JSON.parse(JSON.stringify(FACTS)))).toEqual(FACTS);
  });

  it('gives nothing rather than a guess for malformed facts', () => {
    const broken = (patch: Record<string, unknown>) => parsePublicPageFacts({ ...FACTS, ...patch });

    expect(parsePublicPageFacts(undefined)).toBeUndefined();
    expect(broken({ integrationLive: 'true' })).toBeUndefined();
    expect(broken({ datasets: ['inventory', 'reviews'] })).toBeUndefined();
    // A role for a dataset that is not live, or a live dataset without its role.
    expect(broken({ datasets: ['inventory'] })).toBeUndefined();
    expect(broken({ access: FACTS.access.slice(1) })).toBeUndefined();
    expect(broken({ contact: { url: 'javascript:alert(1)' } })).toBeUndefined();
    expect(broken({ retention: { ...FACTS.retention, auditLogDays: -1 } })).toBeUndefined();
  });

  it('leaves the rest of config.json usable when the facts are malformed', () => {
    const base = { apiUrl: '', signInUrl: 'http://localhost:3000/local', clientId: 'c', auth: 'local' };
    expect(parseConfig({ ...base, publicPage: FACTS }).publicPage).toEqual(FACTS);
    expect(parseConfig({ ...base, publicPage: { datasets: 'all' } }).publicPage).toBeUndefined();
  });

  it('knows its public paths, and /authorize is a signed-in route', () => {
    expect(['/amazon-sp-api', '/amazon-sp-api/', '/privacy'].map(isPublicPath)).toEqual([true, true, true]);
    expect(['/', '/stores', '/authorize', '/privacy-x'].map(isPublicPath)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(parseRoute('/authorize', '')).toEqual({ name: 'authorize' });
    expect(routeHref({ name: 'authorize' })).toBe('/authorize');
  });
});

describe('the authorize intent across sign-in', () => {
  const storage = () => {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
  };

  it('is taken once, with its region', () => {
    const session = storage();
    saveAuthorizeIntent(session, 'EU', 1_000);

    expect(takeAuthorizeIntent(session, 2_000)).toBe('EU');
    expect(takeAuthorizeIntent(session, 2_000)).toBeUndefined();
  });

  it('is dropped when stale, from the future, or not one of ours', () => {
    const session = storage();
    saveAuthorizeIntent(session, 'NA', 0);
    expect(takeAuthorizeIntent(session, 10 * 60 * 1000 + 1)).toBeUndefined();
    saveAuthorizeIntent(session, 'NA', 5_000);
    expect(takeAuthorizeIntent(session, 4_000)).toBeUndefined();
    session.setItem(AUTHORIZE_INTENT_KEY, JSON.stringify({ region: 'XX', at: 0 }));
    expect(takeAuthorizeIntent(session, 0)).toBeUndefined();
    session.setItem(AUTHORIZE_INTENT_KEY, '{');
    expect(takeAuthorizeIntent(session, 0)).toBeUndefined();
    expect(session.getItem(AUTHORIZE_INTENT_KEY)).toBeNull();
  });
});

describe('the public pages in both languages', () => {
  /** Every text of a catalog, with its functions called on sample figures, keyed by its path. */
  const flatten = (value: unknown, path = ''): Array<[string, string]> => {
    if (typeof value === 'string') return [[path, value]];
    if (typeof value === 'function') {
      // A sample figure that reads as 7 whether the text uses it as a number, a string or an object of figures.
      const sample: unknown = new Proxy({}, { get: (_, key) => (key === Symbol.toPrimitive ? () => 7 : 7) });
      return flatten((value as (arg: unknown) => unknown)(sample), `${path}()`);
    }
    if (Array.isArray(value)) return value.flatMap((item, index) => flatten(item, `${path}[${index}]`));
    if (typeof value === 'object' && value !== null)
      return Object.entries(value).flatMap(([key, item]) => flatten(item, path ? `${path}.${key}` : key));
    return [];
  };

  it('have the same texts in English and 简体中文, none empty', () => {
    const en = flatten(PUBLIC_TEXT.en);
    const zh = flatten(PUBLIC_TEXT['zh-CN']);

    expect(zh.map(([path]) => path)).toEqual(en.map(([path]) => path));
    expect([...en, ...zh].filter(([, text]) => text.trim() === '' || text.includes('[object'))).toEqual([]);
  });

  it('say "coming soon" in both languages while the integration is not live', () => {
    expect(PUBLIC_TEXT.en.spApi.authorizeComingSoon).toBe('Authorize with Amazon — coming soon');
    expect(PUBLIC_TEXT['zh-CN'].spApi.authorizeComingSoon).toContain('即将上线');
  });
});
