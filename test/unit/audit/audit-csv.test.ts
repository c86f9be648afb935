import type {
  DataAccessRecord,
  SettingsChangedRecord,
  StoreEventRecord,
} from '../../../shared/audit/audit-record';
import {
  AUDIT_CSV_COLUMNS,
  UTF8_BOM,
  auditRecordFields,
  auditRecordsToCsv,
  escapeCsvCell,
} from '../../../shared/audit/audit-csv';

const record = (overrides: Partial<DataAccessRecord> = {}): DataAccessRecord => ({
  kind: 'data-access',
  at: '2026-11-23T10:00:00.000Z',
  actor: { type: 'operator', id: 'user-lin' },
  storeId: 'A2LUMENCRAFT7Q-NA',
  sellingPartnerId: 'A2LUMENCRAFT7Q',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
  dataset: 'inventory',
  operation: 'getInventorySummaries',
  reason: 'inventory-replenishment',
  outcome: 'allowed',
  source: 'amazon',
  itemCount: 312,
  requestId: 'req-1',
  ...overrides,
});

const rowsOf = (csv: string) => csv.slice(UTF8_BOM.length).split('\r\n');

// One writer for `npm run audit` and the dashboard's access-log CSV (shared/audit/audit-csv.ts).
describe('audit CSV export', () => {
  it('starts with a UTF-8 BOM, then a header and one row per record in the column order, CRLF-ended', () => {
    const csv = auditRecordsToCsv([record()]);

    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(rowsOf(csv)).toEqual([
      AUDIT_CSV_COLUMNS.join(','),
      '2026-11-23T10:00:00.000Z,data-access,operator,user-lin,A2LUMENCRAFT7Q-NA,A2LUMENCRAFT7Q,NA,ATVPDKIKX0DER,inventory,getInventorySummaries,inventory-replenishment,allowed,amazon,312,req-1,',
      '',
    ]);
  });

  it('quotes separators and quotes, leaves nulls empty, and defuses spreadsheet formulas', () => {
    const csv = auditRecordsToCsv([
      record({ requestId: '=HYPERLINK("x")', operation: 'a,b', sellingPartnerId: null, itemCount: null }),
    ]);
    const row = rowsOf(csv)[1] ?? '';
    expect(row).toContain(`"a,b"`);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('operator,user-lin,A2LUMENCRAFT7Q-NA,,NA');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
  ])('defuses the formula %j', (text, written) => {
    expect(escapeCsvCell(text)).toBe(written);
  });

  it('leaves numbers as numbers, negative ones included', () => {
    expect(escapeCsvCell(-5)).toBe('-5');
    expect(escapeCsvCell(Number.NaN)).toBe('');
  });

  it("keeps what has no column of its own in detail, as JSON: a store event's detail, a settings change", () => {
    const event: StoreEventRecord = {
      kind: 'authorization-check',
      at: '2026-11-23T10:00:00.000Z',
      actor: { type: 'system', id: 'authorization-health-check' },
      storeId: 'A2LUMENCRAFT7Q-NA',
      sellingPartnerId: 'A2LUMENCRAFT7Q',
      region: 'NA',
      outcome: 'allowed',
      requestId: 'req-2',
      detail: { result: 'valid', reauthorizeInDays: 200 },
    };
    const change: SettingsChangedRecord = {
      kind: 'settings-changed',
      at: '2026-11-23T10:00:00.000Z',
      actor: { type: 'operator', id: 'user-lin' },
      storeId: 'A2LUMENCRAFT7Q-NA',
      sellingPartnerId: 'A2LUMENCRAFT7Q',
      region: 'NA',
      operation: 'PutRestockSettings',
      outcome: 'allowed',
      requestId: 'req-3',
      settings: 'restock',
      version: 2,
      before: { 'settings.coverDays': 30 },
      after: { 'settings.coverDays': 45 },
    };

    expect(auditRecordFields(event)).toMatchObject({
      dataset: null,
      marketplaceId: null,
      detail: '{"result":"valid","reauthorizeInDays":200}',
    });
    expect(JSON.parse(String(auditRecordFields(change).detail))).toEqual({
      settings: 'restock',
      version: 2,
      before: { 'settings.coverDays': 30 },
      after: { 'settings.coverDays': 45 },
    });
    expect(auditRecordFields(record({ storeStatus: 'REVOKED' })).detail).toBe('{"storeStatus":"REVOKED"}');
  });
});
