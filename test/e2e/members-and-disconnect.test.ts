import type { Locator, Page } from 'playwright-core';
import type { DisconnectResponse } from '../../shared/api/members-contract';
import { browserSuite, connectStore, screenshot } from './browser-kit';

// The issue "Store identity and team access", browser part: owners manage a store's members, operators see who
// else has access, a claimed seller id never joins another team's store, and a disconnect stops the store at once.
// The tests run in order and build on each other (lin connects the store first), each in fresh browser contexts.

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;
const SOFIA = { name: 'Sofia Marino', email: 'sofia@minthub.local' };
const LIN = { name: 'Lin Zhao', email: 'lin@minthub.local' };
const MANAGE_YOUR_APPS = 'Seller Central → Apps and Services → Manage Your Apps';

jest.setTimeout(30_000);

const suite = browserSuite();

const storeRow = (page: Page): Locator => page.getByRole('row').filter({ hasText: SELLER });
const membersTable = (page: Page): Locator => page.getByRole('table', { name: /^Members of / });
const memberRow = (page: Page, name: string): Locator =>
  membersTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });

/** Consent in the sandbox's Seller Central as the seller of the Lumen Craft store. */
const consentAsLumenCraft = (page: Page) =>
  connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });

/** The caller's own bearer token, for a hand-made API request from the page. */
async function apiFromPage(
  page: Page,
  path: string,
): Promise<{ status: number; body: { error?: { code?: string; status?: string; revokedReason?: string } } }> {
  return page.evaluate(async (target) => {
    const session = JSON.parse(window.sessionStorage.getItem('mintHub.session') ?? '{}') as {
      accessToken?: string;
    };
    const response = await fetch(target, {
      headers: { authorization: `Bearer ${session.accessToken ?? ''}` },
    });
    return { status: response.status, body: (await response.json()) as { error?: { code?: string } } };
  }, path);
}

