import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, newContext, screenshot } from './browser-kit';

// The issue "The operators' workspace", Appstore hand-off and "a sign-in in one tab serves the others":
// a signed-out operator arriving from the Selling Partner Appstore reads which seller is waiting, signs in and
// confirms on the dashboard, and the sandbox connects the store; a tampered set shows one clear message; two tabs
// of one browser share one sign-in and one sign-out.

const SELLER = 'A2LUMENCRAFT7Q';
const SIGN_IN_PATH = '/local/oauth2/authorize';

jest.setTimeout(60_000);

const suite = browserSuite();

function applicationId(): string {
  const file = path.join(suite.workspace.workspace.dataDir, 'local-app.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { applicationId: string }).applicationId;
}

/** Every address a page's main frame requested (redirects included), to prove where it did (not) go. */
function visits(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) seen.push(request.url());
  });
  return seen;
}

const onDashboard = (page: Page, pathname: string) => (url: URL) =>
  url.origin === suite.workspace.url && url.pathname === pathname;

async function pickOperator(page: Page, name: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === SIGN_IN_PATH);
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
}

describe('the Appstore hand-off in a browser', () => {
  it('names the waiting seller signed out (both languages), keeps the request over sign-in, and connects on confirm', async () => {
    const context = suite.track(await newContext(suite.browser));
    const page = await context.newPage();
    const seen = visits(page);

    // "Authorize now" on the sandbox's Appstore listing: Amazon then loads our Login URI.
    await page.goto(`${suite.workspace.sandboxUrl}/appstore/authorize?application_id=${applicationId()}`);
    await page.getByRole('radio', { name: new RegExp(SELLER) }).check();
    await page.getByRole('button', { name: 'Log in to the application now' }).click();

    await page.waitForURL(onDashboard(page, '/appstore'));
    await page.getByRole('heading', { level: 1, name: 'Connect your Amazon store' }).waitFor();
    await page.getByText(`Seller ${SELLER} is waiting to be connected to Mint Hub.`).waitFor();
    // The parameters left the address bar for this tab's storage; no sign-in started on its own.
    expect(new URL(page.url()).search).toBe('');
    expect(seen.some((url) => url.includes(SIGN_IN_PATH))).toBe(false);
    await screenshot(page, 'appstore-waiting');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByText(`卖家 ${SELLER} 正在等待连接到 Mint Hub。`).waitFor();
    await screenshot(page, 'appstore-waiting-zh-CN');
    await page.locator('.language select').selectOption('en');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === SIGN_IN_PATH);
    // Amazon's amazon_state travels in no sign-in URL.
    expect(page.url()).not.toContain('amazon_state');
    expect(page.url()).not.toContain(SELLER);
    await pickOperator(page, 'Lin Zhao');

    await page.waitForURL(onDashboard(page, '/appstore'));
    const confirm = page.getByRole('button', { name: `Connect seller ${SELLER}` });
    await confirm.waitFor();
    await page.getByText(`Seller ${SELLER} is waiting to be connected to Mint Hub.`).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'appstore-confirm');

    // The confirmation starts the authorization; the sandbox's confirm consumes amazon_state and calls back.
    await confirm.click();
    await page.waitForURL(onDashboard(page, '/stores'));
    // Amazon got back the very amazon_state it sent to the Login URI, once.
    const sentByAmazon = seen.map((url) => new URL(url)).find((url) => url.pathname === '/auth/amazon/login');
    const toAmazon = seen
      .map((url) => new URL(url))
      .filter((url) => url.pathname.startsWith('/apps/authorize/confirm/'));
    expect(toAmazon).toHaveLength(1);
    expect(toAmazon[0]?.searchParams.get('amazon_state')).toBe(
      sentByAmazon?.searchParams.get('amazon_state'),
    );
    const row = page.getByRole('row').filter({ hasText: SELLER });
    await row.waitFor();
    expect(await row.getByText('Active', { exact: true }).count()).toBe(1);
    await screenshot(page, 'appstore-connected');

    // Back on the Appstore page, the spent request is never offered (or sent) again.
    let authorizations = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/authorizations')) authorizations += 1;
    });
    await page.goto(`${suite.workspace.url}/appstore`);
    await page
      .getByText('This request was already sent to Amazon and cannot be used twice.', { exact: false })
      .waitFor();
    expect(await page.getByRole('button', { name: /^Connect seller/ }).count()).toBe(0);
    expect(authorizations).toBe(0);
  });

  it('shows one clear message for a tampered set, and nothing of it', async () => {
    const context = suite.track(await newContext(suite.browser));
    const page = await context.newPage();
    const tampered = new URLSearchParams({
      amazon_callback_uri: `${suite.workspace.sandboxUrl}/apps/authorize/confirm/${applicationId()}`,
      amazon_state: 'not a state',
      selling_partner_id: 'A2LUMEN<b>CRAFT',
    });
    await page.goto(`${suite.workspace.url}/appstore?${tampered.toString()}`);
    const message = page.getByText('This request from the Selling Partner Appstore is not valid', {
      exact: false,
    });
    await message.waitFor();
    expect(await page.getByText('A2LUMEN', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Sign in|Connect/ }).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'appstore-invalid');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page
      .getByText('来自亚马逊应用商店（Selling Partner Appstore）的此请求无效', { exact: false })
      .waitFor();
    await screenshot(page, 'appstore-invalid-zh-CN');
  });
});

