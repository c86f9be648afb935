import type { Page } from 'playwright-core';
import type { AdsSummary } from '../../shared/api/ads-contract';
import { browserSuite, screenshot, type SeededUser } from './browser-kit';

// Issue 13 in a real browser: lin connects Lumen Craft's advertising through the sandbox's Amazon Ads consent,
// sees the first view incomplete (Amazon is still generating reports), then complete after the page refreshes
// itself; KPIs and campaigns equal the API's answer, an out-of-budget campaign stands out, the tab reads in
// 简体中文; before the consent, the owner gets the call to connect and an operator an explanation.
// The tests run in order and build on each other.
const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const US = 'ATVPDKIKX0DER';
const ADS_PAGE = `/stores/${STORE_ID}/ads`;

jest.setTimeout(120_000);

/** Its own workspace and Chromium; every test's contexts are closed after it. */
const suite = browserSuite();
const signedIn = (user: SeededUser, pathname = '/stores'): Promise<Page> => suite.signedIn(user, pathname);

async function tokenOf(email: string): Promise<string> {
  const response = await fetch(`${suite.workspace.url}/local/token`, {
    method: 'POST',
    body: JSON.stringify({ user: email }),
  });
  if (response.status !== 200) throw new Error(`local token: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${suite.workspace.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${await tokenOf('lin@minthub.local')}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function sandbox<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${suite.workspace.sandboxUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!response.ok) throw new Error(`sandbox ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Polls a probe every 250 ms (the report worker runs on its own queue): no fixed sleep. */
async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const usd = (value: number) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(value);
const kpi = (page: Page, label: string) =>
  page
    .locator('.kpi')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd');

describe('the ads view in a browser', () => {
  it('lin connects the store through Seller Central; the Ads tab offers the owner to connect advertising', async () => {
    const page = await signedIn('lin');
    await page.getByLabel('Amazon region').selectOption('NA');
    await page.getByRole('button', { name: 'Authorize with Amazon' }).click();
    await page.waitForURL((url) =>
      url.href.startsWith(`${suite.workspace.sandboxUrl}/apps/authorize/consent`),
    );
    await page.getByRole('radio', { name: new RegExp(SELLER) }).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL((url) => url.origin === suite.workspace.url && url.pathname === '/stores');

    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/inventory`);
    await page
      .getByRole('navigation', { name: 'Store views' })
      .getByRole('link', { name: 'Advertising' })
      .click();
    await page.waitForURL((url) => url.pathname === ADS_PAGE);
    const cta = page.getByTestId('ads-connect');
    await cta.waitFor();
    expect(await cta.innerText()).toMatch(/not connected for this store and marketplace yet/);
    expect(await cta.getByRole('button', { name: 'Connect advertising' }).isEnabled()).toBe(true);
    await screenshot(page, 'ads-connect');
  });

  it('an operator of the store learns that only an owner connects advertising, and gets no button', async () => {
    const added = await api(`/api/stores/${STORE_ID}/members`, {
      method: 'POST',
      body: { email: 'sofia@minthub.local', role: 'operator' },
    });
    expect(added.status).toBe(201);
    const page = await signedIn('sofia', ADS_PAGE);
    await page.getByTestId('ads-connect-member').waitFor();
    expect(await page.getByTestId('ads-connect-member').innerText()).toMatch(/Only an owner of the store/);
    expect(await page.getByRole('button', { name: 'Connect advertising' }).count()).toBe(0);
    await screenshot(page, 'ads-member');
  });

  it('connects advertising, shows the first view incomplete, then complete after refreshing itself', async () => {
    const page = await signedIn('lin', ADS_PAGE);
    // The page's clock runs normally but can jump ahead, so the self-refresh after retryAfterSeconds is
    // observed without waiting for it. Installed before the consent round-trip loads the page again.
    await page.clock.install();
    await page.getByRole('button', { name: 'Connect advertising' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${suite.workspace.sandboxUrl}/ap/oa`));
    await page.getByRole('radio', { name: /Lumen Craft Co\. \(advertising\)/ }).check();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL((url) => url.origin === suite.workspace.url && url.pathname === ADS_PAGE);
    await page.getByTestId('ads-connected').waitFor();
    expect(await page.getByTestId('ads-connected').innerText()).toMatch(/3 marketplace profile/);
    // The callback's result leaves the address bar once shown.
    await page.waitForURL((url) => !url.search.includes('adsConnected'));

    const notice = page.getByTestId('incomplete-notice');
    await notice.waitFor();
    // Advertising's own words: reports Amazon is preparing, how long that takes, when the page asks again.
    expect((await notice.innerText()).replace(/\s+/g, ' ')).toMatch(
      /Amazon Ads is still preparing the reports.*a few minutes, sometimes up to three hours\. — refreshing in/,
    );
    expect(await notice.innerText()).not.toContain('still being read from Amazon');
    await page.getByLabel('Language').selectOption('zh-CN');
    expect((await notice.innerText()).replace(/\s+/g, ' ')).toMatch(
      /亚马逊广告仍在生成.*有时长达三小时.*后刷新/,
    );
    await page.getByLabel('语言').selectOption('en');
    expect(await page.getByTestId('ads-time-zone').innerText()).toContain('America/Los_Angeles');
    expect(await page.locator('main').innerText()).not.toContain('Live from Amazon');
    // No report has arrived: no zero totals that would read as "no spend".
    await page.getByTestId('ads-pending').waitFor();
    expect(await page.locator('.kpis').count()).toBe(0);
    await screenshot(page, 'ads-incomplete');

    // Amazon (the sandbox) finishes the reports a minute later on its clock; the worker then stores them.
    await until(async () => {
      const { reports } = await sandbox<{ reports: Array<{ adProduct: string }> }>('/__sandbox/ads/reports');
      return reports.length >= 3 ? reports : undefined;
    });
    await sandbox('/__sandbox/clock', { advanceMs: 120_000 });
    const complete = await until(async () => {
      const response = await api(
        `/api/stores/${STORE_ID}/ads?marketplaceId=${US}&days=30&reason=ad-budget-review`,
      );
      const body = (await response.json()) as AdsSummary;
      return body.freshness.complete ? body : undefined;
    }, 90_000);

    // The page asks again on its own once retryAfterSeconds have passed.
    await until(async () => {
      await page.clock.fastForward(31_000);
      const gone = await notice
        .waitFor({ state: 'detached', timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      return gone ? true : undefined;
    }, 60_000);
    await page.locator('.kpis').waitFor();

    expect(await kpi(page, 'Spend').innerText()).toBe(usd(complete.totals.cost));
    expect(await kpi(page, 'Attributed sales').innerText()).toBe(usd(complete.totals.attributedSales));
    expect(await kpi(page, 'Attributed orders').innerText()).toBe(
      new Intl.NumberFormat('en').format(complete.totals.attributedOrders),
    );
    expect(await kpi(page, 'ACoS').innerText()).toMatch(/^\d+(\.\d)?%$/);
    expect(await kpi(page, 'ROAS').innerText()).toMatch(/^\d+\.\d\d×$/);
    // TACoS needs the orders history of the whole window: known once the store's pages have loaded it (the
    // inventory plan reads 60 days), "—" until then. Its value is checked in test/integration/workspace/ads.test.ts.
    expect(await kpi(page, 'TACoS').innerText()).toMatch(
      complete.totals.tacos === null ? /^—$/ : /^\d+(\.\d)?%$/,
    );
    expect(await page.getByTestId('ads-profile').innerText()).toContain(complete.profileId);

    const rows = page.locator('.data-table tbody tr');
    expect(await rows.count()).toBe(complete.campaigns.length);
    const over = complete.campaigns.filter((c) => c.outOfBudget);
    expect(over.length).toBeGreaterThan(0);
    const highlighted = page.locator('tr.ads-out-of-budget');
    expect(await highlighted.count()).toBe(over.length);
    expect(await highlighted.first().getByTestId('out-of-budget').innerText()).toBe('Out of budget');
    // The biggest spender first, as the API's numbers say.
    const bySpend = [...complete.campaigns].sort((a, b) => b.cost - a.cost);
    expect(await rows.first().locator('.ads-campaign-name').innerText()).toBe(bySpend[0]?.name);

    // Sorted by ACoS (highest first), campaigns without sales last.
    await page.getByRole('button', { name: 'ACoS' }).click();
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('ACoS');
    const byAcos = complete.campaigns
      .filter((c) => c.acos !== null)
      .sort((a, b) => (b.acos ?? 0) - (a.acos ?? 0));
    expect(await rows.first().locator('.ads-campaign-name').innerText()).toBe(byAcos[0]?.name);

    // Provisional days are named and marked in the chart's table.
    expect(complete.freshness.provisionalFrom).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(await page.getByTestId('ads-provisional-from').innerText()).toMatch(/provisional/);
    expect(await page.locator('.chart-bar-provisional').count()).toBeGreaterThan(0);
    await screenshot(page, 'ads-complete');

    // CSV export of the campaigns, in the table's order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Export CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^ads-${STORE_ID}-${US}-30d-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );

    // 简体中文.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '广告' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: '店铺视图' }).getByRole('link', { name: '广告' }).count(),
    ).toBe(1);
    expect(await kpi(page, '花费').count()).toBe(1);
    expect(await highlighted.first().getByTestId('out-of-budget').innerText()).toBe('预算已用完');
    expect(await page.getByTestId('ads-time-zone').innerText()).toContain('America/Los_Angeles');
    await screenshot(page, 'ads-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it("an operator reads the connected store's advertising but cannot disconnect it", async () => {
    const page = await signedIn('sofia', ADS_PAGE);
    await page.locator('.kpis').waitFor();
    expect(await page.locator('tr.ads-out-of-budget').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Disconnect advertising' }).count()).toBe(0);
  });

  it('the owner disconnects advertising after confirming; the call to connect is back', async () => {
    const page = await signedIn('lin', ADS_PAGE);
    const dialog = page.getByRole('dialog', { name: 'Disconnect advertising?' });
    // Cancel is the safe choice and changes nothing.
    await page.getByRole('button', { name: 'Disconnect advertising' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('.kpis').count()).toBe(1);
    await page.getByRole('button', { name: 'Disconnect advertising' }).click();
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Inventory and orders are not affected/);
    await screenshot(page, 'ads-disconnect-dialog');
    await dialog.getByRole('button', { name: 'Disconnect advertising' }).click();
    await page.getByTestId('ads-connect').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Advertising is disconnected' }).count()).toBe(1);
    // SP-API access is untouched: the inventory still answers.
    expect(
      (await api(`/api/stores/${STORE_ID}/inventory?marketplaceId=${US}&reason=inventory-replenishment`))
        .status,
    ).toBe(200);
  });

  it('hides the tab and never offers the consent when the ads dataset is not live', async () => {
    const page = await signedIn('lin', `/stores/${STORE_ID}/inventory`);
    // The stage's datasets without ads, as /config.json would carry them (MINT_HUB_DATASETS=inventory,orders).
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as {
        publicPage: { datasets: string[]; access: Array<{ dataset: string }> };
      };
      const publicPage = {
        ...json.publicPage,
        datasets: json.publicPage.datasets.filter((d) => d !== 'ads'),
        access: json.publicPage.access.filter((a) => a.dataset !== 'ads'),
      };
      await route.fulfill({ response, json: { ...json, publicPage } });
    });
    const adsRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/stores\/[^/]+\/ads/.test(new URL(request.url()).pathname)) adsRequests.push(request.url());
    });
    await page.reload();
    const tabs = page.getByRole('navigation', { name: 'Store views' });
    await tabs.getByRole('link', { name: 'Inventory' }).waitFor();
    expect(await tabs.getByRole('link', { name: 'Advertising' }).count()).toBe(0);

    await page.goto(`${suite.workspace.url}${ADS_PAGE}`);
    await page.getByTestId('ads-not-enabled').waitFor();
    expect(await page.getByRole('button', { name: 'Connect advertising' }).count()).toBe(0);
    expect(adsRequests).toEqual([]);
  });
});
