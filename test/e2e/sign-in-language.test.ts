import type { Page } from 'playwright-core';
import { browserSuite, newContext, screenshot } from './browser-kit';

// Both languages from the first page: the local sign-in page opens in the dashboard's language (or the browser's
// on a first visit), offers English / 简体中文 as links (it runs no script), keeps the sign-in going when switched,
// and the dashboard takes the pick over after sign-in and keeps it; its error pages offer both languages too.

jest.setTimeout(40_000);

const suite = browserSuite();

const onSignInPage = (page: Page) =>
  page.waitForURL((url) => url.pathname === '/local/oauth2/authorize' && url.searchParams.has('state'));
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('language on the sign-in page', () => {
  it('switches to 简体中文 on the sign-in page, keeps the request, and the dashboard follows and remembers', async () => {
    const context = suite.track(await newContext(suite.browser));
    const page = await context.newPage();
    await page.goto(`${suite.workspace.url}/`);
    await onSignInPage(page);
    const before = new URL(page.url());
    await page.getByRole('heading', { level: 1, name: 'Sign in to Mint Hub' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    const languages = page.getByRole('navigation', { name: 'Language' });
    expect(await languages.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('true');
    await screenshot(page, 'sign-in');

    await languages.getByRole('link', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: '登录 Mint Hub' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    const after = new URL(page.url());
    for (const param of [
      'client_id',
      'redirect_uri',
      'state',
      'code_challenge',
      'code_challenge_method',
      'scope',
    ])
      expect(after.searchParams.get(param)).toBe(before.searchParams.get(param));
    expect(await page.getByRole('button', { name: '取消' }).count()).toBe(1);
    await screenshot(page, 'sign-in-zh-CN');

    await page.getByRole('button', { name: /^Lin Zhao/ }).click();
    await page.getByRole('heading', { level: 1, name: '总览' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(await page.evaluate(() => window.localStorage.getItem('mintHub.language'))).toBe('zh-CN');
    // The hand-off cookie is read once and cleared: the dashboard's own storage holds the choice from here on.
    expect(await page.evaluate(() => document.cookie)).not.toContain('mintHub.language');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '总览' }).waitFor();
  });

  it('opens in the browser language on a first visit', async () => {
    const context = suite.track(await newContext(suite.browser, 'zh-CN'));
    const page = await context.newPage();
    await page.goto(`${suite.workspace.url}/stores`);
    await onSignInPage(page);
    await page.getByRole('heading', { level: 1, name: '登录 Mint Hub' }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh-CN');
    const languages = page.getByRole('navigation', { name: '语言' });
    expect(await languages.getByRole('link', { name: '简体中文' }).getAttribute('aria-current')).toBe('true');
  });

  it('offers both languages on its error pages', async () => {
    const context = suite.track(await newContext(suite.browser));
    const page = await context.newPage();
    const response = await page.goto(
      `${suite.workspace.url}/local/oauth2/authorize?client_id=bogus&response_type=code`,
    );
    expect(response?.status()).toBe(400);
    await page.getByRole('heading', { level: 1, name: 'Sign-in error' }).waitFor();
    await page.getByText('Unknown client_id.').waitFor();
    await screenshot(page, 'sign-in-error');

    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: '登录出错' }).waitFor();
    await page.getByText('未知的 client_id。').waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(await page.getByRole('link', { name: '返回 Mint Hub' }).getAttribute('href')).toBe('/');
    await screenshot(page, 'sign-in-error-zh-CN');
  });
});
