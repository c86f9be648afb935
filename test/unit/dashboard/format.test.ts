import {
  formatCurrency,
  formatDateTime,
  formatDay,
  formatNumber,
  formatRelativeTime,
} from '../../../dashboard/src/format/format';
import { freshnessText } from '../../../dashboard/src/format/freshness';
import { marketplaceLabel } from '../../../dashboard/src/format/marketplaces';

const NOW = Date.parse('2026-11-23T08:00:00Z');

describe('numbers and money per locale', () => {
  it('groups numbers', () => {
    expect(formatNumber('en', 12345.678, 1)).toBe('12,345.7');
    expect(formatNumber('zh-CN', 12345)).toBe('12,345');
    expect(formatNumber('en', Number.NaN)).toBe('—');
  });

  it("uses the record's currency", () => {
    expect(formatCurrency('en', '1234.5', 'USD')).toBe('$1,234.50');
    expect(formatCurrency('en', 1234, 'JPY')).toBe('¥1,234');
    expect(formatCurrency('zh-CN', 1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatCurrency('zh-CN', 99, 'CNY')).toBe('¥99.00');
    expect(formatCurrency('en', 5, 'NOT-A-CODE')).toBe('5 NOT-A-CODE');
  });
});

describe('dates and relative times', () => {
  it('says how long ago in the chosen language', () => {
    expect(formatRelativeTime('en', '2026-11-23T07:57:00Z', NOW)).toBe('3 min. ago');
    expect(formatRelativeTime('zh-CN', '2026-11-23T07:57:00Z', NOW)).toBe('3分钟前');
    expect(formatRelativeTime('en', '2026-11-23T07:59:58Z', NOW)).toBe('now');
    expect(formatRelativeTime('en', '2026-12-05T08:00:00Z', NOW)).toBe('in 12 days');
    expect(formatRelativeTime('zh-CN', '2026-12-05T08:00:00Z', NOW)).toBe('12天后');
  });

  it('formats calendar days without shifting them by the time zone', () => {
    expect(formatDay('en', '2026-11-01')).toBe('Nov 1, 2026');
    expect(formatDay('zh-CN', '2026-11-01')).toBe('2026年11月1日');
    expect(formatDay('en', '2026-11-01', 'short')).toBe('11/1');
  });

  it('formats instants in a given zone', () => {
    expect(formatDateTime('en', '2026-11-23T08:05:00Z', 'UTC')).toBe('Nov 23, 2026, 8:05 AM');
    expect(formatDateTime('zh-CN', '2026-11-23T08:05:00Z', 'UTC')).toBe('2026年11月23日 08:05');
    expect(formatDateTime('en', 'not a date')).toBe('—');
  });
});

describe('freshness', () => {
  it('says whether numbers are live or cached, and how old', () => {
    expect(freshnessText('en', { asOf: '2026-11-23T07:57:00Z', source: 'snapshot' }, NOW)).toBe(
      'As of 3 min. ago, from cache',
    );
    expect(freshnessText('en', { asOf: '2026-11-23T08:00:00Z', source: 'amazon' }, NOW)).toBe(
      'Live from Amazon, as of now',
    );
    expect(freshnessText('zh-CN', { asOf: '2026-11-23T07:57:00Z', source: 'snapshot' }, NOW)).toBe(
      '缓存数据，更新于3分钟前',
    );
  });
});

describe('marketplaces', () => {
  it('names marketplaces by domain and country in the chosen language', () => {
    expect(marketplaceLabel('en', 'A1PA6795UKMFR9')).toBe('Amazon.de (Germany)');
    expect(marketplaceLabel('zh-CN', 'A1VC38T7YXB528')).toBe('Amazon.co.jp（日本）');
    expect(marketplaceLabel('en', 'UNKNOWN')).toBe('UNKNOWN');
  });
});
