import type { Locator, Page } from 'playwright-core';
import { browserSuite, connectStore, newContext, screenshot, setSandboxFaults } from './browser-kit';

// The issue "Operator dashboard", Tests section: an operator's day in a real browser against the local
// workspace (real handlers, DynamoDB Local, the Amazon sandbox). The tests run in order and build on each other:
// lin connects a store in the second test and every later test reads it, as one person's session would.

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
// The store's name comes from the Sellers API's storeName, which the sandbox does not send: the seller id stands in.
const STORE_NAME = /Lumen Craft Co\.|A2LUMENCRAFT7Q/;
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

jest.setTimeout(30_000);

/** Every test works in fresh contexts (no cookies, no storage), closed after it whether it passed or not. */
const suite = browserSuite();

/** The value of one headline number in a KPI list (`<dl aria-label>`), as displayed. */
async function kpi(page: Page, listLabel: string, term: string): Promise<string> {
  const item = page
    .getByLabel(listLabel, { exact: true })
    .locator('div')
    .filter({ has: page.getByRole('term').getByText(term, { exact: true }) });
  return (await item.getByRole('definition').textContent()) ?? '';
}

const asNumber = (text: string) => Number(text.replace(/[^\d.]/g, ''));

/** The row of the connected store in the stores table. */
const storeRow = (page: Page): Locator => page.getByRole('row').filter({ hasText: SELLER });

