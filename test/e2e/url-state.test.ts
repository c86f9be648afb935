import type { Page } from 'playwright-core';
import type { OrdersResponse } from '../../shared/api/data-contract';
import { browserSuite, connectStore, screenshot } from './browser-kit';

// Issue 18's details in a browser: a view's marketplace, period, search, filters and sort live in the URL (a reload
// shows the same, Back undoes a choice); a `days` or `marketplaceId` the view does not offer is corrected visibly,
// in both languages, and the URL with it; order ids link to the order in Seller Central; at-risk rows say SKU ×
// quantity; the overview's link lands on the at-risk section after an in-app navigation. Runs in order (the first
// test connects lin's store).

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const INVENTORY = `/stores/${STORE_ID}/inventory`;
const ORDERS = `/stores/${STORE_ID}/orders`;

jest.setTimeout(90_000);

const suite = browserSuite();

const query = (page: Page): URLSearchParams => new URL(page.url()).searchParams;

async function ordersAnswer(page: Page): Promise<OrdersResponse> {
  const response = await page.waitForResponse(
    (candidate) => new URL(candidate.url()).pathname === `/api/stores/${STORE_ID}/orders`,
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as OrdersResponse;
}

describe('view state in the URL', () => {
  it('keeps the inventory search, filter and sort over a reload, and Back undoes a choice', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    await page.goto(`${suite.workspace.url}${INVENTORY}?marketplaceId=${US}`);
    await page.locator('th[aria-sort]').first().waitFor();

    // A filter and a sort are choices (pushed); the search box replaces as one types.
    const statusFilter = page.getByRole('group', { name: 'Show only', exact: true });
    const firstStatus = statusFilter.getByRole('checkbox').first();
    const statusName = (await firstStatus.locator('xpath=..').innerText()).trim();
    await firstStatus.check();
    await page.waitForURL((url) => url.searchParams.getAll('status').length === 1);
    const status = query(page).get('status');
    await page.getByRole('button', { name: 'SKU', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'sellerSku');
    expect(query(page).get('dir')).toBe('asc');
    const search = page.getByLabel('Search SKU, ASIN or product name');
    await search.fill('a');
    await page.waitForURL((url) => url.searchParams.get('q') === 'a');
    const historyLength = await page.evaluate(() => window.history.length);
    await search.fill('ab');
    await page.waitForURL((url) => url.searchParams.get('q') === 'ab');
    expect(await page.evaluate(() => window.history.length)).toBe(historyLength);

    await page.reload();
    await page.getByRole('group', { name: 'Show only', exact: true }).waitFor();
    expect(await page.getByLabel('Search SKU, ASIN or product name').inputValue()).toBe('ab');
    expect(
      await page
        .getByRole('group', { name: 'Show only', exact: true })
        .getByRole('checkbox', { name: statusName })
        .isChecked(),
    ).toBe(true);
    expect(
      await page.locator('th[aria-sort]').filter({ hasText: /^SKU$/ }).first().getAttribute('aria-sort'),
    ).toBe('ascending');
    await screenshot(page, 'url-state-inventory');

    // Back: the sort goes (the search was replaced into the same entry), then the filter.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('sort') === null);
    expect(query(page).get('status')).toBe(status);
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('status') === null);
    await page.getByRole('group', { name: 'Show only', exact: true }).waitFor();
    expect(
      await page
        .getByRole('group', { name: 'Show only', exact: true })
        .getByRole('checkbox', { name: statusName })
        .isChecked(),
    ).toBe(false);
  });

  it('keeps the orders marketplace and period in the URL; Back returns to the previous choice', async () => {
    const page = await suite.signedIn('lin', `${ORDERS}?marketplaceId=${US}&days=30`);
    await page.getByRole('heading', { name: 'Shipments at risk' }).waitFor();

    await page.getByLabel('Period').selectOption('7');
    await page.waitForURL((url) => url.searchParams.get('days') === '7');
    await page.getByRole('combobox', { name: 'Marketplace', exact: true }).selectOption(CA);
    await page.waitForURL((url) => url.searchParams.get('marketplaceId') === CA);
    expect(query(page).get('days')).toBe('7');

    await page.reload();
    await page.getByRole('heading', { name: 'Shipments at risk' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Marketplace', exact: true }).inputValue()).toBe(CA);
    expect(await page.getByLabel('Period').inputValue()).toBe('7');

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('marketplaceId') === US);
    expect(await page.getByRole('combobox', { name: 'Marketplace', exact: true }).inputValue()).toBe(US);
    expect(await page.getByLabel('Period').inputValue()).toBe('7');
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('days') === '30');
    expect(await page.getByLabel('Period').inputValue()).toBe('30');
  });
});

