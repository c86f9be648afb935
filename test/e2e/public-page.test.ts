import type { Page } from 'playwright-core';
import type { PublicPageFacts } from '../../shared/api/public-page-contract';
import { dashboardContentSecurityPolicy } from '../../shared/http/content-security-policy';
import { buildPublicPageFacts, publicPageFactsFromEnvironment } from '../../shared/public-page/public-facts';
import { browserSuite, newContext, screenshot } from './browser-kit';

// The issue "The public SP-API page": /amazon-sp-api and /privacy, signed out, in both languages, their facts from
// the running configuration, the authorize button live or "coming soon", and nothing loaded from another origin.

jest.setTimeout(30_000);

const suite = browserSuite();
/** The facts the workspace serves in /config.json. */
let facts: PublicPageFacts;

beforeAll(async () => {
  const config = (await (await fetch(`${suite.workspace.url}/config.json`)).json()) as {
    publicPage: PublicPageFacts;
  };
  facts = config.publicPage;
});

/** A fresh signed-out page that records every URL it requests. */
async function signedOutPage(locale?: string): Promise<{ page: Page; requested: string[] }> {
  const context = suite.track(await newContext(suite.browser, locale));
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, requested };
}

const elsewhere = (urls: readonly string[]) =>
  urls.filter((url) => new URL(url).origin !== suite.workspace.url);

/** The datasets of the roles table's rows, in order. */
const listedDatasets = (page: Page) =>
  page
    .locator('table.public-roles tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-dataset')));

/** Serves /config.json with other public facts: the not-live state without a second workspace. */
async function overrideFacts(page: Page, override: PublicPageFacts): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...json, publicPage: override } });
  });
}

describe('the public SP-API page in a browser', () => {
  it('serves the facts of the running configuration', () => {
    // The same builder and environment as the handlers: roles are those of MINT_HUB_DATASETS.
    expect(facts).toEqual(publicPageFactsFromEnvironment(process.env));
    expect(facts.integrationLive).toBe(true);
  });

  it('renders signed out in English with the configured roles, the live button, and nothing from elsewhere', async () => {
    const { page, requested } = await signedOutPage();

    const response = await page.goto(`${suite.workspace.url}/amazon-sp-api`);
    await page
      .getByRole('heading', { level: 1, name: 'Mint Hub Operations and the Amazon Selling Partner API' })
      .waitFor();

    expect(new URL(page.url()).pathname).toBe('/amazon-sp-api');
    expect(response?.headers()['content-security-policy']).toBe(dashboardContentSecurityPolicy());
    expect(await listedDatasets(page)).toEqual(facts.datasets);
    for (const access of facts.access) {
      await expect(page.locator(`tr[data-dataset="${access.dataset}"]`).textContent()).resolves.toContain(
        access.api === 'sp-api' ? access.role : access.scope,
      );
    }
    const authorize = page.getByRole('button', { name: 'Authorize with Amazon', exact: true });
    expect(await authorize.isEnabled()).toBe(true);
    expect(await page.getByLabel('Amazon region').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: facts.contact?.email ?? '' }).getAttribute('href')).toBe(
      `mailto:${facts.contact?.email}`,
    );
    await screenshot(page, 'public-sp-api-en');

    await page
      .getByRole('navigation', { name: 'Public pages' })
      .first()
      .getByRole('link', { name: 'Privacy policy' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/privacy');
    expect(await page.locator('tr[data-retention="audit"] td').textContent()).toBe(
      `${facts.retention.auditLogDays} days`,
    );
    for (const snapshot of facts.retention.snapshots) {
      expect(await page.locator(`tr[data-retention="snapshot-${snapshot.dataset}"] td`).textContent()).toBe(
        `${snapshot.days} days`,
      );
    }
    await screenshot(page, 'privacy-en');

    expect(requested.length).toBeGreaterThan(0);
    expect(elsewhere(requested)).toEqual([]);
  });

  it('follows the browser into 简体中文, and remembers a switch of language over a reload', async () => {
    const chinese = await signedOutPage('zh-CN');
    await chinese.page.goto(`${suite.workspace.url}/amazon-sp-api`);
    await chinese.page.getByRole('heading', { level: 1, name: /亚马逊销售伙伴 API/ }).waitFor();
    expect(await listedDatasets(chinese.page)).toEqual(facts.datasets);
    expect(await chinese.page.getByRole('button', { name: '通过亚马逊授权', exact: true }).isEnabled()).toBe(
      true,
    );
    await screenshot(chinese.page, 'public-sp-api-zh-CN');

    const { page, requested } = await signedOutPage();
    await page.goto(`${suite.workspace.url}/privacy`);
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '隐私政策' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '隐私政策' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('tr[data-retention="audit"] td').textContent()).toBe(
      `${facts.retention.auditLogDays} 天`,
    );
    await screenshot(page, 'privacy-zh-CN');
    expect(elsewhere([...chinese.requested, ...requested])).toEqual([]);
  });

  it('says "coming soon" with the button disabled while the integration is not live, in both languages', async () => {
    const notLive = buildPublicPageFacts({
      datasets: ['inventory'],
      integrationLive: false,
      contact: facts.contact ?? undefined,
    });
    const { page, requested } = await signedOutPage();
    await overrideFacts(page, notLive);

    await page.goto(`${suite.workspace.url}/amazon-sp-api`);
    const comingSoon = page.getByRole('button', { name: 'Authorize with Amazon — coming soon' });
    await comingSoon.waitFor();

    expect(await comingSoon.isDisabled()).toBe(true);
    expect(await page.getByLabel('Amazon region').count()).toBe(0);
    expect(await listedDatasets(page)).toEqual(['inventory']);
    await screenshot(page, 'public-sp-api-not-live-en');

    await page.getByLabel('Language').selectOption('zh-CN');
    const chinese = page.getByRole('button', { name: /即将上线/ });
    await chinese.waitFor();
    expect(await chinese.isDisabled()).toBe(true);
    await screenshot(page, 'public-sp-api-not-live-zh-CN');
    expect(elsewhere(requested)).toEqual([]);
  });

  it('once live, leads through sign-in straight to Amazon’s consent for the chosen region', async () => {
    const { page } = await signedOutPage();
    await page.goto(`${suite.workspace.url}/amazon-sp-api`);
    await page.getByLabel('Amazon region').selectOption('EU');
    await page.getByRole('button', { name: 'Authorize with Amazon', exact: true }).click();

    await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
    // The local sign-in page links back to the public pages.
    expect(
      await page.getByRole('link', { name: 'How Mint Hub uses Amazon seller data' }).getAttribute('href'),
    ).toBe('/amazon-sp-api');
    const authorizationCreated = page.waitForResponse(
      (answer) =>
        new URL(answer.url()).pathname === '/api/authorizations' && answer.request().method() === 'POST',
    );
    await page.getByRole('button', { name: /^Lin Zhao/ }).click();

    const created = await authorizationCreated;
    expect(created.status()).toBe(200);
    expect(created.request().postDataJSON()).toEqual({ region: 'EU' });
    await page.waitForURL((url) =>
      url.href.startsWith(`${suite.workspace.sandboxUrl}/apps/authorize/consent`),
    );
  });

  it('is linked from the dashboard’s signed-out screen', async () => {
    const { page } = await signedOutPage();
    await page.goto(`${suite.workspace.url}/stores`);
    await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Mint Hub Operations' }).waitFor();

    await page.getByRole('link', { name: 'How we use Amazon seller data' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Mint Hub Operations and the Amazon Selling Partner API' })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/amazon-sp-api');
  });
});