describe('operator dashboard in a browser', () => {
  it('lin signs in through the local sign-in page and lands on the overview with nothing left in the URL', async () => {
    const context = suite.track(await newContext(suite.browser));
    const page = await context.newPage();

    await page.goto(`${suite.workspace.url}/`);
    await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
    const authorize = new URL(page.url());
    expect(authorize.origin).toBe(suite.workspace.url);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${suite.workspace.url}/`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await page.getByRole('button', { name: /^Lin Zhao/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const url = new URL(page.url());
    expect(url.origin).toBe(suite.workspace.url);
    expect(url.pathname).toBe('/');
    for (const param of ['code', 'state', 'access_token', 'id_token', 'error']) {
      expect(url.searchParams.has(param)).toBe(false);
    }
    expect(url.hash).toBe('');
    expect(await page.getByRole('banner').getByText('lin@minthub.local').count()).toBe(1);
    const saved = await page.evaluate(() => Object.keys(window.localStorage));
    expect(saved.filter((key) => key !== 'mintHub.language')).toEqual([]);
  });

  it('connects a store: Authorize with Amazon, Seller Central consent, back with the store active', async () => {
    const page = await suite.signedIn('lin');

    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    // The notice names the store once the stores list has loaded (until then, by its id).
    await storeRow(page).waitFor();
    const connected = page.getByRole('status').filter({ hasText: 'is connected' });
    expect(await connected.textContent()).toMatch(
      new RegExp(`^(${STORE_NAME.source}) is connected\\. Its data is available now\\.`),
    );
    expect(await storeRow(page).getByText('Active', { exact: true }).count()).toBe(1);
    // The callback's result parameters leave the address bar once shown.
    await page.waitForURL((url) => url.search === '');
    await screenshot(page, 'stores');
  });

  it("opens the store's inventory and orders, sorts and searches, and switches to 简体中文 and back", async () => {
    const page = await suite.signedIn('lin');

    // Inventory, from Amazon: eight pages of 50 SKUs paced at Amazon's 2 requests per second.
    await storeRow(page).getByRole('link', { name: 'Inventory' }).click();
    await page.waitForURL((url) => url.pathname === `/stores/${STORE_ID}/inventory`);
    await page.getByRole('heading', { level: 1, name: 'Inventory' }).waitFor();
    await page.getByLabel('Inventory totals', { exact: true }).waitFor({ timeout: 25_000 });
    const marketplace = page.getByLabel('Marketplace');
    expect(await marketplace.inputValue()).toBe(US);
    expect(await marketplace.getByRole('option').allTextContents()).toEqual([
      'Amazon.com (United States)',
      'Amazon.ca (Canada)',
      'Amazon.com.mx (Mexico)',
    ]);
    const skus = await kpi(page, 'Inventory totals', 'SKUs');
    expect(asNumber(skus)).toBeGreaterThan(100);
    expect(asNumber(await kpi(page, 'Inventory totals', 'Out of stock'))).toBeGreaterThan(0);
    // Source and age are on the view ("From Amazon …" / "Live from Amazon …" / "Stored copy …").
    expect(
      await page.getByText(/^(Live from Amazon, as of |From Amazon |Stored copy, |Incomplete: )/).count(),
    ).toBeGreaterThan(0);
    const table = page.getByRole('region', { name: 'Inventory by SKU' });
    const showing = page.getByRole('status').filter({ hasText: /^Showing / });
    expect(await showing.textContent()).toBe(`Showing ${skus} of ${skus} SKUs`);
    expect(await dataRows(table).count()).toBeGreaterThan(5);

    // Sorting: a numeric column starts with the largest.
    await table.getByRole('columnheader', { name: 'Fulfillable' }).getByRole('button').click();
    await table.locator('th[aria-sort="descending"]', { hasText: 'Fulfillable' }).waitFor();
    const fulfillable = (await cellTexts(table)).map((cells) => asNumber(cells[3] ?? ''));
    expect(fulfillable.length).toBeGreaterThan(5);
    expect(fulfillable).toEqual([...fulfillable].sort((a, b) => b - a));
    await screenshot(page, 'inventory');

    // Search by SKU, typed.
    const sku = (await cellTexts(table))[2]?.[0] ?? '';
    expect(sku).not.toBe('');
    await page.getByLabel('Search SKU, ASIN or product name').pressSequentially(sku);
    await page
      .getByRole('status')
      .filter({ hasText: `Showing 1 of ${skus} SKUs` })
      .waitFor();
    expect((await cellTexts(table)).map((cells) => cells[0])).toEqual([sku]);

    // Orders: headline numbers, late shipments first, the daily chart.
    await page.getByRole('navigation', { name: 'Store views' }).getByRole('link', { name: 'Orders' }).click();
    await page.waitForURL((url) => url.pathname === `/stores/${STORE_ID}/orders`);
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await page.getByLabel('Order totals', { exact: true }).waitFor({ timeout: 25_000 });
    expect(asNumber(await kpi(page, 'Order totals', 'Orders'))).toBeGreaterThan(0);
    expect(await kpi(page, 'Order totals', 'Revenue')).toMatch(/^\$[\d,]+\.\d{2}$/);
    const atRisk = page.getByRole('table', { name: 'Late shipments first, then those due within 24 hours' });
    const late = atRisk.getByRole('row').filter({ has: page.getByText('Late', { exact: true }) });
    expect(await late.count()).toBeGreaterThan(0);
    expect(await atRisk.getByRole('row').nth(1).getByText('Late', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^\d+ days: [\d,]+ orders, revenue / }).count()).toBe(1);
    expect(
      await page
        .getByText(/^(Live from Amazon, as of |From Amazon |Stored copy, |Incomplete: )|, from cache$/)
        .count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'orders');

    // 简体中文, kept over a reload, then English again.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '订单' }).waitFor();
    expect(asNumber(await kpi(page, '订单汇总', '订单数'))).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: '有延迟风险的发货' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: '每日订单数与销售额' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, 'orders-zh-CN');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '订单' }).waitFor();
    await page.getByLabel('订单汇总', { exact: true }).waitFor();
    expect(await page.evaluate(() => ({ ...window.localStorage }))).toEqual({ 'mintHub.language': 'zh-CN' });
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('mintHub.language'))).toBe('en');
  }, 60_000);

  it("shows the store's access log with the inventory and orders accesses and their reasons", async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/audit`);

    await page.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
    const table = page.getByRole('region', { name: 'Access records, newest first' });
    await table.waitFor();
    const rows = (await cellTexts(table)).map((cells) => cells.slice(2, 7).join(' | '));
    expect(rows).toEqual(
      expect.arrayContaining([
        'Data access | Inventory | Amazon.com (United States) | Inventory replenishment | Allowed',
        'Data access | Orders | Amazon.com (United States) | Order fulfillment monitoring | Allowed',
      ]),
    );
    await screenshot(page, 'audit');
  });

  it("does not show lin's store to sofia, and a direct link to it shows access denied, not data", async () => {
    const page = await suite.signedIn('sofia');

    await page.getByText('No stores yet.', { exact: false }).waitFor();
    expect(await page.getByText(SELLER).count()).toBe(0);

    const apiCallsForStore: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith(`/api/stores/${STORE_ID}`))
        apiCallsForStore.push(request.url());
    });
    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/inventory`);
    const denied = page.getByRole('alert');
    await denied.waitFor();
    expect(await denied.textContent()).toContain('This store is not in your list.');
    expect(await page.getByRole('region', { name: 'Inventory by SKU' }).count()).toBe(0);
    expect(await page.getByLabel('Inventory totals', { exact: true }).count()).toBe(0);
    expect(apiCallsForStore).toEqual([]);
    await screenshot(page, 'denied');

    // A hand-made request with her own token gets no data either: the API refuses, whatever the page does.
    const answer = await page.evaluate(async (storeId) => {
      const session = JSON.parse(window.sessionStorage.getItem('mintHub.session') ?? '{}') as {
        accessToken?: string;
      };
      const response = await fetch(
        `/api/stores/${storeId}/inventory?marketplaceId=ATVPDKIKX0DER&reason=inventory-replenishment`,
        { headers: { authorization: `Bearer ${session.accessToken ?? ''}` } },
      );
      return { status: response.status, body: (await response.json()) as { error?: { code?: string } } };
    }, STORE_ID);
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('AccessDenied');
  });

  it('explains throttling in the chosen language with when to try again', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/inventory?marketplaceId=${US}`);
    await page.getByLabel('Inventory totals', { exact: true }).waitFor();

    try {
      await setSandboxFaults(suite.workspace, { throttleStorm: 50 });
      // Amazon's inventory rate (2/s) makes the Retry-After 1 s: the page's countdown would turn "Try again in 1 s"
      // into "in a moment" before a busy machine reads it. Date is frozen in the page; its timers still run.
      await page.clock.setFixedTime(Date.now());
      const answered = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === `/api/stores/${STORE_ID}/inventory` &&
          new URL(response.url()).searchParams.get('marketplaceId') === CA,
      );
      await page.getByLabel('Marketplace').selectOption(CA);
      const response = await answered;
      expect(response.status()).toBe(429);
      const seconds = Number(await response.headerValue('retry-after'));
      expect(seconds).toBeGreaterThanOrEqual(1);

      const alert = page.getByRole('alert').filter({ hasText: 'rate-limiting' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain(
        `Amazon is rate-limiting this store. Try again in ${seconds} s.`,
      );
      expect(await alert.innerText()).toContain('Error code: Throttled');
      expect(await alert.getByRole('button', { name: `Try again in ${seconds} s` }).isDisabled()).toBe(true);
      await screenshot(page, 'throttled');

      await page.getByLabel('Language').selectOption('zh-CN');
      const translated = page.getByRole('alert').filter({ hasText: '亚马逊正在限制' });
      await translated.waitFor();
      expect(await translated.innerText()).toContain(
        `亚马逊正在限制此店铺的请求频率，请 ${seconds} 秒后重试。`,
      );
      await screenshot(page, 'throttled-zh-CN');
    } finally {
      await setSandboxFaults(suite.workspace, {});
    }
  });

  it('disconnects the store after confirmation: revoked at once, worded as an owner disconnect', async () => {
    const page = await suite.signedIn('lin');

    await storeRow(page).getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: /^Disconnect .+\?$/ });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Mint Hub stops reading this store at once');
    expect(await dialog.innerText()).toContain('Seller Central → Apps and Services → Manage Your Apps');
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'DELETE' &&
        new URL(response.url()).pathname === `/api/stores/${STORE_ID}`,
    );
    await dialog.getByRole('button', { name: 'Disconnect store' }).click();
    expect((await answered).status()).toBe(202);

    const done = page.getByRole('status').filter({ hasText: 'is disconnected' });
    await done.waitFor();
    expect(await done.textContent()).toMatch(
      new RegExp(`^(${STORE_NAME.source}) is disconnected: Mint Hub no longer reads it\\.`),
    );
    await dialog.waitFor({ state: 'hidden' });

    // The store refuses reads from the 202 on (its status changes in the request): the row shows it at once,
    // without a reload or waiting for the revocation worker.
    await storeRow(page).getByText('Disconnected', { exact: true }).waitFor();
    expect(await storeRow(page).getByText('Disconnected by an owner in Mint Hub').count()).toBe(1);
    expect(await storeRow(page).getByRole('link', { name: 'Inventory' }).count()).toBe(0);
    expect(await storeRow(page).getByRole('button', { name: 'Disconnect' }).count()).toBe(0);
    expect(await storeRow(page).getByRole('button', { name: 'Re-authorize' }).count()).toBe(1);
    await page.reload();
    await storeRow(page).getByText('Disconnected', { exact: true }).waitFor();
  });
});

/** The data rows of a table (not the header, not the virtual table's spacers). */
const dataRows = (table: Locator): Locator =>
  table.getByRole('row').filter({ has: table.page().getByRole('rowheader') });

/** Each data row's cells as displayed (Chromium's innerText separates cells with tabs). */
async function cellTexts(table: Locator): Promise<string[][]> {
  return (await dataRows(table).allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
}
