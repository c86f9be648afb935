import type { Page } from 'playwright-core';
import { browserSuite, connectStore, screenshot } from './browser-kit';

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

/** How wide the page is against the viewport, and the controls in the main content shorter than 44 px. */
async function layout(page: Page): Promise<{ scrollWidth: number; small: string[]; overflowing: string[] }> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'header a, header button, header select, main button, main select, main input, main a.button, main .tab, main .overview-link',
    );
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      // Hidden controls (closed dialogs, visually hidden) and checkboxes inside a tall label are not targets.
      if (box.width === 0 || box.height === 0) continue;
      // The virtualized tables' body rows have one fixed height (ROW_HEIGHT): there the row is the target.
      if (control.closest('.data-table tbody') !== null) continue;
      if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
        const label = control.closest('label');
        if (label !== null && label.getBoundingClientRect().height >= 44) continue;
      }
      if (box.height < 44)
        small.push(
          `${control.tagName.toLowerCase()} "${control.textContent?.trim() ?? ''}" ${Math.round(box.height)}px`,
        );
    }
    // What sticks out past the viewport (outside a frame that scrolls on its own): named in a failure.
    const overflowing: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.getBoundingClientRect().right <= window.innerWidth + 0.5) continue;
      if (element.closest('.table-scroll, .visually-hidden') !== null) continue;
      overflowing.push(
        `${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 40) ?? ''}"`,
      );
    }
    return { scrollWidth: document.documentElement.scrollWidth, small, overflowing };
  });
}

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
      const english = await layout(page);
      expect(english).toEqual({ scrollWidth: expect.any(Number), small: [], overflowing: [] });
      expect(english.scrollWidth).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone-${name}`);

      await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByLabel('语言').waitFor();
      const chinese = await layout(page);
      expect(chinese).toEqual({ scrollWidth: expect.any(Number), small: [], overflowing: [] });
      expect(chinese.scrollWidth).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone-${name}-zh-CN`);
      await page.getByLabel('语言').selectOption('en');
    },
  );
});
