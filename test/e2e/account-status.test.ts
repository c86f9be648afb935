import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, connectStore, screenshot } from './browser-kit';

// Seller account status in a browser: lin connects the Lumen Craft store (which subscribes it to
// ACCOUNT_STATUS_CHANGED at the sandbox), Amazon deactivates the account (the sandbox control delivers the
// notification to the revocation queue, the worker maps its subscription to the store), and the dashboard shows the
// store Suspended with its explanation, then "Account at risk" when Amazon says AT_RISK. Runs in order.

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;

jest.setTimeout(40_000);

const suite = browserSuite();

beforeAll(async () => {
  const { workspace } = suite;
  const sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: workspace.workspace.endpoints.sqs,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: workspace.workspace.revocationQueueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
  sqs.destroy();
  // The workspace sets the app's notification destination as the stack does: the revocation queue's ARN.
  if (process.env.MINT_HUB_ACCOUNT_STATUS_DESTINATION_ARN !== Attributes?.QueueArn)
    throw new Error(`the destination setting is not the revocation queue ${Attributes?.QueueArn}`);
});

const storeRow = (page: Page): Locator => page.getByRole('row').filter({ hasText: SELLER });

async function amazonSays(status: 'NORMAL' | 'AT_RISK' | 'DEACTIVATED'): Promise<number> {
  const response = await fetch(`${suite.workspace.sandboxUrl}/__sandbox/notifications/account-status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sellingPartnerId: SELLER, region: 'NA', status }),
  });
  if (!response.ok) throw new Error(`sandbox control: ${response.status}`);
  return ((await response.json()) as { delivered: number }).delivered;
}

/** Reloads the stores list until the row shows `text` (the worker takes the message from the queue meanwhile). */
async function untilRowShows(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.goto(`${suite.workspace.url}/stores`);
    await storeRow(page).waitFor();
    if ((await storeRow(page).getByText(text, { exact: true }).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`the store row never showed "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('account status in a browser', () => {
  it('shows a store Amazon deactivated as Suspended, explained, in English and 简体中文', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    await storeRow(page).getByText('Active', { exact: true }).waitFor();

    expect(await amazonSays('DEACTIVATED')).toBe(1);
    await untilRowShows(page, 'Suspended');
    expect(await storeRow(page).innerText()).toContain('Amazon has suspended this seller account');

    await page.goto(`${suite.workspace.url}/stores/${STORE_ID}/inventory`);
    const notice = page.getByText('Amazon deactivated this seller account.', { exact: false });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Re-authorizing does not help');
    await screenshot(page, 'account-status-suspended');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByText('亚马逊已停用此卖家账户', { exact: false }).waitFor();
    await screenshot(page, 'account-status-suspended-zh-CN');
    await page.getByLabel('语言').selectOption('en');
  });

  it('shows "Account at risk" when Amazon says AT_RISK, and the store is readable again', async () => {
    const page = await suite.signedIn('lin');

    expect(await amazonSays('AT_RISK')).toBe(1);
    await untilRowShows(page, 'Account at risk');
    expect(await storeRow(page).getByText('Active', { exact: true }).count()).toBe(1);
    expect(await storeRow(page).innerText()).toContain('check Account Health in Seller Central');
    await screenshot(page, 'account-status-at-risk');
  });
});
