import type { AdsCampaign } from '../../../shared/api/ads-contract';
import type { AuditLogEntry } from '../../../shared/api/audit-contract';
import { AUDIT_CSV_COLUMNS, auditRecordsToCsv } from '../../../shared/audit/audit-csv';
import type { DataAccessRecord } from '../../../shared/audit/audit-record';
import type { AuditRecord, InventoryItem } from '../../../dashboard/src/api/types';
import {
  ACCESS_LOG_CSV_COLUMNS,
  accessLogCsv,
  accessLogCsvHeaderKey,
} from '../../../dashboard/src/data/access-log-csv';
import { ADS_CSV_COLUMNS, adsCsv, adsCsvHeaderKey } from '../../../dashboard/src/data/ads-csv';
import { UTF8_BOM, csvFileName, escapeCsvCell, localizedCsv, toCsv } from '../../../dashboard/src/data/csv';
import { INVENTORY_CSV_COLUMNS, csvHeaderKey, inventoryCsv } from '../../../dashboard/src/data/inventory-csv';
import { sampleAuditRecords, sampleInventoryItems } from '../../../dashboard/src/fixtures/sample-data';
import { en, type MessageKey } from '../../../dashboard/src/i18n/en';
import { LOCALES } from '../../../dashboard/src/i18n/i18n';
import { zhCN } from '../../../dashboard/src/i18n/zh-CN';

// The dashboard's downloads (inventory, ads, access log): one escaper and BOM (shared/audit/audit-csv.ts), a header
// row of human words in the dashboard's language, cells a spreadsheet or a script can still compute with.

/** Lines of a CSV without its BOM, split on CRLF; fails when the BOM is missing. */
function linesOf(csv: string): string[] {
  expect(csv.startsWith(UTF8_BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(UTF8_BOM.length, -2).split('\r\n');
}

/** A row's cells; none of the cells these tests look at hold a comma. */
const cellsOf = (line: string | undefined) => (line ?? '').split(',');

describe('the one CSV writer', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, '亚麻灯罩']]);
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

  it('translates the header row and escapes it like any cell', () => {
    const key = (column: 'a' | 'b'): MessageKey => (column === 'a' ? 'audit.csv.at' : 'audit.csv.detail');
    expect(localizedCsv('en', ['a', 'b'], key, [['=1', 2]])).toBe(
      `${UTF8_BOM}Time (UTC),Details (JSON)\r\n'=1,2\r\n`,
    );
    expect(localizedCsv('zh-CN', ['a', 'b'], key, [])).toBe(`${UTF8_BOM}时间（UTC）,详情（JSON）\r\n`);
  });

  it('names files with safe characters and the day', () => {
    expect(csvFileName(['inventory', 'A2LUMEN-NA', 'ATVPDKIKX0DER'], new Date('2026-11-23T08:00:00Z'))).toBe(
      'inventory-A2LUMEN-NA-ATVPDKIKX0DER-2026-11-23.csv',
    );
    expect(csvFileName(['a/b c'], new Date('2026-11-23T08:00:00Z'))).toBe('a_b_c-2026-11-23.csv');
  });
});

describe('column headers', () => {
  const files = [
    ['inventory', INVENTORY_CSV_COLUMNS.map(csvHeaderKey)],
    ['ads', ADS_CSV_COLUMNS.map(adsCsvHeaderKey)],
    ['access log', ACCESS_LOG_CSV_COLUMNS.map(accessLogCsvHeaderKey)],
  ] as const;

  it.each(files)('every %s column has a distinct human header in both languages', (_file, keys) => {
    for (const { id } of LOCALES) {
      const catalog: Readonly<Record<string, string>> = id === 'en' ? en : zhCN;
      const headers = keys.map((key) => catalog[key]);
      expect(headers).toEqual(keys.map(() => expect.stringMatching(/\S/)));
      expect(new Set(headers).size).toBe(headers.length);
    }
  });

  it.each(files)('no %s header is a field name', (_file, keys) => {
    // Short ones (ASIN, ROAS) are the words people use; the rest must not be a camelCase field name.
    const named = keys.map((key) => key.split('.').at(-1) ?? '').filter((field) => field.length > 4);
    const headers = keys.flatMap((key) => [en[key], zhCN[key]]);
    expect(headers.filter((header) => named.includes(header))).toEqual([]);
  });
});

