import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_PAGE_SIZE } from '../../shared/api/audit-contract';
import type { DataAccessRecord } from '../../shared/audit/audit-record';
import { browserSuite, connectStore, screenshot } from './browser-kit';

// The access log past one page, as an owner reads it: the API answers the newest AUDIT_PAGE_SIZE records and a
// cursor; the page says older records exist and loads them on request, in English and in 简体中文.

const SELLER = 'A2LUMENCRAFT7Q';
const STORE_ID = `${SELLER}-NA`;

jest.setTimeout(30_000);

const suite = browserSuite();

/** More records than one page, written where the local runtime's audit trail keeps them, one a minute back. */
function writeOlderAccesses(count: number): void {
  const now = Date.now();
  const lines = Array.from({ length: count }, (_, i) => {
    const record: DataAccessRecord = {
      kind: 'data-access',
      at: new Date(now - (i + 1) * 60_000).toISOString(),
      actor: { type: 'operator', id: 'user-lin' },
      storeId: STORE_ID,
      sellingPartnerId: SELLER,
      region: 'NA',
      marketplaceId: 'ATVPDKIKX0DER',
      dataset: 'orders',
      operation: 'searchOrders',
      reason: 'order-fulfillment-monitoring',
      outcome: 'allowed',
      source: 'snapshot',
      itemCount: 1,
      requestId: `older-${i}`,
    };
    return `${JSON.stringify(record)}\n`;
  });
  appendFileSync(path.join(suite.workspace.workspace.dataDir, 'audit.jsonl'), lines.join(''), {
    mode: 0o600,
  });
}

describe('the access log past one page', () => {
  it('lin connects the store (its owner may read its access log)', async () => {
    const page = await suite.signedIn('lin');
    await connectStore(page, suite.workspace, { region: 'NA', sellingPartnerId: SELLER });
    const row = page.getByRole('row').filter({ hasText: SELLER });
    await row.waitFor();
    expect(await row.getByText('Owner', { exact: true }).count()).toBe(1);
  });

  it('says older records exist, loads them with the cursor, and offers no more once all are shown', async () => {
    writeOlderAccesses(AUDIT_PAGE_SIZE + 20);
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/audit`);
    await page.getByRole('region', { name: 'Access records, newest first' }).waitFor();
    await page.getByText('Older records exist in this period.').waitFor();
    await screenshot(page, 'audit-load-older');

    const older = page.waitForResponse(
      (response) => response.url().includes('/audit?') && new URL(response.url()).searchParams.has('cursor'),
    );
    await page.getByRole('button', { name: 'Load older' }).click();
    const answer = (await (await older).json()) as {
      records: Array<{ requestId: string }>;
      nextCursor?: string;
    };

    // Newest first: the second page ends with the oldest record written.
    expect(answer.records.at(-1)?.requestId).toBe(`older-${AUDIT_PAGE_SIZE + 19}`);
    expect(answer.nextCursor).toBeUndefined();
    await page.getByRole('button', { name: 'Load older' }).waitFor({ state: 'detached' });
    expect(await page.getByText('Older records exist in this period.').count()).toBe(0);
  });

  it('offers the same in 简体中文', async () => {
    const page = await suite.signedIn('lin', `/stores/${STORE_ID}/audit`);
    await page.getByLabel('Language').selectOption('zh-CN');

    const loadOlder = page.getByRole('button', { name: '加载更早的记录' });
    await loadOlder.waitFor();
    await screenshot(page, 'audit-load-older-zh');
    expect(await loadOlder.isEnabled()).toBe(true);
  });
});
