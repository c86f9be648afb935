import { browserSuite, connectStore, screenshot } from './browser-kit';

// Issue 12, "inventory stands alone", in a real browser: the Inventory view is the only view opened on a newly
// connected large store (its order reports are still being processed). The SKUs read from the Sales API show
// their rate marked as such, the others "Loading" (never "No sales"), and the notice says how many are still being
// read and when the view refreshes; in both languages.
const SELLER = 'A5TIDEWAYBULK4';
const STORE_ID = `${SELLER}-EU`;
const UK = 'A1F83G8C2ARO7P';

jest.setTimeout(90_000);

const suite = browserSuite();

describe('the inventory view of a store whose history is still loading', () => {
  it('shows Sales API velocity where it is read, "Loading" elsewhere, and when it refreshes', async () => {
    const page = await suite.signedIn('sofia');
    await connectStore(page, suite.workspace, { region: 'EU', sellingPartnerId: SELLER });

    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/inventory?marketplaceId=${UK}`);
    const loading = page.getByTestId('velocity-loading');
    // The first view reads the listing and asks the Sales API for the riskiest SKUs: seconds, not instant.
    await loading.waitFor({ timeout: 45_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'inventory-velocity-missing');
      throw new Error(`no velocity notice; the page said: ${await page.locator('main').innerText()}`, {
        cause: error,
      });
    });
    expect((await loading.innerText()).replace(/\s+/g, ' ')).toMatch(
      /Sales are still being read for \d+ of \d+ SKUs/,
    );
    expect(await page.getByTestId('incomplete-notice').innerText()).toMatch(/refreshing in/);
    // The table is virtual: the first rows are the most urgent, which include SKUs read from the Sales API.
    expect(await page.locator('[data-velocity-source="sales-api"]').count()).toBeGreaterThan(0);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Loading');
    expect(body).toContain('Sales history loading');
    expect(body).not.toContain('Live from Amazon');
    await screenshot(page, 'inventory-velocity-loading');

    await page.getByLabel('Language').selectOption('zh-CN');
    const zh = page.getByTestId('velocity-loading');
    await zh.waitFor();
    expect(await zh.innerText()).toMatch(/仍有 \d+ \/ \d+ 个 SKU 的销量在读取中/);
    const marked = page.locator('[data-velocity-source="sales-api"]').first();
    expect(await marked.innerText()).toBe('API');
    // The cell's tooltip says where the rate comes from and how many days it covers.
    expect(
      await page.locator('td:has([data-velocity-source="sales-api"])').first().getAttribute('title'),
    ).toMatch(/来自亚马逊销售 API：最近 60 天的销量/);
    await page.getByLabel('语言').selectOption('en');
  });
});
