import type { Page } from 'playwright-core';
import { browserSuite, connectStore, screenshot } from './browser-kit';
import { phoneLayout } from './phone-layout';

// Issue 18, the admin screens, in the browser: lin and sofia each connect a store; ada (admin, a member of neither)
// finds the Admin entry in the navigation, sees every store with its status, owners, members, re-authorization
// date and daily check, and opens a store's access log ("Who" by name and email, searchable: "Lin" finds lin's
// records) and members from there; a deep link works too. Both languages; at 390 px nothing scrolls the page
// sideways and touch targets are at least 44 px. Runs in order (the first test connects the stores).

const LIN_STORE = 'A2LUMENCRAFT7Q-NA';
const SOFIA_STORE = 'A1HARBORPINE3K-NA';
const PHONE = { width: 390, height: 844 };

jest.setTimeout(90_000);

const suite = browserSuite();

async function expectPhoneLayout(page: Page): Promise<void> {
  const measured = await phoneLayout(page);
  expect(measured).toEqual({ scrollWidth: expect.any(Number), small: [], overflowing: [] });
  expect(measured.scrollWidth).toBeLessThanOrEqual(PHONE.width);
}

const adminRow = (page: Page, storeId: string) => page.getByRole('row').filter({ hasText: storeId });
const auditTable = (page: Page) => page.getByRole('region', { name: 'Access records, newest first' });

describe('the admin screens', () => {
  it('lin and sofia each connect a store; lin reads her inventory, ada is refused it (audited)', async () => {
    const lin = await suite.signedIn('lin');
    await connectStore(lin, suite.workspace, { region: 'NA', sellingPartnerId: 'A2LUMENCRAFT7Q' });
    await lin
      .getByRole('row')
      .filter({ hasText: 'A2LUMENCRAFT7Q' })
      .getByText('Active', { exact: true })
      .waitFor();
    // An operator's navigation has no Admin entry.
    expect(
      await lin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count(),
    ).toBe(0);
    await lin.goto(`${suite.workspace.url}/stores/${LIN_STORE}/inventory`);
    await lin.getByRole('group', { name: 'Show only', exact: true }).waitFor();

    const sofia = await suite.signedIn('sofia');
    await connectStore(sofia, suite.workspace, { region: 'NA', sellingPartnerId: 'A1HARBORPINE3K' });
    await sofia
      .getByRole('row')
      .filter({ hasText: 'A1HARBORPINE3K' })
      .getByText('Active', { exact: true })
      .waitFor();

    // Ada tries lin's inventory through the API: refused, and the refusal is in lin's access log under Ada's name.
    const token = (await (
      await fetch(`${suite.workspace.url}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'ada' }),
      })
    ).json()) as { access_token: string };
    const refused = await fetch(
      `${suite.workspace.url}/api/stores/${LIN_STORE}/inventory?marketplaceId=ATVPDKIKX0DER&reason=seller-request`,
      { headers: { authorization: `Bearer ${token.access_token}` } },
    );
    expect(refused.status).toBe(403);
  });

  it('shows ada every store with status, owners, members, re-authorization and the daily check', async () => {
    const page = await suite.signedIn('ada', '/stores');
    // Ada's own list is empty (she is a member of no store): the page points her to the admin page.
    await page.getByText('No stores yet.', { exact: false }).waitFor();
    await page
      .getByRole('link', { name: /see every store, its members and access log on the Admin page/ })
      .waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'All stores (admin)' }).waitFor();
    await adminRow(page, LIN_STORE).waitFor();

    const lin = adminRow(page, LIN_STORE);
    await lin.getByText('Lin Zhao').waitFor();
    await lin.getByText('Active', { exact: true }).waitFor();
    await lin.getByText('Not checked yet').waitFor();
    await lin.getByText('1 in total').waitFor();
    await lin.locator('time').first().waitFor();
    await adminRow(page, SOFIA_STORE).getByText('Sofia Marino').waitFor();
    // Ada is a member of neither store: no "You: …" badge.
    expect(await page.getByText(/^You: /).count()).toBe(0);
    await screenshot(page, 'admin-stores');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '全部店铺（管理员）' }).waitFor();
    await adminRow(page, LIN_STORE).getByText('尚未检查').waitFor();
    await screenshot(page, 'admin-stores-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it('opens a store\'s access log from the admin page: Who by name and email, and "Lin" finds lin\'s records', async () => {
    const page = await suite.signedIn('ada', '/admin');
    await adminRow(page, LIN_STORE).getByRole('link', { name: 'Access log' }).click();
    await page.waitForURL((url) => url.pathname === `/stores/${LIN_STORE}/audit`);
    await page.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
    expect(await page.getByText('This store is not in your list.').count()).toBe(0);
    await auditTable(page).waitFor();
    await auditTable(page).getByText('Lin Zhao').first().waitFor();
    await auditTable(page).getByText('Ada Okafor').first().waitFor();
    const linCell = auditTable(page).locator('td[title*="lin@minthub.local"]').first();
    expect(await linCell.getAttribute('title')).toMatch(/^Lin Zhao · lin@minthub\.local · [0-9a-f-]{36}$/);

    const status = page.getByRole('status').filter({ hasText: /^Showing/ });
    const total = Number(/of (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
    await page.getByLabel('Search name, email, reason or request ID').fill('Lin');
    await status.filter({ hasText: new RegExp(`^Showing \\d+ of ${total} records$`) }).waitFor();
    const shown = Number(/Showing (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    expect(await auditTable(page).getByText('Ada Okafor').count()).toBe(0);
    await screenshot(page, 'admin-audit-search-lin');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '访问日志' }).waitFor();
    await screenshot(page, 'admin-audit-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it("opens a store's members from the admin page, read-only for an admin who is not a member", async () => {
    const page = await suite.signedIn('ada', '/admin');
    await adminRow(page, LIN_STORE).getByRole('link', { name: 'Members' }).click();
    await page.waitForURL((url) => url.pathname === `/stores/${LIN_STORE}/members`);
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'lin@minthub.local' }).getByText('Lin Zhao').waitFor();
    expect(await page.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Inventory' }).count()).toBe(0);
    await screenshot(page, 'admin-members');
  });

  it('serves a deep link to a store it is not a member of', async () => {
    const page = await suite.signedIn('ada', `/stores/${LIN_STORE}/audit`);
    await auditTable(page).getByText('Lin Zhao').first().waitFor();
    expect(await page.getByText('This store is not in your list.').count()).toBe(0);
  });

  it.each([
    ['admin', '/admin'],
    ['access log', `/stores/${LIN_STORE}/audit`],
    ['members', `/stores/${LIN_STORE}/members`],
  ])(
    '%s at 390 px: no sideways page scroll, touch targets at least 44 px, in both languages',
    async (name, path) => {
      const page = await suite.signedIn('ada', path);
      await page.setViewportSize(PHONE);
      if (path === '/admin') await adminRow(page, LIN_STORE).waitFor();
      else if (path.endsWith('/audit')) await auditTable(page).getByText('Lin Zhao').first().waitFor();
      else await page.getByRole('row').filter({ hasText: 'lin@minthub.local' }).waitFor();
      await expectPhoneLayout(page);
      const file = name.replace(' ', '-');
      await screenshot(page, `admin-phone-${file}`);

      await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByLabel('语言').waitFor();
      await expectPhoneLayout(page);
      await screenshot(page, `admin-phone-${file}-zh-CN`);
      await page.getByLabel('语言').selectOption('en');
    },
  );
});
