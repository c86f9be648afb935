import { browserSuite, connectStore, screenshot } from './browser-kit';

// Issue 12 in a real browser: the Orders view of a newly connected large store, whose order reports Amazon is
// still processing, shows the incomplete notice (what is loaded, what is still to read, when it refreshes) and
// its late shipments, and never an all-clear or "Live from Amazon".
const SELLER = 'A5TIDEWAYBULK4';
const STORE_ID = `${SELLER}-EU`;
const UK = 'A1F83G8C2ARO7P';

jest.setTimeout(60_000);

const suite = browserSuite();

describe('the orders view of a store whose history is still loading', () => {
  it('shows the incomplete notice and the late shipments, and no all-clear', async () => {
    const page = await suite.signedIn('sofia');
    await connectStore(page, suite.workspace, { region: 'EU', sellingPartnerId: SELLER });

    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/orders?marketplaceId=${UK}&days=90`);
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