describe('the inventory CSV', () => {
  const planned = {
    ...sampleInventoryItems(5)[4],
    status: 'order-now',
    plan: {
      recommendedMode: 'sea',
      orderBy: '2026-12-01',
      shipBy: '2026-12-15',
      stockOutDateWithInbound: '2027-01-10',
      settings: { casePack: 24, minimumOrderQuantity: 100 },
    },
  } as unknown as InventoryItem;

  it('reads in English: headers people use, what a buyer needs first', () => {
    const [header, row] = linesOf(inventoryCsv([planned], 'en'));
    expect(cellsOf(header).slice(0, 10)).toEqual([
      'Seller SKU',
      'ASIN',
      'Product',
      'Status',
      'Quantity to order',
      'Shipping mode',
      'Order by',
      'Ship by',
      'Projected stock-out (with inbound)',
      'Fulfillable',
    ]);
    expect(cellsOf(header)).toContain('Days of cover (fulfillable)');
    expect(cellsOf(header)).toHaveLength(INVENTORY_CSV_COLUMNS.length);
    // The product name was "=SUM(A1) #4": defused, never run. Dates stay ISO, numbers plain.
    expect(cellsOf(row).slice(0, 10)).toEqual([
      'LCC-LAMP-00004',
      'B000100004',
      "'=SUM(A1) #4",
      'Order now',
      String(planned.restockQuantity),
      'Sea',
      '2026-12-01',
      '2026-12-15',
      '2027-01-10',
      String(planned.fulfillable),
    ]);
  });

  it('reads in 简体中文 with the same cells', () => {
    const [header, row] = linesOf(inventoryCsv([planned], 'zh-CN'));
    expect(cellsOf(header).slice(0, 8)).toEqual([
      '卖家 SKU',
      'ASIN',
      '商品名称',
      '状态',
      '建议采购数量',
      '运输方式',
      '最晚下单日',
      '最晚发货日',
    ]);
    expect(cellsOf(header)).toContain('可售天数（可售库存）');
    const cells = cellsOf(row);
    expect(cells[2]).toBe("'=SUM(A1) #4");
    expect(cells.slice(6, 9)).toEqual(['2026-12-01', '2026-12-15', '2027-01-10']);
    expect(cells[3]).not.toBe('Order now');
    expect(cells[3]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('writes a header row alone when nothing is listed', () => {
    expect(linesOf(inventoryCsv([], 'zh-CN'))).toHaveLength(1);
  });
});

describe('the ads CSV', () => {
  const campaign: AdsCampaign = {
    campaignId: '7',
    name: '+Brand, defense',
    adProduct: 'SPONSORED_BRANDS',
    status: 'ENABLED',
    dailyBudget: 50,
    cost: 80,
    attributedSales: 800,
    acos: 0.1,
    roas: 10,
    budgetUsagePercent: 50,
    outOfBudget: true,
    impressions: 10_000,
    clicks: 120,
    attributedOrders: 12,
  };

  it('reads in English with money, ratios and counts as plain numbers', () => {
    const [header, row] = linesOf(adsCsv([campaign], 'USD', 'en'));
    expect(header).toBe(
      "Campaign ID,Campaign,Ad type,Status,Out of budget,Daily budget,Today's budget used (%),Impressions,Clicks," +
        'Spend,Attributed sales,Attributed orders,Attribution (days),ACoS (%),ROAS,Currency',
    );
    // The name is defused and quoted (it holds a comma); the rest are numbers a spreadsheet sums.
    expect(row).toBe(
      `7,"'+Brand, defense",Sponsored Brands,Enabled,Yes,50,50,10000,120,80,800,12,14,10,10,USD`,
    );
  });

  it('reads in 简体中文 with the same numbers', () => {
    const [header, row] = linesOf(adsCsv([campaign], 'USD', 'zh-CN'));
    expect(cellsOf(header).slice(0, 3)).toEqual(['广告活动 ID', '广告活动', '广告类型']);
    expect(cellsOf(header)).toContain('花费');
    expect(row).toMatch(/^7,"'\+Brand, defense",品牌推广,已启用,是,50,50,10000,120,80,800,12,14,10,10,USD$/);
  });
});

describe('the access log CSV', () => {
  const [record] = sampleAuditRecords(1);
  // Lin's read, with the name and email the API adds to an operator's record.
  const read: AuditLogEntry = {
    ...(record as DataAccessRecord),
    actor: { type: 'operator', id: 'user-lin' },
    actorName: 'Lin Zhao',
    actorEmail: 'lin@example.com',
  };
  // The operation is free text as far as the writer knows (a refused read records what was asked).
  const injected: AuditRecord = { ...(record as DataAccessRecord), operation: '=HYPERLINK("http://x")' };

  it('has human headers in English and keeps the cells of the export script', () => {
    const [header, row] = linesOf(accessLogCsv([record!], 'en'));
    expect(header).toBe(
      'Time (UTC),Event,Actor type,Actor ID,Name,Email,Store ID,Seller ID,Region,Marketplace ID,Data type,Operation,' +
        'Reason,Outcome,Source,Items,Request ID,Details (JSON)',
    );
    expect(row).toBe(
      '2026-11-23T08:00:00.000Z,data-access,system,authorization-health-check,,,A2LUMENCRAFT7Q-NA,A2LUMENCRAFT7Q,NA,' +
        'ATVPDKIKX0DER,inventory,getInventorySummaries,inventory-replenishment,allowed,amazon,0,req-000000,',
    );
    // The script's cells, with the two of who in between.
    const script = cellsOf(linesOf(auditRecordsToCsv([record!]))[1]);
    expect(cellsOf(row)).toEqual([...script.slice(0, 4), '', '', ...script.slice(4)]);
  });

  it("gives the operator's name and email their own cells, not the detail", () => {
    const [, row] = linesOf(accessLogCsv([read], 'en'));
    expect(cellsOf(row).slice(2, 6)).toEqual(['operator', 'user-lin', 'Lin Zhao', 'lin@example.com']);
    expect(row).toMatch(/,req-000000,$/);
  });

  it('has human headers in 简体中文, the same cells, and defuses formulas', () => {
    const lines = linesOf(accessLogCsv([read, injected], 'zh-CN'));
    expect(cellsOf(lines[0])).toEqual([
      '时间（UTC）',
      '事件',
      '访问者类型',
      '访问者 ID',
      '姓名',
      '邮箱',
      '店铺 ID',
      '卖家 ID',
      '区域',
      '站点 ID',
      '数据类型',
      '操作',
      '原因',
      '结果',
      '来源',
      '条目数',
      '请求 ID',
      '详情（JSON）',
    ]);
    expect(lines[1]).toBe(linesOf(accessLogCsv([read], 'en'))[1]);
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://x"")",`);
  });

  it('leaves the export script, a tool contract, with the field names as its header', () => {
    expect(linesOf(auditRecordsToCsv([record!]))[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
  });
});
