import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  buildDashboard,
  launchBrowser,
  screenshot,
  signInAs,
  startWorkspace,
  type RunningWorkspace,
} from './browser-kit';

// Issue 12 in a real browser: the Orders view of a newly connected large store, whose order reports Amazon is
// still processing, shows the incomplete notice (what is loaded, what is still to read, when it refreshes) and
// its late shipments, and never an all-clear or "Live from Amazon".
const SELLER = 'A5TIDEWAYBULK4';
const STORE_ID = `${SELLER}-EU`;
const UK = 'A1F83G8C2ARO7P';

jest.setTimeout(60_000);

let workspace: RunningWorkspace;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const [, started, launched] = await Promise.all([buildDashboard(), startWorkspace(), launchBrowser()]);
  workspace = started;
  browser = launched;
}, 90_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function connectLargeStore(page: Page): Promise<void> {
  await page.getByLabel('Amazon region').selectOption('EU');
  await page.getByRole('button', { name: 'Authorize with Amazon' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${workspace.sandboxUrl}/apps/authorize/consent`));
  await page.getByRole('radio', { name: new RegExp(SELLER) }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL((url) => url.origin === workspace.url && url.pathname === '/stores');
}

describe('the orders view of a store whose history is still loading', () => {
  it('shows the incomplete notice and the late shipments, and no all-clear', async () => {
    const { context, page } = await signInAs(browser, workspace, 'sofia');
    contexts.push(context);
    await connectLargeStore(page);

    await page.goto(`${workspace.url}/stores/${STORE_ID}/orders?marketplaceId=${UK}&days=90`);
    const notice = page.getByTestId('incomplete-notice');
    await notice.waitFor();
    const text = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/of 90 days still to read/);
    expect(text).toMatch(/refreshing in/);
    await screenshot(page, 'orders-incomplete');

    const body = await page.locator('main').innerText();
    expect(body).not.toContain('Live from Amazon');
    expect(body).not.toContain('No late shipments and none due in the next 24 hours.');
    expect(await page.locator('tr.row-alert').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('time-zone-note').innerText()).toContain('Europe/London');
  });
});
