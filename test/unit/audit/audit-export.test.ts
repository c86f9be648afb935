import type { DataAccessRecord } from '../../../shared/audit/audit-record';
import { AUDIT_CSV_COLUMNS, auditRecordsToCsv } from '../../../shared/audit/audit-export';

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

describe('audit CSV export', () => {
  it('writes a header and one row per record, in the column order', () => {
    const csv = auditRecordsToCsv([record()]);
    expect(csv.split('\r\n')).toEqual([
      AUDIT_CSV_COLUMNS.join(','),
      '2026-11-23T10:00:00.000Z,data-access,operator,user-lin,A2LUMENCRAFT7Q-NA,A2LUMENCRAFT7Q,NA,ATVPDKIKX0DER,inventory,getInventorySummaries,inventory-replenishment,allowed,amazon,312,req-1',
      '',
    ]);
  });

  it('quotes separators and quotes, leaves nulls empty, and defuses spreadsheet formulas', () => {
    const csv = auditRecordsToCsv([
      record({ requestId: '=HYPERLINK("x")', operation: 'a,b', sellingPartnerId: null, itemCount: null }),
    ]);
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain(`"a,b"`);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('operator,user-lin,A2LUMENCRAFT7Q-NA,,NA');
  });
});
