import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { browserSuite, connectStore } from './browser-kit';

// Issue 18, "CSV headers are human words in the chosen language": the inventory and access-log downloads read in
// 简体中文 once the dashboard is switched to it: a UTF-8 BOM, a header row of catalogue words, cells unchanged
// (ISO times, plain numbers). Unit tests (test/unit/dashboard/csv.test.ts) hold every column in both languages.

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;

jest.setTimeout(45_000);

const suite = browserSuite();

/** Clicks the page's export button and answers the file's lines (BOM checked and removed). */
async function downloadedCsv(page: Page, button: RegExp): Promise<{ name: string; lines: string[] }> {
  const [download] = (await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])) as [Download, void];
  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return { name: download.suggestedFilename(), lines: text.slice(1).trimEnd().split('\r\n') };
}

describe('CSV downloads in 简体中文', () => {
  it('lin connects the store', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    const row = page.getByRole('row').filter({ hasText: SELLER });
    await row.waitFor();
    expect(await row.getByText('Owner', { exact: true }).count()).toBe(1);
  });

  it('the inventory CSV has Chinese column names, what a buyer needs first', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/inventory`);
    await page.getByRole('region', { name: 'Inventory by SKU' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('region', { name: '按 SKU 的库存' }).waitFor();

    const { name, lines } = await downloadedCsv(page, /^导出 CSV/);
    expect(name).toMatch(new RegExp(`^inventory-${STORE_ID}-ATVPDKIKX0DER-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(lines[0]?.split(',').slice(0, 8)).toEqual([
      '卖家 SKU',
      'ASIN',
      '商品名称',
      '状态',
      '建议采购数量',
      '运输方式',
      '最晚下单日',
      '最晚发货日',
    ]);
    expect(lines.length).toBeGreaterThan(1);
    await page.getByLabel('语言').selectOption('en');
  });

  it('the access-log CSV has Chinese column names and the records as they are', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/audit`);
    await page.getByRole('region', { name: 'Access records, newest first' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('region', { name: '访问记录，最新的在前' }).waitFor();

    const { lines } = await downloadedCsv(page, /^导出 CSV/);
    expect(lines[0]?.split(',').slice(0, 6)).toEqual([
      '时间（UTC）',
      '事件',
      '访问者类型',
      '访问者 ID',
      '姓名',
      '邮箱',
    ]);
    expect(lines[0]).toContain('店铺 ID');
    // The inventory read of the test before, as recorded: an ISO time and the codes, not translations.
    const read = lines.find((line) => line.includes(',inventory,'));
    expect(read).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,data-access,operator,/);
    // Who, in its own cells: the user id, then the name and email the API resolves.
    expect(read?.split(',').slice(4, 6)).toEqual(['Lin Zhao', expect.stringContaining('@')]);
    await page.getByLabel('语言').selectOption('en');
  });
});