describe('one sign-in for every tab', () => {
  it('a second tab is signed in by the first, an expired one recovers, and a sign-out in one signs out both', async () => {
    const context = suite.track(await newContext(suite.browser));
    const first = await context.newPage();
    await first.goto(`${suite.workspace.url}/stores`);
    await pickOperator(first, 'Lin Zhao');
    await first.waitForURL(onDashboard(first, '/stores'));
    await first.getByRole('heading', { level: 1 }).waitFor();

    // A new tab asks the signed-in one: no sign-in page.
    const second = await context.newPage();
    const secondVisits = visits(second);
    await second.goto(`${suite.workspace.url}/stores`);
    await second.getByRole('heading', { level: 1, name: 'Stores' }).waitFor();
    await second.getByText('lin@minthub.local').waitFor();
    expect(secondVisits.some((url) => url.includes(SIGN_IN_PATH))).toBe(false);

    // Its session expires: the next request takes the other tab's session instead of leaving for sign-in.
    await second.evaluate(() => {
      const session = JSON.parse(window.sessionStorage.getItem('mintHub.session') ?? '{}') as object;
      window.sessionStorage.setItem('mintHub.session', JSON.stringify({ ...session, expiresAt: 1 }));
    });
    await second.getByRole('link', { name: 'Overview' }).click();
    await second.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await second.getByText('lin@minthub.local').waitFor();
    expect(secondVisits.some((url) => url.includes(SIGN_IN_PATH))).toBe(false);

    // Sign-out in the second tab signs the first out too.
    await second.getByRole('button', { name: 'Sign out' }).click();
    await first.getByText('You are signed out.').waitFor();
    await second.getByText('You are signed out.').waitFor();
    expect(await first.evaluate(() => window.sessionStorage.getItem('mintHub.session'))).toBeNull();
    await screenshot(first, 'tabs-signed-out');

    // Signing in again in the first tab makes the signed-out second tab usable, with no second sign-in.
    const before = secondVisits.length;
    await first.getByRole('button', { name: 'Sign in', exact: true }).click();
    await pickOperator(first, 'Lin Zhao');
    await first.getByRole('heading', { level: 1 }).waitFor();
    await second.getByRole('button', { name: 'Sign out' }).waitFor();
    await second.getByRole('heading', { level: 1 }).waitFor();
    expect(secondVisits.slice(before).some((url) => url.includes(SIGN_IN_PATH))).toBe(false);
    expect(
      await second.evaluate(
        () =>
          window.localStorage.length === 0 || !JSON.stringify(window.localStorage).includes('accessToken'),
      ),
    ).toBe(true);
    await screenshot(second, 'tabs-signed-in-by-other');
  });
});
