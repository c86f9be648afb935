import type { Locator, Page } from 'playwright-core';
import type { OverviewResponse } from '../../shared/api/overview-contract';
import { browserSuite, connectStore, screenshot } from './browser-kit';

// The overview, the dashboard's home, in a browser: before any view is opened every line says "not loaded"
// (never 0); each line links to the filtered view (orders at its at-risk shipments, inventory filtered by restock
// status); once a view was opened its lines are counted from the stored copy and say how old it is; a second team
// sees none of the first's stores. Runs in order (lin's store is connected by the second test).

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const US = 'ATVPDKIKX0DER';

jest.setTimeout(60_000);

const suite = browserSuite();

const storeCard = (page: Page): Locator => page.locator(`section[data-store-id="${STORE_ID}"]`);
const marketplace = (page: Page, id: string): Locator =>
  storeCard(page).locator(`li[data-marketplace-id="${id}"]`);

async function overviewAnswer(page: Page): Promise<OverviewResponse> {
  const response = await page.waitForResponse(
    (candidate) =>
      new URL(candidate.url()).pathname === '/api/overview' && candidate.request().method() === 'GET',
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as OverviewResponse;
}

/** `GET /api/overview` as a seeded operator, with a bearer from the local identity provider. */
async function overviewOf(email: string): Promise<OverviewResponse> {
  const { url } = suite.workspace;
  const token = await fetch(`${url}/local/token`, { method: 'POST', body: JSON.stringify({ user: email }) });
  const { access_token: bearer } = (await token.json()) as { access_token: string };
  const response = await fetch(`${url}/api/overview`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as OverviewResponse;
}

describe('the overview in a browser', () => {
  it('is the home page after sign-in, with a nav entry, and says so when there are no stores', async () => {
    const page = await suite.signedIn('lin', '/');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('No stores yet.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Stores' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stores' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/stores');
  });

  it('says "not loaded", never 0, for every line before any view was opened', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });

    const answer = overviewAnswer(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    const data = await answer;
    await storeCard(page).waitFor();
    expect(await storeCard(page).getByRole('heading', { level: 2 }).innerText()).toBe('Lumen Craft Co.');
    const store = data.stores.find((candidate) => candidate.storeId === STORE_ID);
    expect(store?.marketplaces.length).toBe(3);
    for (const line of store?.marketplaces ?? []) {
      const card = marketplace(page, line.marketplaceId);
      expect(await card.getByTestId('late').innerText()).toBe('Late: not loaded');
      expect(await card.getByTestId('due24h').innerText()).toBe('Due within 24 h: not loaded');
      expect(await card.getByTestId('outOfStock').innerText()).toBe('Out of stock: not loaded');
      expect(await card.getByTestId('orderNow').innerText()).toBe('Order now: not loaded');
      expect(await card.getByTestId('line-age').allInnerTexts()).toEqual([
        'Nothing stored yet',
        'Nothing stored yet',
      ]);
    }
    // Totals at the top: what is not loaded adds nothing, and is counted as such.
    expect(data.totals.linesNotLoaded).toBe(6);
    // The API's sums are 0 over no loaded line: the page says "not loaded", not an all-clear.
    expect(data.totals.lateShipments).toBe(0);
    expect(await page.getByText('Late shipments').locator('xpath=..').innerText()).toContain('not loaded');
    expect(await page.getByText('Lines not loaded').locator('xpath=..').innerText()).toContain('6');
    expect(await storeCard(page).getByTestId('overview-incomplete').innerText()).toBe('Data incomplete');
    await screenshot(page, 'overview-not-loaded');
  });

  it('links each line to the filtered view, and counts from the stored copy once a view was opened', async () => {
    const page = await suite.signedIn('lin', '/');
    await marketplace(page, US).waitFor();

    // Shipments → the orders view of that marketplace, at its at-risk section.
    await marketplace(page, US).getByTestId('late').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/stores/${STORE_ID}/orders`);
    const ordersUrl = new URL(page.url());
    expect(ordersUrl.searchParams.get('marketplaceId')).toBe(US);
    expect(ordersUrl.hash).toBe('#orders-at-risk');
    await page.getByRole('heading', { name: 'Shipments at risk' }).waitFor();

    // Stock → the inventory view of that marketplace, filtered to out of stock.
    await page.goBack();
    await marketplace(page, US).getByTestId('outOfStock').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/stores/${STORE_ID}/inventory`);
    const inventoryUrl = new URL(page.url());
    expect(inventoryUrl.searchParams.get('marketplaceId')).toBe(US);
    expect(inventoryUrl.searchParams.get('status')).toBe('out-of-stock');
    const statusFilter = page.getByRole('group', { name: 'Show only', exact: true });
    await statusFilter.waitFor();
    expect(await statusFilter.getByRole('checkbox', { name: 'Out of stock' }).isChecked()).toBe(true);
    expect(await statusFilter.getByRole('checkbox', { name: 'Order now' }).isChecked()).toBe(false);

    // Back on the overview, the two lines of that marketplace are counted, with their age; the others are not.
    const answer = overviewAnswer(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    const data = await answer;
    const us = data.stores[0]?.marketplaces.find((line) => line.marketplaceId === US);
    expect(us?.orders?.state).toBe('loaded');
    expect(us?.inventory?.state).toBe('loaded');
    const card = marketplace(page, US);
    await card.getByTestId('late').waitFor();
    expect(await card.getByTestId('late').innerText()).toBe(`Late: ${us?.orders?.late}`);
    expect(await card.getByTestId('outOfStock').innerText()).toBe(
      `Out of stock: ${us?.inventory?.outOfStock}`,
    );
    for (const age of await card.getByTestId('line-age').allInnerTexts())
      expect(age).toMatch(/^Stored copy, /);
    expect(await marketplace(page, 'A2EUQ1WTGCTBG2').getByTestId('late').innerText()).toBe(
      'Late: not loaded',
    );
    await screenshot(page, 'overview');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '总览' }).waitFor();
    expect(await marketplace(page, 'A2EUQ1WTGCTBG2').getByTestId('late').innerText()).toBe('逾期：未加载');
    await screenshot(page, 'overview-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it("lets an owner rename the store: a 400 shown at the field, the new name everywhere, back to Amazon's", async () => {
    const page = await suite.signedIn('lin');
    const row = page.getByRole('row').filter({ hasText: SELLER });
    await row.getByRole('button', { name: 'Rename Lumen Craft Co.' }).click();
    const field = row.getByLabel('Store name');
    expect(await field.inputValue()).toBe('Lumen Craft Co.');

    await field.fill('   ');
    const refused = page.waitForResponse((response) =>
      response.url().endsWith(`/api/stores/${STORE_ID}/display-name`),
    );
    await row.getByRole('button', { name: 'Save name' }).click();
    expect((await refused).status()).toBe(400);
    await row.getByRole('alert').getByText("Enter a name, or choose Amazon's name.").waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'rename-refused');
    await page.getByLabel('Language').selectOption('zh-CN');
    await row.getByRole('alert').getByText('请输入名称，或选择使用亚马逊上的名称。').waitFor();
    await screenshot(page, 'rename-refused-zh-CN');
    await page.getByLabel('语言').selectOption('en');

    await field.fill('Lumen US');
    await row.getByRole('button', { name: 'Save name' }).click();
    await row.getByTestId('amazon-name').getByText('Amazon: Lumen Craft Co.').waitFor();
    expect(await row.locator('.store-name').innerText()).toBe('Lumen US');
    await page.reload();
    await row.locator('.store-name').getByText('Lumen US', { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await storeCard(page).getByRole('heading', { level: 2, name: 'Lumen US' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stores' }).click();
    await row.getByRole('button', { name: 'Rename Lumen US' }).click();
    await row.getByRole('button', { name: "Use Amazon's name" }).click();
    await row.locator('.store-name').getByText('Lumen Craft Co.', { exact: true }).waitFor();
    expect(await row.getByTestId('amazon-name').count()).toBe(0);
  });

  it("shows a second team none of the first team's stores", async () => {
    const page = await suite.signedIn('sofia', '/');
    await page.getByText('No stores yet.').waitFor();
    expect(await storeCard(page).count()).toBe(0);
    expect(await page.getByText('Lumen Craft Co.').count()).toBe(0);
    // The API says the same to sofia's bearer, and lin's still has the store.
    expect((await overviewOf('sofia@minthub.local')).stores).toEqual([]);
    expect((await overviewOf('lin@minthub.local')).stores.map((store) => store.storeId)).toEqual([STORE_ID]);
  });
});