describe('members and disconnect in a browser', () => {
  it('lin connects the store and is its only owner', async () => {
    const page = await suite.signedIn('lin');
    await consentAsLumenCraft(page);
    await storeRow(page).waitFor();
    expect(await storeRow(page).getByText('Active', { exact: true }).count()).toBe(1);
    expect(await storeRow(page).getByText('Owner', { exact: true }).count()).toBe(1);

    await storeRow(page).getByRole('link', { name: 'Members' }).click();
    await page.waitForURL((url) => url.pathname === `/stores/${STORE_ID}/members`);
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await membersTable(page).waitFor();
    const lin = memberRow(page, LIN.name);
    expect(await lin.innerText()).toContain(LIN.email);
    expect(await lin.getByText('Owner', { exact: true }).count()).toBe(1);
    expect(await lin.getByText('You', { exact: true }).count()).toBe(1);
    // The only owner can be neither removed nor made an operator.
    expect(await lin.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await lin.getByRole('combobox').count()).toBe(0);
  });

  it("refuses sofia's consent for lin's store: already connected by another team, nothing changed", async () => {
    const page = await suite.signedIn('sofia');
    await consentAsLumenCraft(page);

    const refused = page.getByRole('alert').filter({ hasText: 'already connected' });
    await refused.waitFor();
    expect(await refused.innerText()).toContain(
      'This store is already connected to Mint Hub by another team. Nothing was changed.',
    );
    expect(await refused.innerText()).toContain('ask one of its owners to add you');
    await page.waitForURL((url) => url.search === '');
    await page.getByText('No stores yet.', { exact: false }).waitFor();
    expect(await storeRow(page).count()).toBe(0);
    expect((await apiFromPage(page, `/api/stores/${STORE_ID}/members`)).status).toBe(403);
    await screenshot(page, 'store-owned-elsewhere');
  });

  it('explains store_owned_elsewhere in English and 简体中文', async () => {
    const page = await suite.signedIn('sofia');
    await page.goto(`${suite.workspace.url}/stores?authError=store_owned_elsewhere`);
    const notice = page.getByRole('alert').filter({ hasText: 'another team' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(
      "This store is already connected to Mint Hub by another team. Nothing was changed. To work on it, ask one of its owners to add you on the store's Members page.",
    );
    await page.waitForURL((url) => url.search === '');

    await page.getByLabel('Language').selectOption('zh-CN');
    const translated = page.getByRole('alert').filter({ hasText: '其他团队' });
    await translated.waitFor();
    expect(await translated.innerText()).toContain('此店铺已由其他团队连接到 Mint Hub，本次未做任何更改。');
    expect(await translated.innerText()).toContain('请联系该店铺的一位所有者');
    await screenshot(page, 'store-owned-elsewhere-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it('lin adds sofia as an operator by email; errors are shown inline', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/members`);
    await membersTable(page).waitFor();
    const form = page.getByRole('region', { name: 'Add a member' });

    // Not an address: caught before any request.
    await form.getByLabel('Email').fill('sofia');
    await form.getByRole('button', { name: 'Add member' }).click();
    expect(await form.getByRole('alert').innerText()).toBe(
      'Enter an email address, such as name@example.com.',
    );

    // Nobody by that email: the API's 404 OperatorNotFound, in plain words.
    await form.getByLabel('Email').fill('nobody@minthub.local');
    const missing = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === `/api/stores/${STORE_ID}/members`,
    );
    await form.getByRole('button', { name: 'Add member' }).click();
    expect((await missing).status()).toBe(404);
    const notFound = form.getByRole('alert').filter({ hasText: 'Nobody with that email' });
    await notFound.waitFor();
    expect(await notFound.innerText()).toContain('Error code: OperatorNotFound');

    await form.getByLabel('Email').fill(SOFIA.email);
    await form.getByLabel('Role').selectOption('operator');
    const added = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === `/api/stores/${STORE_ID}/members`,
    );
    await form.getByRole('button', { name: 'Add member' }).click();
    expect((await added).status()).toBe(201);
    await page
      .getByRole('status')
      .filter({ hasText: `${SOFIA.name} was added as Operator.` })
      .waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);

    const sofia = memberRow(page, SOFIA.name);
    await sofia.waitFor();
    expect(await sofia.innerText()).toContain(SOFIA.email);
    expect(await sofia.getByLabel(`Role of ${SOFIA.name}`).inputValue()).toBe('operator');
    expect(await sofia.getByRole('button', { name: `Remove ${SOFIA.name}` }).count()).toBe(1);
    expect(await sofia.innerText()).toContain(`by ${LIN.name}`);
    // Owners first.
    expect(await membersTable(page).getByRole('rowheader').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${LIN.name}`)),
      SOFIA.name,
    ]);
    await screenshot(page, 'members');
  });

  it('sofia sees the store and who else has access, read-only', async () => {
    const page = await suite.signedIn('sofia');
    await storeRow(page).waitFor();
    expect(await storeRow(page).getByText('Operator', { exact: true }).count()).toBe(1);
    expect(await storeRow(page).getByRole('button', { name: 'Disconnect' }).count()).toBe(0);
    expect(await storeRow(page).getByRole('link', { name: 'Access log' }).count()).toBe(0);

    await storeRow(page).getByRole('link', { name: 'Members' }).click();
    await page.waitForURL((url) => url.pathname === `/stores/${STORE_ID}/members`);
    await membersTable(page).waitFor();
    expect(await page.getByText('Only its owners can change this list.', { exact: false }).count()).toBe(1);
    expect(await memberRow(page, LIN.name).innerText()).toContain(LIN.email);
    expect(await memberRow(page, SOFIA.name).getByText('You', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Add a member' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await membersTable(page).getByRole('combobox').count()).toBe(0);
    expect(await membersTable(page).getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
    await screenshot(page, 'members-read-only');
  });

  it('lin removes sofia after confirming, and her store list is empty again', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/members`);
    await membersTable(page).waitFor();

    await memberRow(page, SOFIA.name)
      .getByRole('button', { name: `Remove ${SOFIA.name}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Remove ${SOFIA.name}?` });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(
      `${SOFIA.name} (${SOFIA.email}) will no longer see this store or its data in Mint Hub.`,
    );
    await screenshot(page, 'members-remove');
    const removed = page.waitForResponse(
      (response) =>
        response.request().method() === 'DELETE' &&
        new URL(response.url()).pathname.startsWith(`/api/stores/${STORE_ID}/members/`),
    );
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    expect((await removed).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .filter({ hasText: `${SOFIA.name} no longer has access to this store.` })
      .waitFor();
    expect(await memberRow(page, SOFIA.name).count()).toBe(0);
    expect(await memberRow(page, LIN.name).count()).toBe(1);

    const sofia = await suite.signedIn('sofia');
    await sofia.getByText('No stores yet.', { exact: false }).waitFor();
    expect(await storeRow(sofia).count()).toBe(0);
  });

  it('lin disconnects: the dialog sends the seller to Manage Your Apps, the row is disconnected at once', async () => {
    const page = await suite.signedIn('lin');
    await storeRow(page).waitFor();

    await storeRow(page).getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: /^Disconnect .+\?$/ });
    await dialog.waitFor();
    const advice = await dialog.innerText();
    expect(advice).toContain('Mint Hub stops reading this store at once');
    expect(advice).toContain('Mint Hub cannot revoke the authorization at Amazon.');
    expect(advice).toContain(MANAGE_YOUR_APPS);
    await screenshot(page, 'disconnect-dialog');

    // From the 202 on, the row shows it without another request for the list or a reload.
    const listRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/stores') listRequests.push(request.url());
    });
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'DELETE' &&
        new URL(response.url()).pathname === `/api/stores/${STORE_ID}`,
    );
    await dialog.getByRole('button', { name: 'Disconnect store' }).click();
    const response = await answered;
    expect(response.status()).toBe(202);
    const answer: DisconnectResponse = await response.json();
    expect(answer).toEqual({
      storeId: STORE_ID,
      status: 'REVOKED',
      revokedReason: 'disconnect',
      shredding: 'done',
    });
    await dialog.waitFor({ state: 'hidden' });

    const done = page.getByRole('status').filter({ hasText: 'is disconnected' });
    await done.waitFor();
    expect(await done.innerText()).toContain('Mint Hub no longer reads it.');
    expect(await done.innerText()).toContain(MANAGE_YOUR_APPS);
    const row = storeRow(page);
    await row.getByText('Disconnected', { exact: true }).waitFor();
    expect(await row.getByText('Disconnected by an owner in Mint Hub').count()).toBe(1);
    expect(await row.innerText()).not.toMatch(/seller (revoked|removed)|revoked by the seller/i);
    expect(await row.getByRole('link', { name: 'Inventory' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Disconnect' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Re-authorize' }).count()).toBe(1);
    expect(listRequests).toEqual([]);
    await screenshot(page, 'disconnected');

    // The very next read is refused, saying why; the list says the same after a reload.
    const read = await apiFromPage(
      page,
      `/api/stores/${STORE_ID}/inventory?marketplaceId=ATVPDKIKX0DER&reason=inventory-replenishment`,
    );
    expect(read.status).toBe(409);
    expect(read.body.error).toMatchObject({
      code: 'StoreNotActive',
      status: 'REVOKED',
      revokedReason: 'disconnect',
    });
    await page.reload();
    await storeRow(page).getByText('Disconnected by an owner in Mint Hub').waitFor();
    expect(await storeRow(page).getByText('Disconnected', { exact: true }).count()).toBe(1);
  });

  it('shows the revoked store page with the owner wording, not the seller', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/members`);
    await membersTable(page).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'An owner disconnected this store' });
    await notice.waitFor();
    expect(await notice.innerText()).not.toMatch(/seller revoked/i);
    expect(await memberRow(page, LIN.name).count()).toBe(1);
  });
});
