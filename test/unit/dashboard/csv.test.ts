import { UTF8_BOM, csvFileName, escapeCsvCell, toCsv } from '../../../dashboard/src/data/csv';
import { INVENTORY_CSV_FIELDS, inventoryCsvRow } from '../../../dashboard/src/data/inventory';
import { AUDIT_CSV_FIELDS, auditCsvRow } from '../../../dashboard/src/data/audit';
import { sampleAuditRecords, sampleInventoryItems } from '../../../dashboard/src/fixtures/sample-data';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, '亚麻灯罩']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}a,b\r\n1,亚麻灯罩\r\n`);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(escapeCsvCell('Brass Desk Lamp, "Classic"')).toBe('"Brass Desk Lamp, ""Classic"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell(' padded')).toBe('" padded"');
    expect(escapeCsvCell('plain')).toBe('plain');
  });

  it('neutralises text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(escapeCsvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(escapeCsvCell('+1')).toBe("'+1");
    expect(escapeCsvCell('@cmd')).toBe("'@cmd");
    expect(escapeCsvCell(-5)).toBe('-5');
  });

  it('writes empty cells for missing values', () => {
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
    expect(escapeCsvCell(Number.NaN)).toBe('');
  });

  it('exports inventory rows with every field of the contract', () => {
    const [item] = sampleInventoryItems(1);
    const csv = toCsv(INVENTORY_CSV_FIELDS, [inventoryCsvRow(item!)]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'sellerSku,asin,fnSku,productName,fulfillable,inbound,reserved,unfulfillable,unitsSoldPerDay,daysOfCover,restockQuantity,flags',
    );
    expect(lines[1]).toBe(
      'LCC-LAMP-00000,B000100000,X000000000,Linen Lamp Shade #0,0,24,0,1,0,,0,out-of-stock inbound',
    );
  });

  it('exports audit records', () => {
    const [record] = sampleAuditRecords(1);
    const row = toCsv(AUDIT_CSV_FIELDS, [auditCsvRow(record!)]).split('\r\n')[1];
    expect(row).toBe(
      '2026-11-23T08:00:00.000Z,data-access,system,authorization-health-check,A2LUMENCRAFT7Q-NA,A2LUMENCRAFT7Q,NA,' +
        'ATVPDKIKX0DER,inventory,getInventorySummaries,inventory-replenishment,allowed,amazon,0,req-000000,',
    );
  });

  it('names files with safe characters and the day', () => {
    expect(csvFileName(['inventory', 'A2LUMEN-NA', 'ATVPDKIKX0DER'], new Date('2026-11-23T08:00:00Z'))).toBe(
      'inventory-A2LUMEN-NA-ATVPDKIKX0DER-2026-11-23.csv',
    );
    expect(csvFileName(['a/b c'], new Date('2026-11-23T08:00:00Z'))).toBe('a_b_c-2026-11-23.csv');
  });
});
