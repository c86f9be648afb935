import { browserSuite, connectStore, screenshot } from './browser-kit';

// Issue 14, browser part: the store's restock settings panel (defaults explained, edited and saved, in English
// and 简体中文) and the per-SKU plan with its formula and override editor. The tests run in order and build on
// each other (lin connects the store first), each in fresh browser contexts.

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;

jest.setTimeout(45_000);

const suite = browserSuite();

describe('restock settings in a browser', () => {
  it('lin connects the store', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    await page.getByRole('row').filter({ hasText: SELLER }).waitFor();
    expect(
      await page.getByRole('row').filter({ hasText: SELLER }).getByText('Owner', { exact: true }).count(),
    ).toBe(1);
  });

  it('shows the defaults with what they mean, saves a change, and keeps it over a reload', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/restock-settings`);
    await page.getByRole('heading', { level: 1, name: 'Restock settings' }).waitFor();
    const cover = page.getByLabel('Cover after arrival (days)');
    await cover.waitFor();
    expect(await cover.inputValue()).toBe('60');
    expect(await page.getByText('Default 60 days: about one sea shipment every two months.').count()).toBe(1);
    expect(await page.getByText('Not changed yet: these are the defaults.').count()).toBe(1);
    // China → US lanes: rail is off, sea 30 days, and the lead time is worked out per mode.
    expect(await page.getByLabel('Use Rail').isChecked()).toBe(false);
    expect(await page.getByLabel('Sea transit days').inputValue()).toBe('30');
    const seaRow = page.locator('tr', { has: page.getByLabel('Use Sea') });
    expect(await seaRow.innerText()).toContain('65 days');

    // A bad value is caught with the field named; nothing is sent.
    await cover.fill('3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const invalid = page.getByRole('alert').filter({ hasText: 'Cover after arrival' });
    await invalid.waitFor();
    expect(await invalid.innerText()).toBe('Cover after arrival: enter a whole number from 7 to 365.');

    await cover.fill('45');
    await page.getByLabel('Sea via overseas warehouse').check();
    await page.getByLabel('Sea overseas warehouse days').fill('10');
    expect(await seaRow.innerText()).toContain('75 days');
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/stores/${STORE_ID}/restock-settings`) &&
        response.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Saved. The inventory plan uses these settings from its next load.').waitFor();
    await screenshot(page, 'restock-settings');

    await page.reload();
    await page.getByLabel('Cover after arrival (days)').waitFor();
    expect(await page.getByLabel('Cover after arrival (days)').inputValue()).toBe('45');
    expect(await page.getByLabel('Sea via overseas warehouse').isChecked()).toBe(true);
    expect(await page.getByText(/^Last changed /).count()).toBe(1);

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '补货设置' }).waitFor();
    expect(await page.getByLabel('到货后可售天数 (天)').inputValue()).toBe('45');
    expect(await page.getByText('默认 60 天：约每两个月一批海运。').count()).toBe(1);
    await screenshot(page, 'restock-settings-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it("opens a SKU's plan with its formula, saves an override for it, and the settings list it", async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/inventory`);
    const kpis = page.getByLabel('Inventory totals', { exact: true });
    await kpis.waitFor({ timeout: 30_000 });
    for (const label of ['Order now', 'Order soon', 'Out of stock', 'Overstock'])
      expect(await kpis.getByText(label, { exact: true }).count()).toBe(1);
    // Sorted by order-by date: the first row is the one to order first.
    const table = page.getByRole('region', { name: 'Inventory by SKU' });
    await table.locator('th[aria-sort="ascending"]', { hasText: 'Order by' }).waitFor();
    await screenshot(page, 'inventory-restock');

    const planButton = table.getByRole('button', { name: /^Restock plan for / }).first();
    const sku = ((await planButton.getAttribute('aria-label')) ?? '').replace('Restock plan for ', '');
    expect(sku).not.toBe('');
    await planButton.click();
    const dialog = page.getByRole('dialog', { name: `Restock plan · ${sku}` });
    await dialog.waitFor();
    await dialog.getByRole('heading', { name: 'Override for this SKU' }).waitFor();
    const text = await dialog.innerText();
    // The first SKU by order-by date sells, so its plan shows the formula with its own numbers.
    expect(text).toContain('How these numbers are worked out');
    expect(text).toContain('Sales per day =');
    expect(text).toContain('Lead time by');
    expect(text).toContain('Order by =');
    await dialog.getByLabel('Case pack (units per carton)').fill('24');
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/stores/${STORE_ID}/restock-settings`) &&
        response.request().method() === 'PUT',
    );
    await dialog.getByRole('button', { name: 'Save override' }).click();
    expect((await saved).status()).toBe(200);
    await dialog.getByText(`The override for ${sku} is saved.`, { exact: false }).waitFor();
    await screenshot(page, 'restock-plan');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('link', { name: 'Restock settings' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Per-SKU and per-ASIN overrides (1)' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `SKU ${sku}` }) });
    expect(await row.innerText()).toContain('Case pack (units per carton): 24');

    // The plan now uses it: reopened from the inventory, its settings are the SKU's own.
    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/inventory`);
    await page.getByRole('button', { name: `Restock plan for ${sku}` }).click();
    await page.getByText("Planned with this SKU's override.").waitFor();
  });

  it('lets an operator read the settings but not change them', async () => {
    const lin = await suite.signedIn('lin', `/stores/${STORE_ID}/members`);
    await lin.getByLabel('Email').fill('sofia@minthub.local');
    await lin.getByRole('button', { name: 'Add member' }).click();
    await lin.getByText('Sofia Marino was added as Operator.').waitFor();

    const page = await suite.signedIn('sofia', `/stores/${STORE_ID}/restock-settings`);
    await page.getByText("Only the store's owners can change these settings.", { exact: false }).waitFor();
    expect(await page.getByLabel('Cover after arrival (days)').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove the override of / }).count()).toBe(0);
    await screenshot(page, 'restock-settings-read-only');
  });
});