describe('a value the view does not offer', () => {
  it('is corrected visibly, and in the URL, on orders, inventory and ads', async () => {
    const page = await suite.signedIn('lin', `${ORDERS}?marketplaceId=XYZ&days=400`);
    const days = page.getByTestId('url-correction-days');
    await days.waitFor();
    expect(await days.innerText()).toBe('30 days shown: 400 is not a period this view offers.');
    expect(await page.getByTestId('url-correction-marketplaceId').innerText()).toBe(
      "Amazon.com (United States) shown: XYZ is not one of this store's marketplaces.",
    );
    await page.waitForURL((url) => url.searchParams.get('days') === '30');
    expect(query(page).get('marketplaceId')).toBe(US);
    expect(await page.getByLabel('Period').inputValue()).toBe('30');
    await page.getByRole('heading', { name: 'Shipments at risk' }).waitFor();
    await screenshot(page, 'url-corrected');

    // A choice of the reader's own makes the notice stale: it goes.
    await page.getByLabel('Period').selectOption('14');
    await page.waitForURL((url) => url.searchParams.get('days') === '14');
    expect(await page.getByTestId('url-correction-days').count()).toBe(0);

    await page.goto(`${suite.workspace.url}${INVENTORY}?marketplaceId=NOPE`);
    await page.getByTestId('url-correction-marketplaceId').waitFor();
    expect(await page.getByTestId('url-correction-marketplaceId').innerText()).toContain('NOPE');
    await page.waitForURL((url) => url.searchParams.get('marketplaceId') === US);

    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/ads?marketplaceId=${US}&days=90`);
    await page.getByTestId('url-correction-days').waitFor();
    expect(await page.getByTestId('url-correction-days').innerText()).toBe(
      '30 days shown: 90 is not a period this view offers.',
    );
    await page.waitForURL((url) => url.searchParams.get('days') === '30');
  });

  it('is corrected visibly in 简体中文 too', async () => {
    const page = await suite.signedIn('lin', `${ORDERS}?marketplaceId=${US}`);
    await page.getByRole('heading', { name: 'Shipments at risk' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.goto(`${suite.workspace.url}${ORDERS}?marketplaceId=XYZ&days=400`);
    await page.getByTestId('url-correction-days').waitFor();
    expect(await page.getByTestId('url-correction-days').innerText()).toBe(
      '显示的是最近 30 天：400 不是此视图提供的时间段。',
    );
    expect(await page.getByTestId('url-correction-marketplaceId').innerText()).toMatch(
      /^显示的是 Amazon\.com（.+）：XYZ 不是此店铺的站点。$/,
    );
    await page.waitForURL((url) => url.searchParams.get('marketplaceId') === US);
    await screenshot(page, 'url-corrected-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });
});

describe('shipments at risk', () => {
  it("link each order to Seller Central and say what to pick: SKU × quantity, as the API's answer", async () => {
    const page = await suite.signedIn('lin');
    const answer = ordersAnswer(page);
    await page.goto(`${suite.workspace.url}${ORDERS}?marketplaceId=${US}&days=30`);
    const data = await answer;
    expect(data.atRisk.length).toBeGreaterThan(0);
    const rows = page.locator('table.at-risk-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(data.atRisk.length);

    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const link = row.getByRole('rowheader').getByRole('link');
      const orderId = (await link.innerText()).trim();
      const order = data.atRisk.find((candidate) => candidate.orderId === orderId);
      expect(order).toBeDefined();
      expect(await link.getAttribute('href')).toBe(
        `https://sellercentral.amazon.com/orders-v3/order/${encodeURIComponent(orderId)}`,
      );
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      // Orders 2026-01-01 lists every order's lines: SKU × quantity, one per line.
      expect(order?.items?.length).toBeGreaterThan(0);
      const lines = await row.getByTestId('at-risk-items').locator('li').allInnerTexts();
      expect(lines).toEqual((order?.items ?? []).map((item) => `${item.sellerSku} × ${item.quantity}`));
    }
    await screenshot(page, 'orders-at-risk-items');
  });

  it('are scrolled to, and focused, after following the overview link inside the app', async () => {
    const page = await suite.signedIn('lin', '/');
    await page.setViewportSize({ width: 1366, height: 500 });
    const line = page.locator(`section[data-store-id="${STORE_ID}"] li[data-marketplace-id="${US}"]`);
    await line.waitFor();
    // A mark on this document: it survives an in-app navigation, not a page load.
    await page.evaluate(() => document.documentElement.setAttribute('data-e2e-document', 'overview'));
    await line.getByTestId('late').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === ORDERS && url.hash === '#orders-at-risk');
    const heading = page.getByRole('heading', { name: 'Shipments at risk' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'orders-at-risk');
    // An in-app navigation (no new document), and the section at the top of the viewport.
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-e2e-document'))).toBe(
      'overview',
    );
    const position = await page.evaluate(() => ({
      top: document.getElementById('orders-at-risk')?.getBoundingClientRect().top ?? -1,
      scrollY: window.scrollY,
    }));
    expect(position.scrollY).toBeGreaterThan(0);
    expect(position.top).toBeGreaterThan(-2);
    expect(position.top).toBeLessThan(40);
    await screenshot(page, 'orders-at-risk-scrolled');
  });
});
