import {
  ALL,
  appendAuditPage,
  auditQuery,
  auditRecordFields,
  auditRangeFrom,
  distinctValues,
  filterAudit,
  lastDays,
} from '../../../dashboard/src/data/audit';
import { sampleAuditRecords } from '../../../dashboard/src/fixtures/sample-data';

const NOW = new Date(2026, 10, 23, 15, 30).getTime();

describe('audit time range', () => {
  it('defaults to the last 7 days, today included', () => {
    expect(auditRangeFrom(undefined, undefined, NOW)).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(lastDays(1, NOW)).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('keeps a valid range from the URL, orders a reversed one, ignores garbage', () => {
    expect(auditRangeFrom('2026-11-01', '2026-11-05', NOW)).toEqual({ from: '2026-11-01', to: '2026-11-05' });
    expect(auditRangeFrom('2026-11-05', '2026-11-01', NOW)).toEqual({ from: '2026-11-01', to: '2026-11-05' });
    expect(auditRangeFrom('yesterday', '2026-11-23', NOW)).toEqual({ from: '2026-11-17', to: '2026-11-23' });
  });

  it('asks the API from local midnight to the midnight after the last day', () => {
    const query = auditQuery({ from: '2026-11-01', to: '2026-11-05' });
    expect(query.from).toBe(new Date(2026, 10, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 10, 6).toISOString());
  });
});

describe('audit filters', () => {
  const records = sampleAuditRecords(50);

  it('shows newest first', () => {
    const shuffled = [...records].reverse();
    const result = filterAudit(shuffled, { outcome: ALL, dataset: ALL, query: '' });
    expect(result[0]!.at).toBe(records[0]!.at);
    expect(result).toHaveLength(50);
  });

  it('narrows by outcome, dataset and text', () => {
    const denied = filterAudit(records, { outcome: 'denied', dataset: ALL, query: '' });
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((r) => r.outcome === 'denied')).toBe(true);
    const orders = filterAudit(records, { outcome: ALL, dataset: 'orders', query: 'user-1' });
    expect(orders.every((r) => auditRecordFields(r).dataset === 'orders' && r.actor.id === 'user-1')).toBe(
      true,
    );
    expect(filterAudit(records, { outcome: ALL, dataset: ALL, query: 'REQ-000007' })).toHaveLength(1);
  });

  it('offers the outcomes and datasets present', () => {
    expect(distinctValues(records, 'outcome')).toEqual(['allowed', 'denied', 'error']);
    expect(distinctValues(records, 'dataset')).toEqual(['inventory', 'orders']);
  });
});

describe('audit pages', () => {
  const records = sampleAuditRecords(6);

  it('appends older pages after the loaded ones and keeps the cursor of the last page only', () => {
    const first = appendAuditPage(undefined, { records: records.slice(0, 3), nextCursor: 'c1' });
    const both = appendAuditPage(first, { records: records.slice(3) });

    expect(first.nextCursor).toBe('c1');
    expect(both.records.map((r) => r.requestId)).toEqual(records.map((r) => r.requestId));
    expect(both.nextCursor).toBeUndefined();
  });
});
