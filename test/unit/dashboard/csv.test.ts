import { UTF8_BOM, csvFileName, escapeCsvCell, toCsv } from '../../../dashboard/src/data/csv';
import { INVENTORY_CSV_COLUMNS, csvHeaderKey, inventoryCsvRow } from '../../../dashboard/src/data/inventory';
import { translate, translateKnown } from '../../../dashboard/src/i18n/i18n';
import { AUDIT_CSV_COLUMNS, auditCsvRow } from '../../../dashboard/src/data/audit';
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

  it('exports inventory rows with human column names, what a buyer needs first', () => {
    const [item] = sampleInventoryItems(1);
    const header = INVENTORY_CSV_COLUMNS.map((column) => translate('zh-CN', csvHeaderKey(column)));
    const csv = toCsv(header, [
      inventoryCsvRow(item!, (prefix, value) => translateKnown('zh-CN', prefix, value)),
    ]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]!.split(',').slice(0, 8)).toEqual([
      'SKU',
      'ASIN',
      '商品名称',
      '状态',
      '建议采购数量',
      '运输方式',
      '最晚下单日',
      '最晚发货日',
    ]);
    expect(lines[1]).toContain('LCC-LAMP-00000,B000100000,Linen Lamp Shade #0,');
    expect(lines[1]).toMatch(/,断货 入库中$/);
  });

  it('exports audit records', () => {
    const [record] = sampleAuditRecords(1);
    const row = toCsv(AUDIT_CSV_COLUMNS, [auditCsvRow(record!)]).split('\r\n')[1];
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
