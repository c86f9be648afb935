import type { Page } from 'playwright-core';
import { browserSuite, connectStore, screenshot } from './browser-kit';
import { phoneLayout } from './phone-layout';

// The workspace on a phone (390 px wide, as an iPhone 14): stores, overview, inventory and orders never scroll the
// page sideways (a wide table scrolls inside its own frame, key columns first), and what a thumb presses is at
// least 44 px tall. Checked in the page itself, in English and 简体中文. Runs in order (the first test connects).

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const PHONE = { width: 390, height: 844 };
const PAGES = {
  stores: '/stores',
  overview: '/',
  inventory: `/stores/${STORE_ID}/inventory`,
  orders: `/stores/${STORE_ID}/orders`,
} as const;

jest.setTimeout(60_000);

const suite = browserSuite();

async function waitForPage(page: Page, name: keyof typeof PAGES): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (name === 'overview') await page.locator('section[data-store-id]').first().waitFor();
  if (name === 'stores') await page.getByRole('row').filter({ hasText: SELLER }).waitFor();
  if (name === 'inventory') await page.getByRole('group', { name: 'Show only', exact: true }).waitFor();
  if (name === 'orders') await page.getByRole('heading', { name: 'Shipments at risk' }).waitFor();
}

describe('the workspace at phone width', () => {
  it('lin connects the store at desktop width', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    await page.getByRole('row').filter({ hasText: SELLER }).getByText('Active', { exact: true }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: SELLER }).count()).toBe(1);
  });

  it.each(Object.keys(PAGES) as (keyof typeof PAGES)[])(
    '%s: no sideways page scroll at 390 px, touch targets at least 44 px',
    async (name) => {
      const page = await suite.signedIn('lin', PAGES[name]);
      await page.setViewportSize(PHONE);
      await waitForPage(page, name);
      const english = await phoneLayout(page);
      expect(english).toEqual({ scrollWidth: expect.any(Number), small: [], overflowing: [] });
      expect(english.scrollWidth).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone-${name}`);

      await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByLabel('语言').waitFor();
      const chinese = await phoneLayout(page);
      expect(chinese).toEqual({ scrollWidth: expect.any(Number), small: [], overflowing: [] });
      expect(chinese.scrollWidth).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone-${name}-zh-CN`);
      await page.getByLabel('语言').selectOption('en');
    },
  );
});
